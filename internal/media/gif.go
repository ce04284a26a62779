package media

import (
	"bytes"
	"errors"
	"image"
	"image/gif"

	"masthead/internal/news"
)

// maxFrames is the most frames an animated GIF may have: each frame costs
// memory of its own (a colour table, its descriptor) however small it is,
// and a thousand frames is over a minute and a half at ten a second.
const maxFrames = 1000

// gifFrames counts the frames of a GIF by walking its blocks, without
// decoding a pixel, so that an animation's size can be checked before
// gif.DecodeAll holds every frame in memory. ok is false when the file ends
// before its trailer or holds a block that is not GIF.
func gifFrames(data []byte) (n int, ok bool) {
	ok = walkGIF(data, func([]byte) { n++ })
	return n, ok
}

// walkGIF calls frame with the descriptor (its first ten bytes: separator,
// left, top, width, height, flags) of each frame of a GIF, in order, and
// reports whether the file ends with its trailer.
func walkGIF(data []byte, frame func(desc []byte)) bool {
	if len(data) < 13 {
		return false
	}
	i := 13
	if flags := data[10]; flags&0x80 != 0 {
		i += 3 << (1 + flags&7) // the global colour table
	}
	// subBlocks skips a run of sized data blocks and its zero terminator.
	subBlocks := func() bool {
		for i < len(data) {
			size := int(data[i])
			i += 1 + size
			if size == 0 {
				return true
			}
		}
		return false
	}
	for i < len(data) {
		switch data[i] {
		case 0x21: // an extension: introducer, label, data blocks
			i += 2
			if !subBlocks() {
				return false
			}
		case 0x2C: // a frame: descriptor, local colour table, LZW data
			if i+11 > len(data) {
				return false
			}
			desc := data[i : i+10]
			if flags := data[i+9]; flags&0x80 != 0 {
				i += 3 << (1 + flags&7)
			}
			i += 11 // the descriptor and the LZW code size
			if !subBlocks() {
				return false
			}
			frame(desc)
		case 0x3B:
			return true
		default:
			return false
		}
	}
	return false
}

// checkFrames refuses a GIF with more frames than maxFrames, or whose frames,
// each counted at the picture's full size, hold more than maxPixels: the
// renditions draw every frame whole, so a small file of many frames (a
// frame bomb) would otherwise take gigabytes however small each frame is.
func checkFrames(data []byte, cfg image.Config, name string, maxPixels int64) error {
	n, ok := gifFrames(data)
	if !ok || n == 0 {
		return news.Errorf(news.EINVALID, "%s could not be read as a GIF picture: it is damaged or cut short, so it was not added.", quoteName(name))
	}
	if n > maxFrames {
		return news.Errorf(news.EINVALID, "%s is an animation of %d frames, over the limit of %d frames, so it was not added.",
			quoteName(name), n, maxFrames)
	}
	if px := int64(n) * int64(cfg.Width) * int64(cfg.Height); px > maxPixels {
		return news.Errorf(news.EINVALID, "%s is an animation of %d frames of %d × %d pixels, %d megapixels in all, over the limit of %d megapixels for an animation, so it was not added.",
			quoteName(name), n, cfg.Width, cfg.Height, px/1_000_000, maxPixels/1_000_000)
	}
	return nil
}

// player draws an animated GIF frame after frame onto a canvas the size of
// the picture, disposing of each frame as the file says before drawing the
// next, so each canvas is the picture a browser shows at that frame: a
// frame may cover only part of the picture, or leave transparent pixels
// through which the frames before it show.
type player struct {
	g      *gif.GIF
	canvas *image.RGBA
	saved  *image.RGBA // under the current frame, for DisposalPrevious
	i      int
}

func newPlayer(g *gif.GIF) *player {
	return &player{g: g, canvas: image.NewRGBA(image.Rect(0, 0, g.Config.Width, g.Config.Height))}
}

// next draws the next frame and returns the canvas, which the player keeps
// drawing on: a caller copies what it keeps.
func (p *player) next() *image.RGBA {
	if p.i > 0 {
		p.dispose(p.i - 1)
	}
	f := p.g.Image[p.i]
	r := f.Rect.Intersect(p.canvas.Rect)
	if p.disposal(p.i) == gif.DisposalPrevious {
		p.saved = image.NewRGBA(r)
		copyRect(p.saved, p.canvas, r)
	}
	drawFrame(p.canvas, f, r)
	p.i++
	return p.canvas
}

func (p *player) disposal(i int) byte {
	if i < len(p.g.Disposal) {
		return p.g.Disposal[i]
	}
	return 0
}

// dispose clears frame i's rectangle to transparent (DisposalBackground:
// browsers clear rather than paint the background colour) or puts back what
// was under it (DisposalPrevious); other methods leave it.
func (p *player) dispose(i int) {
	r := p.g.Image[i].Rect.Intersect(p.canvas.Rect)
	switch p.disposal(i) {
	case gif.DisposalBackground:
		for y := r.Min.Y; y < r.Max.Y; y++ {
			clear(p.canvas.Pix[p.canvas.PixOffset(r.Min.X, y):p.canvas.PixOffset(r.Max.X, y)])
		}
	case gif.DisposalPrevious:
		if p.saved != nil {
			copyRect(p.canvas, p.saved, r)
		}
	}
}

// copyRect copies rectangle r from src to dst, which both contain it.
func copyRect(dst, src *image.RGBA, r image.Rectangle) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		copy(dst.Pix[dst.PixOffset(r.Min.X, y):dst.PixOffset(r.Max.X, y)], src.Pix[src.PixOffset(r.Min.X, y):src.PixOffset(r.Max.X, y)])
	}
}

// drawFrame lays the frame's pixels within r over the canvas: transparent
// ones leave the canvas as it was. It reads the palette once rather than
// converting every pixel's colour, as image/draw would for a paletted source.
func drawFrame(canvas *image.RGBA, f *image.Paletted, r image.Rectangle) {
	var colours [256][4]uint8
	for i, c := range f.Palette {
		if i == len(colours) {
			break
		}
		if c == nil {
			continue
		}
		cr, cg, cb, ca := c.RGBA()
		colours[i] = [4]uint8{uint8(cr >> 8), uint8(cg >> 8), uint8(cb >> 8), uint8(ca >> 8)}
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		src := f.Pix[f.PixOffset(r.Min.X, y):f.PixOffset(r.Max.X, y)]
		dst := canvas.Pix[canvas.PixOffset(r.Min.X, y):canvas.PixOffset(r.Max.X, y)]
		for x, idx := range src {
			c := colours[idx]
			d := dst[x*4 : x*4+4 : x*4+4]
			switch c[3] {
			case 0:
			case 255:
				d[0], d[1], d[2], d[3] = c[0], c[1], c[2], 255
			default: // premultiplied "over"; decoded GIFs have no such colour
				k := 255 - uint32(c[3])
				for j := range 4 {
					d[j] = uint8(uint32(c[j]) + uint32(d[j])*k/255)
				}
			}
		}
	}
}

// firstGIFFrame decodes a GIF's first frame alone, for an original stored
// before its whole animation was checked (uploads whose later frames are
// damaged or over the limits are refused now), so it keeps the still
// renditions it had.
func firstGIFFrame(data []byte) (picture, error) {
	cfg, err := gif.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return picture{}, err
	}
	img, err := gif.Decode(bytes.NewReader(data))
	if err != nil {
		return picture{}, err
	}
	first, ok := img.(*image.Paletted)
	if !ok {
		return picture{}, errors.New("gif: the first frame is not paletted")
	}
	return picture{gif: &gif.GIF{Image: []*image.Paletted{first}, Config: cfg}}, nil
}

// firstFrame is the picture as shown before the animation moves: its first
// frame on a canvas of the picture's size.
func firstFrame(g *gif.GIF) *image.RGBA {
	return newPlayer(g).next()
}
