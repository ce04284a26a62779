package api_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"masthead/internal/api"
	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// story stores an article straight in the store, published at at (or a
// draft when at is zero).
func (n *node) story(headline string, at time.Time, tags ...string) news.Article {
	n.t.Helper()
	a := news.Article{Headline: headline, Standfirst: "What happened.", Section: n.section, Authors: []news.Author{n.author},
		Body: blocks.Document{blocks.P(blocks.T("The harbour master said so."))}, Status: news.Draft}
	for _, tg := range tags {
		a.Tags = append(a.Tags, news.Tag{Name: tg})
	}
	if !at.IsZero() {
		a.Status, a.PublishedAt, a.UpdatedAt = news.Published, at, at
	}
	if err := n.st.SaveArticle(context.Background(), &a); err != nil {
		n.t.Fatal(err)
	}
	return a
}

type listPage struct {
	Items []struct {
		ID       int64  `json:"id"`
		Headline string `json:"headline"`
	} `json:"items"`
	Next string `json:"next_cursor"`
}

func (p listPage) headlines() []string {
	var out []string
	for _, it := range p.Items {
		out = append(out, it.Headline)
	}
	return out
}

// TestCursorPagingAndFilters: pages follow a cursor that stays right while
// new stories are published in between; filters narrow the list; drafts
// never appear; a bad cursor or filter is a 400 problem naming the field.
func TestCursorPagingAndFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNode(t, st, api.Config{})
		base := n.clock.T.Add(-10 * time.Hour)
		for i := range 5 {
			n.story(fmt.Sprintf("Story %d", i+1), base.Add(time.Duration(i)*time.Hour), "ferries")
		}
		n.story("Unfinished draft", time.Time{}, "ferries")
		var first listPage
		n.call("", "GET", "/api/v1/articles?limit=2", nil).json(t, &first)
		if got := first.headlines(); !slices.Equal(got, []string{"Story 5", "Story 4"}) || first.Next == "" {
			t.Fatalf("the first page: %v next %q", got, first.Next)
		}
		n.story("Breaking news", n.clock.T)
		var second listPage
		n.call("", "GET", "/api/v1/articles?limit=2&cursor="+first.Next, nil).json(t, &second)
		if got := second.headlines(); !slices.Equal(got, []string{"Story 3", "Story 2"}) {
			t.Errorf("the second page after a new story: %v", got)
		}
		var last listPage
		n.call("", "GET", "/api/v1/articles?limit=2&cursor="+second.Next, nil).json(t, &last)
		if got := last.headlines(); !slices.Equal(got, []string{"Story 1"}) || last.Next != "" {
			t.Errorf("the last page: %v next %q", got, last.Next)
		}
		var filtered listPage
		n.call("", "GET", "/api/v1/articles?tag=ferries&published_before="+base.Add(2*time.Hour).Format(time.RFC3339), nil).json(t, &filtered)
		if got := filtered.headlines(); !slices.Equal(got, []string{"Story 2", "Story 1"}) {
			t.Errorf("by tag, published before: %v", got)
		}
		n.call("", "GET", "/api/v1/articles?section=harbour&author=morwenna-quayle&updated_since="+base.Add(3*time.Hour).Format(time.RFC3339), nil).json(t, &filtered)
		if got := filtered.headlines(); !slices.Equal(got, []string{"Breaking news", "Story 5", "Story 4"}) {
			t.Errorf("by section and author, updated since: %v", got)
		}
		for _, c := range []struct{ query, field string }{
			{"cursor=bm9wZQ", "cursor"}, {"cursor=%ff", "cursor"}, {"limit=0", "limit"}, {"limit=ten", "limit"},
			{"updated_since=yesterday", "updated_since"}, {"published_before=2026-13-01T00:00:00Z", "published_before"},
		} {
			r := n.call("", "GET", "/api/v1/articles?"+c.query, nil)
			if r.status != http.StatusBadRequest {
				t.Errorf("?%s: %d %s, want 400", c.query, r.status, r.body)
				continue
			}
			if p := r.problem(t); len(p.Errors) == 0 || p.Errors[0].Field != c.field {
				t.Errorf("?%s: the problem does not name %s: %+v", c.query, c.field, p)
			}
		}
		if r := n.call("", "GET", "/api/v1/articles?section=nowhere", nil); r.status != http.StatusUnprocessableEntity {
			t.Errorf("an unknown section: %d %s", r.status, r.body)
		} else if p := r.problem(t); len(p.Errors) == 0 || p.Errors[0].Field != "section" {
			t.Errorf("an unknown section's problem: %+v", p)
		}
		draft := n.story("Another draft", time.Time{})
		if r := n.call("", "GET", fmt.Sprintf("/api/v1/articles/%d", draft.ID), nil); r.status != http.StatusNotFound {
			t.Errorf("a draft by ID: %d", r.status)
		}
		for _, path := range []string{"/api/v1/sections", "/api/v1/authors", "/api/v1/authors/morwenna-quayle", "/api/v1/tags",
			"/api/v1/pages", "/api/v1/search?q=harbour"} {
			r := n.call("", "GET", path, nil)
			if r.status != http.StatusOK || strings.Contains(string(r.body), "draft") || strings.Contains(string(r.body), "@courier.example") {
				t.Errorf("%s: %d %s", path, r.status, r.body)
			}
		}
		if r := n.call("", "GET", "/api/v1/search", nil); r.status != http.StatusUnprocessableEntity {
			t.Errorf("a search without words: %d", r.status)
		}
		if r := n.call("", "GET", "/api/v1/nothing", nil); r.status != http.StatusNotFound {
			t.Errorf("an unknown route: %d", r.status)
		}
	})
}

// TestBadBodies: malformed JSON, an unknown field, a wrong type and an
// oversized body are 400 or 413 problems, and nothing is saved.
func TestBadBodies(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNode(t, st, api.Config{})
		key := n.makeKey("Wire feed", "", "articles:write")
		for _, c := range []struct {
			name, body string
			status     int
		}{
			{"malformed", `{"article": {"Headline": "Half`, http.StatusBadRequest},
			{"unknown field", `{"article": {"Headline": "Ferries"}, "colour": "red"}`, http.StatusBadRequest},
			{"wrong type", `{"article": {"Headline": 42}}`, http.StatusBadRequest},
			{"oversized", `{"article": {"Headline": "` + strings.Repeat("x", 5<<20) + `"}}`, http.StatusRequestEntityTooLarge},
			{"no headline", fmt.Sprintf(`{"article": {"Section": {"ID": %d}}}`, n.section.ID), http.StatusUnprocessableEntity},
		} {
			r := n.call(key, "POST", "/api/v1/admin/articles", strings.NewReader(c.body))
			if r.status != c.status {
				t.Errorf("%s: %d %s, want %d", c.name, r.status, r.body, c.status)
				continue
			}
			p := r.problem(t)
			if c.status == http.StatusUnprocessableEntity && (len(p.Errors) == 0 || p.Errors[0].Field != "headline") {
				t.Errorf("%s: the problem does not name the field: %+v", c.name, p)
			}
		}
		ids, err := st.ArticlesInStage(context.Background(), "draft", 0, 0, 10)
		if err != nil || len(ids) != 0 {
			t.Errorf("bad bodies saved something: %v %v", ids, err)
		}
	})
}

// TestRateLimitsSpareCacheHits: a client over its limit gets 429 with
// Retry-After, but a well-behaved one reading cached answers never does.
func TestRateLimitsSpareCacheHits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNode(t, st, api.Config{Rate: 0.01, Burst: 3})
		n.story("Story", n.clock.T)
		for i := range 20 {
			if r := n.call("", "GET", "/api/v1/sections", nil); r.status != http.StatusOK {
				t.Fatalf("cached read %d: %d %s", i, r.status, r.body)
			}
		}
		var limited bool
		for i := range 5 {
			r := n.call("", "GET", fmt.Sprintf("/api/v1/articles?limit=%d", i+1), nil)
			if r.status == http.StatusTooManyRequests {
				limited = true
				if ra := r.header.Get("Retry-After"); ra == "" || ra == "0" {
					t.Errorf("429 without Retry-After: %v", r.header)
				}
				r.problem(t)
				break
			}
		}
		if !limited {
			t.Errorf("five different uncached reads with a burst of 3 were never limited")
		}
		key := n.makeKey("Wire feed", "", "articles:write")
		var keyLimited bool
		for range 5 {
			if r := n.call(key, "GET", "/api/v1/admin/articles/999", nil); r.status == http.StatusTooManyRequests {
				keyLimited = true
				break
			}
		}
		if !keyLimited {
			t.Errorf("a key's calls to the write API were never limited")
		}
	})
}

// TestContentKeysAndCORS: with the setting on, the content API needs a key
// with content:read; any origin may call it, preflight included.
func TestContentKeysAndCORS(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNode(t, st, api.Config{})
		n.story("Story", n.clock.T)
		pre := n.call("", "OPTIONS", "/api/v1/articles", nil, "Origin", "https://app.example", "Access-Control-Request-Method", "GET",
			"Access-Control-Request-Headers", "Authorization")
		if pre.status != http.StatusNoContent || pre.header.Get("Access-Control-Allow-Origin") != "*" ||
			!strings.Contains(pre.header.Get("Access-Control-Allow-Headers"), "Authorization") {
			t.Errorf("preflight: %d %v", pre.status, pre.header)
		}
		if err := st.SetSetting(context.Background(), api.KeysRequiredSetting, "true"); err != nil {
			t.Fatal(err)
		}
		reader := n.makeKey("Newsletter", "", "content:read")
		writer := n.makeKey("Wire feed", "", "articles:write")
		// The setting reaches the node within a few seconds.
		deadline := time.Now().Add(30 * time.Second)
		for {
			r := n.call("", "GET", "/api/v1/articles", nil)
			if r.status == http.StatusUnauthorized {
				r.problem(t)
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the content API without a key after the setting: %d", r.status)
			}
			time.Sleep(200 * time.Millisecond)
		}
		if r := n.call(writer, "GET", "/api/v1/articles", nil); r.status != http.StatusForbidden {
			t.Errorf("a key without content:read: %d", r.status)
		}
		r := n.call(reader, "GET", "/api/v1/articles", nil)
		if r.status != http.StatusOK || !strings.Contains(r.header.Get("Cache-Control"), "private") {
			t.Errorf("with a content:read key: %d %v", r.status, r.header)
		}
	})
}

// TestEveryRouteIsInTheOpenAPIDocument fails when the API has a route the
// document does not describe, or the document one the API lacks.
func TestEveryRouteIsInTheOpenAPIDocument(t *testing.T) {
	st := dbtest.SQLite(t)
	a := api.New(api.Config{}, st)
	s := loadSpec(t)
	seen := map[string]bool{}
	for _, pattern := range a.Routes() {
		method, path, ok := strings.Cut(pattern, " ")
		if !ok {
			continue // the catch-all answering 404
		}
		seen[method+" "+path] = true
		item := s.doc.Paths.Value(path)
		if item == nil || item.GetOperation(method) == nil {
			t.Errorf("the route %s is not in the OpenAPI document", pattern)
		}
	}
	for path, item := range s.doc.Paths.Map() {
		for method := range item.Operations() {
			if !seen[method+" "+path] {
				t.Errorf("the OpenAPI document has %s %s, which the API lacks", method, path)
			}
		}
	}
}
