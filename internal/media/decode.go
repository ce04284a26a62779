package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"

	"golang.org/x/image/webp"

	"masthead/internal/news"
)

// kinds are the picture types the library takes, by the media type that
// http.DetectContentType reads from a file's first bytes.
var kinds = map[string]struct {
	name   string
	ext    string
	config func([]byte) (image.Config, error)
	decode func([]byte) (image.Image, error)
}{
	"image/jpeg": {"JPEG", ".jpg", cfgOf(jpeg.DecodeConfig), decOf(jpeg.Decode)},
	"image/png":  {"PNG", ".png", cfgOf(png.DecodeConfig), decOf(png.Decode)},
	"image/gif":  {"GIF", ".gif", cfgOf(gif.DecodeConfig), decOf(gif.Decode)},
	// golang.org/x/image/webp is pure Go and reads only what it needs;
	// the WASM libwebp of gen2brain/webp is kept for encoding.
	"image/webp": {"WebP", ".webp", cfgOf(webp.DecodeConfig), decOf(webp.Decode)},
}

func cfgOf(f func(r io.Reader) (image.Config, error)) func([]byte) (image.Config, error) {
	return func(b []byte) (image.Config, error) { return f(bytes.NewReader(b)) }
}

func decOf(f func(r io.Reader) (image.Image, error)) func([]byte) (image.Image, error) {
	return func(b []byte) (image.Image, error) { return f(bytes.NewReader(b)) }
}

// sniff returns the media type of a picture from its bytes, never from its
// name, or an EINVALID error naming what it looks like instead.
func sniff(data []byte, name string) (string, error) {
	typ := http.DetectContentType(data)
	if _, ok := kinds[typ]; !ok {
		return "", news.Errorf(news.EINVALID,
			"%s is not a JPEG, PNG, WebP or GIF picture (its contents look like %s), so it was not added.", quoteName(name), typ)
	}
	return typ, nil
}

// checkSize reads a picture's size from its header, before any pixel is
// decoded, and refuses one over the limit: a small file can claim billions
// of pixels (a decompression bomb) and exhaust memory when decoded.
func checkSize(typ string, data []byte, name string, maxPixels int64) (image.Config, error) {
	k := kinds[typ]
	cfg, err := k.config(data)
	if err != nil {
		return cfg, news.Errorf(news.EINVALID, "%s could not be read as a %s picture: it is damaged or cut short, so it was not added.", quoteName(name), k.name)
	}
	if cfg.Width < 1 || cfg.Height < 1 {
		return cfg, news.Errorf(news.EINVALID, "%s has no pixels, so it was not added.", quoteName(name))
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > maxPixels || cfg.Width > maxSide || cfg.Height > maxSide {
		return cfg, news.Errorf(news.EINVALID, "%s is %d × %d pixels, over the limit of %d megapixels (and %d pixels a side), so it was not added.",
			quoteName(name), cfg.Width, cfg.Height, maxPixels/1_000_000, maxSide)
	}
	return cfg, nil
}

// maxSide keeps very long, thin pictures out too: their renditions would be
// slivers.
const maxSide = 30000

// picture is a decoded upload: the still picture the JPEG and WebP
// renditions are made from and, for a GIF, all its frames.
type picture struct {
	img image.Image // for a GIF, drawn from its first frame when first asked
	gif *gif.GIF
}

// still returns the picture the still renditions are made of: for a GIF, its
// first frame drawn on the whole picture.
func (p *picture) still() image.Image {
	if p.img == nil && p.gif != nil {
		p.img = firstFrame(p.gif)
	}
	return p.img
}

// size is the picture's width and height (a GIF's frames may be smaller).
func (p *picture) size() (w, h int) {
	if p.gif != nil {
		return p.gif.Config.Width, p.gif.Config.Height
	}
	return p.img.Bounds().Dx(), p.img.Bounds().Dy()
}

// animated reports whether the picture is a GIF of more than one frame.
func (p *picture) animated() bool { return p.gif != nil && len(p.gif.Image) > 1 }

// decodeAll decodes every pixel of the picture, which finds a file that is
// cut short or damaged past its header. A GIF's frames are first counted
// against the animation limits (checkFrames, with maxAnimation), then
// decoded to the last.
func decodeAll(typ string, data []byte, name string, maxAnimation int64) (picture, error) {
	k := kinds[typ]
	var p picture
	var err error
	if typ == "image/gif" {
		cfg, cerr := k.config(data)
		if cerr == nil {
			if ferr := checkFrames(data, cfg, name, maxAnimation); ferr != nil {
				return picture{}, ferr
			}
		}
		p.gif, err = gif.DecodeAll(bytes.NewReader(data))
		if err == nil && len(p.gif.Image) == 0 {
			err = errors.New("gif: no frames")
		}
	} else {
		p.img, err = k.decode(data)
	}
	if err != nil {
		return picture{}, news.Errorf(news.EINVALID, "%s could not be read as a %s picture: it is damaged or cut short, so it was not added.", quoteName(name), k.name)
	}
	return p, nil
}

func quoteName(name string) string {
	if name == "" {
		return "The file"
	}
	return fmt.Sprintf("%q", name)
}
