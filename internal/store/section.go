package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"masthead/internal/news"
)

// CreateSection stores a new section and sets its ID.
func (s *Store) CreateSection(ctx context.Context, sec *news.Section) error {
	if err := sec.Validate(); err != nil {
		return err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
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

// Sections returns every section in display order.
func (s *Store) Sections(ctx context.Context) ([]news.Section, error) {
	rows, err := s.readQuery(ctx, `SELECT id, slug, name, description, position
		FROM sections ORDER BY position, name`)
	if err != nil {
		return nil, fmt.Errorf("store.Sections: %w", err)
	}
	defer rows.Close()
	var out []news.Section
	for rows.Next() {
		var sec news.Section
		if err := rows.Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.Description, &sec.Position); err != nil {
			return nil, fmt.Errorf("store.Sections: %w", err)
		}
		out = append(out, sec)
	}
	return out, rows.Err()
}

// SectionBySlug returns the section with the slug, or an ENOTFOUND error.
func (s *Store) SectionBySlug(ctx context.Context, slug string) (news.Section, error) {
	var sec news.Section
	err := s.readQueryRow(ctx, `SELECT id, slug, name, description, position
		FROM sections WHERE slug = $1`, slug).Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.Description, &sec.Position)
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
