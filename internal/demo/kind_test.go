package demo

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestEveryHeadlineHasItsStandfirst checks that every kind pairs one
// standfirst with each headline, so stories from one kind under different
// headlines never share a standfirst on a front, and that each standfirst,
// filled for the article its headline belongs to, leaves no slot unfilled.
func TestEveryHeadlineHasItsStandfirst(t *testing.T) {
	g := newTest()
	for sec, ks := range kinds {
		for ki, k := range ks {
			if len(k.standfirsts) != len(k.headlines) {
				t.Errorf("%s, %s: %d standfirsts for %d headlines, want one each", sec, k.topic, len(k.standfirsts), len(k.headlines))
				continue
			}
			seen := map[string]int{}
			for h, sf := range k.standfirsts {
				if j, ok := seen[sf]; ok {
					t.Errorf("%s, %s: headlines %d and %d share the standfirst %q", sec, k.topic, j, h, sf)
				}
				seen[sf] = h
				// A few articles per headline: slots the headline leaves
				// open are picked at random, and derived values vary.
				for i := range 12 {
					r := rand.New(rand.NewPCG(uint64(i), uint64(h)))
					c := newCast(r, k, testNow)
					g.chooseHeadline(c, k, ki, h, i)
					if k.derive != nil {
						k.derive(c)
					}
					c.short = true
					headline := c.fill(k.headlines[h])
					c.short = false
					got := c.aside(sf)
					if strings.ContainsAny(got, `{}'"*_`) || strings.Contains(got, "  ") {
						t.Errorf("%s, %s, headline %q: standfirst has a stray slot, markup or ASCII quote: %q", sec, k.topic, headline, got)
						break
					}
				}
			}
		}
	}
}
