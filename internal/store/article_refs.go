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
	exists := func(table string, id int64) (bool, error) {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` WHERE id = $1`, id).Scan(&n)
		return n > 0, err
	}
	ok, err := exists("sections", a.Section.ID)
	if err != nil {
		return err
	}
	if !ok {
		return news.FieldError("section", "There is no section %d: choose one of the paper's sections.", a.Section.ID)
	}
	for i, au := range a.Authors {
		if ok, err = exists("authors", au.ID); err != nil {
			return err
		}
		if !ok {
			return news.FieldError("authors", "Byline %d names author %d, who does not exist.", i+1, au.ID)
		}
	}
	return nil
}
