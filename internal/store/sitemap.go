package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// ArticleURL is what a sitemap needs of a published article: enough to build
// its canonical path, its dates and, for Google News, its headline.
type ArticleURL struct {
	Slug        string
	SectionSlug string
	Headline    string
	PublishedAt time.Time
	UpdatedAt   time.Time
}

// URL is the article's canonical path.
func (a ArticleURL) URL() string {
	return news.Article{Slug: a.Slug, Section: news.Section{Slug: a.SectionSlug}, PublishedAt: a.PublishedAt}.URL()
}

// ArticleURLs returns one page of published articles, oldest first, so that
// a page of a sitemap keeps its URLs as new articles are published.
func (s *Store) ArticleURLs(ctx context.Context, offset, limit int) ([]ArticleURL, error) {
	return s.articleURLs(ctx, `SELECT a.slug, s.slug, a.headline, a.published_at, a.updated_at
		FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.status = 'published'
		ORDER BY a.published_at, a.id LIMIT $1 OFFSET $2`, limit, offset)
}

// ArticleURLsSince returns the published articles first published at or after
// since, newest first, at most limit of them.
func (s *Store) ArticleURLsSince(ctx context.Context, since time.Time, limit int) ([]ArticleURL, error) {
	return s.articleURLs(ctx, `SELECT a.slug, s.slug, a.headline, a.published_at, a.updated_at
		FROM articles a JOIN sections s ON s.id = a.section_id
		WHERE a.status = 'published' AND a.published_at >= $1
		ORDER BY a.published_at DESC, a.id DESC LIMIT $2`, since.Unix(), limit)
}

func (s *Store) articleURLs(ctx context.Context, query string, args ...any) ([]ArticleURL, error) {
	cachekey.Add(ctx, cachekey.Sitemaps, cachekey.All)
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store.ArticleURLs: %w", err)
	}
	defer rows.Close()
	var out []ArticleURL
	for rows.Next() {
		var a ArticleURL
		var published, updated sql.NullInt64
		if err := rows.Scan(&a.Slug, &a.SectionSlug, &a.Headline, &published, &updated); err != nil {
			return nil, fmt.Errorf("store.ArticleURLs: %w", err)
		}
		a.PublishedAt, a.UpdatedAt = fromUnix(published), fromUnix(updated)
		out = append(out, a)
	}
	return out, rows.Err()
}

// CountPublished returns how many articles are published.
func (s *Store) CountPublished(ctx context.Context) (int, error) {
	cachekey.Add(ctx, cachekey.All)
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles WHERE status = 'published'`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store.CountPublished: %w", err)
	}
	return n, nil
}

// Tags returns the tags that have at least one published article, by name:
// a tag page with nothing public on it is not worth a sitemap entry.
func (s *Store) Tags(ctx context.Context) ([]news.Tag, error) {
	cachekey.Add(ctx, cachekey.Tags)
	rows, err := s.read.QueryContext(ctx, `SELECT t.id, t.slug, t.name FROM tags t
		WHERE EXISTS (SELECT 1 FROM article_tags at JOIN articles a ON a.id = at.article_id
			WHERE at.tag_id = t.id AND a.status = 'published')
		ORDER BY t.name`)
	if err != nil {
		return nil, fmt.Errorf("store.Tags: %w", err)
	}
	defer rows.Close()
	var out []news.Tag
	for rows.Next() {
		var t news.Tag
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name); err != nil {
			return nil, fmt.Errorf("store.Tags: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
