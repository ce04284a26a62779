package site_test

import (
	"regexp"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/store"
)

var (
	hrefs      = regexp.MustCompile(`<a href="(/[a-z-]+/\d{4}/\d{2}/\d{2}/[a-z0-9-]+)"`)
	frontStrip = regexp.MustCompile(`(?s)<section class="front front-[a-z-]+".*?</section>`)
)

// TestHomePageShowsEachStoryOnce: on a paper with a full archive, a story in
// the lead, beside it or in the latest list is not shown again in its
// section's strip below (TestPublicPages shows that a small paper's section
// whose stories are all in the latest list keeps its strip), and each
// strip that has a story with a picture leads with one (a strip shows its
// first story's picture alone).
func TestHomePageShowsEachStoryOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		base, _ := demoServerOn(t, st)
		_, body := fetch(t, base+"/")
		page := string(body)
		top, _, ok := strings.Cut(page, `<section class="most-read`)
		if !ok {
			t.Fatal("the home page has no most-read box")
		}
		above := map[string]bool{}
		for _, m := range hrefs.FindAllStringSubmatch(top, -1) {
			above[m[1]] = true
		}
		strips := frontStrip.FindAllString(page, -1)
		if len(strips) < 6 {
			t.Fatalf("the home page has %d section strips, want the demo's sections", len(strips))
		}
		for _, strip := range strips {
			for _, m := range hrefs.FindAllStringSubmatch(strip, -1) {
				if above[m[1]] {
					t.Errorf("%s is at the top of the page and again in a section's strip", m[1])
				}
			}
			if !strings.Contains(strip, "<picture") {
				t.Errorf("a section strip shows no picture: %.120s…", strip)
			}
		}
	})
}
