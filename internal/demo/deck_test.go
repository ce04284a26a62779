package demo

import (
	"testing"

	"masthead/internal/news"
)

// TestSectionsNeverRepeatATemplate checks, for every section and several
// seeds, that the section's newest published stories (what its front and the
// home page show) come from as many different headline templates: a reader
// never sees "Only 29% affordable…" beside "Only 22% affordable…".
func TestSectionsNeverRepeatATemplate(t *testing.T) {
	// A section front lists 20 stories; every section has more templates.
	const front = 20
	if n := TemplatesPerSection(); n < front+2 {
		t.Fatalf("the thinnest section has %d headline templates, want at least %d", n, front+2)
	}
	for seed := int64(1); seed <= 4; seed++ {
		g := New(Options{Seed: seed, Now: testNow})
		seen := map[string]map[string]int{}
		for i := 0; i < g.Count(); i++ {
			a := g.Article(i)
			if a.Status != news.Published {
				continue
			}
			sec := a.Section.Slug
			if seen[sec] == nil {
				seen[sec] = map[string]int{}
			}
			if len(seen[sec]) == front {
				continue
			}
			tpl := g.Template(i)
			if j, ok := seen[sec][tpl]; ok {
				t.Errorf("seed %d: articles %d and %d, both among %s’s newest %d, share the template %s: %q and %q",
					seed, j, i, sec, front, tpl, g.Article(j).Headline, a.Headline)
			}
			seen[sec][tpl] = i
		}
	}
}

// TestColumnsNeverRepeatAStandfirst checks, for several seeds, that no two
// of the newest columns (what the opinion front and the home page's opinion
// strip show) carry the same standfirst, which a reader would notice under
// two different headlines.
func TestColumnsNeverRepeatAStandfirst(t *testing.T) {
	const front = 20
	for seed := int64(1); seed <= 6; seed++ {
		g := New(Options{Seed: seed, Now: testNow})
		seen := map[string]int{}
		for i := 0; i < g.Count() && len(seen) < front; i++ {
			a := g.Article(i)
			if a.Status != news.Published || a.Section.Slug != "opinion" {
				continue
			}
			if j, ok := seen[a.Standfirst]; ok {
				t.Errorf("seed %d: columns %d and %d, both on the opinion front, share the standfirst %q", seed, j, i, a.Standfirst)
			}
			seen[a.Standfirst] = i
		}
		if len(seen) < front {
			t.Errorf("seed %d: %d different standfirsts among the newest columns, want %d", seed, len(seen), front)
		}
	}
}
