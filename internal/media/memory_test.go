package media_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/media"
	"masthead/internal/news"
)

// TestUploadsAndWorkStayWithinMemory: the uploads that took the server from
// 505 MB to 2,169 MB (an animated GIF of four 50-megapixel frames, and
// several 49-megapixel PNGs uploaded at once while the worker runs) now hold
// no more than the memory `masthead serve` is given. The GIF is refused at
// upload with a message that says why; one stored before that check is made
// from its first frame; the PNGs are read and made one at a time, as the
// budget allows. The Go runtime is set as serve sets it (GOGC 200 and the
// soft memory limit), and the memory the process holds from the system is
// sampled throughout: a bound on memory, not on time.
//
// It runs on SQLite only: it is about memory, which the database does not
// change. It takes about a minute on two cores.
func TestUploadsAndWorkStayWithinMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes several 49-megapixel pictures")
	}
	bomb := animationOf(t, 4, 10000, 5000)
	big := flatPNG(t, 7000, 7000)
	runtime.GC()

	st := dbtest.SQLite(t)
	// Widths as few as the site's would make, to keep the test's time
	// down; the bound is the same.
	lib, dir := newLibrary(t, st, media.Options{Workers: 2, Widths: []int{320, 640}, AnimatedWidths: []int{320}})
	ctx := context.Background()

	_, err := lib.Ingest(ctx, bytes.NewReader(bomb), "bomb.gif")
	if want := "animation of 4 frames of 10000 × 5000 pixels: making its sizes for the site would take about"; news.ErrorCode(err) != news.EINVALID || !strings.Contains(news.ErrorMessage(err), want) {
		t.Fatalf("the GIF of four 50-megapixel frames: %v, want a refusal saying %q", err, want)
	}
	// The same GIF, stored before uploads were checked for memory.
	old, err := lib.Ingest(ctx, bytes.NewReader(testdata(t, "animated.gif")), "old.gif")
	if err != nil {
		t.Fatal(err)
	}
	key, err := st.AssetOriginalKey(ctx, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(key)), bomb, 0o644); err != nil {
		t.Fatal(err)
	}

	gogc := debug.SetGCPercent(200)
	limit := debug.SetMemoryLimit(media.ServerMemoryLimit)
	t.Cleanup(func() { debug.SetGCPercent(gogc); debug.SetMemoryLimit(limit) })
	peak := sampleMemory()

	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 3 {
		wg.Go(func() {
			_, err := lib.Ingest(ctx, bytes.NewReader(big), fmt.Sprintf("wide-%d.png", i))
			errs <- err
		})
	}
	wg.Go(func() {
		_, err := lib.ProcessPending(ctx) // the old GIF, while the PNGs are checked
		errs <- err
	})
	wg.Wait()
	if _, err := lib.ProcessPending(ctx); err != nil { // the PNGs, two workers at once
		t.Fatal(err)
	}
	held, heap := peak()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("peak: %d MB held from the system, %d MB of heap objects", held>>20, heap>>20)
	// serve's own memory (pages cached, connections) comes on top of what
	// the pictures hold: under 512 MB in all needs this well under it.
	if held > media.ServerMemoryLimit+16<<20 {
		t.Errorf("the process held %d MB at its peak, over the %d MB limit: pictures were worked on beyond the budget",
			held>>20, media.ServerMemoryLimit>>20)
	}
	list, err := st.SearchAssets(ctx, "", 10, 0)
	if err != nil || len(list) != 4 {
		t.Fatalf("%d assets, %v", len(list), err)
	}
	for _, a := range list {
		if a, err := st.Asset(ctx, a.ID); err != nil || a.State != news.AssetReady || len(a.Renditions) == 0 {
			t.Errorf("%s: %s, %d renditions (%v)", a.Name, a.State, len(a.Renditions), err)
		}
	}
}

// sampleMemory samples, until the returned function is called, the memory
// the Go runtime holds from the system (mapped and not given back: what the
// process's resident set is made of) and its heap objects, and returns the
// peaks.
func sampleMemory() (peaks func() (held, heap uint64)) {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"}}
	stop, done := make(chan struct{}), make(chan struct{})
	var held, heap uint64
	go func() {
		defer close(done)
		for {
			metrics.Read(s)
			held = max(held, s[0].Value.Uint64()-s[1].Value.Uint64())
			heap = max(heap, s[2].Value.Uint64())
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	return func() (uint64, uint64) {
		close(stop)
		<-done
		return held, heap
	}
}

// flatPNG is a w×h PNG of one opaque colour: a few hundred kilobytes that
// decode to four bytes a pixel.
func flatPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, flat{image.Rect(0, 0, w, h)}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type flat struct{ r image.Rectangle }

func (f flat) ColorModel() color.Model { return color.RGBAModel }
func (f flat) Bounds() image.Rectangle { return f.r }
func (f flat) At(x, y int) color.Color { return color.RGBA{40, 90, 160, 255} }

// animationOf is an animated GIF of n frames of w×h, each the whole picture.
func animationOf(t *testing.T, n, w, h int) []byte {
	t.Helper()
	pal := color.Palette{color.Black, color.White}
	g := &gif.GIF{Config: image.Config{ColorModel: pal, Width: w, Height: h}}
	frame := image.NewPaletted(image.Rect(0, 0, w, h), pal)
	for range n {
		g.Image = append(g.Image, frame)
		g.Delay = append(g.Delay, 10)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
