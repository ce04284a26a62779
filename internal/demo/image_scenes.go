package demo

import "math"

// The scenes without water: a high street, a council chamber, a football
// pitch from its stand, and farmland. Like the silhouettes, they show
// places and never people, and every size is a fraction of the picture.

// street is a row of shopfronts across a quiet high street: upper storeys
// in brick and painted render, awnings over the shop windows, a lamp post
// or two, the pavement and the road.
func (s *scene) street() {
	hz := s.horizon
	fronts := []rgb{{150, 82, 62}, {196, 176, 150}, {120, 132, 140}, {214, 200, 170}, {132, 70, 58}, {170, 186, 176}, {226, 214, 196}}
	awnings := []rgb{{30, 80, 70}, {150, 40, 40}, {40, 60, 110}, {196, 150, 40}, {90, 60, 100}}
	light := s.pal.low.mix(s.pal.top, 0.3)
	for x := -s.r.IntN(s.px(0.06)); x < s.w; {
		bw := s.px(0.13 + 0.07*s.r.Float64())
		top := s.py(0.12 + 0.14*s.r.Float64())
		wall := fronts[s.r.IntN(len(fronts))].mix(light, 0.25).mix(s.pal.ink, 0.2)
		s.rect(x, top, x+bw, hz, wall)
		s.rect(x, top, x+bw, top+s.py(0.015), wall.mix(s.pal.ink, 0.35)) // the parapet
		// two storeys of sash windows
		ww, wh := bw/6, s.py(0.09)
		for row := 0; row < 2; row++ {
			wy := top + s.py(0.05) + row*(wh+s.py(0.05))
			if wy+wh > hz-s.py(0.3) {
				break
			}
			for k := 0; k < 3; k++ {
				wx := x + bw/12 + k*bw/3
				s.rect(wx-2, wy-2, wx+ww+2, wy+wh+2, wall.mix(rgb{240, 236, 228}, 0.6))
				glass := s.pal.top.mix(s.pal.ink, 0.55)
				if s.pal.lights && s.r.IntN(3) == 0 {
					glass = rgb{255, 214, 140}
				}
				s.rect(wx, wy, wx+ww, wy+wh, glass)
				s.rect(wx, wy+wh/2-1, wx+ww, wy+wh/2+1, wall.mix(rgb{240, 236, 228}, 0.6))
			}
		}
		// the shopfront: fascia, awning, window and door
		fy := hz - s.py(0.27)
		s.rect(x+2, fy, x+bw-2, fy+s.py(0.04), s.pal.ink.mix(awnings[s.r.IntN(len(awnings))], 0.5))
		aw := awnings[s.r.IntN(len(awnings))].mix(light, 0.15)
		for y := fy + s.py(0.04); y < fy+s.py(0.08); y++ {
			f := float64(y-fy-s.py(0.04)) / float64(s.py(0.04))
			inset := int(f * float64(s.px(0.008)))
			s.rect(x+2-inset, y, x+bw-2+inset, y+1, aw.mix(s.pal.ink, 0.25*f))
		}
		shop := s.pal.ink.mix(s.pal.mid, 0.25)
		if s.pal.lights {
			shop = rgb{240, 200, 130}.mix(s.pal.ink, 0.2)
		}
		s.rect(x+bw/14, fy+s.py(0.1), x+bw*9/14, hz-s.py(0.02), shop)
		s.rect(x+bw*10/14, fy+s.py(0.11), x+bw*13/14, hz, s.pal.ink.mix(wall, 0.3))
		x += bw
	}
	// pavement, kerb and road
	s.rect(0, hz, s.w, hz+s.py(0.06), rgb{168, 164, 156}.mix(s.pal.low, 0.2).mix(s.pal.ink, 0.15))
	s.rect(0, hz+s.py(0.06), s.w, hz+s.py(0.07), rgb{200, 198, 192}.mix(s.pal.ink, 0.2))
	road := rgb{70, 72, 76}.mix(s.pal.ink, 0.3)
	s.rect(0, hz+s.py(0.07), s.w, s.h, road)
	for x := s.r.IntN(s.px(0.1)); x < s.w; x += s.px(0.16) {
		s.rect(x, (hz+s.py(0.07)+s.h)/2, x+s.px(0.07), (hz+s.py(0.07)+s.h)/2+s.py(0.012), rgb{220, 216, 200}.mix(road, 0.3))
	}
	for _, f := range []float64{0.2 + 0.1*s.r.Float64(), 0.7 + 0.1*s.r.Float64()} {
		lx := s.px(f)
		s.rect(lx, hz-s.py(0.4), lx+s.px(0.006), hz+s.py(0.05), s.pal.ink)
		s.rect(lx-s.px(0.02), hz-s.py(0.41), lx+s.px(0.026), hz-s.py(0.39), s.pal.ink)
		if s.pal.lights {
			s.glow(float64(lx), float64(hz-s.py(0.385)), float64(s.py(0.08)), rgb{255, 220, 160}, 0.6)
		}
	}
}

// room is a council chamber, empty between meetings: panelled walls, tall
// windows onto the sky, a clock, the long table and rows of chairs.
func (s *scene) room() {
	wall := rgb{150, 112, 76}.mix(s.pal.low, 0.15)
	if s.pal.lights {
		wall = rgb{170, 120, 72}
	}
	back := s.py(0.68)
	// The sky (already painted) shows only through the windows.
	n := 3
	ww := s.px(0.13)
	gap := (s.w - n*ww) / (n + 1)
	for y := 0; y < back; y++ {
		for x := 0; x < s.w; {
			inWin := -1
			for k := 0; k < n; k++ {
				wx := gap + k*(ww+gap)
				if x >= wx && x < wx+ww && y > s.py(0.1) && y < s.py(0.55) {
					inWin = wx
				}
			}
			if inWin >= 0 {
				x = inWin + ww
				continue
			}
			next := s.w
			for k := 0; k < n; k++ {
				if wx := gap + k*(ww+gap); wx > x && wx < next && y > s.py(0.1) && y < s.py(0.55) {
					next = wx
				}
			}
			s.rect(x, y, next, y+1, wall.mix(s.pal.ink, 0.25*float64(y)/float64(back)))
			x = next
		}
	}
	for k := 0; k < n; k++ {
		wx := gap + k*(ww+gap)
		frame := wall.mix(rgb{240, 230, 210}, 0.45)
		s.rect(wx-s.px(0.006), s.py(0.1)-s.py(0.01), wx+ww+s.px(0.006), s.py(0.1), frame)
		s.rect(wx+ww/2-2, s.py(0.1), wx+ww/2+2, s.py(0.55), frame)
		s.rect(wx, s.py(0.32), wx+ww, s.py(0.32)+3, frame)
		s.rect(wx-s.px(0.01), s.py(0.55), wx+ww+s.px(0.01), s.py(0.57), frame)
	}
	// panelling below the windows, and a clock over the chair's seat
	s.rect(0, s.py(0.6), s.w, back, wall.mix(s.pal.ink, 0.35))
	for x := s.px(0.02); x < s.w; x += s.px(0.08) {
		s.rect(x, s.py(0.615), x+s.px(0.065), back-s.py(0.015), wall.mix(s.pal.ink, 0.2))
	}
	cx := float64(gap + ww + gap/2)
	s.disc(cx, float64(s.py(0.24)), float64(s.py(0.05)), wall.mix(s.pal.ink, 0.5))
	s.disc(cx, float64(s.py(0.24)), float64(s.py(0.042)), rgb{238, 230, 210})
	s.line(cx, float64(s.py(0.24)), cx, float64(s.py(0.205)), max(2, s.w/400), s.pal.ink)
	s.line(cx, float64(s.py(0.24)), cx+float64(s.py(0.025)), float64(s.py(0.25)), max(2, s.w/400), s.pal.ink)
	// floor, the long table and the chairs
	s.rect(0, back, s.w, s.h, rgb{96, 38, 40}.mix(s.pal.ink, 0.3))
	table := rgb{70, 40, 24}
	s.rect(s.px(0.08), s.py(0.72), s.px(0.92), s.py(0.76), table.mix(rgb{200, 150, 100}, 0.2))
	s.rect(s.px(0.08), s.py(0.76), s.px(0.92), s.py(0.79), table)
	for row := 0; row < 2; row++ {
		cw := s.px(0.05 + 0.015*float64(row))
		y0 := s.py(0.8 + 0.1*float64(row))
		for x := s.px(0.04) + row*cw/2; x+cw < s.w; x += cw + cw/3 {
			seat := rgb{50, 62, 88}.mix(s.pal.ink, 0.3+0.1*float64(row))
			s.rect(x, y0, x+cw, y0+s.py(0.09), seat)
			s.rect(x+2, y0+2, x+cw-2, y0+s.py(0.012), seat.mix(rgb{255, 255, 255}, 0.15))
		}
	}
}

// pitch is a football ground seen from the stand: the far stand under its
// roof, floodlights, and the pitch in mown stripes with its lines.
func (s *scene) pitch() {
	hz := s.horizon
	roof := hz - s.py(0.2)
	s.rect(0, roof-s.py(0.03), s.w, roof, s.pal.ink.mix(s.pal.far, 0.3))
	seats := []rgb{{160, 30, 36}, {30, 50, 120}}
	seat := seats[s.r.IntN(2)].mix(s.pal.ink, 0.35)
	for y := roof; y < hz; y++ {
		c := seat
		if (y-roof)%max(2, s.py(0.012)) == 0 {
			c = seat.mix(s.pal.ink, 0.5)
		}
		s.rect(0, y, s.w, y+1, c.mix(s.pal.ink, 0.3*float64(hz-y)/float64(hz-roof)))
	}
	for x := s.px(0.1); x < s.w; x += s.px(0.2) {
		s.rect(x, roof, x+max(2, s.w/300), hz, s.pal.ink) // the stairways
	}
	s.rect(0, hz-s.py(0.02), s.w, hz, rgb{30, 30, 34}) // advertising boards, blank
	for _, f := range []float64{0.08, 0.92} {
		x := s.px(f)
		top := roof - s.py(0.28)
		s.rect(x-max(2, s.w/400), top, x+max(2, s.w/400), roof, s.pal.ink)
		s.rect(x-s.px(0.03), top-s.py(0.04), x+s.px(0.03), top, s.pal.ink)
		if s.pal.lights {
			s.rect(x-s.px(0.028), top-s.py(0.036), x+s.px(0.028), top-s.py(0.006), rgb{255, 250, 225})
			s.glow(float64(x), float64(top-s.py(0.02)), float64(s.py(0.16)), rgb{255, 245, 215}, 0.45)
		}
	}
	// mown stripes, wider towards the viewer
	grass := rgb{62, 128, 58}.mix(s.pal.low, 0.1)
	if s.pal.lights {
		grass = rgb{52, 120, 60}
	}
	y, k := hz, 0
	for y < s.h {
		band := max(2, int(float64(s.py(0.03))*(1+3*float64(y-hz)/float64(s.h-hz))))
		c := grass
		if k%2 == 1 {
			c = grass.mix(rgb{190, 220, 150}, 0.12)
		}
		s.rect(0, y, s.w, y+band, c)
		y += band
		k++
	}
	// the lines: the far touchline, the halfway line and the centre circle
	white := rgb{236, 240, 232}
	t := max(2, s.h/200)
	ty := hz + s.py(0.03)
	s.rect(0, ty, s.w, ty+t, white)
	cx, cy := float64(s.w)*0.5, float64(ty)+float64(s.h-ty)*0.45
	s.line(cx, float64(ty), cx-float64(s.px(0.02)), float64(s.h), t, white)
	rx, ry := float64(s.px(0.17)), float64(s.py(0.11))
	for a := 0.0; a < 2*math.Pi; a += 0.5 / rx {
		x, y := cx+rx*math.Cos(a), cy+ry*math.Sin(a)
		s.rect(int(x), int(y), int(x)+t, int(y)+t, white)
	}
}

// fields is farmland inland from the coast: a far ridge, then a patchwork
// of fields between hedges, a barn and a few trees.
func (s *scene) fields() {
	hz := s.horizon
	crops := []rgb{{120, 150, 70}, {196, 170, 90}, {90, 130, 60}, {170, 140, 80}, {140, 160, 90}, {110, 120, 60}}
	hedge := rgb{44, 64, 36}.mix(s.pal.ink, 0.4)
	vx := float64(s.w) * (0.3 + 0.4*s.r.Float64()) // where the hedges run to
	y := hz
	for row := 0; y < s.h; row++ {
		h := max(3, int(float64(s.py(0.025))*math.Pow(1.7, float64(row))))
		// the hedges across this row lean towards the vanishing point
		var cuts []float64
		for x := -0.2 + 0.25*s.r.Float64(); x < 1.2; x += 0.18 + 0.25*s.r.Float64() {
			cuts = append(cuts, x)
		}
		for yy := y; yy < min(y+h, s.h); yy++ {
			depth := float64(yy-hz) / float64(s.h-hz)
			for i := 0; i+1 < len(cuts); i++ {
				x0 := vx + (cuts[i]*float64(s.w)-vx)*(0.3+1.7*depth)
				x1 := vx + (cuts[i+1]*float64(s.w)-vx)*(0.3+1.7*depth)
				c := crops[(row*3+i)%len(crops)].mix(s.pal.low, 0.25-0.2*depth).mix(s.pal.ink, 0.2)
				s.rect(int(x0), yy, int(x1), yy+1, c)
				s.rect(int(x1)-max(1, int(4*depth)), yy, int(x1)+max(1, int(4*depth)), yy+1, hedge)
			}
		}
		s.rect(0, y, s.w, y+max(1, h/10), hedge) // the hedge along the row
		y += h
	}
	// a barn and trees on the nearer rows
	bx, by := s.px(0.15+0.6*s.r.Float64()), hz+s.py(0.06)
	s.rect(bx, by-s.py(0.05), bx+s.px(0.07), by, rgb{120, 40, 30}.mix(s.pal.ink, 0.4))
	s.triangle(float64(bx-s.px(0.005)), float64(by-s.py(0.05)), float64(bx+s.px(0.035)), float64(by-s.py(0.08)),
		float64(bx+s.px(0.075)), float64(by-s.py(0.05)), s.pal.ink.mix(rgb{90, 90, 90}, 0.3))
	for i := 0; i < 5+s.r.IntN(4); i++ {
		x := s.r.IntN(s.w)
		ty := hz + s.r.IntN(s.py(0.15)+1)
		r := float64(s.py(0.012)) * (1 + float64(ty-hz)/float64(s.py(0.05)))
		s.rect(x-1, ty-int(r), x+2, ty, hedge)
		s.disc(float64(x), float64(ty)-r*1.4, r, hedge.mix(rgb{60, 90, 40}, 0.3))
	}
}
