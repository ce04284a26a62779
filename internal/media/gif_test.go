package media_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestAnimatedGIF uploads testdata/animated.gif (three frames, two of them
// smaller than the picture, one with a transparent hole, disposed of in
// different ways, with a comment and an XMP block) and checks its animated
// renditions frame by frame against what a browser shows of the original,
// on disk and on S3, on both databases.
func TestAnimatedGIF(t *testing.T) {
	orig := testdata(t, "animated.gif")
	for _, m := range []string{"Secret Location", "XMP DataXMP", "xmpmeta", "30.1234N"} {
		if !bytes.Contains(orig, []byte(m)) {
			t.Fatalf("the test file lacks %q, so the test would prove nothing", m)
		}
	}
	eachStorage(t, func(t *testing.T, files media.Storage) {
		dbtest.Each(t, func(t *testing.T, st *store.Store) {
			lib := media.New(st, files, media.Options{})
			ctx := context.Background()
			a, err := lib.Ingest(ctx, bytes.NewReader(orig), "loop.gif")
			if err != nil {
				t.Fatal(err)
			}
			if a.Type != "image/gif" || a.Width != 400 || a.Height != 240 {
				t.Fatalf("ingested as %s %dx%d, want image/gif 400x240", a.Type, a.Width, a.Height)
			}
			still, err := lib.Ingest(ctx, bytes.NewReader(testdata(t, "picture.gif")), "still.gif")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := lib.ProcessPending(ctx); err != nil {
				t.Fatal(err)
			}
			if a, err = st.Asset(ctx, a.ID); err != nil || a.State != news.AssetReady {
				t.Fatalf("%+v, %v", a, err)
			}
			formats := map[string][]int{}
			for _, r := range a.Renditions {
				formats[r.Format+r.Crop] = append(formats[r.Format+r.Crop], r.Width)
				b := readKey(t, files, r.Key)
				for _, m := range append(metadataMarkers, "XMP", "Taken at") {
					if bytes.Contains(b, []byte(m)) {
						t.Errorf("%s contains %q", r.Key, m)
					}
				}
				if r.Format != "gif" {
					continue
				}
				if r.Crop != "" || !strings.HasSuffix(r.Key, ".gif") {
					t.Errorf("animated rendition %+v", r)
				}
				g, err := gif.DecodeAll(bytes.NewReader(b))
				if err != nil {
					t.Fatalf("%s does not decode: %v", r.Key, err)
				}
				if g.Config.Width != r.Width || g.Config.Height != r.Height || r.Width > a.Width {
					t.Errorf("%s is %dx%d, recorded %dx%d, of a picture %d wide", r.Key, g.Config.Width, g.Config.Height, r.Width, r.Height, a.Width)
				}
				if len(g.Image) != 3 || !slices.Equal(g.Delay, []int{10, 20, 30}) || g.LoopCount != 0 {
					t.Errorf("%s: %d frames, delays %v, loop count %d; want 3, [10 20 30], 0", r.Key, len(g.Image), g.Delay, g.LoopCount)
				}
				checkFrames(t, r.Key, play(g), float64(r.Width)/400)
			}
			for f, ws := range formats {
				slices.Sort(ws)
				formats[f] = ws
			}
			if !slices.Equal(formats["gif"], []int{320, 400}) {
				t.Errorf("animated widths %v, want [320 400]", formats["gif"])
			}
			if !slices.Equal(formats["jpeg"], []int{320, 400}) || !slices.Equal(formats["webp"], []int{320, 400}) ||
				len(formats["jpeg"+news.CardCrop]) == 0 {
				t.Errorf("still renditions %v, want JPEG and WebP at 320 and 400 and card crops", formats)
			}
			// The still renditions are the first frame: red on the left.
			img := a.Image()
			if img == nil || img.AnimatedSrc() == "" || img.Card == nil || img.ForCard().Animated != nil {
				t.Fatalf("image %+v: want animated copies and a still card", img)
			}
			still, err = st.Asset(ctx, still.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range still.Renditions {
				if r.Format == "gif" {
					t.Errorf("a GIF of one frame has an animated rendition %s", r.Key)
				}
			}
		})
	})
}

// checkFrames compares the three frames of a rendition of animated.gif,
// scaled by s, with what the original shows, at points away from edges.
func checkFrames(t *testing.T, key string, frames []*image.RGBA, s float64) {
	t.Helper()
	red, blue, green, yellow := color.RGBA{200, 30, 30, 255}, color.RGBA{30, 30, 200, 255}, color.RGBA{30, 160, 60, 255}, color.RGBA{230, 200, 40, 255}
	want := []struct {
		frame int
		x, y  float64
		c     color.RGBA
	}{
		{0, 100, 120, red}, {0, 300, 120, blue}, {0, 80, 80, red},
		{1, 80, 80, green}, {1, 300, 120, blue}, {1, 20, 200, red},
		{2, 80, 80, red}, // the green square was disposed of by restoring
		{2, 250, 110, yellow}, {2, 280, 140, blue}, {2, 300, 60, blue},
	}
	for _, w := range want {
		if w.frame >= len(frames) {
			return
		}
		x, y := int(w.x*s), int(w.y*s)
		if got := frames[w.frame].RGBAAt(x, y); !near(got, w.c) {
			t.Errorf("%s frame %d at (%d,%d): %v, want %v", key, w.frame, x, y, got, w.c)
		}
	}
}

func near(a, b color.RGBA) bool {
	d := func(x, y uint8) int { return max(int(x)-int(y), int(y)-int(x)) }
	return d(a.R, b.R) < 24 && d(a.G, b.G) < 24 && d(a.B, b.B) < 24 && d(a.A, b.A) < 24
}

// play draws a GIF's frames as a browser shows them, with image/draw: a
// second implementation to check the library's against.
func play(g *gif.GIF) []*image.RGBA {
	canvas := image.NewRGBA(image.Rect(0, 0, g.Config.Width, g.Config.Height))
	var out []*image.RGBA
	for i, f := range g.Image {
		before := image.NewRGBA(canvas.Rect)
		copy(before.Pix, canvas.Pix)
		draw.Draw(canvas, f.Rect, f, f.Rect.Min, draw.Over)
		shown := image.NewRGBA(canvas.Rect)
		copy(shown.Pix, canvas.Pix)
		out = append(out, shown)
		switch g.Disposal[i] {
		case gif.DisposalBackground:
			draw.Draw(canvas, f.Rect, image.Transparent, image.Point{}, draw.Src)
		case gif.DisposalPrevious:
			canvas = before
		}
	}
	return out
}

// TestAnimatedGIFWithTransparency: a frame smaller than the picture leaves
// the rest transparent, and a frame cleared to the background leaves a hole;
// the renditions show the page through both.
func TestAnimatedGIFWithTransparency(t *testing.T) {
	pal := color.Palette{color.RGBA{200, 30, 30, 255}, color.RGBA{30, 30, 200, 255}}
	left := image.NewPaletted(image.Rect(0, 0, 100, 100), pal)
	right := image.NewPaletted(image.Rect(100, 0, 200, 100), pal)
	for i := range right.Pix {
		right.Pix[i] = 1
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, &gif.GIF{Image: []*image.Paletted{left, right}, Delay: []int{50, 50},
		Disposal: []byte{gif.DisposalBackground, gif.DisposalNone},
		Config:   image.Config{ColorModel: pal, Width: 200, Height: 100}}); err != nil {
		t.Fatal(err)
	}
	st := dbtest.SQLite(t)
	lib, dir := newLibrary(t, st, media.Options{AnimatedWidths: []int{100, 200}})
	ctx := context.Background()
	a, err := lib.Ingest(ctx, bytes.NewReader(buf.Bytes()), "wipe.gif")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.ProcessPending(ctx); err != nil {
		t.Fatal(err)
	}
	if a, err = st.Asset(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range a.Renditions {
		if r.Format != "gif" {
			continue
		}
		n++
		g, err := gif.DecodeAll(bytes.NewReader(readDisk(t, dir, r.Key)))
		if err != nil {
			t.Fatal(err)
		}
		s := float64(r.Width) / 200
		frames := play(g)
		for _, c := range []struct {
			frame int
			x, y  float64
			alpha uint8
		}{{0, 50, 50, 255}, {0, 150, 50, 0}, {1, 50, 50, 0}, {1, 150, 50, 255}} {
			x, y := int(c.x*s), int(c.y*s)
			if got := frames[c.frame].RGBAAt(x, y); got.A != c.alpha {
				t.Errorf("%s frame %d at (%d,%d): %v, want alpha %d", r.Key, c.frame, x, y, got, c.alpha)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d animated renditions, want 2", n)
	}
}

// TestAnimatedGIFRefused: an animation cut short past its first frame, one
// of too many frames, and one whose frames add up to too many pixels.
func TestAnimatedGIFRefused(t *testing.T) {
	truncated := testdata(t, "animated-truncated.gif")
	if _, err := gif.Decode(bytes.NewReader(truncated)); err != nil {
		t.Fatalf("the first frame of the cut file does not decode (%v), so the test would prove less", err)
	}
	many := &gif.GIF{Config: image.Config{ColorModel: color.Palette{color.Black, color.White}, Width: 1, Height: 1}}
	for i := range 1001 {
		many.Image = append(many.Image, image.NewPaletted(image.Rect(0, 0, 1, 1), color.Palette{color.Black, color.White}))
		many.Image[i].Pix[0] = uint8(i % 2)
		many.Delay = append(many.Delay, 2)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, many); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"cut.gif", truncated, "damaged or cut short"},
		{"flipbook.gif", buf.Bytes(), "1001 frames, over the limit of 1000 frames"},
		{"frames-bomb.gif", testdata(t, "frames-bomb.gif"),
			"animation of 5 frames of 10000 × 5000 pixels, 250 megapixels in all, over the limit of 200 megapixels"},
	}
	eachStorage(t, func(t *testing.T, files media.Storage) {
		st := dbtest.SQLite(t)
		lib := media.New(st, files, media.Options{})
		ctx := context.Background()
		for _, c := range cases {
			_, err := lib.Ingest(ctx, bytes.NewReader(c.data), c.name)
			if news.ErrorCode(err) != news.EINVALID || !strings.Contains(news.ErrorMessage(err), c.want) ||
				!strings.Contains(news.ErrorMessage(err), c.name) {
				t.Errorf("%s: %v, want a refusal naming it and saying %q", c.name, err, c.want)
			}
		}
		if list, err := st.SearchAssets(ctx, "", 10, 0); err != nil || len(list) > 0 {
			t.Errorf("refused uploads left %d assets (%v)", len(list), err)
		}
	})
}

// TestOlderGIFKeepsFirstFrame: an original stored before every frame was
// checked, whose animation is cut short, keeps its still renditions when
// they are made again, as they were.
func TestOlderGIFKeepsFirstFrame(t *testing.T) {
	st := dbtest.SQLite(t)
	lib, dir := newLibrary(t, st, media.Options{})
	ctx := context.Background()
	a, err := lib.Ingest(ctx, bytes.NewReader(testdata(t, "animated.gif")), "old.gif")
	if err != nil {
		t.Fatal(err)
	}
	key, err := st.AssetOriginalKey(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(key)), testdata(t, "animated-truncated.gif"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.ProcessPending(ctx); err != nil {
		t.Fatal(err)
	}
	if a, err = st.Asset(ctx, a.ID); err != nil || a.State != news.AssetReady {
		t.Fatalf("%+v, %v", a, err)
	}
	for _, r := range a.Renditions {
		if r.Format == "gif" {
			t.Errorf("a cut animation has an animated rendition %s", r.Key)
		}
		if r.Crop == "" && r.Width != 320 && r.Width != 400 {
			t.Errorf("rendition %dx%d of a 400 × 240 picture", r.Width, r.Height)
		}
	}
}
