package demo

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"
)

// deck holds one hundred stories' worth of sections (indexes into
// sectionTable), in proportion to the sections' shares. init builds it once the kinds are known.
var deck []uint8

// rotas lists, per section, every headline template of its kinds in the
// order the section runs them: each kind's headlines spread evenly through
// the rota, so neighbouring stories of a section are about different
// things.
var rotas map[string][]template

// template is one headline of one kind: what a reader would see repeat if
// two stories shared it.
type template struct {
	kind, headline int
}

func buildDeck() []uint8 {
	var out []uint8
	for i, s := range sectionTable {
		for j := 0; j < s.share/10; j++ {
			out = append(out, uint8(i))
		}
	}
	return out
}

func buildRotas() map[string][]template {
	out := map[string][]template{}
	for sec, ks := range kinds {
		var list []template
		for ki, k := range ks {
			for h := range k.headlines {
				list = append(list, template{ki, h})
			}
		}
		// A template's place is how far through its kind's headlines it
		// is: a kind with seven headlines comes round every seventh of the
		// rota, one with five every fifth.
		place := func(t template) float64 {
			return (float64(t.headline) + 0.5) / float64(len(ks[t.kind].headlines))
		}
		slices.SortStableFunc(list, func(a, b template) int { return cmp.Compare(place(a), place(b)) })
		out[sec] = list
	}
	return out
}

// deal says what article i is about: its section, kind and headline. Each
// run of a hundred articles is a shuffled deck of sections, so any page of
// the archive has the usual mix of stories; the same seed deals the same
// cards. Within a section, published stories take the section's rota of
// headline templates in turn, so a section's newest stories (a section
// front, the home page's strip) never repeat a template until the rota runs
// out. A draft or withdrawn story takes the template its published
// neighbour will also take, since no reader sees both.
//
// It also returns the story's place in its section (j), which picks its lead
// picture (see planLeads).
func (g *Generator) deal(i int) (string, template, int) {
	run, at := i/len(deck), i%len(deck)
	cards := g.runs[run]
	sec := cards[at]
	j := g.before[run][sec]
	for k, c := range cards[:at] {
		if c == sec && !withheld(run*len(deck)+k) {
			j++
		}
	}
	name := sectionTable[sec].slug
	rota := rotas[name]
	return name, rota[(j+g.rotaStart(name))%len(rota)], j
}

// rotaStart is where the seed starts the section's rota, so each seed's
// paper opens on its own stories.
func (g *Generator) rotaStart(section string) int {
	return int(splitmix(g.seed^hashString(section)) % uint64(len(rotas[section])))
}

// shuffleRuns deals the generator's decks once: the sections of each run of
// a hundred articles (as indexes into sectionTable), and how many published
// stories each section had in the runs before.
func (g *Generator) shuffleRuns() {
	runs := (g.n + len(deck) - 1) / len(deck)
	g.runs = make([][]uint8, runs)
	g.before = make([][]int, runs)
	count := make([]int, len(sectionTable))
	for run := range g.runs {
		cards := make([]uint8, len(deck))
		copy(cards, deck)
		r := rand.New(rand.NewPCG(g.seed^0xdec4, uint64(run)))
		r.Shuffle(len(cards), func(a, b int) { cards[a], cards[b] = cards[b], cards[a] })
		g.runs[run] = cards
		g.before[run] = append([]int(nil), count...)
		for k, c := range cards {
			if !withheld(run*len(deck) + k) {
				count[c]++
			}
		}
	}
}

// withheld reports whether article i is one the readers never see: a draft
// (i%80 == 7) or a story taken down (i%120 == 59).
func withheld(i int) bool { return i%80 == 7 || i%120 == 59 }

// Template names the headline template article i was written from, such as
// "local/2/1" (the section, its kind and the kind's headline). No two of a
// section's newest stories share one, as many as the section has templates
// (TemplatesPerSection).
func (g *Generator) Template(i int) string {
	sec, t, _ := g.deal(i)
	return sec + "/" + strconv.Itoa(t.kind) + "/" + strconv.Itoa(t.headline)
}

// TemplatesPerSection is the fewest headline templates any section has: a
// section's stories repeat a template no sooner than this.
func TemplatesPerSection() int {
	n := 0
	for _, s := range sectionTable {
		if l := len(rotas[s.slug]); n == 0 || l < n {
			n = l
		}
	}
	return n
}
