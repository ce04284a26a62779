package demo

import "math"

// Each motif draws its silhouettes in the palette's ink colour, standing on
// the horizon. Sizes are fractions of the picture, so any size looks alike.

// px converts a fraction of the width to pixels, never less than one.
func (s *scene) px(f float64) int { return max(1, int(f*float64(s.w))) }

// py converts a fraction of the height to pixels, never less than one.
func (s *scene) py(f float64) int { return max(1, int(f*float64(s.h))) }

// window lights a small rectangle in a warm colour, or leaves it dark.
func (s *scene) window(x, y, w, h int) {
	if s.pal.lights && s.r.IntN(10) < 4 {
		s.rect(x, y, x+w, y+h, rgb{255, 214, 140}.mix(s.pal.ink, 0.15*s.r.Float64()))
	}
}

func (s *scene) cranes() {
	ink, hz := s.pal.ink, s.horizon
	s.rect(0, hz-s.py(0.02), s.w, hz, ink) // the quay
	// container stacks along the quay, in muted colours
	for x := s.r.IntN(s.px(0.05)); x < s.w; x += s.px(0.02) + s.r.IntN(s.px(0.05)) {
		cw, ch := s.px(0.03+0.03*s.r.Float64()), s.py(0.02)*(1+s.r.IntN(3))
		tint := rgb{150 + 60*s.r.Float64(), 70 + 50*s.r.Float64(), 50 + 60*s.r.Float64()}
		s.rect(x, hz-s.py(0.02)-ch, x+cw, hz-s.py(0.02), ink.mix(tint, 0.18))
	}
	n := 3 + s.r.IntN(2)
	for i := 0; i < n; i++ {
		x := int(float64(s.w) * (0.08 + 0.84*(float64(i)+0.3*s.r.Float64())/float64(n)))
		height := s.py(0.26 + 0.12*s.r.Float64())
		s.crane(x, hz-s.py(0.02), height)
	}
}

// crane draws a ship-to-shore gantry crane whose legs stand at x.
func (s *scene) crane(x, base, height int) {
	ink := s.pal.ink
	t := max(2, s.w/300)
	leg := s.px(0.035)
	top := base - height
	s.rect(x, top, x+t, base, ink)
	s.rect(x+leg, top, x+leg+t, base, ink)
	s.rect(x, top+height/3, x+leg+t, top+height/3+t, ink)
	s.line(float64(x), float64(base), float64(x+leg), float64(top+height/3), t/2+1, ink)
	// the boom reaches out over the water, with a short counter-jib behind
	front, back := s.px(0.07+0.03*s.r.Float64()), s.px(0.03)
	s.rect(x-front, top, x+leg+back, top+t+t/2, ink)
	s.rect(x+leg/4, top+t, x+leg*3/4, top+t*4, ink) // the cab
	apex := top - height/5
	s.rect(x+leg/2-t/2, apex, x+leg/2+t/2+1, top, ink)
	s.line(float64(x+leg/2), float64(apex), float64(x-front), float64(top), max(1, t/2), ink)
	s.line(float64(x+leg/2), float64(apex), float64(x+leg+back), float64(top), max(1, t/2), ink)
	if s.pal.lights {
		s.disc(float64(x+leg/2), float64(apex), float64(t), rgb{255, 60, 40}) // aircraft warning light
	}
}

func (s *scene) skyline() {
	ink, hz := s.pal.ink, s.horizon
	for x := -s.r.IntN(s.px(0.03)); x < s.w; {
		bw := s.px(0.03 + 0.05*s.r.Float64())
		bh := s.py(0.06 + 0.16*s.r.Float64())
		if s.r.IntN(7) == 0 {
			bh = s.py(0.24 + 0.1*s.r.Float64()) // a tower
		}
		c := ink.mix(s.pal.far, 0.15*s.r.Float64())
		s.rect(x, hz-bh, x+bw, hz, c)
		switch s.r.IntN(5) {
		case 0: // a mast
			s.rect(x+bw/2, hz-bh-s.py(0.05), x+bw/2+max(1, s.w/600), hz-bh, c)
		case 1: // a stepped top
			s.rect(x+bw/5, hz-bh-s.py(0.02), x+bw*4/5, hz-bh, c)
		}
		ww, wh := max(1, bw/8), max(1, s.py(0.008))
		for wy := hz - bh + wh*2; wy < hz-wh*2; wy += wh * 3 {
			for wx := x + ww; wx < x+bw-ww; wx += ww * 2 {
				s.window(wx, wy, ww, wh)
			}
		}
		x += bw + s.r.IntN(s.px(0.008)+1)
	}
}

func (s *scene) hills() {
	hz := s.horizon
	mid := s.pal.far.mix(s.pal.ink, 0.45)
	s.columns(s.ridge(float64(hz), float64(s.h)*0.2, 3, 0.5), hz, s.pal.far.mix(s.pal.low, 0.15))
	s.columns(s.ridge(float64(hz), float64(s.h)*0.14, 3, 0.6), hz, mid)
	near := s.ridge(float64(hz), float64(s.h)*0.08, 2, 0.7)
	s.columns(near, hz, s.pal.ink)
	// a few trees and a farmhouse on the nearest ridge
	for i := 0; i < 6+s.r.IntN(6); i++ {
		x := s.r.IntN(s.w)
		r := s.py(0.008 + 0.01*s.r.Float64())
		s.disc(float64(x), float64(near[x]-r), float64(r), s.pal.ink)
	}
	x := s.px(0.2 + 0.6*s.r.Float64())
	s.rect(x, near[x]-s.py(0.025), x+s.px(0.03), near[x]+2, s.pal.ink)
	s.window(x+s.px(0.008), near[x]-s.py(0.017), s.px(0.006), s.py(0.008))
}

func (s *scene) lighthouse() {
	hz := s.horizon
	left := s.r.IntN(2) == 0
	top := make([]int, s.w)
	for x := range top {
		f := float64(x) / float64(s.w)
		if !left {
			f = 1 - f
		}
		rise := math.Max(0, 0.42-f) / 0.42
		top[x] = hz - int(float64(s.h)*0.12*math.Sqrt(rise)) - s.r.IntN(3)*int(rise*3)
	}
	s.columns(top, hz, s.pal.ink)
	cx := s.px(0.1 + 0.06*s.r.Float64())
	if !left {
		cx = s.w - cx
	}
	base, height := top[cx], s.py(0.3)
	bw := s.px(0.035)
	for y := base - height; y < base; y++ {
		f := float64(base-y) / float64(height)
		half := int(float64(bw) * (0.5 - 0.17*f))
		s.rect(cx-half, y, cx+half, y+1, s.pal.ink)
	}
	lt := base - height
	s.rect(cx-bw/3, lt-s.py(0.035), cx+bw/3, lt, s.pal.ink.mix(s.pal.low, 0.25))
	s.rect(cx-bw/2, lt-s.py(0.005), cx+bw/2, lt, s.pal.ink)
	s.disc(float64(cx), float64(lt-s.py(0.035)), float64(bw)/3, s.pal.ink)
	s.rect(cx+bw, base-s.py(0.03), cx+bw*3, base+2, s.pal.ink) // the keeper’s cottage
	if s.pal.lights {
		lamp := rgb{255, 236, 170}
		ly := float64(lt - s.py(0.018))
		s.disc(float64(cx), ly, float64(bw)/5, lamp)
		dir := 1.0
		if !left {
			dir = -1
		}
		// a beam sweeping out to sea
		for x := 0; x < s.px(0.5); x++ {
			spread := float64(x) * 0.12
			for dy := -int(spread) - 2; dy <= int(spread)+2; dy++ {
				f := 1 - math.Abs(float64(dy))/(spread+2)
				s.blend(cx+int(dir)*x, int(ly)+dy-int(float64(x)*0.05), lamp, 0.35*f*(1-float64(x)/float64(s.px(0.5))))
			}
		}
	}
}

func (s *scene) bridge() {
	ink, hz := s.pal.ink, s.horizon
	deck := hz - s.py(0.06)
	t := max(2, s.h/90)
	s.rect(0, deck, s.w, deck+t, ink)
	x0, x1 := s.px(0.12+0.1*s.r.Float64()), s.px(0.78+0.1*s.r.Float64())
	rise := float64(s.py(0.2))
	span := float64(x1 - x0)
	arch := func(x int) int {
		f := (float64(x-x0)/span)*2 - 1
		return deck - int(rise*(1-f*f))
	}
	for x := x0; x <= x1; x++ {
		y := arch(x)
		s.rect(x, y, x+1, y+t, ink)
		if (x-x0)%s.px(0.022) == 0 {
			s.rect(x, y+t, x+max(1, s.w/700), deck, ink)
		}
	}
	s.pierX = [2]int{x0, x1}
}

// piers stand in the water under a bridge; they are drawn after the
// reflection so that they are not mirrored twice.
func (s *scene) piers() {
	t := s.px(0.012)
	deck := s.horizon - s.py(0.06)
	for _, x := range s.pierX {
		s.rect(x-t, deck, x+t, s.horizon+s.py(0.03), s.pal.ink)
	}
}

func (s *scene) stadium() {
	ink, hz := s.pal.ink, s.horizon
	// the ground, seen between the roofs
	s.rect(0, hz, s.w, s.h, ink.mix(s.pal.far, 0.2))
	// the stand behind the houses
	sx0, sx1 := s.px(0.14), s.px(0.86)
	standTop := hz - s.py(0.1)
	s.rect(sx0, standTop, sx1, hz, ink.mix(s.pal.far, 0.3))
	s.line(float64(sx0), float64(standTop), float64(sx1), float64(standTop-s.py(0.02)), s.py(0.01), ink)
	// four floodlight pylons with lamp banks
	for i := 0; i < 4; i++ {
		x := sx0 + (sx1-sx0)*i/3
		topY := hz - s.py(0.42)
		s.rect(x-max(1, s.w/500), topY, x+max(2, s.w/400), hz, ink)
		hw, hh := s.px(0.025), s.py(0.035)
		s.rect(x-hw, topY-hh, x+hw, topY, ink)
		if s.pal.lights {
			for ly := topY - hh + 2; ly < topY-1; ly += max(2, hh/4) {
				s.rect(x-hw+2, ly, x+hw-2, ly+max(1, hh/8), rgb{255, 250, 225})
			}
			s.glow(float64(x), float64(topY-hh/2), float64(s.py(0.18)), rgb{255, 245, 215}, 0.45)
		}
	}
	// terraced roofs in the foreground, each with a chimney
	base := s.h
	for x := -s.r.IntN(s.px(0.05)); x < s.w; {
		hw := s.px(0.08 + 0.04*s.r.Float64())
		eave := hz + s.py(0.07+0.03*s.r.Float64())
		peak := eave - s.py(0.07)
		roof := func(c int) int {
			f := 1 - math.Abs(float64(c)/float64(hw)*2-1)
			return peak + int(float64(eave-peak)*(1-f))
		}
		for c := 0; c < hw; c++ {
			s.rect(x+c, roof(c), x+c+1, base, ink)
		}
		c := hw/4 + s.r.IntN(hw/2+1) // the chimney stands on the roof slope
		s.rect(x+c, roof(c)-s.py(0.03), x+c+s.px(0.01), roof(c)+2, ink)
		s.window(x+hw/3, eave+s.py(0.04), s.px(0.012), s.py(0.025))
		x += hw
	}
}

// disc fills a circle.
func (s *scene) disc(cx, cy, r float64, c rgb) {
	for y := int(cy - r); y <= int(cy+r); y++ {
		dy := float64(y) - cy
		half := math.Sqrt(math.Max(0, r*r-dy*dy))
		s.rect(int(cx-half), y, int(cx+half)+1, y+1, c)
	}
}

// glow brightens a soft round area, as light does in haze.
func (s *scene) glow(cx, cy, r float64, c rgb, strength float64) {
	for y := max(int(cy-r), 0); y < min(int(cy+r), s.h); y++ {
		dy := float64(y) - cy
		for x := max(int(cx-r), 0); x < min(int(cx+r), s.w); x++ {
			dx := float64(x) - cx
			if d := math.Sqrt(dx*dx+dy*dy) / r; d < 1 {
				s.blend(x, y, c, strength*(1-d)*(1-d))
			}
		}
	}
}
