package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"masthead/internal/blocks"
	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// resolveImages fills the images that show a media-library asset with the
// asset's current renditions (Src, sizes, WebP, card crop), and the library
// pictures in the bodies' image blocks with theirs (Block.Picture), in one
// query for all. An image's own alt text, caption and credit come first; the
// library's fill those it leaves empty, so an edit in the library reaches
// every page (each records the key asset:ID). It returns, for each image,
// whether it can be shown: an asset whose renditions are not made yet has
// nothing to serve, so its page shows no picture until they are.
func (s *Store) resolveImages(ctx context.Context, imgs []*news.Image, bodies ...blocks.Document) ([]bool, error) {
	show := make([]bool, len(imgs))
	var ids []int64
	for i, img := range imgs {
		show[i] = img != nil && img.Src != ""
		if img != nil && img.Asset != 0 {
			ids = append(ids, img.Asset)
		}
	}
	for _, d := range bodies {
		for i := range d {
			if d[i].Type == blocks.TypeImage && d[i].Asset > 0 {
				ids = append(ids, d[i].Asset)
			}
		}
	}
	if len(ids) == 0 {
		return show, nil
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for _, id := range ids {
		cachekey.Add(ctx, cachekey.Asset(id))
	}
	pics, err := s.libraryPictures(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("store.resolveImages: %w", err)
	}
	for i, img := range imgs {
		if img == nil || img.Asset == 0 {
			continue
		}
		made := pics[img.Asset].Image()
		if made == nil {
			show[i] = false
			continue
		}
		made.Alt, made.Caption, made.Credit = orLibrary(img.Alt, made.Alt), orLibrary(img.Caption, made.Caption), orLibrary(img.Credit, made.Credit)
		*img = *made
		show[i] = true
	}
	for _, d := range bodies {
		for i := range d {
			if b := &d[i]; b.Type == blocks.TypeImage && b.Asset > 0 {
				b.Picture = pics[b.Asset].Picture()
			}
		}
	}
	return show, nil
}

func orLibrary(own, library string) string {
	if strings.TrimSpace(own) == "" {
		return library
	}
	return own
}

// libraryPictures returns the assets' words and renditions, keyed by ID, in
// one query for those the node does not remember (pictureMemo). An asset with
// no renditions yet has none.
func (s *Store) libraryPictures(ctx context.Context, ids []int64) (map[int64]news.Asset, error) {
	out := make(map[int64]news.Asset, len(ids))
	ids, gen := s.pictureMemo.get(ids, out)
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.readLibraryPictures(ctx, ids, out); err != nil {
		return nil, err
	}
	s.pictureMemo.put(gen, ids, out)
	return out, nil
}

func (s *Store) readLibraryPictures(ctx context.Context, ids []int64, out map[int64]news.Asset) error {
	rows, err := s.read.QueryContext(ctx, `SELECT a.id, a.alt, a.caption, a.credit,
		r.crop, r.format, r.width, r.height, r.key, r.bytes
		FROM media_assets a JOIN media_renditions r ON r.asset_id = a.id
		WHERE a.id IN (`+placeholders(1, len(ids))+`) ORDER BY a.id, r.crop, r.format, r.width`, int64Args(ids)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a news.Asset
		var r news.Rendition
		if err := rows.Scan(&a.ID, &a.Alt, &a.Caption, &a.Credit, &r.Crop, &r.Format, &r.Width, &r.Height, &r.Key, &r.Bytes); err != nil {
			return err
		}
		if have, ok := out[a.ID]; ok {
			a.Renditions = have.Renditions
		}
		a.Renditions = append(a.Renditions, r)
		out[a.ID] = a
	}
	return rows.Err()
}

// resolveTeaserImages resolves the lead images of teasers, dropping those that
// cannot be shown yet.
func (s *Store) resolveTeaserImages(ctx context.Context, ts []news.Teaser) error {
	// The lead pictures and the bylines' photos are read in one query.
	var imgs []*news.Image
	for i := range ts {
		imgs = append(imgs, ts[i].LeadImage)
		for j := range ts[i].Authors {
			imgs = append(imgs, ts[i].Authors[j].Photo)
		}
	}
	show, err := s.resolveImages(ctx, imgs)
	if err != nil {
		return err
	}
	for i := range ts {
		if !show[0] {
			ts[i].LeadImage = nil
		}
		dropUnmade(ts[i].Authors, show[1:])
		show = show[1+len(ts[i].Authors):]
	}
	return nil
}

// authorPhotos lists the bylines' photos, for resolveImages.
func authorPhotos(authors []news.Author) []*news.Image {
	imgs := make([]*news.Image, len(authors))
	for i := range authors {
		imgs[i] = authors[i].Photo
	}
	return imgs
}

// dropUnmade removes the photos resolveImages found nothing to show for
// (show lines up with authors): a photo appears once its renditions are made.
func dropUnmade(authors []news.Author, show []bool) {
	for i := range authors {
		if !show[i] {
			authors[i].Photo = nil
		}
	}
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
