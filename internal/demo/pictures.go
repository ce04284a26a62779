package demo

import (
	"fmt"
	"math/rand/v2"
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

// lightsPerMotif is how many lights each motif is drawn in: four of the six,
// a different four for neighbouring motifs, so the demo has forty pictures
// to draw at start-up.
const lightsPerMotif = 4

// pictures holds every motif in four lights: 40 images, demo-01 to demo-40.
var pictures = func() []picture {
	out := make([]picture, int(motifCount)*lightsPerMotif)
	for i := range out {
		m := motif(i % int(motifCount))
		pal := (i/int(motifCount) + i%int(motifCount)) % paletteCount
		out[i] = picture{name: fmt.Sprintf("demo-%02d", i+1), motif: m, palette: pal,
			alt: fmt.Sprintf(motifAlt[m], paletteAlt[pal])}
	}
	return out
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

// pickPicture picks an image showing one of the motifs, other than not.
func pickPicture(r *rand.Rand, motifs []motif, not *picture) *picture {
	for {
		m := motifs[r.IntN(len(motifs))]
		p := &pictures[int(m)+int(motifCount)*r.IntN(lightsPerMotif)]
		if p != not {
			return p
		}
	}
}
