package site_test

import (
	"html"
	"net/url"
	"regexp"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/store"
)

var shareItem = regexp.MustCompile(`<li><a href="([^"]*)" rel="noopener">([^<]*)</a></li>`)
var shareBox = regexp.MustCompile(`(?s)<ul class="share">.*?</ul>`)

// TestShareLinksCarryTheArticle: each share link hands its service the
// article's headline and canonical address exactly, whatever the headline's
// quotes, dashes and ampersands.
func TestShareLinksCarryTheArticle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		path := "/world/2026/11/20/russias-court-rules-on-the-cranes-at-last"
		headline := "Russia’s court rules on the “cranes” — at last…"
		canonical := "http://news.example" + path
		_, body := fetch(t, ts.URL+path)
		links := map[string]url.Values{}
		for _, m := range shareItem.FindAllStringSubmatch(string(shareBox.FindString(string(body))), -1) {
			u, err := url.Parse(html.UnescapeString(m[1]))
			if err != nil {
				t.Fatalf("the %s link %q is not a URL: %v", m[2], m[1], err)
			}
			links[m[2]] = u.Query()
		}
		want := map[string]map[string]string{
			"Email":    {"subject": headline, "body": canonical},
			"Bluesky":  {"text": headline + " " + canonical},
			"X":        {"text": headline, "url": canonical},
			"Facebook": {"u": canonical},
			"LinkedIn": {"url": canonical},
			"WhatsApp": {"text": headline + " " + canonical},
		}
		if len(links) != len(want) {
			t.Errorf("share links %v, want one for each of %d services", links, len(want))
		}
		for service, params := range want {
			for k, v := range params {
				if got := links[service].Get(k); got != v {
					t.Errorf("%s link: %s = %q, want %q", service, k, got, v)
				}
			}
		}
	})
}
