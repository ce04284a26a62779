package media

import (
	"bytes"
	"context"
	"image"
	"image/gif"
	"os"
	"path/filepath"
	"testing"

	"masthead/internal/news"
)

// FuzzInspect feeds arbitrary bytes to the checks every upload goes through
// (type from the bytes, pixel limit from the header, full decode, EXIF
// orientation) and, for the small pictures it accepts, to the renditions.
// Nothing may panic; a refusal must be EINVALID with a message; an accepted
// picture must be within the limits. The seeds are the crafted test files;
// testdata/fuzz/FuzzInspect keeps inputs the fuzzer found worth keeping.
// Run it with: go test -run '^$' -fuzz FuzzInspect -fuzztime 30s -fuzzminimizetime 2s ./internal/media
// (minimizing an input that reaches the WebP encoder is slow, and a minute of
// it looks like a hang).
func FuzzInspect(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.*")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil && filepath.Ext(p) != ".go" {
			f.Add(b)
		}
	}
	const maxPixels = 1_000_000
	l := New(nil, nil, Options{MaxPixels: maxPixels, Widths: []int{16, 32}, AnimatedWidths: []int{16},
		Crops: []Crop{{Name: "16x9", W: 16, H: 9, Widths: []int{16}}}})
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := jpegOrientation(data); o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
		a, err := l.inspect(context.Background(), data, "upload")
		if err != nil {
			if news.ErrorCode(err) != news.EINVALID || news.ErrorMessage(err) == "" {
				t.Fatalf("refused without a clear message: %v", err)
			}
			return
		}
		if _, ok := kinds[a.Type]; !ok || a.Width < 1 || a.Height < 1 || int64(a.Width)*int64(a.Height) > maxPixels {
			t.Fatalf("accepted %+v", a)
		}
		if a.Width*a.Height > 64*64 {
			return
		}
		pic, err := decodeAll(a.Type, data, "upload", l.opts.MaxAnimationPixels)
		if err != nil {
			t.Fatalf("accepted, then failed to decode: %v", err)
		}
		img := pic.still()
		if a.Type == "image/jpeg" {
			img = orient(img, jpegOrientation(data))
		}
		if img.Bounds().Dx() != a.Width || img.Bounds().Dy() != a.Height {
			t.Fatalf("upright %v, described as %dx%d", img.Bounds(), a.Width, a.Height)
		}
		a.FocusX, a.FocusY = 0.5, 0.5
		out, err := l.render(context.Background(), img, a)
		if err != nil || len(out) == 0 {
			t.Fatalf("renditions of an accepted picture: %d, %v", len(out), err)
		}
		if pic.animated() && len(pic.gif.Image)*a.Width*a.Height <= 64*64*8 {
			if out, err := l.renderAnimated(context.Background(), pic.gif); err != nil || len(out) == 0 {
				t.Fatalf("animated renditions of an accepted animation: %d, %v", len(out), err)
			}
		}
	})
}

// FuzzReadCost checks the memory the budget counts for reading a picture,
// which is worked out from headers that anyone can write: for any bytes it
// must not panic, and for every picture that decodes it must be at least
// the bytes of the decoded pixels (the decoder's own working memory beside
// them is the model's to add), or a crafted file could hold more than the
// budget lets it.
func FuzzReadCost(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.*")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil && filepath.Ext(p) != ".go" {
			f.Add(b)
		}
	}
	l := New(nil, nil, Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		walkGIF(data, func([]byte) {})
		jpegFrame(data)
		typ, err := sniff(data, "upload")
		if err != nil {
			return
		}
		cfg, err := kinds[typ].config(data)
		if err != nil || cfg.Width < 1 || cfg.Height < 1 || int64(cfg.Width)*int64(cfg.Height) > 1<<20 {
			return
		}
		cost := readCost(typ, data, cfg)
		if p := l.plan(typ, data, cfg); p.cost < cost || cost < 0 {
			t.Fatalf("the work of a %s %dx%d is counted at %d bytes, reading it alone at %d", typ, cfg.Width, cfg.Height, p.cost, cost)
		}
		var held int64
		if typ == "image/gif" {
			g, err := gif.DecodeAll(bytes.NewReader(data))
			if err != nil {
				return
			}
			for _, fr := range g.Image {
				held += int64(len(fr.Pix))
			}
		} else {
			img, err := kinds[typ].decode(data)
			if err != nil {
				return
			}
			held = pixelBytes(img)
		}
		if held > cost {
			t.Fatalf("a %s %dx%d (%v) decodes to %d bytes of pixels, but reading it is counted at %d",
				typ, cfg.Width, cfg.Height, cfg.ColorModel, held, cost)
		}
	})
}

// pixelBytes is the size of a decoded picture's pixel buffers.
func pixelBytes(img image.Image) int64 {
	switch m := img.(type) {
	case *image.RGBA:
		return int64(cap(m.Pix))
	case *image.NRGBA:
		return int64(cap(m.Pix))
	case *image.RGBA64:
		return int64(cap(m.Pix))
	case *image.NRGBA64:
		return int64(cap(m.Pix))
	case *image.Gray:
		return int64(cap(m.Pix))
	case *image.Gray16:
		return int64(cap(m.Pix))
	case *image.Paletted:
		return int64(cap(m.Pix))
	case *image.CMYK:
		return int64(cap(m.Pix))
	case *image.YCbCr:
		return int64(cap(m.Y) + cap(m.Cb) + cap(m.Cr))
	case *image.NYCbCrA:
		return int64(cap(m.Y) + cap(m.Cb) + cap(m.Cr) + cap(m.A))
	}
	b := img.Bounds()
	return 8 * int64(b.Dx()) * int64(b.Dy())
}
