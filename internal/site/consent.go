package site

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"masthead/internal/news"
	"masthead/internal/store"
)

// consentRequest is what the banner's script posts when a reader chooses.
type consentRequest struct {
	Purposes []string `json:"purposes"`
	Version  string   `json:"version"`
}

// consentResponse tells the script what was recorded: the purposes the
// reader allowed less any that Global Privacy Control keeps off.
type consentResponse struct {
	ID       string   `json:"id"`
	Purposes []string `json:"purposes"`
	Version  string   `json:"version"`
	GPC      bool     `json:"gpc"`
}

// handleConsent records a reader's choice: a random ID, the purposes
// allowed, the policy version and the time; never the IP address or the
// user agent. It is a POST from the page's own script, never cached.
func (s *Site) handleConsent(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	var req consentRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil || dec.Decode(&struct{}{}) != io.EOF {
		s.failJSON(w, r, news.Errorf(news.EMALFORMED, `send a JSON object such as {"purposes": ["embeds"], "version": "1"}`))
		return
	}
	shared, err := s.shared(r.Context())
	if err != nil {
		s.failJSON(w, r, err)
		return
	}
	p := shared.privacy
	if len(p.Purposes) == 0 {
		s.failJSON(w, r, news.Errorf(news.ECONFLICT, "this site asks no consent: it uses nothing that needs it"))
		return
	}
	if req.Version != p.PolicyVersion {
		s.failJSON(w, r, news.Errorf(news.ECONFLICT, "the privacy policy has changed since this page was loaded; reload the page and choose again"))
		return
	}
	gpc := sentGPC(r)
	c := store.Consent{PolicyVersion: p.PolicyVersion, GPC: gpc}
	for _, key := range req.Purposes {
		var x *purpose
		for i := range p.Purposes {
			if p.Purposes[i].Key == key {
				x = &p.Purposes[i]
			}
		}
		if x == nil {
			s.failJSON(w, r, news.Errorf(news.EMALFORMED, "%s", "“"+shorten(key)+"” is not a purpose this site asks about; it asks about "+purposeKeys(p)))
			return
		}
		if !(gpc && x.GPC) && !slices.Contains(c.Purposes, key) {
			c.Purposes = append(c.Purposes, key)
		}
	}
	if err := s.store.RecordConsent(r.Context(), &c); err != nil {
		s.failJSON(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, consentResponse{ID: c.ID, Purposes: nonNil(c.Purposes), Version: c.PolicyVersion, GPC: gpc})
}

// handleGPC tells the page's script whether its browser sent the Global
// Privacy Control header, for browsers that send the header but do not
// expose navigator.globalPrivacyControl. The answer differs per reader, so
// it is never cached.
func (s *Site) handleGPC(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	w.Header().Set("Vary", "Sec-GPC")
	writeJSON(w, http.StatusOK, map[string]bool{"gpc": sentGPC(r)})
}

// sentGPC reports whether the request carries Global Privacy Control.
func sentGPC(r *http.Request) bool {
	return strings.TrimSpace(r.Header.Get("Sec-GPC")) == "1"
}

func purposeKeys(p privacySettings) string {
	keys := make([]string, len(p.Purposes))
	for i, x := range p.Purposes {
		keys[i] = x.Key
	}
	return strings.Join(keys, ", ")
}

func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// noStore marks a response that holds a reader's own state, which no cache
// may keep or share.
func noStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// failJSON answers a privacy call that failed with {"error": …} and the
// status news.HTTPStatus gives err, as the site's pages and the API do;
// internal detail goes to the log only.
func (s *Site) failJSON(w http.ResponseWriter, r *http.Request, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": "the request is too large"})
		return
	}
	msg := news.ErrorMessage(err)
	switch news.ErrorCode(err) {
	case news.EUNAVAILABLE:
		s.log.Warn("privacy endpoint cannot save", "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", strconv.Itoa(news.RetryAfter))
		msg = "the server cannot save your choice right now; please try again in a minute"
	case news.EINTERNAL:
		if r.Context().Err() == nil {
			s.log.Error("privacy endpoint failed", "path", r.URL.Path, "err", err)
		}
		msg = "something went wrong on our side; please try again"
	}
	writeJSON(w, news.HTTPStatus(err), map[string]string{"error": msg})
}
