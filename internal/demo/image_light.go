package demo

import "math"

// sky paints the gradient, the sun or moon with its glow, stars and a little
// cloud, above the horizon.
func (s *scene) sky() {
	pal := s.pal
	for y := 0; y < s.horizon; y++ {
		t := float64(y) / float64(s.horizon)
		var c rgb
		if t < 0.6 {
			c = pal.top.mix(pal.mid, t/0.6)
		} else {
			c = pal.mid.mix(pal.low, (t-0.6)/0.4)
		}
		s.rect(0, y, s.w, y+1, c)
	}
	if pal.stars {
		for i := 0; i < s.w*s.horizon/2500; i++ {
			x, y := s.r.IntN(s.w), s.r.IntN(s.horizon*3/4)
			s.blend(x, y, rgb{255, 255, 240}, 0.3+0.6*s.r.Float64())
		}
	}
	s.clouds()
	if pal.sunY > 0 {
		sx := float64(s.w) * (0.18 + 0.64*s.r.Float64())
		sy := float64(s.horizon) * pal.sunY
		s.sun(sx, sy, pal.sunR*float64(s.h), pal.glowR*float64(s.h))
	}
}

// sun draws a disc with a soft glow. The glow works on squared distances,
// which spares a square root per pixel and looks just as soft.
func (s *scene) sun(cx, cy, r, g float64) {
	x0, x1 := max(int(cx-g), 0), min(int(cx+g)+1, s.w)
	y0, y1 := max(int(cy-g), 0), min(int(cy+g)+1, s.horizon)
	sun, glow := s.pal.sun.ints(), s.pal.glow.ints()
	r2, edge2, g2 := r*r, (r+1.5)*(r+1.5), g*g
	for y := y0; y < y1; y++ {
		dy := float64(y) - cy
		row := y * s.img.Stride
		for x := x0; x < x1; x++ {
			dx := float64(x) - cx
			d2 := dx*dx + dy*dy
			switch {
			case d2 < r2:
				s.mixAt(row+x*4, sun, 256)
			case d2 < edge2:
				s.mixAt(row+x*4, sun, int(256*(edge2-d2)/(edge2-r2)))
			case d2 < g2:
				f := 1 - d2/g2
				s.mixAt(row+x*4, glow, int(140*f*f*f))
			}
		}
	}
}

// clouds lays a few soft horizontal streaks across the sky; overcast skies
// get more and heavier ones.
func (s *scene) clouds() {
	n, strength := 2+s.r.IntN(3), 0.22
	tint := s.pal.low.mix(rgb{255, 255, 255}, 0.35)
	switch s.light {
	case overcast:
		n, strength, tint = 7, 0.35, rgb{205, 207, 210}
	case night:
		n, strength, tint = 2, 0.18, rgb{60, 70, 100}
	case midday:
		tint = rgb{250, 252, 255}
	}
	// Each streak's density along x is worked out once, not per pixel.
	v := make([]float64, s.w)
	for i := 0; i < n; i++ {
		cy := float64(s.horizon) * (0.1 + 0.65*s.r.Float64())
		th := float64(s.h) * (0.015 + 0.03*s.r.Float64())
		f1, f2 := (0.8+1.5*s.r.Float64())/float64(s.w), (2.5+3*s.r.Float64())/float64(s.w)
		p1, p2 := 6.28*s.r.Float64(), 6.28*s.r.Float64()
		for x := range v {
			v[x] = math.Sin(float64(x)*f1*6.28+p1)*0.65 + math.Sin(float64(x)*f2*6.28+p2)*0.35 - 0.05
		}
		c := tint.ints()
		for y := max(int(cy-th*1.8), 0); y < min(int(cy+th*1.8), s.horizon); y++ {
			dy := (float64(y) - cy) / th
			a := 256 * strength * math.Exp(-dy*dy)
			row := y * s.img.Stride
			for x, vx := range v {
				if w := int(a * vx); w > 2 {
					s.mixAt(row+x*4, c, w)
				}
			}
		}
	}
}

// farLayer draws a hazy ridge or distant town just above the horizon, for
// depth.
func (s *scene) farLayer() {
	far := s.pal.far.mix(s.pal.low, 0.35)
	top := s.ridge(float64(s.horizon), float64(s.h)*0.06, 3, 1)
	s.columns(top, s.horizon, far)
}

// reflect mirrors everything above the horizon into water below it, rippled
// and darkened with depth.
func (s *scene) reflect() {
	stride := s.img.Stride
	pix := s.img.Pix
	phase := 6.28 * s.r.Float64()
	water := s.pal.water.ints()
	for y := s.horizon; y < s.h; y++ {
		d := float64(y-s.horizon) / float64(max(s.h-s.horizon, 1))
		src := max(2*s.horizon-y-1, 0)
		off := int(math.Sin(float64(y)*0.21+phase)*(1+d*5) + math.Sin(float64(y)*1.3)*0.8)
		t := int(256 * (0.3 + 0.5*d)) // how much water colour shows
		k := 256 - t
		wr, wg, wb := water.r*t, water.g*t, water.b*t
		row := pix[y*stride : y*stride+s.w*4]
		srow := pix[src*stride : src*stride+s.w*4]
		for x := 0; x < s.w; x++ {
			sx := min(max(x+off, 0), s.w-1) * 4
			i := x * 4
			row[i] = uint8((int(srow[sx])*k + wr) >> 8)
			row[i+1] = uint8((int(srow[sx+1])*k + wg) >> 8)
			row[i+2] = uint8((int(srow[sx+2])*k + wb) >> 8)
			row[i+3] = 255
		}
	}
	// A thin bright line where water meets land, as light catches it.
	s.rect(0, s.horizon, s.w, s.horizon+max(1, s.h/400), s.pal.low.mix(s.pal.water, 0.5))
}
