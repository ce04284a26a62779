package site_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

var currentLink = regexp.MustCompile(`<a href="([^"]*)" aria-current="page">`)

// TestMenuMarksTheCurrentPage: the section menu and the footer are rendered
// once and reused, so each page must still get its own current link, and a
// change to the site's sections, pages or year must show at once.
func TestMenuMarksTheCurrentPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		ctx := context.Background()
		current := func(path string) []string {
			t.Helper()
			_, body := fetch(t, ts.URL+path)
			var out []string
			for _, m := range currentLink.FindAllStringSubmatch(string(body), -1) {
				out = append(out, m[1])
			}
			return out
		}
		cases := []struct{ path, want string }{
			{"/world", "/world"},
			{"/local", "/local"},
			{"/world/2026/11/20/harbour-cranes-case-opens", "/world"},
			{"/local/2026/11/20/local-cranes-fans-rally", "/local"},
			{"/privacy", "/privacy"},
			{"/about", "/about"},
			{"/world", "/world"}, // again, after the others
		}
		for _, c := range cases {
			if got := current(c.path); len(got) != 1 || got[0] != c.want {
				t.Errorf("%s marks %q as the current page, want only %q", c.path, got, c.want)
			}
		}
		if got := current("/tag/harbour"); len(got) != 0 {
			t.Errorf("/tag/harbour marks %q as the current page, want none", got)
		}

		secs, err := st.Sections(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, sec := range secs {
			if sec.Slug == "local" {
				sec.Name = "City & County"
				if err := st.UpdateSection(ctx, &sec); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := st.CreatePage(ctx, &news.Page{Title: "Contact the desk", Slug: "contact", Published: true, InFooter: true}); err != nil {
			t.Fatal(err)
		}
		_, body := fetch(t, ts.URL+"/world")
		for _, want := range []string{`<a href="/local">City &amp; County</a>`, `<a href="/contact">Contact the desk</a>`} {
			if !strings.Contains(string(body), want) {
				t.Errorf("after the change, /world lacks %s", want)
			}
		}
		if strings.Contains(string(body), `>Local</a>`) {
			t.Error("after the rename, /world still shows the old section name")
		}

		dbtest.SetClock(st, time.Date(2027, 1, 1, 0, 0, 1, 0, time.UTC))
		_, body = fetch(t, ts.URL+"/world")
		if !strings.Contains(string(body), "© 2027 The Test Courier") || !strings.Contains(string(body), `href="/archive/2027"`) {
			t.Error("on New Year's Day the footer still shows last year")
		}
	})
}
