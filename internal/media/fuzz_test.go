package media

import (
	"context"
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
