package media

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math"
	"slices"
	"sync"

	"github.com/disintegration/imaging"
	"github.com/gen2brain/webp"

	"masthead/internal/news"
)

// frame is one picture to encode: the whole picture or a crop, at one size.
type frame struct {
	crop string
	img  *image.NRGBA
}

// made is an encoded rendition waiting to be stored.
type made struct {
	news.Rendition
	data  []byte
	ctype string
}

// widthsFor returns the widths to make of a picture w pixels wide, widest
// first: the listed widths up to w, and w itself when it is narrower than
// the widest listed, so the best copy is the picture's own size. A picture
// is never enlarged.
func widthsFor(w int, list []int) []int {
	var out []int
	for _, lw := range list {
		if lw <= w {
			out = append(out, lw)
		}
	}
	if len(list) > 0 && w < slices.Max(list) && !slices.Contains(out, w) {
		out = append(out, w)
	}
	slices.Sort(out)
	slices.Reverse(out)
	return out
}

// resized returns src at w×h, or a copy of it when that is its size.
func resized(src image.Image, w, h int) *image.NRGBA {
	if b := src.Bounds(); b.Dx() == w && b.Dy() == h {
		return imaging.Clone(src)
	}
	return imaging.Resize(src, w, h, imaging.Lanczos)
}

// heightFor is the height of a rendition w wide at ratio height/width.
func heightFor(w int, ratio float64) int {
	return max(1, int(math.Round(float64(w)*ratio)))
}

// cropRect returns the largest rectangle of aspect ratio rw:rh inside b,
// placed so the focal point (fx, fy from 0 to 1) is as near its middle as the
// picture's edges allow.
func cropRect(b image.Rectangle, rw, rh int, fx, fy float64) image.Rectangle {
	w, h := b.Dx(), b.Dy()
	cw, ch := w, w*rh/rw
	if ch > h {
		cw, ch = h*rw/rh, h
	}
	cw, ch = max(cw, 1), max(ch, 1)
	x := int(math.Round(fx*float64(w) - float64(cw)/2))
	y := int(math.Round(fy*float64(h) - float64(ch)/2))
	x = min(max(x, 0), w-cw)
	y = min(max(y, 0), h-ch)
	return image.Rect(b.Min.X+x, b.Min.Y+y, b.Min.X+x+cw, b.Min.Y+y+ch)
}

// render makes every rendition of a, upright in src, encoded in JPEG and
// WebP. Encoding from decoded pixels writes no EXIF, XMP or IPTC block, so
// nothing of the camera's metadata (the GPS position above all) is served.
//
// Each width is resized from the next larger one, which costs a fraction of
// resizing from the original and looks the same, and is handed to the
// encoders as soon as it is made, so only a few frames are in memory at once.
// Crops are cut from the widest whole-picture frame (at most 2048 pixels,
// plenty for a card) rather than from the original.
func (l *Library) render(ctx context.Context, src image.Image, a news.Asset) ([]made, error) {
	enc := l.encoders(ctx)
	b := src.Bounds()
	ratio := float64(b.Dy()) / float64(b.Dx())
	whole := map[int]bool{}
	var widest image.Image = src
	cur := src
	for i, w := range widthsFor(b.Dx(), l.opts.Widths) {
		next := resized(cur, w, heightFor(w, ratio))
		enc.add(frame{img: next})
		whole[w] = true
		if i == 0 {
			widest = next
		}
		cur = next
	}
	var reuse []made // card renditions that are whole-picture ones
	wb := widest.Bounds()
	for _, c := range l.opts.Crops {
		r := cropRect(wb, c.W, c.H, a.FocusX, a.FocusY)
		cratio := float64(c.H) / float64(c.W)
		if r == wb {
			// The picture has the crop's shape already (a 16:9 photo's
			// 16:9 card): its whole-picture renditions serve.
			for _, w := range widthsFor(r.Dx(), c.Widths) {
				if !whole[w] {
					enc.add(frame{img: resized(widest, w, heightFor(w, ratio))})
					whole[w] = true
				}
				reuse = append(reuse, made{Rendition: news.Rendition{Crop: c.Name, Width: w}})
			}
			continue
		}
		var ccur image.Image = imaging.Crop(widest, r)
		for _, w := range widthsFor(r.Dx(), c.Widths) {
			next := resized(ccur, w, heightFor(w, cratio))
			enc.add(frame{crop: c.Name, img: next})
			ccur = next
		}
	}
	out, err := enc.wait()
	for _, m := range reuse {
		for _, o := range out {
			if o.Crop == "" && o.Width == m.Width {
				o.Crop = m.Crop
				out = append(out, o)
			}
		}
	}
	return out, err
}

// encoding is a pool of encoders working through frames as render makes them.
type encoding struct {
	ctx   context.Context
	jobs  chan encodeJob
	wg    sync.WaitGroup
	mu    sync.Mutex
	out   []made
	first error
}

type encodeJob struct {
	f      frame
	format string
}

func (l *Library) encoders(ctx context.Context) *encoding {
	e := &encoding{ctx: ctx, jobs: make(chan encodeJob)}
	for range l.opts.Parallel {
		e.wg.Go(func() {
			for j := range e.jobs {
				m, err := l.encode(j.f, j.format)
				e.mu.Lock()
				if err != nil && e.first == nil {
					e.first = err
				}
				if err == nil {
					e.out = append(e.out, m)
				}
				e.mu.Unlock()
			}
		})
	}
	return e
}

// add queues a frame in both formats; it waits while the encoders are busy,
// which keeps render from getting ahead of them.
func (e *encoding) add(f frame) {
	for _, format := range []string{"webp", "jpeg"} {
		if e.ctx.Err() != nil {
			return
		}
		e.jobs <- encodeJob{f, format}
	}
}

// wait returns everything encoded, or the first error.
func (e *encoding) wait() ([]made, error) {
	close(e.jobs)
	e.wg.Wait()
	if e.first == nil {
		e.first = e.ctx.Err()
	}
	return e.out, e.first
}

// encode writes one frame in one format and names it by its bytes.
func (l *Library) encode(f frame, format string) (made, error) {
	var buf bytes.Buffer
	var err error
	ext, ctype := ".jpg", "image/jpeg"
	if format == "webp" {
		ext, ctype = ".webp", "image/webp"
		err = webp.Encode(&buf, f.img, webp.Options{Quality: l.opts.WebPQuality, Method: l.opts.WebPMethod})
	} else {
		err = jpeg.Encode(&buf, opaqueRGBA(f.img), &jpeg.Options{Quality: l.opts.JPEGQuality})
	}
	b := f.img.Bounds()
	if err != nil {
		return made{}, fmt.Errorf("encoding %s %dx%d: %w", format, b.Dx(), b.Dy(), err)
	}
	return named(news.Rendition{Crop: f.crop, Format: format, Width: b.Dx(), Height: b.Dy()}, buf.Bytes(), ext, ctype), nil
}

// named completes an encoded rendition with its key and size. The name is
// the bytes' hash (the same picture uploaded twice shares its files), with
// the width for people reading a listing.
func named(r news.Rendition, data []byte, ext, ctype string) made {
	sum := sha256.Sum256(data)
	r.Key = fmt.Sprintf("%s%s-%d%s", PublicPrefix, hex.EncodeToString(sum[:10]), r.Width, ext)
	r.Bytes = int64(len(data))
	return made{Rendition: r, data: data, ctype: ctype}
}

// opaqueRGBA returns the picture laid on white, as JPEG has no transparency
// (a transparent PNG would otherwise turn black). An opaque NRGBA picture
// has the same bytes as an RGBA one, which the JPEG encoder reads fastest.
func opaqueRGBA(img *image.NRGBA) *image.RGBA {
	if img.Opaque() {
		return &image.RGBA{Pix: img.Pix, Stride: img.Stride, Rect: img.Rect}
	}
	out := image.NewRGBA(img.Rect)
	draw.Draw(out, out.Rect, image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(out, out.Rect, img, img.Rect.Min, draw.Over)
	return out
}
