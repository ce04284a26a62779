package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// EnsureTag returns the stored tag with t's slug (made from its name when
// empty), creating it when there is none.
func (s *Store) EnsureTag(ctx context.Context, t *news.Tag) error {
	if err := t.Validate(); err != nil {
		return &news.Error{Code: news.EINVALID, Field: "tags", Message: news.ErrorMessage(err)}
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

// TagCount is a tag with how many articles carry it, for the newsroom.
type TagCount struct {
	news.Tag
	Articles int
}

// AllTags returns every tag by name with its number of articles, a page at a
// time.
func (s *Store) AllTags(ctx context.Context, limit, offset int) ([]TagCount, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT t.id, t.slug, t.name, (SELECT COUNT(*) FROM article_tags at WHERE at.tag_id = t.id)
		FROM tags t ORDER BY t.name, t.id LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("store.AllTags: %w", err)
	}
	defer rows.Close()
	var out []TagCount
	for rows.Next() {
		var t TagCount
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name, &t.Articles); err != nil {
			return nil, fmt.Errorf("store.AllTags: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// UpdateTag renames a tag (and its address). Every page showing the tag,
// and its own list, goes from the caches.
func (s *Store) UpdateTag(ctx context.Context, t *news.Tag) error {
	if err := t.Validate(); err != nil {
		return err
	}
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Tag(t.ID), cachekey.TagList(t.ID), cachekey.Tags)
		res, err := tx.ExecContext(ctx, `UPDATE tags SET slug = $1, name = $2 WHERE id = $3`, t.Slug, t.Name, t.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.ENOTFOUND, "There is no tag %d.", t.ID)
		}
		return nil
	})
	if isUniqueViolation(err) {
		return &news.Error{Code: news.ECONFLICT, Field: "name", Message: fmt.Sprintf("Another tag already has the address /tag/%s.", t.Slug)}
	}
	if err != nil {
		return fmt.Errorf("store.UpdateTag: %w", err)
	}
	return nil
}
