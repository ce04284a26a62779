package media

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"masthead/internal/news"
)

// BenchmarkRenditions12MP turns a 12-megapixel camera JPEG (4000×3000, drawn
// here rather than committed) into every rendition with the default options:
// decode, 7 widths and 3 card crops, each in JPEG and WebP. It reports the
// wall time per photo and the peak heap while it ran.
func BenchmarkRenditions12MP(b *testing.B) {
	data := photo12MP(b)
	l := New(nil, nil, Options{})
	a := news.Asset{ID: 1, Type: "image/jpeg", FocusX: 0.5, FocusY: 0.5}
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	})
	runtime.GC()
	cpu0 := cpuTime()
	b.ResetTimer()
	var n int
	for b.Loop() {
		pic, err := decodeAll(a.Type, data, "camera.jpg", l.opts.MaxAnimationPixels)
		if err != nil {
			b.Fatal(err)
		}
		out, err := l.render(context.Background(), orient(pic.still(), jpegOrientation(data)), a)
		if err != nil {
			b.Fatal(err)
		}
		n = len(out)
	}
	b.StopTimer()
	cpu := cpuTime() - cpu0
	close(stop)
	wg.Wait()
	b.ReportMetric(float64(n), "renditions")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/photo")
	// CPU time does not depend on what else the machine is doing.
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/photo")
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// photo12MP draws a 4000×3000 picture with smooth gradients and fine noise,
// which compresses like a photograph, and encodes it as a camera would.
func photo12MP(b *testing.B) []byte {
	b.Helper()
	const w, h = 4000, 3000
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	r := rand.New(rand.NewPCG(1, 2))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Y[y*img.YStride+x] = uint8(40 + 150*x/w + 40*y/h + r.IntN(12))
		}
	}
	for y := 0; y < h/2; y++ {
		for x := 0; x < w/2; x++ {
			img.Cb[y*img.CStride+x] = uint8(100 + 60*y/(h/2))
			img.Cr[y*img.CStride+x] = uint8(150 - 50*x/(w/2))
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkAnimatedGIF makes the renditions of a 480 × 270 animated GIF of
// 100 frames (drawn here: a gradient with a moving disc, dithered to the
// Plan 9 palette as many GIF makers do): decode, the still renditions, and
// the animated ones at 320 and 480 pixels. It reports the original's size and
// the animated renditions' (both together).
func BenchmarkAnimatedGIF(b *testing.B) {
	data := animated100(b)
	l := New(nil, nil, Options{})
	a := news.Asset{ID: 1, Type: "image/gif", FocusX: 0.5, FocusY: 0.5}
	runtime.GC()
	cpu0 := cpuTime()
	var n int
	var size int64
	for b.Loop() {
		pic, err := decodeAll(a.Type, data, "loop.gif", l.opts.MaxAnimationPixels)
		if err != nil {
			b.Fatal(err)
		}
		out, err := l.render(context.Background(), pic.still(), a)
		if err != nil {
			b.Fatal(err)
		}
		anim, err := l.renderAnimated(context.Background(), pic.gif)
		if err != nil {
			b.Fatal(err)
		}
		n, size = len(out)+len(anim), 0
		for _, m := range anim {
			size += m.Bytes
		}
	}
	b.ReportMetric(float64(n), "renditions")
	b.ReportMetric(float64(len(data))/1024, "original-KB")
	b.ReportMetric(float64(size)/1024, "animated-KB")
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/gif")
}

func animated100(b *testing.B) []byte {
	b.Helper()
	const w, h = 480, 270
	g := &gif.GIF{}
	frame := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range 100 {
		cx, cy := float64(w)*float64(i)/100, h/2.0
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				c := color.RGBA{uint8(40 + 180*x/w), uint8(60 + 120*y/h), 140, 255}
				if dx, dy := float64(x)-cx, float64(y)-cy; dx*dx+dy*dy < 40*40 {
					c = color.RGBA{240, 200, 40, 255}
				}
				frame.SetRGBA(x, y, c)
			}
		}
		p := image.NewPaletted(frame.Rect, palette.Plan9)
		draw.FloydSteinberg.Draw(p, p.Rect, frame, image.Point{})
		g.Image = append(g.Image, p)
		g.Delay = append(g.Delay, 4)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}
