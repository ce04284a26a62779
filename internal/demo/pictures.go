package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// motif is what a demo picture shows in silhouette.
type motif int

// The motifs; stories ask for the ones that suit them.
const (
	cranes motif = iota
	skyline
	hills
	lighthouse
	bridge
	stadium
	street
	room
	pitch
	fields
	motifCount
)

// The light a picture is taken in.
const (
	dawn = iota
	midday
	golden
	dusk
	night
	overcast
	paletteCount
)

// picture is one of the generated demo images.
type picture struct {
	name    string
	motif   motif
	palette int
	alt     string
}

func (p *picture) src() string { return "/media/demo/" + p.name + ".jpg" }

// motifAlt describes each motif; %s is the sky.
var motifAlt = [motifCount]string{
	cranes:     "Harbour cranes silhouetted against %s, reflected in the still water of the dock",
	skyline:    "The city’s rooftops and towers beneath %s, seen across the river",
	hills:      "Rolling hills above a quiet estuary under %s",
	lighthouse: "A lighthouse on a rocky headland against %s, with the sea below",
	bridge:     "An arched bridge spanning the river beneath %s",
	stadium:    "Stadium floodlights rising above terraced rooftops under %s",
	street:     "A row of shopfronts with awnings on a quiet high street under %s",
	room:       "An empty council chamber, its long table and rows of chairs lit by tall windows onto %s",
	pitch:      "An empty football pitch and the stand opposite under %s",
	fields:     "A patchwork of fields and hedgerows running to distant hills under %s",
}

var paletteAlt = [paletteCount]string{
	dawn:     "a pale pink dawn sky",
	midday:   "a clear blue midday sky",
	golden:   "a golden evening sky",
	dusk:     "an orange and violet sky at dusk",
	night:    "a moonlit night sky",
	overcast: "a heavy grey sky",
}

// lights is how many lights each motif is drawn in (a different few for
// neighbouring motifs): four for the scenes most stories use, three for the
// rest, so start-up draws 36 pictures, as many as when there were six
// motifs.
var lights = [motifCount]int{cranes: 4, skyline: 4, hills: 3, lighthouse: 3, bridge: 3, stadium: 3,
	street: 4, room: 4, pitch: 4, fields: 4}

// pictures holds every motif in its lights: demo-01 to demo-36; byMotif
// lists each motif's pictures.
var pictures, byMotif = func() ([]picture, [motifCount][]int) {
	var out []picture
	var by [motifCount][]int
	for k := 0; k < paletteCount; k++ {
		for m := motif(0); m < motifCount; m++ {
			if k >= lights[m] {
				continue
			}
			pal := (k + int(m)) % paletteCount
			by[m] = append(by[m], len(out))
			out = append(out, picture{name: fmt.Sprintf("demo-%02d", len(out)+1), motif: m, palette: pal,
				alt: fmt.Sprintf(motifAlt[m], paletteAlt[pal])})
		}
	}
	return out, by
}()

// ImageNames returns the names of the generated demo images, which articles
// use as /media/demo/<name>.jpg.
func ImageNames() []string {
	out := make([]string, len(pictures))
	for i, p := range pictures {
		out[i] = p.name
	}
	return out
}

// ImageAlt returns the alt text that describes the named image, or "" for an
// unknown name.
func ImageAlt(name string) string {
	if p := pictureNamed(name); p != nil {
		return p.alt
	}
	return ""
}

func pictureNamed(name string) *picture {
	for i := range pictures {
		if pictures[i].name == name {
			return &pictures[i]
		}
	}
	return nil
}

// homePlaces is how many of each section's newest stories the home page
// shows pictures of: the lead and the two stories beside it are the newest
// with pictures, and each section's strip leads with its newest story not
// already shown, so the third newest of a section at most, unless all three
// at the top come from one section. Covering that case too (four places in
// each of eight sections, from 36 pictures) leaves some seeds no matching.
const homePlaces = 3

// planLeads chooses every section's lead pictures, one for each place in
// the section's rota (a story at place j of its section leads with
// leads[section][j % len(rota)]). Within a section no two places share a
// picture, so a section front, which shows fewer stories than the rota is
// long, never repeats one; and no two sections share a picture among their
// newest homePlaces stories, so the home page never does either. Each place
// shows one of its story kind's motifs. It is a matching of places to
// pictures (Kuhn's augmenting paths): the home page's places across
// sections first, then each section's other places around them; the seed
// turns the order pictures are tried in, so each seed's paper has its own.
func (g *Generator) planLeads() {
	spin := int(splitmix(g.seed^0x1ead) % uint64(len(pictures)))
	// Every place's options: its kind's motifs' pictures, in the seed's order.
	options := map[string][][]*picture{}
	var home [][]*picture // the home page's places, section after section
	for _, s := range sectionTable {
		rota := rotas[s.slug]
		start := g.rotaStart(s.slug)
		opts := make([][]*picture, len(rota))
		for p := range rota {
			k := kinds[s.slug][rota[(p+start)%len(rota)].kind]
			for n := range pictures {
				if pic := &pictures[(n+spin)%len(pictures)]; slices.Contains(k.motifs, pic.motif) {
					opts[p] = append(opts[p], pic)
				}
			}
		}
		options[s.slug] = opts
		home = append(home, opts[:homePlaces]...)
	}
	// The home page's places first, across sections; then each section's
	// other places around them.
	onHome := matchPlaces(home)
	g.leads = map[string][]*picture{}
	for si, s := range sectionTable {
		opts := options[s.slug]
		for p := range homePlaces {
			if pic := onHome[si*homePlaces+p]; pic != nil {
				opts[p] = []*picture{pic}
			}
		}
		leads := matchPlaces(opts)
		for p := range leads {
			if leads[p] == nil {
				// Not reached with the kinds' motifs as they are (see
				// TestLeadPicturesNeverRepeat); a repeat beats no picture.
				leads[p] = opts[p][p%len(opts[p])]
			}
		}
		g.leads[s.slug] = leads
	}
}

// matchPlaces gives each place one of its options, no option to two places,
// by augmenting paths; a place left without one is nil.
func matchPlaces(options [][]*picture) []*picture {
	owner := map[*picture]int{}
	var try func(p int, seen map[*picture]bool) bool
	try = func(p int, seen map[*picture]bool) bool {
		for _, pic := range options[p] {
			if seen[pic] {
				continue
			}
			seen[pic] = true
			if q, taken := owner[pic]; !taken || try(q, seen) {
				owner[pic] = p
				return true
			}
		}
		return false
	}
	for p := range options {
		try(p, map[*picture]bool{})
	}
	out := make([]*picture, len(options))
	for pic, p := range owner {
		out[p] = pic
	}
	return out
}

// pickPicture picks an image showing one of the motifs, other than not.
func pickPicture(r *rand.Rand, motifs []motif, not *picture) *picture {
	for {
		m := motifs[r.IntN(len(motifs))]
		list := byMotif[m]
		p := &pictures[list[r.IntN(len(list))]]
		if p != not {
			return p
		}
	}
}
