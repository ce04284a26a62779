package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// assetColumns are the media_assets columns every asset query reads, in the
// order scanAsset expects.
const assetColumns = `id, name, content_type, bytes, width, height, alt, caption, credit,
	focus_x, focus_y, state, created_at`

func scanAsset(row interface{ Scan(...any) error }) (news.Asset, error) {
	var a news.Asset
	var state string
	var created int64
	err := row.Scan(&a.ID, &a.Name, &a.Type, &a.Bytes, &a.Width, &a.Height, &a.Alt, &a.Caption, &a.Credit,
		&a.FocusX, &a.FocusY, &state, &created)
	a.State = news.AssetState(state)
	a.CreatedAt = time.Unix(created, 0).UTC()
	return a, err
}

// CreateAsset records a new picture whose original is stored under
// originalKey; its renditions are pending until a worker makes them.
func (s *Store) CreateAsset(ctx context.Context, a *news.Asset, originalKey string) error {
	if a.FocusX == 0 && a.FocusY == 0 {
		a.FocusX, a.FocusY = 0.5, 0.5
	}
	if err := a.ValidateMeta(); err != nil {
		return err
	}
	now := s.Now()
	err := s.write.QueryRowContext(ctx, `INSERT INTO media_assets (name, content_type, bytes, original_key,
		width, height, alt, caption, credit, focus_x, focus_y, state, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', $12, $12) RETURNING id`,
		a.Name, a.Type, a.Bytes, originalKey, a.Width, a.Height, a.Alt, a.Caption, a.Credit,
		a.FocusX, a.FocusY, now.Unix()).Scan(&a.ID)
	if err != nil {
		return fmt.Errorf("store.CreateAsset: %w", err)
	}
	a.State, a.CreatedAt = news.AssetPending, now
	return nil
}

// Asset returns one picture of the library with its renditions.
func (s *Store) Asset(ctx context.Context, id int64) (news.Asset, error) {
	a, err := scanAsset(s.read.QueryRowContext(ctx, `SELECT `+assetColumns+` FROM media_assets WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, news.Errorf(news.ENOTFOUND, "There is no picture %d in the media library.", id)
	}
	if err != nil {
		return a, fmt.Errorf("store.Asset: %w", err)
	}
	rs, err := s.renditions(ctx, []int64{id})
	if err != nil {
		return a, err
	}
	a.Renditions = rs[id]
	return a, nil
}

// AssetOriginalKey returns where the private original of an asset is stored.
func (s *Store) AssetOriginalKey(ctx context.Context, id int64) (string, error) {
	var key string
	err := s.read.QueryRowContext(ctx, `SELECT original_key FROM media_assets WHERE id = $1`, id).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return "", news.Errorf(news.ENOTFOUND, "There is no picture %d in the media library.", id)
	}
	if err != nil {
		return "", fmt.Errorf("store.AssetOriginalKey: %w", err)
	}
	return key, nil
}

// UpdateAsset saves the words and focal point of an asset. A moved focal
// point sends the asset back to the worker, which remakes its crops. The
// change is announced (cache key asset:ID): pages take the library's words
// where an article leaves its own empty, so every page showing the picture
// is dropped from the caches.
func (s *Store) UpdateAsset(ctx context.Context, a *news.Asset) error {
	if err := a.ValidateMeta(); err != nil {
		return err
	}
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		res, err := tx.ExecContext(ctx, `UPDATE media_assets SET alt = $1, caption = $2, credit = $3,
			state = CASE WHEN focus_x <> $4 OR focus_y <> $5 THEN 'pending' ELSE state END,
			claimed_by = CASE WHEN focus_x <> $4 OR focus_y <> $5 THEN '' ELSE claimed_by END,
			claimed_until = CASE WHEN focus_x <> $4 OR focus_y <> $5 THEN 0 ELSE claimed_until END,
			focus_x = $4, focus_y = $5, updated_at = $6 WHERE id = $7`,
			a.Alt, a.Caption, a.Credit, a.FocusX, a.FocusY, s.Now().Unix(), a.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.ENOTFOUND, "There is no picture %d in the media library.", a.ID)
		}
		ch.add(cachekey.Asset(a.ID))
		return nil
	})
	if news.ErrorCode(err) == news.ENOTFOUND {
		return err
	}
	if err != nil {
		return fmt.Errorf("store.UpdateAsset: %w", err)
	}
	return nil
}

// SearchAssets finds pictures whose alt text, caption, credit or file name
// contain every word of q (in any case), newest first. An empty q lists the
// newest pictures.
func (s *Store) SearchAssets(ctx context.Context, q string, limit, offset int) ([]news.Asset, error) {
	return s.FindAssets(ctx, AssetQuery{Words: q, Limit: limit, Offset: offset})
}

// AssetQuery is what the library grid asks for: pictures with every word,
// or only those with no alt text, a page at a time.
type AssetQuery struct {
	Words         string
	MissingAlt    bool
	Limit, Offset int
}

// FindAssets lists the pictures the query asks for, newest first.
func (s *Store) FindAssets(ctx context.Context, aq AssetQuery) ([]news.Asset, error) {
	var where []string
	var args []any
	for _, w := range strings.Fields(strings.ToLower(aq.Words)) {
		args = append(args, "%"+likeEscaper.Replace(w)+"%")
		where = append(where, fmt.Sprintf(`LOWER(alt || ' ' || caption || ' ' || credit || ' ' || name) LIKE $%d ESCAPE '\'`, len(args)))
	}
	if aq.MissingAlt {
		where = append(where, `TRIM(alt) = ''`)
	}
	query := `SELECT ` + assetColumns + ` FROM media_assets`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	args = append(args, aq.Limit, aq.Offset)
	query += fmt.Sprintf(" ORDER BY created_at DESC, id DESC LIMIT $%d OFFSET $%d", len(args)-1, len(args))
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store.SearchAssets: %w", err)
	}
	defer rows.Close()
	var out []news.Asset
	var ids []int64
	for rows.Next() {
		a, err := scanAsset(rows)
		if err != nil {
			return nil, fmt.Errorf("store.SearchAssets: %w", err)
		}
		out = append(out, a)
		ids = append(ids, a.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store.SearchAssets: %w", err)
	}
	rows.Close()
	rs, err := s.renditions(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Renditions = rs[out[i].ID]
	}
	return out, nil
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// renditions returns the renditions of the assets, keyed by asset ID.
func (s *Store) renditions(ctx context.Context, ids []int64) (map[int64][]news.Rendition, error) {
	out := map[int64][]news.Rendition{}
	if len(ids) == 0 {
		return out, nil
	}
	marks := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		marks[i], args[i] = fmt.Sprintf("$%d", i+1), id
	}
	rows, err := s.read.QueryContext(ctx, `SELECT asset_id, crop, format, width, height, key, bytes
		FROM media_renditions WHERE asset_id IN (`+strings.Join(marks, ", ")+`) ORDER BY asset_id, crop, format, width`, args...)
	if err != nil {
		return nil, fmt.Errorf("store.renditions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var r news.Rendition
		if err := rows.Scan(&id, &r.Crop, &r.Format, &r.Width, &r.Height, &r.Key, &r.Bytes); err != nil {
			return nil, fmt.Errorf("store.renditions: %w", err)
		}
		out[id] = append(out[id], r)
	}
	return out, rows.Err()
}
