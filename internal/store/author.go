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

// CreateAuthor stores a new author and sets its ID.
func (s *Store) CreateAuthor(ctx context.Context, a *news.Author) error {
	if err := a.Validate(); err != nil {
		return err
	}
	photo, err := imageJSON(a.Photo)
	if err != nil {
		return fmt.Errorf("store.CreateAuthor: %w", err)
	}
	err = s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Authors)
		return tx.QueryRowContext(ctx, `INSERT INTO authors (slug, name, bio, email, photo)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, a.Slug, a.Name, a.Bio, a.Email, photo).Scan(&a.ID)
	})
	if isUniqueViolation(err) {
		return &news.Error{Code: news.ECONFLICT, Field: "slug",
			Message: fmt.Sprintf("Another author already has the slug %q.", a.Slug)}
	}
	if err != nil {
		return fmt.Errorf("store.CreateAuthor: %w", err)
	}
	return nil
}

// UpdateAuthor saves an author's profile: slug, name, bio, e-mail and photo.
// The pages that show the author (bylines, the profile, author lists) go
// from every cache.
func (s *Store) UpdateAuthor(ctx context.Context, a *news.Author) error {
	if err := a.Validate(); err != nil {
		return err
	}
	photo, err := imageJSON(a.Photo)
	if err != nil {
		return fmt.Errorf("store.UpdateAuthor: %w", err)
	}
	err = s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Author(a.ID), cachekey.Authors)
		res, err := tx.ExecContext(ctx, `UPDATE authors SET slug = $1, name = $2, bio = $3, email = $4, photo = $5
			WHERE id = $6`, a.Slug, a.Name, a.Bio, a.Email, photo, a.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.ENOTFOUND, "Author %d does not exist.", a.ID)
		}
		return nil
	})
	if isUniqueViolation(err) {
		return &news.Error{Code: news.ECONFLICT, Field: "slug",
			Message: fmt.Sprintf("Another author already has the slug %q.", a.Slug)}
	}
	if err != nil {
		return fmt.Errorf("store.UpdateAuthor: %w", err)
	}
	return nil
}

// AuthorBySlug returns the author's public profile. The e-mail address is not
// read: public pages are built from what this returns.
func (s *Store) AuthorBySlug(ctx context.Context, slug string) (news.Author, error) {
	var a news.Author
	var photo sql.NullString
	err := s.read.QueryRowContext(ctx, `SELECT id, slug, name, bio, photo FROM authors WHERE slug = $1`,
		slug).Scan(&a.ID, &a.Slug, &a.Name, &a.Bio, &photo)
	if errors.Is(err, sql.ErrNoRows) {
		return a, news.Errorf(news.ENOTFOUND, "There is no author %q.", slug)
	}
	if err != nil {
		return a, fmt.Errorf("store.AuthorBySlug: %w", err)
	}
	if a.Photo, err = parseImage(photo); err != nil {
		return a, fmt.Errorf("store.AuthorBySlug %s: %w", slug, err)
	}
	// A photo from the media library is shown through its current
	// renditions, and not at all until they are made.
	show, err := s.resolveImages(ctx, []*news.Image{a.Photo})
	if err != nil {
		return a, err
	}
	if !show[0] {
		a.Photo = nil
	}
	cachekey.Add(ctx, cachekey.Author(a.ID))
	return a, nil
}

// Authors returns every author's public profile, by name.
func (s *Store) Authors(ctx context.Context) ([]news.Author, error) {
	cachekey.Add(ctx, cachekey.Authors)
	rows, err := s.read.QueryContext(ctx, `SELECT id, slug, name, bio FROM authors ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store.Authors: %w", err)
	}
	defer rows.Close()
	var out []news.Author
	for rows.Next() {
		var a news.Author
		if err := rows.Scan(&a.ID, &a.Slug, &a.Name, &a.Bio); err != nil {
			return nil, fmt.Errorf("store.Authors: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func imageJSON(img *news.Image) (sql.NullString, error) {
	if img == nil {
		return sql.NullString{}, nil
	}
	b, err := json.Marshal(img)
	return sql.NullString{String: string(b), Valid: true}, err
}

func parseImage(s sql.NullString) (*news.Image, error) {
	if !s.Valid || s.String == "" {
		return nil, nil
	}
	var img news.Image
	if err := json.Unmarshal([]byte(s.String), &img); err != nil {
		return nil, fmt.Errorf("image: %w", err)
	}
	return &img, nil
}

// AuthorByID returns an author's whole profile, e-mail address included, for
// the newsroom; public pages use AuthorBySlug.
func (s *Store) AuthorByID(ctx context.Context, id int64) (news.Author, error) {
	var a news.Author
	var photo sql.NullString
	err := s.read.QueryRowContext(ctx, `SELECT id, slug, name, bio, email, photo FROM authors WHERE id = $1`, id).
		Scan(&a.ID, &a.Slug, &a.Name, &a.Bio, &a.Email, &photo)
	if errors.Is(err, sql.ErrNoRows) {
		return a, news.Errorf(news.ENOTFOUND, "There is no author %d.", id)
	}
	if err != nil {
		return a, fmt.Errorf("store.AuthorByID: %w", err)
	}
	a.Photo, err = parseImage(photo)
	return a, err
}
