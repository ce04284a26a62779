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

// nthPicture is the nth of the pictures showing the motifs, round and
// round: a section's stories pick their lead pictures by their place in it,
// so two stories near each other in a section (and so on one page) do not
// lead with the same picture.
func nthPicture(motifs []motif, n int) *picture {
	total := 0
	for _, m := range motifs {
		total += len(byMotif[m])
	}
	n %= total
	for _, m := range motifs {
		if n < len(byMotif[m]) {
			return &pictures[byMotif[m][n]]
		}
		n -= len(byMotif[m])
	}
	return nil // not reached: n < total
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
