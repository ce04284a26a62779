package demo

import "math/rand/v2"

// deck holds one hundred stories' worth of kinds, in proportion to the
// sections' shares and spread evenly over each section's kinds. init builds
// it once the kinds are known.
var deck []dealt

func buildDeck() []dealt {
	var out []dealt
	for _, s := range sectionTable {
		n, ks := s.share/10, len(kinds[s.slug])
		for ki := range ks {
			for j := 0; j < n/ks+btoi(ki < n%ks); j++ {
				out = append(out, dealt{s.slug, ki})
			}
		}
	}
	return out
}

// dealt is one card of the deck: a section and a kind within it.
type dealt struct {
	section string
	kind    int
}

// deal says what article i is about. Each run of a hundred articles is a
// shuffled deck, so any page of the archive has the usual mix of stories and
// no kind comes up much more often than its share; the same seed deals the
// same cards.
func (g *Generator) deal(i int) (string, int) {
	cards := make([]dealt, len(deck))
	copy(cards, deck)
	r := rand.New(rand.NewPCG(g.seed^0xdec4, uint64(i/len(deck))))
	r.Shuffle(len(cards), func(a, b int) { cards[a], cards[b] = cards[b], cards[a] })
	c := cards[i%len(cards)]
	return c.section, c.kind
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
