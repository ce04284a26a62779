package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// ArticleQuery selects published articles for the content API, newest
// first, a page at a time by keyset: After is the (published_at, id) of the
// last article of the page before, so a page stays the same while newer
// stories are published. Zero fields do not filter.
type ArticleQuery struct {
	SectionID, AuthorID, TagID int64
	UpdatedSince               time.Time // updated at or after
	PublishedBefore            time.Time // published strictly before
	AfterPublished             time.Time // with AfterID: the keyset of the page before
	AfterID                    int64
	Limit                      int // defaults to 20
}

// ArticlePage returns one page of published articles matching q, with
// bylines and lead pictures, recording the same cache keys as the site's
// lists, so a publish purges both.
func (s *Store) ArticlePage(ctx context.Context, q ArticleQuery) ([]news.Teaser, error) {
	if q.Limit <= 0 {
		q.Limit = 20
	}
	cachekey.Add(ctx, cachekey.All)
	var join, where strings.Builder
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if q.AuthorID != 0 {
		cachekey.Add(ctx, cachekey.AuthorList(q.AuthorID))
		join.WriteString(" JOIN article_authors aa ON aa.article_id = a.id AND aa.author_id = " + arg(q.AuthorID))
	}
	if q.TagID != 0 {
		cachekey.Add(ctx, cachekey.TagList(q.TagID))
		join.WriteString(" JOIN article_tags at ON at.article_id = a.id AND at.tag_id = " + arg(q.TagID))
	}
	if q.SectionID != 0 {
		cachekey.Add(ctx, cachekey.SectionList(q.SectionID))
		where.WriteString(" AND a.section_id = " + arg(q.SectionID))
	}
	if !q.UpdatedSince.IsZero() {
		where.WriteString(" AND a.updated_at >= " + arg(q.UpdatedSince.Unix()))
	}
	if !q.PublishedBefore.IsZero() {
		where.WriteString(" AND a.published_at < " + arg(q.PublishedBefore.Unix()))
	}
	if q.AfterID != 0 {
		at := arg(q.AfterPublished.Unix())
		where.WriteString(" AND (a.published_at < " + at + " OR (a.published_at = " + at + " AND a.id < " + arg(q.AfterID) + "))")
	}
	query := `SELECT ` + teaserColumns + ` FROM articles a JOIN sections s ON s.id = a.section_id` + join.String() +
		` WHERE a.status = 'published'` + where.String() +
		` ORDER BY a.published_at DESC, a.id DESC` + s.limit(q.Limit, 0, arg)
	list, err := s.teasers(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store.ArticlePage: %w", err)
	}
	return list, nil
}
