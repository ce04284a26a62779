package demo

import (
	"testing"

	"masthead/internal/news"
)

// TestLeadPicturesNeverRepeat checks, for several seeds, that a reader never
// sees one picture twice on a page: no two of a section's stories within a
// front's length of each other lead with the same picture, and no two
// sections' newest stories (the ones the home page can show) do either.
func TestLeadPicturesNeverRepeat(t *testing.T) {
	const front = 20 // stories on a section front
	for seed := int64(1); seed <= 6; seed++ {
		g := New(Options{Seed: seed, Now: testNow})
		type shown struct {
			i   int
			src string
		}
		bySection := map[string][]shown{}
		for i := 0; i < g.Count(); i++ {
			a := g.Article(i)
			if a.Status != news.Published {
				continue
			}
			src := ""
			if a.LeadImage != nil {
				src = a.LeadImage.Src
			}
			bySection[a.Section.Slug] = append(bySection[a.Section.Slug], shown{i, src})
		}
		home := map[string]int{}
		for sec, list := range bySection {
			for n, s := range list {
				if s.src == "" {
					continue
				}
				for _, o := range list[max(0, n-front+1):n] {
					if o.src == s.src {
						t.Errorf("seed %d: %s’s articles %d and %d, on one front, both lead with %s", seed, sec, o.i, s.i, s.src)
					}
				}
				if n < homePlaces {
					if j, ok := home[s.src]; ok {
						t.Errorf("seed %d: articles %d and %d, both new enough for the home page, lead with %s", seed, j, s.i, s.src)
					}
					home[s.src] = s.i
				}
			}
		}
	}
}
