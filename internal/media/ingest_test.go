package media_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/image/webp"

	"masthead/internal/dbtest"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/s3test"
	"masthead/internal/store"
)

func testdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// newLibrary returns a library on st over a media folder, and the folder.
func newLibrary(t *testing.T, st *store.Store, o media.Options) (*media.Library, string) {
	t.Helper()
	dir := t.TempDir()
	files, err := media.NewDisk(dir)
	if err != nil {
		t.Fatal(err)
	}
	return media.New(st, files, o), dir
}

// filesIn lists the files under dir, as slash-separated keys.
func filesIn(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	return out
}

func TestIngestAcceptsEachType(t *testing.T) {
	cases := []struct {
		file, typ string
		w, h      int
	}{
		{"photo.jpg", "image/jpeg", 96, 64},
		{"picture.png", "image/png", 80, 50},
		{"picture.gif", "image/gif", 40, 30},
		{"picture.webp", "image/webp", 64, 48},
		// The name says JPEG; the bytes say PNG, and the bytes decide.
		{"png-named.jpg", "image/png", 80, 50},
		// Stored sideways with EXIF orientation 6: upright it is tall.
		{"gps.jpg", "image/jpeg", 64, 96},
	}
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		lib, dir := newLibrary(t, st, media.Options{})
		ctx := context.Background()
		for _, c := range cases {
			a, err := lib.Ingest(ctx, bytes.NewReader(testdata(t, c.file)), c.file)
			if err != nil {
				t.Fatalf("%s: %v", c.file, err)
			}
			if a.ID == 0 || a.Type != c.typ || a.Width != c.w || a.Height != c.h || a.State != news.AssetPending {
				t.Errorf("%s: got %+v, want %s %dx%d pending", c.file, a, c.typ, c.w, c.h)
			}
		}
		// The upload returned before any rendition was made; only the
		// originals are stored, privately.
		for _, f := range filesIn(t, dir) {
			if !strings.HasPrefix(f, media.PrivatePrefix) {
				t.Errorf("before the worker ran, %s is stored", f)
			}
		}
		n, err := lib.ProcessPending(ctx)
		if err != nil || n != len(cases) {
			t.Fatalf("ProcessPending: %d, %v; want %d", n, err, len(cases))
		}
		list, err := st.SearchAssets(ctx, "", 50, 0)
		if err != nil || len(list) != len(cases) {
			t.Fatalf("SearchAssets: %d, %v", len(list), err)
		}
		for _, a := range list {
			if a.State != news.AssetReady {
				t.Errorf("%s: state %s, want ready", a.Name, a.State)
			}
			formats := map[string]int{}
			for _, r := range a.Renditions {
				formats[r.Format]++
				if r.Crop == "" && (r.Width != a.Width || r.Height != a.Height) {
					t.Errorf("%s: rendition %dx%d of a %dx%d picture (small pictures are never enlarged)", a.Name, r.Width, r.Height, a.Width, a.Height)
				}
				if !strings.HasPrefix(r.Key, media.PublicPrefix) {
					t.Errorf("%s: rendition at %s", a.Name, r.Key)
				}
				cfg := decodeConfig(t, readDisk(t, dir, r.Key), r.Format)
				if cfg.Width != r.Width || cfg.Height != r.Height {
					t.Errorf("%s: %s says %dx%d, file is %dx%d", a.Name, r.Key, r.Width, r.Height, cfg.Width, cfg.Height)
				}
			}
			if formats["jpeg"] == 0 || formats["jpeg"] != formats["webp"] {
				t.Errorf("%s: renditions by format %v, want as many JPEG as WebP", a.Name, formats)
			}
		}
	})
}

func readDisk(t *testing.T, dir, key string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(key)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decodeConfig(t *testing.T, b []byte, format string) image.Config {
	t.Helper()
	var cfg image.Config
	var err error
	if format == "webp" {
		cfg, err = webp.DecodeConfig(bytes.NewReader(b))
	} else {
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(b))
	}
	if err != nil {
		t.Fatalf("a %s rendition does not decode: %v", format, err)
	}
	return cfg
}

func TestIngestRefuses(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string // in the message
	}{
		{"notes.jpg", testdata(t, "notes.jpg"), "is not a JPEG, PNG, WebP or GIF"},
		{"bomb.png", testdata(t, "bomb.png"), "100000 × 100000 pixels, over the limit"},
		{"truncated.jpg", testdata(t, "truncated.jpg"), "damaged or cut short"},
		{"big.jpg", append(testdata(t, "photo.jpg"), make([]byte, 2048)...), "larger than the limit of 1.5 KB"},
		{"empty.png", nil, "is empty"},
		// Within the pixel limit, but 8 bytes a pixel decoded (16-bit
		// RGBA), or, progressive, every coefficient kept to the last scan
		// (3 samples a pixel, 4 bytes each beside the sample): with resizing to 2048 wide (4 × 2048 × 7000 and
		// 4 × 2048 × 2048 bytes), more than the worker may hold.
		{"deep.png", pngHeader(7000, 7000, 16, 6), "7000 × 7000 pixels, would take about 445 MB of memory to make its sizes for the site, over the 340 MB set aside"},
		{"progressive.jpg", jpegHeader(7000, 7000, 0xC2), "7000 × 7000 pixels, would take about 772 MB of memory"},
		{"page.html", []byte("<!DOCTYPE html><title>x</title>"), "text/html"},
	}
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		lib, dir := newLibrary(t, st, media.Options{})
		small, smallDir := newLibrary(t, st, media.Options{MaxBytes: 1536})
		ctx := context.Background()
		for _, c := range cases {
			l := lib
			if c.name == "big.jpg" {
				// A file over the limit: a small limit keeps the test file small.
				l = small
			}
			_, err := l.Ingest(ctx, bytes.NewReader(c.data), c.name)
			if news.ErrorCode(err) != news.EINVALID || !strings.Contains(news.ErrorMessage(err), c.want) {
				t.Errorf("%s: %v, want a refusal saying %q", c.name, err, c.want)
			}
			if err != nil && !strings.Contains(news.ErrorMessage(err), c.name) {
				t.Errorf("%s: the message %q does not name the file", c.name, news.ErrorMessage(err))
			}
		}
		if files := append(filesIn(t, dir), filesIn(t, smallDir)...); len(files) > 0 {
			t.Errorf("refused uploads left files: %v", files)
		}
		if list, err := st.SearchAssets(ctx, "", 10, 0); err != nil || len(list) > 0 {
			t.Errorf("refused uploads left %d assets (%v)", len(list), err)
		}
	})
}

// pngHeader is the start of a PNG of w×h pixels of the given bit depth and
// colour type: enough for its header to be read, not its pixels.
func pngHeader(w, h uint32, depth, colourType byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32([]byte("IHDR"), w), h)
	ihdr = append(ihdr, depth, colourType, 0, 0, 0)
	b.Write(binary.BigEndian.AppendUint32(nil, 13))
	b.Write(ihdr)
	b.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(ihdr)))
	return b.Bytes()
}

// jpegHeader is the start of a JFIF JPEG of w×h pixels in three components,
// not subsampled, with the given start-of-frame marker (0xC2: progressive).
func jpegHeader(w, h uint16, sof byte) []byte {
	b := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, sof, 0, 17, 8}
	b = binary.BigEndian.AppendUint16(binary.BigEndian.AppendUint16(b, h), w)
	return append(b, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9)
}

// The markers of EXIF, XMP and IPTC blocks, and the words of the test file's
// GPS position: none may be in anything served.
var metadataMarkers = []string{"Exif", "GPS", "http://ns.adobe.com/xap", "xmpmeta", "Photoshop 3.0", "8BIM", "Secret Location", "30.1234N"}

func TestRenditionsCarryNoMetadataAndStandUpright(t *testing.T) {
	orig := testdata(t, "gps.jpg")
	for _, m := range []string{"Exif", "GPS", "xmpmeta", "8BIM", "Secret Location"} {
		if !bytes.Contains(orig, []byte(m)) {
			t.Fatalf("the test file lacks %q, so the test would prove nothing", m)
		}
	}
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		lib, dir := newLibrary(t, st, media.Options{})
		ctx := context.Background()
		a, err := lib.Ingest(ctx, bytes.NewReader(orig), "IMG_0001.JPG")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := lib.ProcessPending(ctx); err != nil {
			t.Fatal(err)
		}
		a, err = st.Asset(ctx, a.ID)
		if err != nil || len(a.Renditions) == 0 {
			t.Fatalf("%+v, %v", a, err)
		}
		for _, r := range a.Renditions {
			b := readDisk(t, dir, r.Key)
			for _, m := range metadataMarkers {
				if bytes.Contains(b, []byte(m)) {
					t.Errorf("%s contains %q", r.Key, m)
				}
			}
			if r.Format != "jpeg" || r.Crop != "" {
				continue
			}
			img, err := jpeg.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			// Red was on the left as stored; turned a quarter right it is on top.
			top, bottom := img.At(r.Width/2, 2), img.At(r.Width/2, r.Height-3)
			if !reddish(top) || reddish(bottom) {
				t.Errorf("%s is not upright: top %v, bottom %v", r.Key, top, bottom)
			}
		}
		// The original is kept as uploaded, metadata and all, for the newsroom.
		key, err := st.AssetOriginalKey(ctx, a.ID)
		if err != nil || !strings.HasPrefix(key, media.PrivatePrefix) || !bytes.Equal(readDisk(t, dir, key), orig) {
			t.Errorf("original at %q (%v) is not the upload", key, err)
		}
	})
}

func reddish(c color.Color) bool {
	r, _, b, _ := c.RGBA()
	return r > 2*b
}

// photo returns a w×h JPEG: a gradient with a white square where the focal
// point test looks for it.
func photo(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 90, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRenditionWidthsNeverEnlarge(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		lib, _ := newLibrary(t, st, media.Options{})
		ctx := context.Background()
		wide, err := lib.Ingest(ctx, bytes.NewReader(photo(t, 2400, 1000)), "wide.jpg")
		if err != nil {
			t.Fatal(err)
		}
		mid, err := lib.Ingest(ctx, bytes.NewReader(photo(t, 1000, 700)), "mid.jpg")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := lib.ProcessPending(ctx); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			id         int64
			whole, crd string
		}{
			{wide.ID, "320 480 640 960 1280 1600 2048", "320 640 960"},
			{mid.ID, "320 480 640 960 1000", "320 640 960"},
		} {
			a, err := st.Asset(ctx, c.id)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]string{}
			for _, r := range a.Renditions {
				if r.Format == "webp" {
					got[r.Crop] = append(got[r.Crop], itoa(r.Width))
				}
			}
			if w := strings.Join(got[""], " "); w != c.whole {
				t.Errorf("asset %d: widths %s, want %s", c.id, w, c.whole)
			}
			if w := strings.Join(got[news.CardCrop], " "); w != c.crd {
				t.Errorf("asset %d: card widths %s, want %s", c.id, w, c.crd)
			}
			img := a.Image()
			if img == nil || img.Card == nil || img.Card.Width*9 != img.Card.Height*16 {
				t.Errorf("asset %d: image %+v has no 16:9 card", c.id, img)
			}
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestFocalPointMovesTheCrop(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		lib, dir := newLibrary(t, st, media.Options{Widths: []int{320}})
		ctx := context.Background()
		// 3:1, so a 16:9 crop keeps 59 % of the width: to the left or the right.
		a, err := lib.Ingest(ctx, bytes.NewReader(photo(t, 1200, 400)), "panorama.jpg")
		if err != nil {
			t.Fatal(err)
		}
		cardRedness := func() uint32 {
			if _, err := lib.ProcessPending(ctx); err != nil {
				t.Fatal(err)
			}
			got, err := st.Asset(ctx, a.ID)
			if err != nil || got.State != news.AssetReady {
				t.Fatalf("%+v, %v", got, err)
			}
			card := got.Image().Card
			img, err := jpeg.Decode(bytes.NewReader(readDisk(t, dir, strings.TrimPrefix(card.Src, "/media/"))))
			if err != nil {
				t.Fatal(err)
			}
			r, _, _, _ := img.At(img.Bounds().Dx()/2, img.Bounds().Dy()/2).RGBA()
			return r >> 8
		}
		centre := cardRedness()
		a.FocusX, a.FocusY, a.Alt = 0.95, 0.5, "A panorama of the bay"
		if err := st.UpdateAsset(ctx, &a); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.Asset(ctx, a.ID); got.State != news.AssetPending {
			t.Fatalf("after moving the focal point the state is %s, want pending", got.State)
		}
		right := cardRedness()
		// Red grows to the right: the crop around x=0.95 is redder.
		if right < centre+40 {
			t.Errorf("card centre red %d with the focus at the right, %d centred: the crop did not move", right, centre)
		}
		// New words with the same focal point keep the renditions.
		a.Caption = "The bay from the north shore."
		if err := st.UpdateAsset(ctx, &a); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.Asset(ctx, a.ID); got.State != news.AssetReady || got.Caption != a.Caption {
			t.Errorf("after a new caption: state %s, caption %q; want ready and the caption", got.State, got.Caption)
		}
		a.FocusX = 1.5
		if err := st.UpdateAsset(ctx, &a); news.ErrorCode(err) != news.EINVALID {
			t.Errorf("a focal point outside the picture: %v", err)
		}
	})
}

func TestWorkResumesAfterRestartAndTakeover(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		files, err := media.NewDisk(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
		st.Now = func() time.Time { return now }
		first := media.New(st, files, media.Options{})
		a, err := first.Ingest(ctx, bytes.NewReader(testdata(t, "photo.jpg")), "photo.jpg")
		if err != nil {
			t.Fatal(err)
		}
		// A node claims the work and dies before finishing it.
		if _, ok, err := st.ClaimAssetWork(ctx, "dead-node", 5*time.Minute); !ok || err != nil {
			t.Fatalf("claim: %v, %v", ok, err)
		}
		var ready []int64
		restarted := media.New(st, files, media.Options{OnReady: func(id int64) { ready = append(ready, id) }})
		if n, err := restarted.ProcessPending(ctx); n != 0 || err != nil {
			t.Fatalf("while the claim holds: %d done, %v", n, err)
		}
		now = now.Add(6 * time.Minute)
		if n, err := restarted.ProcessPending(ctx); n != 1 || err != nil {
			t.Fatalf("after the claim ran out: %d done, %v", n, err)
		}
		if len(ready) != 1 || ready[0] != a.ID {
			t.Errorf("OnReady was told of %v, want [%d]", ready, a.ID)
		}
		if err := st.FinishAssetWork(ctx, a.ID, "dead-node", nil); err != store.ErrWorkLost {
			t.Errorf("the dead node's late finish: %v, want ErrWorkLost", err)
		}
		got, err := st.Asset(ctx, a.ID)
		if err != nil || got.State != news.AssetReady || len(got.Renditions) == 0 {
			t.Errorf("%+v, %v", got, err)
		}
		// A worker started with Run finishes work queued after it started.
		runCtx, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { restarted.Run(runCtx); close(done) }()
		b, err := restarted.Ingest(ctx, bytes.NewReader(testdata(t, "picture.png")), "picture.png")
		if err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			got, err := st.Asset(ctx, b.ID)
			if err == nil && got.State == news.AssetReady {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the running worker did not finish a new upload: %+v, %v", got, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
		stop()
		<-done
	})
}

func TestSearchAssets(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		lib, _ := newLibrary(t, st, media.Options{})
		ctx := context.Background()
		words := []struct{ alt, caption, credit string }{
			{"Harbour cranes at dusk", "The container terminal on Tuesday.", "Ana Ruiz"},
			{"Council chamber", "Councillors vote on the 100% budget.", "Tom Webb"},
			{"A rowing eight on the river", "Saltmere Rowing Club trains at dawn.", "ana ruiz"},
		}
		for _, w := range words {
			a, err := lib.Ingest(ctx, bytes.NewReader(testdata(t, "photo.jpg")), "photo.jpg")
			if err != nil {
				t.Fatal(err)
			}
			a.Alt, a.Caption, a.Credit = w.alt, w.caption, w.credit
			if err := st.UpdateAsset(ctx, &a); err != nil {
				t.Fatal(err)
			}
		}
		for q, want := range map[string]string{
			"cranes":         "Harbour cranes at dusk",
			"ANA RUIZ":       "A rowing eight on the river|Harbour cranes at dusk",
			"ruiz dawn":      "A rowing eight on the river",
			"100%":           "Council chamber",
			"%":              "Council chamber",
			"_":              "",
			"terminal crane": "Harbour cranes at dusk",
			"nothing-here":   "",
		} {
			list, err := st.SearchAssets(ctx, q, 10, 0)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range list {
				got = append(got, a.Alt)
			}
			if g := strings.Join(got, "|"); g != want {
				t.Errorf("search %q: %q, want %q", q, g, want)
			}
		}
	})
}

// TestIngestOnS3 runs an upload through to its renditions with the media in
// an S3 bucket.
func TestIngestOnS3(t *testing.T) {
	spec := s3test.Start(t)
	st := dbtest.SQLite(t)
	files, err := media.OpenStorage(context.Background(), spec, "")
	if err != nil {
		t.Fatal(err)
	}
	lib := media.New(st, files, media.Options{})
	ctx := context.Background()
	a, err := lib.Ingest(ctx, bytes.NewReader(testdata(t, "gps.jpg")), "gps.jpg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Ingest(ctx, bytes.NewReader(testdata(t, "bomb.png")), "bomb.png"); news.ErrorCode(err) != news.EINVALID {
		t.Fatalf("bomb: %v", err)
	}
	if _, err := lib.ProcessPending(ctx); err != nil {
		t.Fatal(err)
	}
	a, err = st.Asset(ctx, a.ID)
	if err != nil || a.State != news.AssetReady {
		t.Fatalf("%+v, %v", a, err)
	}
	for _, r := range a.Renditions {
		b := readKey(t, files, r.Key)
		if int64(len(b)) != r.Bytes {
			t.Errorf("%s: %d bytes stored, %d recorded", r.Key, len(b), r.Bytes)
		}
		for _, m := range metadataMarkers {
			if bytes.Contains(b, []byte(m)) {
				t.Errorf("%s contains %q", r.Key, m)
			}
		}
	}
}

// TestWorkersMakeSeveralAtOnce: with Workers over 1, ProcessPending makes
// every pending asset exactly once (the claims keep the workers apart).
func TestWorkersMakeSeveralAtOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		var mu sync.Mutex
		ready := map[int64]int{}
		lib, _ := newLibrary(t, st, media.Options{Workers: 3, Widths: []int{320}, OnReady: func(id int64) {
			mu.Lock()
			ready[id]++
			mu.Unlock()
		}})
		ctx := context.Background()
		var ids []int64
		for i := range 7 {
			a, err := lib.Ingest(ctx, bytes.NewReader(photo(t, 400+10*i, 300)), "photo.jpg")
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
		}
		if n, err := lib.ProcessPending(ctx); n != len(ids) || err != nil {
			t.Fatalf("ProcessPending: %d, %v; want %d", n, err, len(ids))
		}
		for _, id := range ids {
			a, err := st.Asset(ctx, id)
			if err != nil || a.State != news.AssetReady || ready[id] != 1 {
				t.Errorf("asset %d: %s (%v), ready %d times", id, a.State, err, ready[id])
			}
		}
	})
}
