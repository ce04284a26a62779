package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"masthead/internal/cachekey"

	"masthead/internal/news"
)

// CreatePage stores a new static page and sets its ID.
func (s *Store) CreatePage(ctx context.Context, p *news.Page) error {
	if err := p.Validate(); err != nil {
		return err
	}
	body, err := json.Marshal(p.Body)
	if err != nil {
		return fmt.Errorf("store.CreatePage: %w", err)
	}
	p.UpdatedAt = s.Now()
	err = s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Site)
		if taken, err := rootSlugTaken(ctx, tx, p.Slug); err != nil || taken {
			return errors.Join(err, slugTaken(p.Slug, taken))
		}
		return tx.QueryRowContext(ctx, `INSERT INTO pages (slug, title, body, updated_at)
			VALUES ($1, $2, $3, $4) RETURNING id`, p.Slug, p.Title, string(body), p.UpdatedAt.Unix()).Scan(&p.ID)
	})
	if err != nil {
		return fmt.Errorf("store.CreatePage: %w", err)
	}
	return nil
}

// PageBySlug returns the static page with the slug, or an ENOTFOUND error.
func (s *Store) PageBySlug(ctx context.Context, slug string) (news.Page, error) {
	cachekey.Add(ctx, cachekey.Site)
	var p news.Page
	var body string
	var updated sql.NullInt64
	err := s.readQueryRow(ctx, `SELECT id, slug, title, body, updated_at FROM pages WHERE slug = $1`,
		slug).Scan(&p.ID, &p.Slug, &p.Title, &body, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return p, news.Errorf(news.ENOTFOUND, "There is no page %q.", slug)
	}
	if err != nil {
		return p, fmt.Errorf("store.PageBySlug: %w", err)
	}
	p.UpdatedAt = fromUnix(updated)
	if err := json.Unmarshal([]byte(body), &p.Body); err != nil {
		return p, fmt.Errorf("store.PageBySlug %s: body: %w", slug, err)
	}
	if _, err := s.resolveImages(ctx, nil, p.Body); err != nil {
		return p, err
	}
	return p, nil
}

// Pages returns every static page, by title, without bodies.
func (s *Store) Pages(ctx context.Context) ([]news.Page, error) {
	cachekey.Add(ctx, cachekey.Site)
	rows, err := s.readQuery(ctx, `SELECT id, slug, title, updated_at FROM pages ORDER BY title`)
	if err != nil {
		return nil, fmt.Errorf("store.Pages: %w", err)
	}
	defer rows.Close()
	var out []news.Page
	for rows.Next() {
		var p news.Page
		var updated sql.NullInt64
		if err := rows.Scan(&p.ID, &p.Slug, &p.Title, &updated); err != nil {
			return nil, fmt.Errorf("store.Pages: %w", err)
		}
		p.UpdatedAt = fromUnix(updated)
		out = append(out, p)
	}
	return out, rows.Err()
}
