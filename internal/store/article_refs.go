package store

import (
	"context"
	"database/sql"

	"masthead/internal/news"
)

// checkReferences refuses an article whose section or bylines do not exist,
// naming the field, before anything is written: the foreign keys would
// refuse it too, but could not say which field is at fault.
func checkReferences(ctx context.Context, tx *sql.Tx, a *news.Article) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sections WHERE id = $1`, a.Section.ID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return news.FieldError("section", "There is no section %d: choose one of the paper's sections.", a.Section.ID)
	}
	if len(a.Authors) == 0 {
		return nil
	}
	// The bylines are checked in one query, not one round trip each.
	ids := make([]int64, len(a.Authors))
	for i, au := range a.Authors {
		ids[i] = au.ID
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM authors WHERE id IN (`+placeholders(1, len(ids))+`)`, int64Args(ids)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	found := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		found[id] = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i, au := range a.Authors {
		if !found[au.ID] {
			return news.FieldError("authors", "Byline %d names author %d, who does not exist.", i+1, au.ID)
		}
	}
	return nil
}
