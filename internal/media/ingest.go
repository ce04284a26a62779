package media

import (
	"context"
	"fmt"
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
// frames than the limits for animations), or does not decode to the end. A
// taken picture's original is kept privately; its renditions are made by the
// worker, so Ingest returns as soon as the file is checked and stored, with
// the asset's ID and its upright size.
func (l *Library) Ingest(ctx context.Context, r io.Reader, name string) (news.Asset, error) {
	name = cleanName(name)
	data, err := io.ReadAll(io.LimitReader(r, l.opts.MaxBytes+1))
	if err != nil {
		return news.Asset{}, fmt.Errorf("media.Ingest: reading the upload: %w", err)
	}
	if int64(len(data)) > l.opts.MaxBytes {
		return news.Asset{}, news.Errorf(news.EINVALID, "%s is larger than the limit of %s, so it was not added.",
			quoteName(name), megabytes(l.opts.MaxBytes))
	}
	if len(data) == 0 {
		return news.Asset{}, news.Errorf(news.EINVALID, "%s is empty, so it was not added.", quoteName(name))
	}
	a, err := l.inspect(data, name)
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

// inspect checks a whole upload and describes it, storing nothing: its type
// from its bytes, its size from its header against the pixel limit before
// any decoding (and a GIF's frames counted against the animation limits),
// then every pixel of every frame decoded, so a file cut short is refused.
func (l *Library) inspect(data []byte, name string) (news.Asset, error) {
	typ, err := sniff(data, name)
	if err != nil {
		return news.Asset{}, err
	}
	if _, err := checkSize(typ, data, name, l.opts.MaxPixels); err != nil {
		return news.Asset{}, err
	}
	pic, err := decodeAll(typ, data, name, l.opts.MaxAnimationPixels)
	if err != nil {
		return news.Asset{}, err
	}
	a := news.Asset{Name: name, Type: typ, Bytes: int64(len(data))}
	a.Width, a.Height = pic.size()
	if typ == "image/jpeg" && swapsSides(jpegOrientation(data)) {
		a.Width, a.Height = a.Height, a.Width
	}
	return a, nil
}

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
