package media

import (
	"encoding/binary"
	"image"
	"image/color"
	"slices"
)

// The memory a picture's work holds is worked out from its header before a
// pixel is decoded, so that work is refused, or waits for the Budget, before
// it can take what the server does not have. Each figure follows what the
// decoders and render actually allocate (checked in TestWorkStaysWithinBudget):
// the work goes in phases and holds, at its largest, the greatest of them.

// readCost is what decoding the whole file holds: the pixels in the form
// its decoder returns them, and what the decoder keeps beside them to the end.
func readCost(typ string, data []byte, cfg image.Config) int64 {
	px := int64(cfg.Width) * int64(cfg.Height)
	switch typ {
	case "image/jpeg":
		return jpegReadCost(data, px)
	case "image/png":
		n := px * bytesPerPixel(cfg.ColorModel)
		if len(data) > 28 && data[28] == 1 {
			n *= 2 // an interlaced PNG is decoded pass by pass, then put together
		}
		return n
	case "image/webp":
		if cfg.ColorModel == color.NRGBAModel {
			return 8 * px // lossless: the decoder's own pixels, then the picture's
		}
		// Lossy: planes of whole 16-pixel macroblocks, colour at half size
		// (1.5 bytes a pixel) and, with alpha, a plane of it.
		mb := int64((cfg.Width+15)/16*16) * int64((cfg.Height+15)/16*16)
		return 3 * mb
	case "image/gif":
		if area, ok := gifFrameArea(data); ok {
			return area
		}
		return px
	}
	return 4 * px
}

// bytesPerPixel is the size of a pixel in the image type that decodes to
// model.
func bytesPerPixel(model color.Model) int64 {
	switch model {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	case color.YCbCrModel:
		return 3 // at most: 4:4:4
	case color.NYCbCrAModel:
		return 4
	}
	if _, ok := model.(color.Palette); ok {
		return 1
	}
	return 4
}

// jpegReadCost reads the frame header: each component's samples (fewer for
// subsampled colour) are a byte each, and a progressive JPEG keeps every
// coefficient, four bytes a sample, until its last scan. A four-component
// (CMYK) JPEG is converted to a picture of four bytes a pixel at the end.
func jpegReadCost(data []byte, px int64) int64 {
	sof, progressive, ok := jpegFrame(data)
	if !ok {
		return 15 * px // as if progressive 4:4:4: the decoder will refuse it anyway
	}
	if len(sof) < 6 {
		return 15 * px
	}
	nc := int(sof[5])
	if len(sof) < 6+3*nc || nc == 0 {
		return 15 * px
	}
	var hmax, vmax int64 = 1, 1
	for c := range nc {
		f := sof[6+3*c+1]
		hmax, vmax = max(hmax, int64(f>>4)), max(vmax, int64(f&15))
	}
	// The decoder's planes are whole blocks of 8×8 samples per component,
	// in whole MCUs (8·hmax × 8·vmax pixels).
	w, h := int64(binary.BigEndian.Uint16(sof[3:])), int64(binary.BigEndian.Uint16(sof[1:]))
	mcux, mcuy := (w+8*hmax-1)/(8*hmax), (h+8*vmax-1)/(8*vmax)
	var samples int64
	for c := range nc {
		f := sof[6+3*c+1]
		samples += 8 * max(1, int64(f>>4)) * mcux * 8 * max(1, int64(f&15)) * mcuy
	}
	n := samples
	if progressive {
		n += 4 * samples
	}
	if nc == 4 {
		n += 4 * px
	}
	return n
}

// jpegFrame returns the body of a JPEG's start-of-frame segment and whether
// it is progressive.
func jpegFrame(data []byte) (sof []byte, progressive, ok bool) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil, false, false
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return nil, false, false
		}
		marker := data[i+1]
		if marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01 || marker == 0xFF {
			i += 2
			continue
		}
		if marker == 0xDA || marker == 0xD9 {
			return nil, false, false
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return nil, false, false
		}
		if marker >= 0xC0 && marker <= 0xC2 {
			return data[i+4 : i+2+n], marker == 0xC2, true
		}
		i += 2 + n
	}
	return nil, false, false
}

// stillCost is what making the still renditions of a w×h picture holds, from
// a decoded original of read bytes: when rotated is set (a camera's JPEG
// turned upright) the original is first copied upright, four bytes a pixel.
// Resizing to the widest rendition holds the original, a copy as wide as
// that rendition and as tall as the original, and the result; once the
// original is let go, the encoders hold a few copies of the widest frame.
func (l *Library) stillCost(read int64, w, h int, rotated bool) int64 {
	px := int64(w) * int64(h)
	base := read
	phase := read
	if rotated {
		phase = read + 4*px
		base = 4 * px
	}
	w0 := int64(min(w, slices.Max(l.opts.Widths)))
	h0 := max(1, w0*int64(h)/int64(w))
	resize := base + 4*w0*int64(h) + 4*w0*h0
	encode := int64(4+4*l.opts.Parallel) * 4 * w0 * h0
	return max(phase, resize, encode)
}

// animationCost is what making the animated renditions of a GIF of n frames
// of w×h holds, beside its decoded frames: the player's canvas and what it
// saves under a frame, the scaler's table for the widest rendition (eight
// bytes a channel of a column as tall as the picture), the frames being
// scaled, and every frame at every width until the animations are encoded.
func (l *Library) animationCost(n, w, h int) int64 {
	widths := widthsFor(w, l.opts.AnimatedWidths)
	if len(widths) == 0 {
		return 0
	}
	px := int64(w) * int64(h)
	ratio := float64(h) / float64(w)
	wa := int64(widths[0])
	ha := int64(heightFor(widths[0], ratio))
	var frames int64
	for _, fw := range widths {
		frames += int64(fw) * int64(heightFor(fw, ratio))
	}
	return 8*px + 32*wa*int64(h) + int64(l.opts.Parallel+1)*4*wa*ha + int64(n)*(frames+wa*ha)
}

// gifFrameArea adds up the pixels of a GIF's frames, as their descriptors
// state them: gif.DecodeAll holds every frame, a byte a pixel.
func gifFrameArea(data []byte) (int64, bool) {
	var area int64
	ok := walkGIF(data, func(desc []byte) {
		area += int64(binary.LittleEndian.Uint16(desc[5:])) * int64(binary.LittleEndian.Uint16(desc[7:]))
	})
	return area, ok
}

// work is what the worker will do with a picture and the memory it will hold.
type work struct {
	cost int64
	// firstFrame is set for a GIF whose animation is over the limits
	// (stored before they were checked, or lowered since): its first frame
	// alone is made, as a still.
	firstFrame bool
}

// plan works out the renditions' work for a picture whose header reads cfg.
// A GIF's animation is made when it is within the limits for animations and
// the budget; otherwise its first frame is.
func (l *Library) plan(typ string, data []byte, cfg image.Config) work {
	w, h := cfg.Width, cfg.Height
	px := int64(w) * int64(h)
	switch typ {
	case "image/gif":
		c, ok := l.gifCost(data, cfg)
		if !ok || c > l.budget.Total() {
			return work{cost: l.stillCost(5*px, w, h, false), firstFrame: true}
		}
		return work{cost: c}
	case "image/jpeg":
		o := jpegOrientation(data)
		return work{cost: l.stillCost(readCost(typ, data, cfg), w, h, o != 1)}
	}
	return work{cost: l.stillCost(readCost(typ, data, cfg), w, h, false)}
}

// gifCost is what making a GIF's renditions, animation and all, holds: its
// decoded frames, with the still made from the first, then with the
// animation. ok is false when the file is over the limits for animations.
func (l *Library) gifCost(data []byte, cfg image.Config) (cost int64, ok bool) {
	w, h := cfg.Width, cfg.Height
	px := int64(w) * int64(h)
	n, ok := gifFrames(data)
	if !ok || n == 0 || n > maxFrames || int64(n)*px > l.opts.MaxAnimationPixels {
		return 0, false
	}
	area, _ := gifFrameArea(data)
	cost = l.stillCost(area+4*px, w, h, false)
	if n > 1 {
		cost = max(cost, area+l.animationCost(n, w, h))
	}
	return cost, true
}
