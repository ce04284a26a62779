package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"masthead/internal/news"
)

// Draft is a line of a newsroom list: an article in any status.
type Draft struct {
	news.Teaser
	Status news.Status
	// PublishAt is when a scheduled article goes out, or a pending
	// update goes live; zero when none is scheduled.
	PublishAt time.Time
}

// The newsroom's lists, by stage.
var stageWhere = map[string]string{
	"draft":     "a.status = 'draft' AND a.submitted_at IS NULL AND a.publish_at IS NULL",
	"submitted": "a.status = 'draft' AND a.submitted_at IS NOT NULL AND a.publish_at IS NULL",
	"scheduled": "a.status = 'draft' AND a.publish_at IS NOT NULL",
	"published": "a.status = 'published'",
	"pending":   "p.article_id IS NOT NULL",
}

// ArticlesInStage returns the articles in a stage (draft, submitted,
// scheduled, published, pending: live with changes not yet live), most
// recently changed first (scheduled ones soonest first, published ones last
// published first), for the newsroom's lists. mine, when not zero, keeps those the account made or whose byline
// has its author profile (authorID).
func (s *Store) ArticlesInStage(ctx context.Context, stage string, mine, authorID int64, limit int) ([]Draft, error) {
	where, ok := stageWhere[stage]
	if !ok {
		return nil, fmt.Errorf("store.ArticlesInStage: no stage %q", stage)
	}
	args := []any{limit}
	if mine != 0 {
		where += " AND (a.created_by = $2 OR EXISTS (SELECT 1 FROM article_authors aa WHERE aa.article_id = a.id AND aa.author_id = $3))"
		args = append(args, mine, authorID)
	}
	order := "a.updated_at DESC, a.id DESC"
	switch stage {
	case "scheduled":
		order = "a.publish_at, a.id"
	case "published":
		order = "a.published_at DESC, a.id DESC"
	}
	rows, err := s.read.QueryContext(ctx, `SELECT a.id, a.slug, a.headline, a.standfirst, a.published_at, a.updated_at,
		a.status, s.id, s.slug, s.name, COALESCE(a.publish_at, p.update_at)
		FROM articles a JOIN sections s ON s.id = a.section_id LEFT JOIN article_pending p ON p.article_id = a.id
		WHERE `+where+` ORDER BY `+order+` LIMIT $1`, args...)
	if err != nil {
		return nil, fmt.Errorf("store.ArticlesInStage: %w", err)
	}
	defer rows.Close()
	var out []Draft
	for rows.Next() {
		var d Draft
		var published, updated, at sql.NullInt64
		var st string
		if err := rows.Scan(&d.ID, &d.Slug, &d.Headline, &d.Standfirst, &published, &updated, &st,
			&d.Section.ID, &d.Section.Slug, &d.Section.Name, &at); err != nil {
			return nil, fmt.Errorf("store.ArticlesInStage: %w", err)
		}
		d.PublishedAt, d.UpdatedAt, d.Status, d.PublishAt = fromUnix(published), fromUnix(updated), news.Status(st), fromUnix(at)
		out = append(out, d)
	}
	return out, rows.Err()
}

// Present records that an account has an article open now, and returns the
// names of the others who had it open in the last 30 seconds.
func (s *Store) Present(ctx context.Context, articleID, userID int64) ([]string, error) {
	now := s.Now().Unix()
	if _, err := s.write.ExecContext(ctx, `INSERT INTO article_presence (article_id, user_id, seen_at) VALUES ($1, $2, $3)
		ON CONFLICT (article_id, user_id) DO UPDATE SET seen_at = excluded.seen_at`, articleID, userID, now); isForeignKeyViolation(err) {
		return nil, news.Errorf(news.ENOTFOUND, "There is no article %d.", articleID)
	} else if err != nil {
		return nil, fmt.Errorf("store.Present: %w", err)
	}
	if _, err := s.write.ExecContext(ctx, `DELETE FROM article_presence WHERE seen_at < $1`, now-60); err != nil {
		return nil, fmt.Errorf("store.Present: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT u.name FROM article_presence p JOIN users u ON u.id = p.user_id
		WHERE p.article_id = $1 AND p.user_id <> $2 AND p.seen_at >= $3 ORDER BY u.name`, articleID, userID, now-30)
	if err != nil {
		return nil, fmt.Errorf("store.Present: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}
