package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"masthead/internal/news"
)

// LatestSave returns the newest revision of an article: its version, when
// and by whom it was saved. The editor asks for it every few seconds, so a
// person whose open copy has been replaced is told.
func (s *Store) LatestSave(ctx context.Context, id int64) (Revision, error) {
	var r Revision
	var at int64
	err := s.read.QueryRowContext(ctx, `SELECT r.version, r.saved_at, COALESCE(r.user_id, 0), COALESCE(u.name, ''), r.note
		FROM article_revisions r LEFT JOIN users u ON u.id = r.user_id
		WHERE r.article_id = $1 ORDER BY r.version DESC LIMIT 1`, id).Scan(&r.Version, &at, &r.UserID, &r.UserName, &r.Note)
	if errors.Is(err, sql.ErrNoRows) {
		return r, news.Errorf(news.ENOTFOUND, "Article %d has no saved version.", id)
	}
	if err != nil {
		return r, fmt.Errorf("store.LatestSave: %w", err)
	}
	r.SavedAt = time.Unix(at, 0).UTC()
	return r, nil
}
