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
	f, err := loadFrame(ctx, st, g, lib)
	if err != nil {
		return 0, err
	}
	// Oldest first, so article IDs grow with publication time as they would
	// in a real newsroom.
	saved := 0
	var recent []news.Article
	for i := g.Count() - 1; i >= 0; i-- {
		a := f.article(g, i)
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

// frame is everything of the paper but its articles, as stored: pictures,
// sections and staff by slug.
type frame struct {
	pics     map[string]news.Asset
	sections map[string]news.Section
	authors  map[string]news.Author
}

// loadFrame writes everything of the paper but its articles: pictures,
// settings, sections, staff and pages.
func loadFrame(ctx context.Context, st *store.Store, g *Generator, lib *media.Library) (frame, error) {
	f := frame{sections: map[string]news.Section{}, authors: map[string]news.Author{}}
	// The portraits go in first, so that loadPictures makes their
	// renditions with the rest.
	portraits, err := loadPortraits(ctx, st, lib)
	if err != nil {
		return f, err
	}
	if f.pics, err = loadPictures(ctx, st, lib); err != nil {
		return f, err
	}
	for key, value := range map[string]string{
		"site.name":    g.SiteName(),
		"site.tagline": "News from Saltmere and the harbour coast",
		// The paper is British: its pages show times as its readers keep them.
		"site.timezone": "Europe/London",
	} {
		if err := st.SetSetting(ctx, key, value); err != nil {
			return f, err
		}
	}
	for _, s := range g.Sections() {
		if err := st.CreateSection(ctx, &s); err != nil {
			return f, fmt.Errorf("demo section %s: %w", s.Slug, err)
		}
		f.sections[s.Slug] = s
	}
	for _, a := range g.Authors() {
		if id, ok := portraits[a.Slug]; ok {
			a.Photo = &news.Image{Asset: id}
		}
		if err := st.CreateAuthor(ctx, &a); err != nil {
			return f, fmt.Errorf("demo author %s: %w", a.Slug, err)
		}
		a.Email = "" // only the store keeps it
		f.authors[a.Slug] = a
	}
	for _, p := range g.Pages() {
		p.Published, p.InFooter = true, true // the newsroom edits and places them in /admin/pages
		if err := st.CreatePage(ctx, &p); err != nil {
			return f, fmt.Errorf("demo page %s: %w", p.Slug, err)
		}
	}
	return f, nil
}

// article returns article i with its section, authors and pictures as
// stored.
func (f frame) article(g *Generator, i int) news.Article {
	a := g.Article(i)
	a.Section = f.sections[a.Section.Slug]
	for j, au := range a.Authors {
		a.Authors[j] = f.authors[au.Slug]
	}
	usePictures(&a, f.pics)
	return a
}

// bulkBatch is how many articles LoadBulk saves per transaction: big enough
// to spread each statement over many rows, small enough that a batch holds
// the SQLite write lock for well under a second.
const bulkBatch = 500

// LoadBulk is Load for a big archive: the same paper, written in batches of
// multi-row inserts (store.ImportArticles) while the next batch is being
// generated. Slugs two articles share get -2, -3 … as with Load. The site
// must be empty. progress, if not nil, is told after each batch how many
// articles are saved. Related articles are left to be worked out when an
// article is first read: with 100,000 articles, working out even the newest
// 2,000 at once would take minutes.
func LoadBulk(ctx context.Context, st *store.Store, g *Generator, dataDir string, progress func(done, total int)) (int, error) {
	has, err := st.HasContent(ctx)
	if err != nil {
		return 0, err
	}
	if has {
		return 0, news.Errorf(news.ECONFLICT, "The site already has content; the demo fills only an empty site.")
	}
	lib, err := DiskLibrary(st, dataDir)
	if err != nil {
		return 0, err
	}
	f, err := loadFrame(ctx, st, g, lib)
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []news.Article, 2)
	go func() {
		defer close(batches)
		taken := map[string]bool{}
		var batch []news.Article
		// Oldest first, as in Load.
		for i := g.Count() - 1; i >= 0; i-- {
			a := f.article(g, i)
			base := a.Slug
			for n := 2; taken[a.Slug]; n++ {
				a.Slug = news.NumberedSlug(base, n)
			}
			taken[a.Slug] = true
			batch = append(batch, a)
			if len(batch) == bulkBatch || i == 0 {
				select {
				case batches <- batch:
				case <-ctx.Done():
					return
				}
				batch = nil
			}
		}
	}()
	saved := 0
	for batch := range batches {
		if err := st.ImportArticles(ctx, batch); err != nil {
			return saved, fmt.Errorf("demo articles %d to %d: %w", saved+1, saved+len(batch), err)
		}
		saved += len(batch)
		if progress != nil {
			progress(saved, g.Count())
		}
	}
	if err := ctx.Err(); err != nil {
		return saved, err
	}
	return saved, st.Analyze(ctx)
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
		a.Slug = news.NumberedSlug(base, n)
	}
}
