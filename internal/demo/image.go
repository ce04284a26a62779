package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"sync"
)

// ImageJPEG draws the named demo picture at w×h pixels and encodes it as a
// JPEG. The picture is a quiet, photograph-like scene (sky, light, a
// silhouette of cranes, roofs or hills, water) that depends only on the name,
// so every run of the demo serves the same bytes. It is encoded at quality
// 90, as a newsroom exports a picture for upload: the loader draws pictures
// at the size served, so nothing smooths the upload's compression away.
func ImageJPEG(name string, w, h int) ([]byte, error) {
	p := pictureNamed(name)
	if p == nil {
		return nil, fmt.Errorf("demo: no image named %q", name)
	}
	if w < 16 || h < 16 || w > 4000 || h > 4000 {
		return nil, fmt.Errorf("demo: image size %dx%d is outside 16 to 4000 pixels", w, h)
	}
	img := canvas(w, h)
	defer canvases.Put(img)
	s := newScene(img, p)
	s.draw()
	var buf bytes.Buffer
	buf.Grow(w * h / 12)
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		return nil, fmt.Errorf("demo: encode %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// canvases keeps drawing surfaces between calls: the loader asks for dozens
// of pictures of the same size, and each surface is several megabytes. Every
// scene paints every pixel, so a reused surface needs no clearing.
var canvases sync.Pool

func canvas(w, h int) *image.RGBA {
	if img, ok := canvases.Get().(*image.RGBA); ok && img.Rect.Dx() == w && img.Rect.Dy() == h {
		return img
	}
	return image.NewRGBA(image.Rect(0, 0, w, h))
}

// rgb is a colour; scenes mix these rather than image/color values because
// the arithmetic is simpler and faster.
type rgb struct{ r, g, b float64 }

func (a rgb) mix(b rgb, t float64) rgb {
	return rgb{a.r + (b.r-a.r)*t, a.g + (b.g-a.g)*t, a.b + (b.b-a.b)*t}
}

// palette is the light a scene is drawn in.
type palette struct {
	top, mid, low rgb // sky from zenith to horizon
	sun, glow     rgb
	far, ink      rgb // distant and near silhouettes
	water         rgb
	sunY          float64 // sun or moon height as a fraction of the horizon; 0 for none
	sunR, glowR   float64 // radius and glow radius, as fractions of the height
	lights        bool    // windows and floodlights are lit
	stars         bool
}

var palettes = [paletteCount]palette{
	dawn: {top: rgb{70, 88, 150}, mid: rgb{190, 150, 175}, low: rgb{250, 196, 170},
		sun: rgb{255, 236, 205}, glow: rgb{255, 205, 180}, far: rgb{150, 122, 150}, ink: rgb{52, 44, 68},
		water: rgb{90, 80, 115}, sunY: 0.86, sunR: 0.035, glowR: 0.3},
	midday: {top: rgb{52, 118, 200}, mid: rgb{120, 170, 225}, low: rgb{200, 226, 242},
		sun: rgb{255, 255, 245}, glow: rgb{235, 245, 255}, far: rgb{112, 140, 160}, ink: rgb{38, 56, 66},
		water: rgb{40, 92, 130}, sunY: 0.22, sunR: 0.03, glowR: 0.16},
	golden: {top: rgb{80, 104, 165}, mid: rgb{230, 170, 120}, low: rgb{255, 205, 110},
		sun: rgb{255, 240, 190}, glow: rgb{255, 200, 110}, far: rgb{170, 112, 80}, ink: rgb{48, 34, 38},
		water: rgb{110, 80, 70}, sunY: 0.8, sunR: 0.045, glowR: 0.4},
	dusk: {top: rgb{34, 36, 92}, mid: rgb{150, 80, 130}, low: rgb{255, 138, 72},
		sun: rgb{255, 196, 120}, glow: rgb{255, 120, 70}, far: rgb{105, 58, 88}, ink: rgb{24, 18, 34},
		water: rgb{60, 40, 70}, sunY: 0.97, sunR: 0.05, glowR: 0.45, lights: true},
	night: {top: rgb{6, 10, 30}, mid: rgb{16, 24, 56}, low: rgb{38, 50, 88},
		sun: rgb{238, 236, 220}, glow: rgb{120, 135, 170}, far: rgb{26, 32, 58}, ink: rgb{9, 10, 20},
		water: rgb{12, 18, 40}, sunY: 0.3, sunR: 0.028, glowR: 0.14, lights: true, stars: true},
	overcast: {top: rgb{112, 118, 128}, mid: rgb{150, 155, 162}, low: rgb{190, 192, 194},
		far: rgb{128, 134, 140}, ink: rgb{62, 68, 74}, water: rgb{95, 104, 112}, lights: true},
}

// scene draws one picture onto an RGBA image.
type scene struct {
	img     *image.RGBA
	w, h    int
	horizon int
	water   bool
	pal     palette
	light   int // which palette
	motif   motif
	r       *rand.Rand
	pierX   [2]int // where a bridge's piers stand
}

func newScene(img *image.RGBA, p *picture) *scene {
	b := img.Bounds()
	s := &scene{img: img, w: b.Dx(), h: b.Dy(), pal: palettes[p.palette], light: p.palette, motif: p.motif,
		r: rand.New(rand.NewPCG(hashString(p.name), 0x5eed))}
	frac := 0.6 + 0.06*s.r.Float64()
	switch p.motif {
	case stadium:
		frac = 0.74
	case street:
		frac = 0.8
	case room:
		frac = 0.68
	case pitch:
		frac = 0.5
	case fields:
		frac = 0.42
	default:
		s.water = true
	}
	s.horizon = int(float64(s.h) * frac)
	return s
}

func (s *scene) draw() {
	s.sky()
	s.farLayer()
	switch s.motif {
	case cranes:
		s.cranes()
	case skyline:
		s.skyline()
	case hills:
		s.hills()
	case lighthouse:
		s.lighthouse()
	case bridge:
		s.bridge()
	case stadium:
		s.stadium()
	case street:
		s.street()
	case room:
		s.room()
	case pitch:
		s.pitch()
	case fields:
		s.fields()
	}
	if s.water {
		s.reflect()
		if s.motif == bridge {
			s.piers()
		}
	}
	s.finish()
}

// blend mixes c into one pixel with weight t, 0 to 1.
func (s *scene) blend(x, y int, c rgb, t float64) {
	if x < 0 || y < 0 || x >= s.w || y >= s.h || t <= 0 {
		return
	}
	s.mixAt(y*s.img.Stride+x*4, c.ints(), int(min(t, 1)*256))
}

// ink is a colour as whole numbers, for the per-pixel loops.
type ink struct{ r, g, b int }

func (a rgb) ints() ink { return ink{int(clamp8(a.r)), int(clamp8(a.g)), int(clamp8(a.b))} }

// mixAt mixes c into the pixel at offset i with weight a out of 256. The
// result stays between the two colours, so it needs no clamping.
func (s *scene) mixAt(i int, c ink, a int) {
	p := s.img.Pix[i : i+3 : i+3]
	p[0] = uint8(int(p[0]) + (c.r-int(p[0]))*a>>8)
	p[1] = uint8(int(p[1]) + (c.g-int(p[1]))*a>>8)
	p[2] = uint8(int(p[2]) + (c.b-int(p[2]))*a>>8)
}

// rect fills a rectangle, clipped.
func (s *scene) rect(x0, y0, x1, y1 int, c rgb) {
	x0, y0 = max(x0, 0), max(y0, 0)
	x1, y1 = min(x1, s.w), min(y1, s.h)
	if x0 >= x1 || y0 >= y1 {
		return
	}
	r, g, b := clamp8(c.r), clamp8(c.g), clamp8(c.b)
	for y := y0; y < y1; y++ {
		row := s.img.Pix[y*s.img.Stride+x0*4 : y*s.img.Stride+x1*4]
		row[0], row[1], row[2], row[3] = r, g, b, 255
		// Doubling copies fill a long row far faster than a pixel loop.
		for n := 4; n < len(row); n *= 2 {
			copy(row[n:], row[:n])
		}
	}
}

// line draws a line of the given thickness by stamping squares along it.
func (s *scene) line(x0, y0, x1, y1 float64, t int, c rgb) {
	n := int(math.Max(math.Abs(x1-x0), math.Abs(y1-y0))) + 1
	for i := 0; i <= n; i++ {
		f := float64(i) / float64(n)
		x, y := int(x0+(x1-x0)*f), int(y0+(y1-y0)*f)
		s.rect(x-t/2, y-t/2, x-t/2+t, y-t/2+t, c)
	}
}

// columns fills from top[x] down to base for every column x.
func (s *scene) columns(top []int, base int, c rgb) {
	for x, t := range top {
		s.rect(x, t, x+1, base, c)
	}
}

// ridge returns a height per column: base minus a sum of slow waves; rough
// scales how many hills fit across the picture.
func (s *scene) ridge(base, amp float64, waves int, rough float64) []int {
	out := make([]int, s.w)
	type wave struct{ f, p, a float64 }
	ws := make([]wave, waves)
	for i := range ws {
		ws[i] = wave{f: rough * (1 + 2*s.r.Float64()) * float64(i+1) / float64(s.w), p: 6.28 * s.r.Float64(), a: 1 / float64(i+1)}
	}
	for x := range out {
		v := 0.0
		for _, w := range ws {
			v += w.a * (0.5 + 0.5*math.Sin(float64(x)*w.f*6.28+w.p))
		}
		out[x] = int(base - amp*v/1.6)
	}
	return out
}

func clamp8(v float64) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v)
}
