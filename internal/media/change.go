package media

import (
	"context"
	"fmt"
	"io"

	"masthead/internal/news"
)

// Delete removes picture id from the library and then its files (its
// original and renditions) from storage. A picture still used anywhere is
// refused with the store's *store.InUseError, and nothing is removed. A file
// that cannot be removed is logged, not returned: the picture is gone from
// the library either way, and a stray file is served to nobody who asks
// for the picture.
func (l *Library) Delete(ctx context.Context, id int64) error {
	keys, err := l.store.DeleteAsset(ctx, id)
	if err != nil {
		return err
	}
	l.removeFiles(context.WithoutCancel(ctx), keys)
	return nil
}

// Replace gives picture id a new file read from r, keeping its number,
// words and focal point. The file is checked as an upload is (Ingest), and
// a refused one changes nothing. The worker then makes the renditions
// again, and pages keep the old ones until it has; the old original is
// removed at once.
func (l *Library) Replace(ctx context.Context, id int64, r io.Reader, name string) (news.Asset, error) {
	a, data, err := l.read(ctx, r, name)
	if err != nil {
		return news.Asset{}, err
	}
	a.ID = id
	key := PrivatePrefix + randomHex(12) + kinds[a.Type].ext
	if err := l.files.Put(ctx, key, data, a.Type); err != nil {
		return news.Asset{}, fmt.Errorf("media.Replace: %w", err)
	}
	old, err := l.store.ReplaceAssetOriginal(ctx, a, key)
	if err != nil {
		_ = l.files.Delete(context.WithoutCancel(ctx), key)
		return news.Asset{}, err
	}
	l.removeFiles(context.WithoutCancel(ctx), []string{old})
	l.Wake()
	return l.store.Asset(ctx, id)
}

func (l *Library) removeFiles(ctx context.Context, keys []string) {
	for _, k := range keys {
		if err := l.files.Delete(ctx, k); err != nil {
			l.log.Warn("media: cannot remove a file no picture uses", "key", k, "err", err)
		}
	}
}
