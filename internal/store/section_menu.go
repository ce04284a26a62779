package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// MoveSection moves a section one place up (by -1) or down (by 1) in the
// menu, and numbers every section's position afresh in steps of ten, so
// the order is what the newsroom sees even where positions were equal.
// Moving the first up or the last down changes nothing.
func (s *Store) MoveSection(ctx context.Context, id int64, by int) error {
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ids, err := strings1(ctx, tx, `SELECT id FROM sections ORDER BY position, name`)
		if err != nil {
			return err
		}
		at := slices.Index(ids, strconv.FormatInt(id, 10))
		if at < 0 {
			return news.Errorf(news.ENOTFOUND, "Section %d does not exist.", id)
		}
		to := at + by
		if to < 0 || to >= len(ids) {
			return nil
		}
		ch.add(cachekey.Site)
		ids[at], ids[to] = ids[to], ids[at]
		for i, x := range ids {
			n, _ := strconv.ParseInt(x, 10, 64)
			if _, err := tx.ExecContext(ctx, `UPDATE sections SET position = $1 WHERE id = $2`, (i+1)*10, n); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store.MoveSection: %w", err)
	}
	return nil
}

// HideSection takes a section out of the header menu (hidden) or puts it
// back. Every page shows the menu, so every cached page goes.
func (s *Store) HideSection(ctx context.Context, id int64, hidden bool) error {
	v := 0
	if hidden {
		v = 1
	}
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Site)
		res, err := tx.ExecContext(ctx, `UPDATE sections SET hidden = $1 WHERE id = $2`, v, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.ENOTFOUND, "Section %d does not exist.", id)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store.HideSection: %w", err)
	}
	return nil
}
