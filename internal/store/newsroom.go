package store

import (
	"context"
	"database/sql"
	"fmt"

	"masthead/internal/news"
)

// Draft is a line of a newsroom list: an article in any status.
type Draft struct {
	news.Teaser
	Status news.Status
}

// ArticlesByStatus returns the articles in a status, most recently changed
// first, for the newsroom's lists. authorID, when not zero, keeps those with
// that author on the byline.
func (s *Store) ArticlesByStatus(ctx context.Context, status news.Status, authorID int64, limit int) ([]Draft, error) {
	args := []any{string(status), limit}
	join := ""
	if authorID != 0 {
		join = " JOIN article_authors aa ON aa.article_id = a.id AND aa.author_id = $3"
		args = append(args, authorID)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT a.id, a.slug, a.headline, a.standfirst, a.published_at, a.updated_at,
		a.status, s.id, s.slug, s.name FROM articles a JOIN sections s ON s.id = a.section_id`+join+`
		WHERE a.status = $1 ORDER BY a.updated_at DESC, a.id DESC LIMIT $2`, args...)
	if err != nil {
		return nil, fmt.Errorf("store.ArticlesByStatus: %w", err)
	}
	defer rows.Close()
	var out []Draft
	for rows.Next() {
		var d Draft
		var published, updated sql.NullInt64
		var st string
		if err := rows.Scan(&d.ID, &d.Slug, &d.Headline, &d.Standfirst, &published, &updated, &st,
			&d.Section.ID, &d.Section.Slug, &d.Section.Name); err != nil {
			return nil, fmt.Errorf("store.ArticlesByStatus: %w", err)
		}
		d.PublishedAt, d.UpdatedAt, d.Status = fromUnix(published), fromUnix(updated), news.Status(st)
		out = append(out, d)
	}
	return out, rows.Err()
}
