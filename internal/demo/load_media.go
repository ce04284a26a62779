package demo

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"masthead/internal/blocks"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/store"
)

// MediaOptions are the media library settings the demo loads its pictures
// with: fewer widths than a newsroom's (960 pixels serves a 46rem column
// at twice the density), and cards reuse them as the pictures are 16:9;
// as many pictures made at once as there are processors (they are small);
// and a memo, so loading the demo into many test databases in one process
// makes each picture's renditions once.
func MediaOptions() media.Options {
	return media.Options{Widths: []int{320, 640, 960}, Workers: runtime.GOMAXPROCS(0), Memo: &demoMemo}
}

var demoMemo media.Memo

// pictureW and pictureH are the size the demo pictures are drawn at: the
// widest rendition, so the renditions are the drawing itself and smaller
// copies of it, and nothing is drawn, encoded and decoded to be thrown away.
const pictureW, pictureH = 960, 540

// drawn keeps each drawn picture (36 of about 60 KB), which is the same on
// every load.
var drawn sync.Map

// DiskLibrary returns a media library with the demo's settings over the
// media folder of dataDir.
func DiskLibrary(st *store.Store, dataDir string) (*media.Library, error) {
	files, err := media.NewDisk(filepath.Join(dataDir, "media"))
	if err != nil {
		return nil, err
	}
	return media.New(st, files, MediaOptions()), nil
}

// loadPictures draws every demo picture, uploads it to the library as a
// newsroom would, with its alt text and credit, makes its renditions and
// returns the ready assets by picture name.
func loadPictures(ctx context.Context, st *store.Store, lib *media.Library) (map[string]news.Asset, error) {
	names := ImageNames()
	jpegs := make([][]byte, len(names))
	errs := make(chan error, len(names))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, name := range names {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			if b, ok := drawn.Load(name); ok {
				jpegs[i] = b.([]byte)
				errs <- nil
				return
			}
			b, err := ImageJPEG(name, pictureW, pictureH)
			if err == nil {
				drawn.Store(name, b)
			}
			jpegs[i] = b
			errs <- err
		}()
	}
	for range names {
		if err := <-errs; err != nil {
			return nil, fmt.Errorf("demo pictures: %w", err)
		}
	}
	ids := map[string]int64{}
	for i, name := range names {
		a, err := lib.Ingest(ctx, bytes.NewReader(jpegs[i]), name+".jpg")
		if err != nil {
			return nil, fmt.Errorf("demo picture %s: %w", name, err)
		}
		a.Alt, a.Credit = ImageAlt(name), "Illustration: The Harbour Courier"
		if err := st.UpdateAsset(ctx, &a); err != nil {
			return nil, fmt.Errorf("demo picture %s: %w", name, err)
		}
		ids[name] = a.ID
	}
	if _, err := lib.ProcessPending(ctx); err != nil {
		return nil, fmt.Errorf("demo pictures: %w", err)
	}
	out := map[string]news.Asset{}
	for name, id := range ids {
		a, err := st.Asset(ctx, id)
		if err != nil {
			return nil, err
		}
		if a.State != news.AssetReady {
			return nil, fmt.Errorf("demo picture %s: renditions not made (%s)", name, a.State)
		}
		out[name] = a
	}
	return out, nil
}

// loadPortraits draws the columnists' portraits, uploads them to the
// library with their alt text, as a newsroom would an author's photo, and
// returns their pictures' numbers by author slug.
func loadPortraits(ctx context.Context, st *store.Store, lib *media.Library) (map[string]int64, error) {
	out := map[string]int64{}
	for c, w := range columnists {
		name := fmt.Sprintf("portrait-%d", c)
		var b []byte
		if v, ok := drawn.Load(name); ok {
			b = v.([]byte)
		} else {
			var err error
			if b, err = PortraitJPEG(c, portraitSize); err != nil {
				return nil, err
			}
			drawn.Store(name, b)
		}
		a, err := lib.Ingest(ctx, bytes.NewReader(b), news.Slugify(staff[w].name)+".jpg")
		if err != nil {
			return nil, fmt.Errorf("demo portrait of %s: %w", staff[w].name, err)
		}
		a.Alt, a.Credit = "Portrait of "+staff[w].name+", illustrated", "Illustration: The Harbour Courier"
		if err := st.UpdateAsset(ctx, &a); err != nil {
			return nil, fmt.Errorf("demo portrait of %s: %w", staff[w].name, err)
		}
		out[news.Slugify(staff[w].name)] = a.ID
	}
	return out, nil
}

// demoName returns the picture name in a generated /media/demo/NAME.jpg.
func demoName(src string) string {
	return strings.TrimSuffix(strings.TrimPrefix(src, "/media/demo/"), ".jpg")
}

// usePictures points an article's images at the library's assets, which
// the site serves as <picture>s of their renditions: the lead image, and
// every image in the body. Their words stay the article's.
func usePictures(a *news.Article, pics map[string]news.Asset) {
	if a.LeadImage != nil {
		if p, ok := pics[demoName(a.LeadImage.Src)]; ok {
			a.LeadImage = &news.Image{Asset: p.ID, Width: p.Width, Height: p.Height,
				Alt: a.LeadImage.Alt, Caption: a.LeadImage.Caption, Credit: a.LeadImage.Credit}
		}
	}
	for i := range a.Body {
		b := &a.Body[i]
		if b.Type != blocks.TypeImage {
			continue
		}
		if p, ok := pics[demoName(b.Src)]; ok {
			*b = blocks.AssetImage(p.ID, b.Alt, b.Caption, b.Credit)
		}
	}
}
