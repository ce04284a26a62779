package demo

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"masthead/internal/news"
	"masthead/internal/store"
)

// imageWidths are the sizes written for each demo picture besides the full
// 1200-pixel one, so pages can offer a phone a small file through srcset.
var imageWidths = []int{480, 800}

// LoadIfEmpty fills a site that has no content with the demo paper, and does
// nothing to a site that has some. Pictures go to dataDir/media/demo.
func LoadIfEmpty(ctx context.Context, st *store.Store, dataDir string, log *slog.Logger) error {
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
	n, err := Load(ctx, st, g, dataDir)
	if err != nil {
		return err
	}
	log.Info("demo content loaded", "articles", n, "duration", time.Since(start).Round(time.Millisecond))
	return nil
}

// Load writes the generator's paper into the store and its pictures into
// dataDir, and returns how many articles it saved.
func Load(ctx context.Context, st *store.Store, g *Generator, dataDir string) (int, error) {
	sections, authors, err := loadFrame(ctx, st, g, dataDir)
	if err != nil {
		return 0, err
	}
	// Oldest first, so article IDs grow with publication time as they would
	// in a real newsroom.
	saved := 0
	for i := g.Count() - 1; i >= 0; i-- {
		a := g.article(i, sections, authors)
		if err := importUnique(ctx, st, &a); err != nil {
			return saved, fmt.Errorf("demo article %d (%s): %w", i, a.Headline, err)
		}
		saved++
	}
	return saved, st.RefreshRelated(ctx)
}

// loadFrame writes everything of the paper but its articles: pictures,
// settings, sections, staff and pages. It returns the stored sections and
// authors by slug.
func loadFrame(ctx context.Context, st *store.Store, g *Generator, dataDir string) (map[string]news.Section, map[string]news.Author, error) {
	if err := writeImages(filepath.Join(dataDir, "media", "demo")); err != nil {
		return nil, nil, err
	}
	for key, value := range map[string]string{
		"site.name":    g.SiteName(),
		"site.tagline": "News from Saltmere and the harbour coast",
	} {
		if err := st.SetSetting(ctx, key, value); err != nil {
			return nil, nil, err
		}
	}
	sections := map[string]news.Section{}
	for _, s := range g.Sections() {
		if err := st.CreateSection(ctx, &s); err != nil {
			return nil, nil, fmt.Errorf("demo section %s: %w", s.Slug, err)
		}
		sections[s.Slug] = s
	}
	authors := map[string]news.Author{}
	for _, a := range g.Authors() {
		if err := st.CreateAuthor(ctx, &a); err != nil {
			return nil, nil, fmt.Errorf("demo author %s: %w", a.Slug, err)
		}
		a.Email = "" // only the store keeps it
		authors[a.Slug] = a
	}
	for _, p := range g.Pages() {
		if err := st.CreatePage(ctx, &p); err != nil {
			return nil, nil, fmt.Errorf("demo page %s: %w", p.Slug, err)
		}
	}
	return sections, authors, nil
}

// article returns article i with its section and authors as stored and the
// smaller copies of its lead picture listed.
func (g *Generator) article(i int, sections map[string]news.Section, authors map[string]news.Author) news.Article {
	a := g.Article(i)
	a.Section = sections[a.Section.Slug]
	for j, au := range a.Authors {
		a.Authors[j] = authors[au.Slug]
	}
	if a.LeadImage != nil {
		a.LeadImage.Sizes = imageSizes(a.LeadImage.Src)
	}
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
	sections, authors, err := loadFrame(ctx, st, g, dataDir)
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
			a := g.article(i, sections, authors)
			base := a.Slug
			for n := 2; taken[a.Slug]; n++ {
				a.Slug = fmt.Sprintf("%s-%d", base, n)
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

// imageSizes lists the smaller copies written for a demo picture.
func imageSizes(src string) []news.ImageSize {
	stem := strings.TrimSuffix(src, ".jpg")
	var out []news.ImageSize
	for _, w := range imageWidths {
		out = append(out, news.ImageSize{Src: fmt.Sprintf("%s-%d.jpg", stem, w), Width: w})
	}
	return out
}

// writeImages draws every demo picture at each size, two at a time.
func writeImages(dir string) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	type job struct {
		name string
		w    int
	}
	jobs := make(chan job)
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			var first error
			for j := range jobs {
				if first != nil {
					continue
				}
				file := j.name + ".jpg"
				if j.w != 1200 {
					file = fmt.Sprintf("%s-%d.jpg", j.name, j.w)
				}
				b, err := ImageJPEG(j.name, j.w, j.w*675/1200)
				if err == nil {
					err = os.WriteFile(filepath.Join(dir, file), b, 0o640)
				}
				first = err
			}
			errs <- first
		}()
	}
	for _, name := range ImageNames() {
		for _, w := range append([]int{1200}, imageWidths...) {
			jobs <- job{name, w}
		}
	}
	close(jobs)
	if err := <-errs; err != nil {
		return fmt.Errorf("demo pictures: %w", err)
	}
	if err := <-errs; err != nil {
		return fmt.Errorf("demo pictures: %w", err)
	}
	return nil
}
