package media

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"slices"
	"sync"
	"sync/atomic"

	xdraw "golang.org/x/image/draw"

	"masthead/internal/news"
)

// renderAnimated makes the animated renditions of an animated GIF, at the
// widths of AnimatedWidths up to the picture's own. Each frame is drawn
// whole (frames may cover part of the picture and are disposed of in
// several ways), scaled, and mapped back to its frame's colours; the frames
// are encoded again with gif.EncodeAll, so only pixels, delays and the loop
// count pass from the upload: no comment or XMP block does.
//
// Frames are drawn one after another, since each depends on the ones before,
// and scaled and mapped in parallel.
func (l *Library) renderAnimated(ctx context.Context, g *gif.GIF) ([]made, error) {
	w0, h0 := g.Config.Width, g.Config.Height
	ratio := float64(h0) / float64(w0)
	widths := widthsFor(w0, l.opts.AnimatedWidths)
	if len(widths) == 0 {
		return nil, nil
	}
	frames := make([][]*image.Paletted, len(widths)) // by width, then frame
	for k := range frames {
		frames[k] = make([]*image.Paletted, len(g.Image))
	}
	var transparent atomic.Bool // some frame shows the page through it
	type job struct {
		i   int
		img *image.RGBA // the frame at the widest width
	}
	jobs := make(chan job)
	var wg sync.WaitGroup
	for range l.opts.Parallel {
		wg.Go(func() {
			var q quantizer
			for j := range jobs {
				img := j.img
				for k, w := range widths {
					if k > 0 {
						img = scaled(img, w, heightFor(w, ratio))
					}
					pm, clear := q.paletted(img, g.Image[j.i].Palette)
					frames[k][j.i] = pm
					if clear {
						transparent.Store(true)
					}
				}
			}
		})
	}
	p := newPlayer(g)
	for i := range g.Image {
		if ctx.Err() != nil {
			break
		}
		jobs <- job{i, scaled(p.next(), widths[0], heightFor(widths[0], ratio))}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]made, 0, len(widths))
	for k, w := range widths {
		data, err := encodeAnimation(frames[k], g, transparent.Load())
		if err != nil {
			return nil, fmt.Errorf("encoding an animated GIF %d wide: %w", w, err)
		}
		out = append(out, named(news.Rendition{Format: "gif", Width: w, Height: heightFor(w, ratio)}, data, ".gif", "image/gif"))
	}
	return out, nil
}

// scaled returns src at w×h (Catmull-Rom, which handles the premultiplied
// alpha of transparent frames), or a copy when that is its size: the player
// draws on its canvas again.
func scaled(src *image.RGBA, w, h int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if src.Rect.Dx() == w && src.Rect.Dy() == h {
		copyRect(dst, src, src.Rect)
		return dst
	}
	xdraw.CatmullRom.Scale(dst, dst.Rect, src, src.Rect, xdraw.Src, nil)
	return dst
}

// encodeAnimation writes frames with the source's delays and loop count. An
// animation without transparency sends, after the first frame, only the
// rectangle that changed; one with transparency sends every frame whole and
// clears it before the next, since a pixel turning transparent cannot be
// drawn over the one before.
func encodeAnimation(frames []*image.Paletted, src *gif.GIF, transparent bool) ([]byte, error) {
	b := frames[0].Rect
	g := &gif.GIF{
		Image: make([]*image.Paletted, len(frames)), Delay: make([]int, len(frames)),
		Disposal: make([]byte, len(frames)), LoopCount: src.LoopCount,
		Config: image.Config{ColorModel: frames[0].Palette, Width: b.Dx(), Height: b.Dy()},
	}
	for i, f := range frames {
		if i < len(src.Delay) {
			g.Delay[i] = src.Delay[i]
		}
		switch {
		case transparent:
			g.Image[i], g.Disposal[i] = f, gif.DisposalBackground
		case i == 0:
			g.Image[i], g.Disposal[i] = f, gif.DisposalNone
		default:
			g.Image[i], g.Disposal[i] = f.SubImage(changed(frames[i-1], f)).(*image.Paletted), gif.DisposalNone
		}
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// changed returns the smallest rectangle holding every pixel whose colour
// differs between two frames of the same size, or a single pixel when none
// does (a frame must have one).
func changed(prev, cur *image.Paletted) image.Rectangle {
	pc, cc := colourWords(prev.Palette), colourWords(cur.Palette)
	r := image.Rectangle{}
	for y := cur.Rect.Min.Y; y < cur.Rect.Max.Y; y++ {
		a := prev.Pix[prev.PixOffset(prev.Rect.Min.X, y):prev.PixOffset(prev.Rect.Max.X, y)]
		b := cur.Pix[cur.PixOffset(cur.Rect.Min.X, y):cur.PixOffset(cur.Rect.Max.X, y)]
		for x := range b {
			if pc[a[x]] != cc[b[x]] {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if r.Empty() {
		return image.Rect(0, 0, 1, 1)
	}
	return r
}

// colourWords returns a palette's colours as comparable words.
func colourWords(p color.Palette) (out [256]uint32) {
	for i, c := range p {
		if i < len(out) && c != nil {
			r, g, b, a := c.RGBA()
			out[i] = r>>8<<24 | g>>8<<16 | b>>8<<8 | a>>8
		}
	}
	return out
}

// quantizer maps colours to the nearest of a palette's opaque colours. A
// table of colours at 6 bits a channel keeps each answer: a bucket that
// holds one of the palette's colours answers that colour, one that holds
// several is answered per exact colour, and an empty one with the colour
// nearest its middle. It keeps its tables while the palette stays the same
// (frames usually share the GIF's global palette). One goroutine uses it.
//
// It does not dither: error diffusion would change noise from frame to frame,
// which shimmers, and defeat sending only the changed rectangle.
type quantizer struct {
	pal    color.Palette
	colour [][3]int32 // the opaque entries
	index  []uint8    // their indices in pal
	table  []uint16   // by 6-bit colour: 0 unknown, crowded, or index+1
	exact  map[uint32]uint8
}

const crowded = 0xFFFF

func (q *quantizer) use(pal color.Palette) {
	if q.table != nil && slices.Equal(pal, q.pal) {
		return
	}
	q.pal = pal
	if q.table == nil {
		q.table = make([]uint16, 1<<18)
	} else {
		clear(q.table)
	}
	q.exact = map[uint32]uint8{}
	q.colour, q.index = q.colour[:0], q.index[:0]
	for i, c := range pal {
		if i > 255 || c == nil {
			break
		}
		r, g, b, a := c.RGBA()
		if a>>8 != 255 {
			continue
		}
		r, g, b = r>>8, g>>8, b>>8
		q.colour = append(q.colour, [3]int32{int32(r), int32(g), int32(b)})
		q.index = append(q.index, uint8(i))
		k := bucket(uint8(r), uint8(g), uint8(b))
		if q.table[k] == 0 {
			q.table[k] = uint16(i) + 1
		} else if q.table[k] != uint16(i)+1 {
			q.table[k] = crowded
		}
		if _, ok := q.exact[r<<16|g<<8|b]; !ok {
			q.exact[r<<16|g<<8|b] = uint8(i)
		}
	}
}

func bucket(r, g, b uint8) int { return int(r>>2)<<12 | int(g>>2)<<6 | int(b>>2) }

// nearest returns the index of the opaque colour nearest r, g, b.
func (q *quantizer) nearest(r, g, b int32) uint8 {
	best, dist := uint8(0), int32(1<<30)
	for i, c := range q.colour {
		dr, dg, db := c[0]-r, c[1]-g, c[2]-b
		if d := dr*dr + dg*dg + db*db; d < dist {
			best, dist = q.index[i], d
		}
	}
	return best
}

func (q *quantizer) lookup(r, g, b uint8) uint8 {
	k := bucket(r, g, b)
	switch t := q.table[k]; t {
	case 0:
		i := q.nearest(int32(r)&^3|2, int32(g)&^3|2, int32(b)&^3|2)
		q.table[k] = uint16(i) + 1
		return i
	case crowded:
		c := uint32(r)<<16 | uint32(g)<<8 | uint32(b)
		i, ok := q.exact[c]
		if !ok {
			i = q.nearest(int32(r), int32(g), int32(b))
			q.exact[c] = i
		}
		return i
	default:
		return uint8(t - 1)
	}
}

// paletted maps img (premultiplied) to pal: a pixel less than half opaque
// becomes transparent, any other the nearest opaque colour. When img has
// transparent pixels and pal no transparent entry, one is added (or takes
// the last entry's place in a full palette). clear reports transparency.
func (q *quantizer) paletted(img *image.RGBA, pal color.Palette) (pm *image.Paletted, clear bool) {
	for i := 3; i < len(img.Pix); i += 4 {
		if img.Pix[i] < 128 {
			clear = true
			break
		}
	}
	ti := -1
	if clear {
		for i, c := range pal {
			if _, _, _, a := c.RGBA(); a == 0 {
				ti = i
				break
			}
		}
		if ti < 0 {
			pal = slices.Clone(pal)
			if len(pal) < 256 {
				pal = append(pal, color.RGBA{})
			} else {
				pal[255] = color.RGBA{}
			}
			ti = len(pal) - 1
		}
	}
	q.use(pal)
	if len(q.colour) == 0 { // a palette of nothing but transparency
		pal, ti = color.Palette{color.RGBA{}}, 0
	}
	pm = image.NewPaletted(img.Rect, pal)
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		src := img.Pix[img.PixOffset(img.Rect.Min.X, y):img.PixOffset(img.Rect.Max.X, y)]
		dst := pm.Pix[pm.PixOffset(pm.Rect.Min.X, y):pm.PixOffset(pm.Rect.Max.X, y)]
		for x := range dst {
			p := src[x*4 : x*4+4 : x*4+4]
			a := p[3]
			switch {
			case a < 128: // then clear is set and ti an index
				dst[x] = uint8(ti)
			case a == 255:
				dst[x] = q.lookup(p[0], p[1], p[2])
			default:
				dst[x] = q.lookup(unmultiply(p[0], a), unmultiply(p[1], a), unmultiply(p[2], a))
			}
		}
	}
	return pm, clear
}

func unmultiply(c, a uint8) uint8 {
	return uint8(min(255, uint32(c)*255/uint32(a)))
}
