package news

import (
	"strconv"
	"strings"
	"testing"
)

func TestSlugify(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Russia’s Court", "russias-court"},
		{"Russia's Court", "russias-court"},
		{"“Harbour” plan — approved…", "harbour-plan-approved"},
		{"Café owners’ €2m deal", "cafe-owners-2m-deal"},
		{"Straße in Łódź, Ærø and Øresund", "strasse-in-lodz-aero-and-oresund"},
		{"Rock & roll", "rock-and-roll"},
		{"  --Hello,   World!--  ", "hello-world"},
		{"2026: the year in 10 charts", "2026-the-year-in-10-charts"},
		{"日本", ""},
		{"", ""},
	}
	for _, c := range cases {
		if got := Slugify(c.in); got != c.want {
			t.Errorf("Slugify(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSlugifyKeepsSlugsShortOnWordBoundaries(t *testing.T) {
	long := ""
	for i := 0; i < 30; i++ {
		long += "harbour "
	}
	got := Slugify(long)
	if len(got) > 100 || got[len(got)-1] == '-' || got[len(got)-7:] != "harbour" {
		t.Errorf("Slugify(long) = %q (%d bytes)", got, len(got))
	}
}

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"Russia’s Court", "a--b", "ÅÆØ", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		slug := Slugify(s)
		if slug == "" {
			return
		}
		if err := validateSlug(slug); err != nil {
			t.Fatalf("Slugify(%q) = %q, which is not a valid slug: %v", s, slug, err)
		}
	})
}

func TestRootSlugsReserved(t *testing.T) {
	for _, s := range []string{"author", "tag", "archive", "static", "media", "admin"} {
		if ValidateRootSlug(s) == nil {
			t.Errorf("%q may be taken by a section or page, but the site uses it", s)
		}
	}
	if err := ValidateRootSlug("world"); err != nil {
		t.Error(err)
	}
}

func TestCheckRoute(t *testing.T) {
	for _, c := range []struct {
		pattern string
		ok      bool
	}{
		{"GET /{$}", true}, {"GET /{slug}", true}, {"/", true}, {"GET /privacy", true},
		{"GET /feed.xml", true}, {"/admin/", true}, {"GET /author/{slug}/{feed}", true},
		{"GET /newsletter", false}, {"POST /subscribe/{id}", false}, {"news.example/opinion", false},
	} {
		if err := CheckRoute(c.pattern); (err == nil) != c.ok {
			t.Errorf("CheckRoute(%q) = %v, want ok=%v", c.pattern, err, c.ok)
		}
	}
}

// A second story with a long headline once got a slug over the limit, which
// stopped `masthead demo --articles 100000` at its 6,001st article.
func TestNumberedSlugKeepsToTheLimit(t *testing.T) {
	long := Slugify(strings.Repeat("council approves harbour plan ", 6))
	if len(long) < 95 {
		t.Fatalf("the test needs a slug near the limit, got %d characters", len(long))
	}
	for _, n := range []int{2, 10, 1234} {
		got := NumberedSlug(long, n)
		if len(got) > 100 || validateSlug(got) != nil {
			t.Errorf("NumberedSlug(…, %d) = %q (%d characters): %v", n, got, len(got), validateSlug(got))
		}
		if want := "-" + strconv.Itoa(n); !strings.HasSuffix(got, want) || strings.Contains(got, "--") {
			t.Errorf("NumberedSlug(…, %d) = %q, want it to end in %q after a whole word", n, got, want)
		}
	}
	if got := NumberedSlug("budget", 2); got != "budget-2" {
		t.Errorf("NumberedSlug(budget, 2) = %q", got)
	}
}
