package media_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/gif"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/media"
	"masthead/internal/news"
)

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
