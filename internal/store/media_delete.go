package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// InUseError refuses to delete a picture that is still used; Uses names
// every place, so the newsroom can change them first.
type InUseError struct {
	Asset int64
	Uses  []PictureUse
}

func (e *InUseError) Error() string {
	var where []string
	for _, u := range e.Uses {
		where = append(where, fmt.Sprintf("%s “%s” (%s)", u.Kind, u.Title, u.Where))
	}
	return fmt.Sprintf("Picture %d is still used, so it was not deleted: %s. Choose another picture there first.",
		e.Asset, strings.Join(where, "; "))
}

// Unwrap makes an InUseError an ECONFLICT for news.ErrorCode: the picture
// is taken by the places that use it.
func (e *InUseError) Unwrap() error {
	return news.Errorf(news.ECONFLICT, "%s", e.Error())
}

// DeleteAsset removes a picture from the library and returns the storage
// keys of its original and renditions, for the caller to remove from media
// storage once the rows are gone. A picture that is used anywhere (see
// AssetUses) is refused with an *InUseError; the uses are read in the same
// transaction as the delete, so nothing starts using it in between.
func (s *Store) DeleteAsset(ctx context.Context, id int64) ([]string, error) {
	var keys []string
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		var original string
		err := tx.QueryRowContext(ctx, `SELECT original_key FROM media_assets WHERE id = $1`, id).Scan(&original)
		if errors.Is(err, sql.ErrNoRows) {
			return news.Errorf(news.ENOTFOUND, "There is no picture %d in the media library.", id)
		}
		if err != nil {
			return err
		}
		uses, err := assetUses(ctx, tx, id)
		if err != nil {
			return err
		}
		if len(uses) > 0 {
			return &InUseError{Asset: id, Uses: uses}
		}
		if keys, err = renditionKeys(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM media_assets WHERE id = $1`, id); err != nil {
			return err
		}
		if keys, err = unusedKeys(ctx, tx, keys); err != nil {
			return err
		}
		keys = append(keys, original)
		ch.add(cachekey.Asset(id))
		return nil
	})
	var inUse *InUseError
	if errors.As(err, &inUse) || news.ErrorCode(err) == news.ENOTFOUND {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("store.DeleteAsset: %w", err)
	}
	return keys, nil
}

func renditionKeys(ctx context.Context, q querier, id int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT key FROM media_renditions WHERE asset_id = $1 ORDER BY key`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}

// UnusedKeys returns those of the rendition keys that no picture's
// renditions name any more. A rendition's key is a hash of its bytes, so
// two pictures uploaded from the same file share their renditions' files:
// a file is removed from storage only when neither needs it.
func (s *Store) UnusedKeys(ctx context.Context, keys []string) ([]string, error) {
	out, err := unusedKeys(ctx, s.read, keys)
	if err != nil {
		return nil, fmt.Errorf("store.UnusedKeys: %w", err)
	}
	return out, nil
}

func unusedKeys(ctx context.Context, q querier, keys []string) ([]string, error) {
	var out []string
	for _, k := range keys {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM media_renditions WHERE key = $1`, k).Scan(&n); err != nil {
			return nil, err
		}
		if n == 0 {
			out = append(out, k)
		}
	}
	return out, nil
}

// ReplaceAssetOriginal gives picture a.ID a new original, stored under
// originalKey, keeping its number, words and focal point, and returns the
// key of the original it had. The picture goes back to the worker, which
// makes its renditions again; until it has, pages keep showing the old
// ones. Every page that shows the picture is purged now and again when the
// new renditions are made.
func (s *Store) ReplaceAssetOriginal(ctx context.Context, a news.Asset, originalKey string) (string, error) {
	var old string
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		err := tx.QueryRowContext(ctx, `SELECT original_key FROM media_assets WHERE id = $1`, a.ID).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			return news.Errorf(news.ENOTFOUND, "There is no picture %d in the media library.", a.ID)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE media_assets SET name = $1, content_type = $2, bytes = $3, original_key = $4,
			width = $5, height = $6, state = 'pending', claimed_by = '', claimed_until = 0, attempts = 0, error = '',
			updated_at = $7 WHERE id = $8`,
			a.Name, a.Type, a.Bytes, originalKey, a.Width, a.Height, s.Now().Unix(), a.ID)
		if err != nil {
			return err
		}
		ch.add(cachekey.Asset(a.ID))
		return nil
	})
	if news.ErrorCode(err) == news.ENOTFOUND {
		return "", err
	}
	if err != nil {
		return "", fmt.Errorf("store.ReplaceAssetOriginal: %w", err)
	}
	return old, nil
}
