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

// scaled makes the sizes of src, each from the next larger one: a resize to
// half size from a 2048-pixel copy costs a fraction of one from 12
// megapixels, and looks the same.
func scaled(src image.Image, crop string, ratio float64, widths []int) []frame {
	b := src.Bounds()
	var out []frame
	cur := src
	for _, w := range widths {
		h := max(1, int(math.Round(float64(w)*ratio)))
		var next *image.NRGBA
		if w == b.Dx() && h == b.Dy() {
			next = imaging.Clone(src)
		} else {
			next = imaging.Resize(cur, w, h, imaging.Lanczos)
		}
		out = append(out, frame{crop: crop, img: next})
		cur = next
	}
	return out
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
func (l *Library) render(ctx context.Context, src image.Image, a news.Asset) ([]made, error) {
	b := src.Bounds()
	frames := scaled(src, "", float64(b.Dy())/float64(b.Dx()), widthsFor(b.Dx(), l.opts.Widths))
	// A crop that keeps the whole picture (a 16:9 photo's 16:9 card) is
	// the whole picture's renditions again, under the crop's name.
	var same []made
	for _, c := range l.opts.Crops {
		r := cropRect(b, c.W, c.H, a.FocusX, a.FocusY)
		widths := widthsFor(r.Dx(), c.Widths)
		if r == b {
			for _, w := range widths {
				if !slices.ContainsFunc(frames, func(f frame) bool { return f.crop == "" && f.img.Rect.Dx() == w }) {
					frames = append(frames, scaled(src, "", float64(b.Dy())/float64(b.Dx()), []int{w})...)
				}
				same = append(same, made{Rendition: news.Rendition{Crop: c.Name, Width: w}})
			}
			continue
		}
		frames = append(frames, scaled(imaging.Crop(src, r), c.Name, float64(c.H)/float64(c.W), widths)...)
	}
	type job struct {
		f      frame
		format string
	}
	jobs := make(chan job)
	out := make([]made, 0, 2*len(frames))
	var mu sync.Mutex
	var first error
	var wg sync.WaitGroup
	for range l.opts.Parallel {
		wg.Go(func() {
			for j := range jobs {
				m, err := l.encode(j.f, j.format)
				mu.Lock()
				if err != nil && first == nil {
					first = err
				}
				out = append(out, m)
				mu.Unlock()
			}
		})
	}
	for _, f := range frames {
		for _, format := range []string{"webp", "jpeg"} {
			if ctx.Err() != nil {
				break
			}
			jobs <- job{f, format}
		}
	}
	close(jobs)
	wg.Wait()
	if first == nil {
		first = ctx.Err()
	}
	for _, m := range same {
		for _, o := range out {
			if o.Crop == "" && o.Width == m.Width {
				o.Crop = m.Crop
				out = append(out, o)
			}
		}
	}
	return out, first
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
	// The name is the bytes' hash (the same picture uploaded twice shares
	// its files), with the width for people reading a listing.
	sum := sha256.Sum256(buf.Bytes())
	key := fmt.Sprintf("%s%s-%d%s", PublicPrefix, hex.EncodeToString(sum[:10]), b.Dx(), ext)
	return made{Rendition: news.Rendition{Crop: f.crop, Format: format, Width: b.Dx(), Height: b.Dy(),
		Key: key, Bytes: int64(buf.Len())}, data: buf.Bytes(), ctype: ctype}, nil
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
