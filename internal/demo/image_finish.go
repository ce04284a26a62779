package demo

import (
	"math"
	"sync"
)

// finish adds film grain and a soft vignette, which make the flat shapes read
// as a photograph (and give the JPEG something to encode). It is the one pass
// over every pixel, so the two halves of the picture run side by side.
func (s *scene) finish() {
	// The vignette leaves the middle of the picture alone and darkens
	// towards the edges.
	fade := func(d, depth float64) int {
		d = math.Max(0, math.Abs(d)-0.25) / 0.25
		return int(256 * (1 - depth*d*d))
	}
	fx := make([]int, s.w)
	for x := range fx {
		fx[x] = fade(float64(x)/float64(s.w)-0.5, 0.16)
	}
	fy := make([]int, s.h)
	for y := range fy {
		fy[y] = fade(float64(y)/float64(s.h)-0.5, 0.2)
	}
	// The grain's strength follows the picture's width: noise averages out
	// when a picture is made smaller, so one drawn small directly needs
	// less to look the same. At 960 pixels (what the loader draws) it is
	// what the grain of a 1200-pixel drawing came to once resized to 960:
	// the WebP and JPEG served weigh the same.
	amp := min(8, max(1, (4*s.w+480)/960))
	bands := [2][2]int{{0, s.h / 2}, {s.h / 2, s.h}}
	var wg sync.WaitGroup
	for _, b := range bands {
		seed := s.r.Uint64() | 1
		wg.Go(func() { s.finishRows(b[0], b[1], seed, amp, fx, fy) })
	}
	wg.Wait()
}

// finishRows finishes rows y0 up to y1.
func (s *scene) finishRows(y0, y1 int, seed uint64, amp int, fx, fy []int) {
	pix, stride := s.img.Pix, s.img.Stride
	for y := y0; y < y1; y++ {
		row := pix[y*stride : y*stride+s.w*4]
		for x := 0; x < s.w; x++ {
			seed ^= seed << 13
			seed ^= seed >> 7
			seed ^= seed << 17
			n := int(seed&255)*amp>>8 - (amp-1)/2
			i := x * 4
			if v := fx[x] * fy[y] >> 8; v < 256 {
				row[i] = grain(int(row[i])*v>>8 + n)
				row[i+1] = grain(int(row[i+1])*v>>8 + n)
				row[i+2] = grain(int(row[i+2])*v>>8 + n)
				continue
			}
			row[i] = grain(int(row[i]) + n)
			row[i+1] = grain(int(row[i+1]) + n)
			row[i+2] = grain(int(row[i+2]) + n)
		}
	}
}

// grain clamps a value that noise may have pushed just outside 0 to 255.
func grain(v int) uint8 {
	return uint8(min(max(v, 0), 255))
}
