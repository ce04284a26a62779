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

// EnsureTag returns the stored tag with t's slug (made from its name when
// empty), creating it when there is none.
func (s *Store) EnsureTag(ctx context.Context, t *news.Tag) error {
	t.Name = strings.TrimSpace(t.Name)
	if t.Slug == "" {
		t.Slug = news.Slugify(t.Name)
	}
	if t.Name == "" || t.Slug == "" {
		return news.FieldError("tags", "A tag needs a name made of letters or digits.")
	}
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Tags)
		return tx.QueryRowContext(ctx, `INSERT INTO tags (slug, name) VALUES ($1, $2)
			ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id, name`, t.Slug, t.Name).Scan(&t.ID, &t.Name)
	})
	if err != nil {
		return fmt.Errorf("store.EnsureTag: %w", err)
	}
	return nil
}

// TagBySlug returns the tag with the slug, or an ENOTFOUND error.
func (s *Store) TagBySlug(ctx context.Context, slug string) (news.Tag, error) {
	var t news.Tag
	err := s.read.QueryRowContext(ctx, `SELECT id, slug, name FROM tags WHERE slug = $1`, slug).Scan(&t.ID, &t.Slug, &t.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return t, news.Errorf(news.ENOTFOUND, "There is no tag %q.", slug)
	}
	if err != nil {
		return t, fmt.Errorf("store.TagBySlug: %w", err)
	}
	cachekey.Add(ctx, cachekey.Tag(t.ID))
	return t, nil
}
