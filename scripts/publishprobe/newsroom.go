package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"
)

// editor talks to the newsroom as the browser's editor does: signed in with
// the session cookie, JSON in and out, from the newsroom's own origin.
type editor struct {
	base   string
	client *http.Client
}

// doc is the part of the newsroom's article document the probe uses. The
// article is kept as it came, so that a save sends back every field the
// browser would.
type doc struct {
	Article map[string]any `json:"article"`
	Version int            `json:"version"`
	LiveURL string         `json:"live_url"`
}

func signIn(base, email, password string) (*editor, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	ed := &editor{base: strings.TrimRight(base, "/"), client: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		// The answer to a sign-in is a redirect into the newsroom; the
		// cookie it sets is all the probe needs.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	form := url.Values{"email": {email}, "password": {password}, "next": {"/admin"}}
	req, err := http.NewRequest(http.MethodPost, ed.base+"/admin/signin", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	ed.sameOrigin(req)
	res, err := ed.client.Do(req)
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("signing in as %s: %s", email, res.Status)
	}
	return ed, nil
}

// sameOrigin sets the headers a browser sends with the editor's requests.
func (ed *editor) sameOrigin(req *http.Request) {
	req.Header.Set("Origin", ed.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
}

// call sends one request of the article API and decodes the document it
// answers with.
func (ed *editor) call(method, path string, body any) (doc, error) {
	var d doc
	var in io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return d, err
		}
		in = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, ed.base+path, in)
	if err != nil {
		return d, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	ed.sameOrigin(req)
	res, err := ed.client.Do(req)
	if err != nil {
		return d, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return d, err
	}
	if res.StatusCode != http.StatusOK {
		return d, fmt.Errorf("%s %s: %s %s", method, path, res.Status, bytes.TrimSpace(b))
	}
	return d, json.Unmarshal(b, &d)
}

func (ed *editor) open(id int64) (doc, error) {
	return ed.call(http.MethodGet, fmt.Sprintf("/admin/api/articles/%d", id), nil)
}

// save is the editor's Save (not an autosave) of the article as d holds it.
func (ed *editor) save(id int64, d doc) (doc, error) {
	return ed.call(http.MethodPut, fmt.Sprintf("/admin/api/articles/%d", id),
		map[string]any{"base": d.Version, "article": d.Article, "autosave": false})
}

// act is one of the editor's action buttons, such as update.
func (ed *editor) act(id int64, action string, version int) (doc, error) {
	return ed.call(http.MethodPost, fmt.Sprintf("/admin/api/articles/%d/%s", id, action), map[string]any{"base": version})
}
