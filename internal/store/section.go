package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"masthead/internal/cachekey"

	"masthead/internal/news"
)

// CreateSection stores a new section and sets its ID.
func (s *Store) CreateSection(ctx context.Context, sec *news.Section) error {
	if err := sec.Validate(); err != nil {
		return err
	}
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Site)
		if taken, err := rootSlugTaken(ctx, tx, sec.Slug); err != nil || taken {
			return errors.Join(err, slugTaken(sec.Slug, taken))
		}
		return tx.QueryRowContext(ctx, `INSERT INTO sections (slug, name, description, position)
			VALUES ($1, $2, $3, $4) RETURNING id`, sec.Slug, sec.Name, sec.Description, sec.Position).Scan(&sec.ID)
	})
	if err != nil {
		return fmt.Errorf("store.CreateSection: %w", err)
	}
	return nil
}

// UpdateSection saves a section's slug, name, description and position. Every
// page names the sections in its navigation, so every cached page goes.
func (s *Store) UpdateSection(ctx context.Context, sec *news.Section) error {
	if err := sec.Validate(); err != nil {
		return err
	}
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Site)
		var n int
		err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM sections WHERE slug = $1 AND id <> $2)
			+ (SELECT COUNT(*) FROM pages WHERE slug = $1)`, sec.Slug, sec.ID).Scan(&n)
		if err != nil || n > 0 {
			return errors.Join(err, slugTaken(sec.Slug, n > 0))
		}
		res, err := tx.ExecContext(ctx, `UPDATE sections SET slug = $1, name = $2, description = $3, position = $4
			WHERE id = $5`, sec.Slug, sec.Name, sec.Description, sec.Position, sec.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.ENOTFOUND, "Section %d does not exist.", sec.ID)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store.UpdateSection: %w", err)
	}
	return nil
}

// Sections returns every section in display order.
func (s *Store) Sections(ctx context.Context) ([]news.Section, error) {
	cachekey.Add(ctx, cachekey.Site)
	rows, err := s.readQuery(ctx, `SELECT id, slug, name, description, position, hidden
		FROM sections ORDER BY position, name`)
	if err != nil {
		return nil, fmt.Errorf("store.Sections: %w", err)
	}
	defer rows.Close()
	var out []news.Section
	for rows.Next() {
		var sec news.Section
		var hidden int
		if err := rows.Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.Description, &sec.Position, &hidden); err != nil {
			return nil, fmt.Errorf("store.Sections: %w", err)
		}
		sec.Hidden = hidden == 1
		out = append(out, sec)
	}
	return out, rows.Err()
}

// SectionBySlug returns the section with the slug, or an ENOTFOUND error.
func (s *Store) SectionBySlug(ctx context.Context, slug string) (news.Section, error) {
	cachekey.Add(ctx, cachekey.Site)
	var sec news.Section
	var hidden int
	err := s.readQueryRow(ctx, `SELECT id, slug, name, description, position, hidden
		FROM sections WHERE slug = $1`, slug).Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.Description, &sec.Position, &hidden)
	sec.Hidden = hidden == 1
	if errors.Is(err, sql.ErrNoRows) {
		return sec, news.Errorf(news.ENOTFOUND, "There is no section %q.", slug)
	}
	if err != nil {
		return sec, fmt.Errorf("store.SectionBySlug: %w", err)
	}
	return sec, nil
}

// rootSlugTaken reports whether a section or a page already sits at /slug:
// both live at the root of the site, so they share one set of slugs.
func rootSlugTaken(ctx context.Context, tx *sql.Tx, slug string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM sections WHERE slug = $1)
		+ (SELECT COUNT(*) FROM pages WHERE slug = $1)`, slug).Scan(&n)
	return n > 0, err
}

func slugTaken(slug string, taken bool) error {
	if !taken {
		return nil
	}
	return &news.Error{Code: news.ECONFLICT, Field: "slug",
		Message: fmt.Sprintf("The address /%s is already used by another section or page.", slug)}
}
