package demo

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
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
	if err := writeImages(filepath.Join(dataDir, "media", "demo")); err != nil {
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
		if a.LeadImage != nil {
			a.LeadImage.Sizes = imageSizes(a.LeadImage.Src)
		}
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
