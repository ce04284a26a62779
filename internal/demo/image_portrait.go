package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math"
)

// A columnist's portrait is an illustration, not a photograph: a head and
// shoulders in flat colours on a plain ground, as a paper's opinion pages
// often draw their writers. Each columnist has a fixed look, so every run
// serves the same picture.
type look struct {
	ground, ground2 rgb // the backdrop, top to bottom
	skin, hair      rgb
	coat, collar    rgb
	hair2           int  // 0 short, 1 long, 2 a bun, 3 close-cropped
	glasses         bool // round spectacles
}

// portraitSize is the side of the square the portraits are drawn at: the
// media library's 320 and 640 renditions cover a 3rem photo at any density.
const portraitSize = 640

// PortraitJPEG draws columnist c's portrait (0 ≤ c < len(columnists)) at
// size×size pixels.
func PortraitJPEG(c, size int) ([]byte, error) {
	if c < 0 || c >= len(columnists) {
		return nil, fmt.Errorf("demo: no columnist %d", c)
	}
	if size < 16 || size > 4000 {
		return nil, fmt.Errorf("demo: portrait size %d is outside 16 to 4000 pixels", size)
	}
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	s := &scene{img: img, w: size, h: size}
	s.portrait(*staff[columnists[c]].look)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		return nil, fmt.Errorf("demo: encode portrait %d: %w", c, err)
	}
	return buf.Bytes(), nil
}

func (s *scene) portrait(l look) {
	for y := 0; y < s.h; y++ {
		s.rect(0, y, s.w, y+1, l.ground.mix(l.ground2, float64(y)/float64(s.h)))
	}
	// a soft light behind the head
	w, h := float64(s.w), float64(s.h)
	s.ellipse(w*0.5, h*0.42, w*0.42, h*0.42, l.ground.mix(rgb{255, 255, 255}, 0.18))
	cx, headY := w*0.5, h*0.45
	rx, ry := w*0.175, h*0.225
	// long hair falls behind the shoulders
	if l.hair2 == 1 {
		s.ellipse(cx, headY+ry*0.55, rx*1.3, ry*1.35, l.hair)
	}
	// shoulders and coat, with an open collar
	s.ellipse(cx, h*1.06, w*0.42, h*0.36, l.coat)
	s.rect(int(cx-rx*0.42), int(headY+ry*0.6), int(cx+rx*0.42), int(h*0.8), l.skin.mix(rgb{0, 0, 0}, 0.12))
	s.triangle(cx-w*0.13, h*0.76, cx, h*0.9, cx-w*0.02, h*0.76, l.collar)
	s.triangle(cx+w*0.13, h*0.76, cx, h*0.9, cx+w*0.02, h*0.76, l.collar)
	s.ellipse(cx, headY, rx, ry, l.skin)
	s.ellipse(cx-rx, headY+ry*0.1, rx*0.16, ry*0.2, l.skin.mix(rgb{0, 0, 0}, 0.06)) // ears
	s.ellipse(cx+rx, headY+ry*0.1, rx*0.16, ry*0.2, l.skin.mix(rgb{0, 0, 0}, 0.06))
	// hair over the crown
	switch l.hair2 {
	case 3:
		s.cap(cx, headY, rx*1.03, ry*1.03, 0.26, l.hair)
	case 2:
		s.cap(cx, headY, rx*1.05, ry*1.05, 0.3, l.hair)
		s.ellipse(cx, headY-ry*1.08, rx*0.42, ry*0.32, l.hair)
	default:
		s.cap(cx, headY, rx*1.08, ry*1.08, 0.34, l.hair)
	}
	// a quiet suggestion of a face: brows and a mouth, no more
	ink := l.skin.mix(rgb{40, 25, 20}, 0.6)
	t := max(2, s.w/110)
	s.line(cx-rx*0.55, headY-ry*0.12, cx-rx*0.2, headY-ry*0.15, t, l.hair.mix(ink, 0.3))
	s.line(cx+rx*0.2, headY-ry*0.15, cx+rx*0.55, headY-ry*0.12, t, l.hair.mix(ink, 0.3))
	s.line(cx-rx*0.25, headY+ry*0.5, cx+rx*0.25, headY+ry*0.5, t, l.skin.mix(rgb{150, 60, 60}, 0.45))
	if l.glasses {
		for _, ex := range []float64{cx - rx*0.38, cx + rx*0.38} {
			s.ring(ex, headY+ry*0.05, rx*0.24, float64(t), ink)
		}
		s.line(cx-rx*0.14, headY+ry*0.05, cx+rx*0.14, headY+ry*0.05, t, ink)
	}
}

// ellipse fills an ellipse.
func (s *scene) ellipse(cx, cy, rx, ry float64, c rgb) {
	for y := int(cy - ry); y <= int(cy+ry); y++ {
		dy := (float64(y) - cy) / ry
		half := rx * math.Sqrt(math.Max(0, 1-dy*dy))
		s.rect(int(cx-half), y, int(cx+half)+1, y+1, c)
	}
}

// cap fills the top part of an ellipse, down to depth (a fraction of its
// height below the top), as hair covers a crown.
func (s *scene) cap(cx, cy, rx, ry, depth float64, c rgb) {
	for y := int(cy - ry); y <= int(cy-ry+2*ry*depth); y++ {
		dy := (float64(y) - cy) / ry
		half := rx * math.Sqrt(math.Max(0, 1-dy*dy))
		s.rect(int(cx-half), y, int(cx+half)+1, y+1, c)
	}
}

// ring draws a circle's outline t pixels thick.
func (s *scene) ring(cx, cy, r, t float64, c rgb) {
	for a := 0.0; a < 2*math.Pi; a += 1 / r {
		x, y := cx+r*math.Cos(a), cy+r*math.Sin(a)
		s.rect(int(x-t/2), int(y-t/2), int(x+t/2)+1, int(y+t/2)+1, c)
	}
}

// triangle fills the triangle with the three corners.
func (s *scene) triangle(x0, y0, x1, y1, x2, y2 float64, c rgb) {
	top, bottom := int(math.Min(y0, math.Min(y1, y2))), int(math.Max(y0, math.Max(y1, y2)))
	edges := [][4]float64{{x0, y0, x1, y1}, {x1, y1, x2, y2}, {x2, y2, x0, y0}}
	for y := top; y <= bottom; y++ {
		fy := float64(y) + 0.5
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, e := range edges {
			if (e[1] <= fy && e[3] > fy) || (e[3] <= fy && e[1] > fy) {
				x := e[0] + (fy-e[1])*(e[2]-e[0])/(e[3]-e[1])
				lo, hi = math.Min(lo, x), math.Max(hi, x)
			}
		}
		if lo <= hi {
			s.rect(int(lo), y, int(hi)+1, y+1, c)
		}
	}
}
