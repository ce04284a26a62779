package store

import (
	"context"
	"fmt"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// resolveImages fills the images that show a media-library asset with the
// asset's current renditions (Src, sizes, WebP, card crop), and its words
// where the image has none of its own. It returns, for each image, whether it
// can be shown: an asset whose renditions are not made yet has nothing to
// serve, so its page shows no picture until they are.
func (s *Store) resolveImages(ctx context.Context, imgs []*news.Image) ([]bool, error) {
	show := make([]bool, len(imgs))
	var ids []int64
	for i, img := range imgs {
		show[i] = img != nil && img.Src != ""
		if img != nil && img.Asset != 0 {
			ids = append(ids, img.Asset)
			cachekey.Add(ctx, cachekey.Asset(img.Asset))
		}
	}
	if len(ids) == 0 {
		return show, nil
	}
	rs, err := s.renditions(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("store.resolveImages: %w", err)
	}
	for i, img := range imgs {
		if img == nil || img.Asset == 0 {
			continue
		}
		made := news.Asset{ID: img.Asset, Renditions: rs[img.Asset]}.Image()
		if made == nil {
			show[i] = false
			continue
		}
		made.Alt, made.Caption, made.Credit = img.Alt, img.Caption, img.Credit
		*img = *made
		show[i] = true
	}
	return show, nil
}

// resolveTeaserImages resolves the lead images of teasers, dropping those that
// cannot be shown yet.
func (s *Store) resolveTeaserImages(ctx context.Context, ts []news.Teaser) error {
	imgs := make([]*news.Image, len(ts))
	for i := range ts {
		imgs[i] = ts[i].LeadImage
	}
	show, err := s.resolveImages(ctx, imgs)
	if err != nil {
		return err
	}
	for i := range ts {
		if !show[i] {
			ts[i].LeadImage = nil
		}
	}
	return nil
}

// fillImageWords gives an image chosen from the media library the library's
// alt text, caption and credit where the article leaves them empty, so the
// words written once in the library follow the picture.
func (s *Store) fillImageWords(ctx context.Context, img *news.Image) error {
	if img == nil || img.Asset == 0 || img.Alt != "" && img.Caption != "" && img.Credit != "" {
		return nil
	}
	var alt, caption, credit string
	var w, h int
	err := s.read.QueryRowContext(ctx, `SELECT alt, caption, credit, width, height FROM media_assets WHERE id = $1`,
		img.Asset).Scan(&alt, &caption, &credit, &w, &h)
	if err != nil {
		return news.FieldError("lead_image", "The lead image is not in the media library (picture %d).", img.Asset)
	}
	if img.Alt == "" {
		img.Alt = alt
	}
	if img.Caption == "" {
		img.Caption = caption
	}
	if img.Credit == "" {
		img.Credit = credit
	}
	if img.Width == 0 {
		img.Width, img.Height = w, h
	}
	return nil
}

// storedImage is what an article keeps of an image in its row: for a library
// picture, the asset and the words only, since its renditions are read fresh.
func storedImage(img *news.Image) *news.Image {
	if img == nil || img.Asset == 0 {
		return img
	}
	return &news.Image{Asset: img.Asset, Width: img.Width, Height: img.Height,
		Alt: img.Alt, Caption: img.Caption, Credit: img.Credit}
}
