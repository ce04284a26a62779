package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"masthead/internal/blocks"
	"masthead/internal/news"
)

// libraryWords is what a save needs to know of a library picture.
type libraryWords struct {
	alt, caption, credit string
	width, height        int
}

// checkPictures prepares the library pictures of articles about to be saved,
// in one query for all of them: a lead or sharing picture gets the library's
// alt text, caption and credit where the article leaves them empty; a
// picture that is not in the library is refused, wherever it is used; and a
// published article may not show a picture in its body with no alt text,
// in the block or in the library.
func (s *Store) checkPictures(ctx context.Context, list ...*news.Article) error {
	var ids []int64
	for _, a := range list {
		for _, img := range []*news.Image{a.LeadImage, a.SocialImage} {
			if img != nil && img.Asset != 0 {
				ids = append(ids, img.Asset)
			}
		}
		for _, b := range a.Body {
			if b.Type == blocks.TypeImage && b.Asset > 0 {
				ids = append(ids, b.Asset)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	known, err := s.libraryWords(ctx, slices.Compact(ids))
	if err != nil {
		return fmt.Errorf("store.checkPictures: %w", err)
	}
	for _, a := range list {
		if err := fillWords(a.LeadImage, known, "lead_image", "The lead image"); err != nil {
			return err
		}
		if err := fillWords(a.SocialImage, known, "social_image", "The sharing image"); err != nil {
			return err
		}
		for i, b := range a.Body {
			if b.Type != blocks.TypeImage || b.Asset <= 0 {
				continue
			}
			w, ok := known[b.Asset]
			if !ok {
				return news.FieldError("body", "Block %d (image): there is no picture %d in the media library.", i+1, b.Asset)
			}
			if a.Status == news.Published && strings.TrimSpace(b.Alt) == "" && w.alt == "" {
				return news.FieldError("body", "Block %d (image): picture %d needs alt text before the article can be published: describe it for readers who cannot see it, on the image or in the media library.", i+1, b.Asset)
			}
		}
	}
	return nil
}

// fillWords gives an image chosen from the media library the library's alt
// text, caption and credit where it has none, and its size, so the words
// written once in the library follow the picture.
func fillWords(img *news.Image, known map[int64]libraryWords, field, name string) error {
	if img == nil || img.Asset == 0 {
		return nil
	}
	w, ok := known[img.Asset]
	if !ok {
		return news.FieldError(field, "%s is not in the media library (picture %d).", name, img.Asset)
	}
	img.Alt, img.Caption, img.Credit = orLibrary(img.Alt, w.alt), orLibrary(img.Caption, w.caption), orLibrary(img.Credit, w.credit)
	if img.Width == 0 {
		img.Width, img.Height = w.width, w.height
	}
	return nil
}

// libraryWords returns the words and size of the assets that exist, keyed
// by ID, a few hundred at a time.
func (s *Store) libraryWords(ctx context.Context, ids []int64) (map[int64]libraryWords, error) {
	const chunk = 500
	out := make(map[int64]libraryWords, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), chunk)
		rows, err := s.read.QueryContext(ctx, `SELECT id, alt, caption, credit, width, height FROM media_assets
			WHERE id IN (`+placeholders(1, n)+`)`, int64Args(ids[:n])...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var w libraryWords
			if err := rows.Scan(&id, &w.alt, &w.caption, &w.credit, &w.width, &w.height); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = w
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return out, nil
}

// CheckPublishable returns what would stop the article being published now:
// its own rules (news.Article.Validate with the status Published) and its
// library pictures' alt text. Scheduling calls it, since the job that
// publishes at the hour asks nothing again.
func (s *Store) CheckPublishable(ctx context.Context, a news.Article) error {
	a.Status = news.Published
	for _, img := range []**news.Image{&a.LeadImage, &a.SocialImage} {
		if *img != nil {
			c := **img
			*img = &c
		}
	}
	if err := s.checkPictures(ctx, &a); err != nil {
		return err
	}
	return a.Validate()
}
