package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"masthead/internal/api"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// editorDoc is the part of the newsroom's article document the tests read.
type editorDoc struct {
	Article struct{ ID int64 } `json:"article"`
	Version int                `json:"version"`
	Stage   string             `json:"stage"`
}

// TestPublishWithAKeyAndReadItBack is what a partner's script does with a
// key alone: upload a picture, give it alt text, write a story with it as
// the lead picture, publish, and read it back from the content API, where
// it shows with its renditions, bylines (no e-mail), tags and sources. The
// revisions and the audit log name the key.
func TestPublishWithAKeyAndReadItBack(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNode(t, st, api.Config{})
		key := n.makeKey("Partner app", "", "articles:publish", "media:write")

		up := n.upload(key, "quay.jpg", jpegBytes(t, 800, 600))
		var uploaded struct {
			Results []struct {
				Asset struct{ ID int64 } `json:"asset"`
			} `json:"results"`
		}
		up.json(t, &uploaded)
		if up.status != http.StatusOK || len(uploaded.Results) != 1 || uploaded.Results[0].Asset.ID == 0 {
			t.Fatalf("upload with the key: %d %s", up.status, up.body)
		}
		pic := uploaded.Results[0].Asset.ID
		if _, err := n.lib.ProcessPending(context.Background()); err != nil {
			t.Fatal(err)
		}
		alt := n.call(key, "POST", fmt.Sprintf("/api/v1/admin/media/%d", pic),
			strings.NewReader(url.Values{"alt": {"The mended quay wall at low tide"}, "focus_x": {"0.5"}, "focus_y": {"0.5"}}.Encode()),
			"Content-Type", "application/x-www-form-urlencoded")
		if alt.status != http.StatusOK {
			t.Fatalf("alt text with the key: %d %s", alt.status, alt.body)
		}

		created := n.send(key, "POST", "/api/v1/admin/articles", map[string]any{"article": map[string]any{
			"Headline": "Quay wall repaired", "Standfirst": "The harbour reopens.", "Section": map[string]any{"ID": n.section.ID},
			"Authors": []any{map[string]any{"ID": n.author.ID}}, "Tags": []any{map[string]any{"Name": "Harbour works"}},
			"Sources":   []any{map[string]any{"Name": "Harbour board minutes", "URL": "https://harbour.example/minutes"}},
			"LeadImage": map[string]any{"Asset": pic, "Alt": "The mended quay wall at low tide"},
			"Body":      []any{map[string]any{"type": "paragraph", "content": []any{map[string]any{"text": "The wall is mended."}}}}}})
		var doc editorDoc
		created.json(t, &doc)
		if created.status != http.StatusCreated || doc.Article.ID == 0 {
			t.Fatalf("creating with the key: %d %s", created.status, created.body)
		}
		id := doc.Article.ID
		// Not yet published: the content API does not know it.
		if r := n.call("", "GET", fmt.Sprintf("/api/v1/articles/%d", id), nil); r.status != http.StatusNotFound {
			t.Errorf("a draft through the content API: %d %s", r.status, r.body)
		} else {
			r.problem(t)
		}
		list := n.call("", "GET", "/api/v1/articles", nil)
		if list.status != http.StatusOK || strings.Contains(string(list.body), "Quay wall") {
			t.Errorf("the list before publishing: %d %s", list.status, list.body)
		}

		pub := n.send(key, "POST", fmt.Sprintf("/api/v1/admin/articles/%d/publish", id), map[string]any{"base": doc.Version})
		if pub.status != http.StatusOK {
			t.Fatalf("publishing with the key: %d %s", pub.status, pub.body)
		}

		// The cached list was purged by the publish.
		list = n.call("", "GET", "/api/v1/articles", nil)
		var page struct {
			Items []struct {
				ID        int64  `json:"id"`
				Headline  string `json:"headline"`
				LeadImage *struct {
					Src   string `json:"src"`
					Sizes []struct{ Src string }
				} `json:"lead_image"`
			} `json:"items"`
		}
		list.json(t, &page)
		if len(page.Items) != 1 || page.Items[0].ID != id || page.Items[0].LeadImage == nil {
			t.Fatalf("the list after publishing: %s", list.body)
		}
		one := n.call("", "GET", fmt.Sprintf("/api/v1/articles/%d", id), nil)
		var art struct {
			URL       string `json:"url"`
			HTML      string `json:"html"`
			Text      string `json:"text"`
			LeadImage struct {
				Alt   string `json:"alt"`
				Sizes []struct {
					Src   string `json:"src"`
					Width int    `json:"width"`
				} `json:"sizes"`
			} `json:"lead_image"`
			Authors []struct{ Name string } `json:"authors"`
			Tags    []struct{ Name string } `json:"tags"`
			Sources []struct{ URL string }  `json:"sources"`
		}
		one.json(t, &art)
		if one.status != http.StatusOK || art.LeadImage.Alt != "The mended quay wall at low tide" || len(art.LeadImage.Sizes) == 0 ||
			!strings.HasPrefix(art.URL, n.ts.URL+"/harbour/") || !strings.Contains(art.HTML, "<p>The wall is mended.</p>") ||
			!strings.Contains(art.Text, "The wall is mended.") || len(art.Authors) != 1 || art.Authors[0].Name != "Morwenna Quayle" ||
			len(art.Tags) != 1 || len(art.Sources) != 1 {
			t.Errorf("the article through the content API: %d %s", one.status, one.body)
		}
		if strings.Contains(string(one.body), "morwenna@courier.example") {
			t.Errorf("the content API shows an author's e-mail address: %s", one.body)
		}
		if one.header.Get("ETag") == "" || !strings.Contains(one.header.Get("Cache-Control"), "s-maxage") ||
			!strings.Contains(one.header.Get("Surrogate-Key"), fmt.Sprintf("article:%d", id)) || one.header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("caching headers: %v", one.header)
		}
		again := n.call("", "GET", fmt.Sprintf("/api/v1/articles/%d", id), nil, "If-None-Match", one.header.Get("ETag"))
		if again.status != http.StatusNotModified {
			t.Errorf("a conditional request with the ETag: %d", again.status)
		}

		// A change saved to the live story (issue 14 item 1) waits: the
		// content API, its search and the sitemaps keep the live version
		// until Update, then follow it.
		var cur struct {
			Article map[string]any `json:"article"`
			Version int            `json:"version"`
		}
		n.call(key, "GET", fmt.Sprintf("/api/v1/admin/articles/%d", id), nil).json(t, &cur)
		cur.Article["Headline"], cur.Article["Slug"] = "Quay wall collapses again", "quay-wall-collapses"
		staged := n.send(key, "PUT", fmt.Sprintf("/api/v1/admin/articles/%d", id), map[string]any{"base": cur.Version, "article": cur.Article})
		var stagedDoc editorDoc
		staged.json(t, &stagedDoc)
		if staged.status != http.StatusOK {
			t.Fatalf("saving a change to the live story: %d %s", staged.status, staged.body)
		}
		sitemaps := func() string {
			var all strings.Builder
			for _, path := range []string{"/sitemaps/news.xml", "/sitemaps/articles-1.xml"} {
				resp, err := http.Get(n.ts.URL + path)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("%s: %d", path, resp.StatusCode)
				}
				all.Write(b)
			}
			return all.String()
		}
		for _, path := range []string{fmt.Sprintf("/api/v1/articles/%d", id), "/api/v1/articles", "/api/v1/search?q=collapses"} {
			if r := n.call("", "GET", path, nil); r.status != http.StatusOK || strings.Contains(string(r.body), "collapses") {
				t.Errorf("%s shows the change before Update: %d %s", path, r.status, r.body)
			}
		}
		if sm := sitemaps(); strings.Contains(sm, "quay-wall-collapses") || !strings.Contains(sm, "quay-wall-repaired") {
			t.Errorf("the sitemaps before Update: %s", sm)
		}
		if upd := n.send(key, "POST", fmt.Sprintf("/api/v1/admin/articles/%d/update", id), map[string]any{"base": stagedDoc.Version}); upd.status != http.StatusOK {
			t.Fatalf("Update with the key: %d %s", upd.status, upd.body)
		}
		if r := n.call("", "GET", fmt.Sprintf("/api/v1/articles/%d", id), nil); !strings.Contains(string(r.body), "Quay wall collapses again") {
			t.Errorf("the content API after Update: %d %s", r.status, r.body)
		}
		if sm := sitemaps(); !strings.Contains(sm, "quay-wall-collapses") {
			t.Errorf("the sitemaps after Update: %s", sm)
		}

		revs, err := st.Revisions(context.Background(), id)
		if err != nil || len(revs) == 0 || !slices.ContainsFunc(revs, func(r store.Revision) bool { return r.UserName == "API key: Partner app" }) {
			t.Errorf("the revisions do not name the key: %+v %v", revs, err)
		}
		log, err := st.AuditLog(context.Background(), 50, 0)
		if err != nil || !slices.ContainsFunc(log, func(e news.AuditEntry) bool {
			return e.Action == "article.publish" && e.Name == "API key: Partner app"
		}) {
			t.Errorf("the audit log does not name the key for the publish: %+v %v", log, err)
		}
	})
}

// TestKeyScopesRevocationAndExpiry: a key does what its scopes allow and
// nothing more (403), through the rule table; a revoked or expired key is
// refused (401); the screen shows when a key was last used.
func TestKeyScopesRevocationAndExpiry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNode(t, st, api.Config{})
		for _, bad := range []struct {
			form url.Values
			want string
		}{
			{url.Values{"name": {""}, "scopes": {"content:read"}}, "Give the key a name"},
			{url.Values{"name": {"No scopes"}}, "at least one scope"},
			{url.Values{"name": {"Odd"}, "scopes": {"everything"}}, "is not a scope"},
			{url.Values{"name": {"Late"}, "scopes": {"admin"}, "expires": {"2026-12-01"}}, "That date has passed"},
		} {
			resp, err := n.admin.PostForm(n.ts.URL+"/admin/api-keys", bad.form)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), bad.want) || tokenInPage.Match(body) {
				t.Errorf("making a key with %v: %d, want 422 saying %q and no key", bad.form, resp.StatusCode, bad.want)
			}
		}
		if keys, err := st.APIKeys(context.Background()); err != nil || len(keys) != 0 {
			t.Errorf("refused keys were stored: %v %v", keys, err)
		}
		reader := n.makeKey("Newsletter", "", "content:read")
		writer := n.makeKey("Wire feed", "", "articles:write")
		expiring := n.makeKey("Intern script", "2026-12-06", "articles:publish")
		draft := map[string]any{"article": map[string]any{"Headline": "Ferry timetable changes", "Section": map[string]any{"ID": n.section.ID}}}

		if r := n.send(reader, "POST", "/api/v1/admin/articles", draft); r.status != http.StatusForbidden {
			t.Errorf("content:read creating an article: %d %s", r.status, r.body)
		} else if p := r.problem(t); !strings.Contains(p.Detail, "articles:write") {
			t.Errorf("the refusal does not name the scope: %+v", p)
		}
		if r := n.upload(writer, "a.jpg", jpegBytes(t, 40, 30)); r.status != http.StatusForbidden {
			t.Errorf("articles:write uploading: %d %s", r.status, r.body)
		}
		created := n.send(writer, "POST", "/api/v1/admin/articles", draft)
		var doc editorDoc
		created.json(t, &doc)
		if created.status != http.StatusCreated {
			t.Fatalf("articles:write creating: %d %s", created.status, created.body)
		}
		// articles:write acts as a contributor: it may submit, not publish.
		path := fmt.Sprintf("/api/v1/admin/articles/%d", doc.Article.ID)
		if r := n.send(writer, "POST", path+"/publish", map[string]any{"base": doc.Version}); r.status != http.StatusForbidden {
			t.Errorf("articles:write publishing: %d %s", r.status, r.body)
		}
		if r := n.send(writer, "POST", path+"/submit", map[string]any{"base": doc.Version}); r.status != http.StatusOK {
			t.Errorf("articles:write submitting: %d %s", r.status, r.body)
		}
		if r := n.send(expiring, "GET", path, nil); r.status != http.StatusOK {
			t.Errorf("articles:publish reading the submitted draft: %d %s", r.status, r.body)
		}
		// Past the expiry date (the end of 6 December) the key is refused.
		n.clock.Advance(40 * time.Hour)
		if r := n.call(expiring, "GET", path, nil); r.status != http.StatusUnauthorized {
			t.Errorf("an expired key: %d %s", r.status, r.body)
		} else if p := r.problem(t); !strings.Contains(p.Detail, "expired") {
			t.Errorf("the refusal of an expired key: %+v", p)
		}

		keys, err := st.APIKeys(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var wireID int64
		for _, k := range keys {
			if k.Name == "Wire feed" {
				wireID = k.ID
				if k.LastUsedAt.IsZero() {
					t.Errorf("the key's last use was not recorded")
				}
			}
		}
		page := n.adminPage("GET", "/admin/api-keys", nil)
		if !strings.Contains(page, "Wire feed") || !strings.Contains(page, "expired") || strings.Contains(page, writer) {
			t.Errorf("the keys screen (it must list keys, never show a token again): %s", page)
		}
		n.adminPage("POST", fmt.Sprintf("/admin/api-keys/%d/revoke", wireID), url.Values{})
		if r := n.call(writer, "GET", path, nil); r.status != http.StatusUnauthorized {
			t.Errorf("a revoked key: %d %s", r.status, r.body)
		}
		if r := n.call("mh_not-a-key", "GET", path, nil); r.status != http.StatusUnauthorized {
			t.Errorf("an unknown key: %d %s", r.status, r.body)
		}
		if r := n.call("", "GET", path, nil); r.status != http.StatusUnauthorized {
			t.Errorf("no key at all: %d %s", r.status, r.body)
		}
		// The keys' accounts are not people.
		if p := n.adminPage("GET", "/admin/people", nil); strings.Contains(p, "API key:") {
			t.Errorf("the people screen lists the keys' accounts")
		}
	})
}

// adminPage fetches a newsroom page as the admin.
func (n *node) adminPage(method, path string, form url.Values) string {
	n.t.Helper()
	var resp *http.Response
	var err error
	if method == "POST" {
		resp, err = n.admin.PostForm(n.ts.URL+path, form)
	} else {
		resp, err = n.admin.Get(n.ts.URL + path)
	}
	if err != nil {
		n.t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	_, _ = io.Copy(&b, resp.Body)
	if resp.StatusCode >= 300 {
		n.t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, b.String())
	}
	return b.String()
}
