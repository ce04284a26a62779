package media

import (
	"context"
	"fmt"
	"image"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"masthead/internal/news"
)

// Ingest adds the picture read from r to the library. It reads it whole,
// decides its type from its bytes (name is only kept for the newsroom), and
// refuses with an EINVALID error, storing nothing, a file that is too big,
// is not a JPEG, PNG, WebP or GIF, claims more pixels than the limit in its
// header (or, for an animated GIF, more frames or more pixels over all its
// frames than the limits for animations), would need more memory for its
// renditions than the library's Budget, or does not decode to the end. A
// taken picture's original is kept privately; its renditions are made by the
// worker, so Ingest returns as soon as the file is checked and stored, with
// the asset's ID and its upright size.
func (l *Library) Ingest(ctx context.Context, r io.Reader, name string) (news.Asset, error) {
	a, data, err := l.read(ctx, r, name)
	if err != nil {
		return news.Asset{}, err
	}
	typ := a.Type
	key := PrivatePrefix + randomHex(12) + kinds[typ].ext
	if err := l.files.Put(ctx, key, data, typ); err != nil {
		return news.Asset{}, fmt.Errorf("media.Ingest: %w", err)
	}
	if err := l.store.CreateAsset(ctx, &a, key); err != nil {
		_ = l.files.Delete(context.WithoutCancel(ctx), key)
		return news.Asset{}, fmt.Errorf("media.Ingest: %w", err)
	}
	l.Wake()
	return a, nil
}

// read reads a whole upload and checks it (inspect), within the library's
// limit on a file's size.
func (l *Library) read(ctx context.Context, r io.Reader, name string) (news.Asset, []byte, error) {
	name = cleanName(name)
	data, err := io.ReadAll(io.LimitReader(r, l.opts.MaxBytes+1))
	if err != nil {
		return news.Asset{}, nil, fmt.Errorf("media: reading the upload: %w", err)
	}
	if int64(len(data)) > l.opts.MaxBytes {
		return news.Asset{}, nil, news.Errorf(news.EINVALID, "%s is larger than the limit of %s, so it was not added.",
			quoteName(name), megabytes(l.opts.MaxBytes))
	}
	if len(data) == 0 {
		return news.Asset{}, nil, news.Errorf(news.EINVALID, "%s is empty, so it was not added.", quoteName(name))
	}
	a, err := l.inspect(ctx, data, name)
	return a, data, err
}

// inspect checks a whole upload and describes it, storing nothing: its type
// from its bytes, its size from its header against the pixel limit before
// any decoding (and a GIF's frames counted against the animation limits),
// the memory its renditions will need against the budget, then every pixel
// of every frame decoded, within the budget, so a file cut short is refused.
func (l *Library) inspect(ctx context.Context, data []byte, name string) (news.Asset, error) {
	typ, err := sniff(data, name)
	if err != nil {
		return news.Asset{}, err
	}
	cfg, err := checkSize(typ, data, name, l.opts.MaxPixels)
	if err != nil {
		return news.Asset{}, err
	}
	if typ == "image/gif" {
		if err := checkFrames(data, cfg, name, l.opts.MaxAnimationPixels); err != nil {
			return news.Asset{}, err
		}
	}
	if err := l.checkCost(typ, data, cfg, name); err != nil {
		return news.Asset{}, err
	}
	// The file's bytes are held with its pixels.
	release, err := l.budget.acquire(ctx, readCost(typ, data, cfg)+int64(len(data)))
	if err != nil {
		return news.Asset{}, fmt.Errorf("media.Ingest: waiting to read the picture: %w", err)
	}
	a := news.Asset{Name: name, Type: typ, Bytes: int64(len(data))}
	a.Width, a.Height, err = decodedSize(typ, data, name, l.opts.MaxAnimationPixels)
	release()
	if err != nil {
		return news.Asset{}, err
	}
	if typ == "image/jpeg" && swapsSides(jpegOrientation(data)) {
		a.Width, a.Height = a.Height, a.Width
	}
	return a, nil
}

// decodedSize decodes the whole picture and returns its size, keeping none of
// its pixels.
func decodedSize(typ string, data []byte, name string, maxAnimation int64) (w, h int, err error) {
	pic, err := decodeAll(typ, data, name, maxAnimation)
	if err != nil {
		return 0, 0, err
	}
	w, h = pic.size()
	return w, h, nil
}

// checkCost refuses a picture whose renditions would hold more memory than
// the whole budget: it could never be made.
func (l *Library) checkCost(typ string, data []byte, cfg image.Config, name string) error {
	if typ == "image/gif" {
		if cost, _ := l.gifCost(data, cfg); cost > l.budget.Total() {
			n, _ := gifFrames(data)
			return news.Errorf(news.EINVALID, "%s is an animation of %d frames of %d × %d pixels: making its sizes for the site would take about %d MB of memory, over the %d MB set aside for that, so it was not added. Fewer or smaller frames will do.",
				quoteName(name), n, cfg.Width, cfg.Height, mb(cost), mb(l.budget.Total()))
		}
	}
	if cost := l.plan(typ, data, cfg).cost; cost > l.budget.Total() {
		return news.Errorf(news.EINVALID, "%s, %d × %d pixels, would take about %d MB of memory to make its sizes for the site, over the %d MB set aside for that, so it was not added. Fewer pixels, or an ordinary 8-bit JPEG or PNG, will do.",
			quoteName(name), cfg.Width, cfg.Height, mb(cost), mb(l.budget.Total()))
	}
	return nil
}

// mb is n bytes in whole megabytes, rounded up.
func mb(n int64) int64 { return (n + 1<<20 - 1) >> 20 }

// Wake tells this node's worker that there is work, instead of waiting for
// its next look.
func (l *Library) Wake() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// cleanName keeps the last element of an uploaded file's name, as valid
// UTF-8, at most 200 bytes: browsers send a bare name, but not every client
// is a browser.
func cleanName(name string) string {
	name = strings.ToValidUTF8(path.Base(strings.ReplaceAll(name, `\`, "/")), "")
	if name == "." || name == "/" {
		name = ""
	}
	for len(name) > 200 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return strings.TrimSpace(name)
}

// megabytes writes a size limit as people read it: 25 MB, 1.5 KB.
func megabytes(n int64) string {
	unit, size := "MB", float64(n)/(1<<20)
	if n < 1<<20 {
		unit, size = "KB", float64(n)/(1<<10)
	}
	if size == float64(int64(size)) {
		return fmt.Sprintf("%d %s", int64(size), unit)
	}
	return fmt.Sprintf("%.1f %s", size, unit)
}
