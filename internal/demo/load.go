package demo

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/store"
)

// LoadIfEmpty fills a site that has no content with the demo paper, and does
// nothing to a site that has some. Pictures go through a media library over
// files, with the demo's sizes (MediaOptions).
func LoadIfEmpty(ctx context.Context, st *store.Store, files media.Storage, log *slog.Logger) error {
	has, err := st.HasContent(ctx)
	if err != nil {
		return err
	}
	if has {
		log.Info("demo content skipped: the site already has content")
		return nil
	}
	start := time.Now()
	g := New(Options{Seed: 1, Now: st.Now()})
	// The memo keeps a few megabytes of demo renditions for the life of
	// the process; it makes every later load in it (tests start the
	// demo site many times) skip the resizing.
	opts := MediaOptions()
	opts.Log = log
	n, err := LoadInto(ctx, st, g, media.New(st, files, opts))
	if err != nil {
		return err
	}
	log.Info("demo content loaded", "articles", n, "duration", time.Since(start).Round(time.Millisecond))
	return nil
}

// Load writes the generator's paper into the store and its pictures into the
// media folder of dataDir, and returns how many articles it saved.
func Load(ctx context.Context, st *store.Store, g *Generator, dataDir string) (int, error) {
	lib, err := DiskLibrary(st, dataDir)
	if err != nil {
		return 0, err
	}
	return LoadInto(ctx, st, g, lib)
}

// LoadInto writes the generator's paper into the store, its pictures through
// the media library lib (checked, stored and resized as an upload is), and
// returns how many articles it saved.
func LoadInto(ctx context.Context, st *store.Store, g *Generator, lib *media.Library) (int, error) {
	pics, err := loadPictures(ctx, st, lib)
	if err != nil {
		return 0, err
	}
	for key, value := range map[string]string{
		"site.name":    g.SiteName(),
		"site.tagline": "News from Saltmere and the harbour coast",
	} {
		if err := st.SetSetting(ctx, key, value); err != nil {
			return 0, err
		}
	}
	sections := map[string]news.Section{}
	for _, s := range g.Sections() {
		if err := st.CreateSection(ctx, &s); err != nil {
			return 0, fmt.Errorf("demo section %s: %w", s.Slug, err)
		}
		sections[s.Slug] = s
	}
	authors := map[string]news.Author{}
	for _, a := range g.Authors() {
		if err := st.CreateAuthor(ctx, &a); err != nil {
			return 0, fmt.Errorf("demo author %s: %w", a.Slug, err)
		}
		a.Email = "" // only the store keeps it
		authors[a.Slug] = a
	}
	for _, p := range g.Pages() {
		if err := st.CreatePage(ctx, &p); err != nil {
			return 0, fmt.Errorf("demo page %s: %w", p.Slug, err)
		}
	}
	// Oldest first, so article IDs grow with publication time as they would
	// in a real newsroom.
	saved := 0
	var recent []news.Article
	for i := g.Count() - 1; i >= 0; i-- {
		a := g.Article(i)
		a.Section = sections[a.Section.Slug]
		for j, au := range a.Authors {
			a.Authors[j] = authors[au.Slug]
		}
		usePictures(&a, pics)
		if err := importUnique(ctx, st, &a); err != nil {
			return saved, fmt.Errorf("demo article %d (%s): %w", i, a.Headline, err)
		}
		saved++
		if i < 40 {
			recent = append(recent, a)
		}
	}
	if err := addReadership(ctx, st, g.now, recent); err != nil {
		return saved, err
	}
	return saved, st.RefreshRelated(ctx)
}

// addReadership gives the newest articles made-up page views, a few hundred
// an hour at most and tailing off with age, so that a new site's "most
// read" lists show what they look like. The same seed gives the same counts.
func addReadership(ctx context.Context, st *store.Store, now time.Time, articles []news.Article) error {
	r := rand.New(rand.NewPCG(1, 6))
	for _, a := range articles {
		if a.Status != news.Published || a.PublishedAt.After(now) {
			continue
		}
		appeal := 20 + r.IntN(300)
		for h := a.PublishedAt.Truncate(time.Hour); !h.After(now) && now.Sub(h) < 8*24*time.Hour; h = h.Add(3 * time.Hour) {
			age := int(h.Sub(a.PublishedAt).Hours()) / 12
			if n := appeal/(1+age) + r.IntN(5); n > 0 {
				if err := st.AddViews(ctx, a.ID, h, int64(n)); err != nil {
					return fmt.Errorf("demo readership: %w", err)
				}
			}
		}
	}
	return nil
}

// importUnique saves an article, adding -2, -3 … to a slug another took.
func importUnique(ctx context.Context, st *store.Store, a *news.Article) error {
	base := a.Slug
	for n := 2; ; n++ {
		err := st.ImportArticle(ctx, a)
		if news.ErrorCode(err) != news.ECONFLICT || n > 50 {
			return err
		}
		a.Slug = fmt.Sprintf("%s-%d", base, n)
	}
}
