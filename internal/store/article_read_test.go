package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestArticleWithRelated: an article page's one statement gives the article
// with its parts in their order (bylines and sources as written, tags by
// name, notes by time) and the related articles Related gives, best first.
func TestArticleWithRelated(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		cara := news.Author{Name: "Cara Lund"}
		if err := st.CreateAuthor(ctx, &cara); err != nil {
			t.Fatal(err)
		}
		var slugs []string
		for i, h := range []string{"Ferry timetable cut as crossings lose money", "Ferry crews strike over timetable cut",
			"Ferry crossings return after strike ends", "Ferry operator blames fuel for timetable", "Ferry fares rise after timetable cut"} {
			a := article(h, f.world, cara, f.ben, f.ana)
			a.Authors = []news.Author{[]news.Author{cara, f.ben, f.ana}[i%3], []news.Author{cara, f.ben, f.ana}[(i+2)%3]}
			a.Tags = []news.Tag{{Name: "Transport"}, {Name: "Ferries"}, {Name: "Budget"}}
			a.Sources = []news.Source{{Name: "Timetable"}, {Name: "Accounts"}, {Name: "Union"}}
			a.Notes = []news.Note{
				{Kind: news.Update, At: t0.Add(3 * time.Hour), Text: "Third."},
				{Kind: news.Correction, At: t0.Add(time.Hour), Text: "First."},
				{Kind: news.Update, At: t0.Add(2 * time.Hour), Text: "Second."},
			}
			if err := st.SaveArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
			clock.Advance(time.Hour)
			slugs = append(slugs, a.Slug)
		}
		for _, slug := range slugs {
			a, related, err := st.ArticleWithRelated(ctx, slug, 4)
			if err != nil {
				t.Fatal(err)
			}
			alone, err := st.ArticleBySlug(ctx, slug)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(a) != fmt.Sprint(alone) {
				t.Errorf("%s read with its related articles:\n%+v\nread alone:\n%+v", slug, a, alone)
			}
			var tags, sources, notes []string
			for _, tag := range a.Tags {
				tags = append(tags, tag.Name)
			}
			for _, src := range a.Sources {
				sources = append(sources, src.Name)
			}
			for _, n := range a.Notes {
				notes = append(notes, n.Text)
			}
			if want := []string{"Budget", "Ferries", "Transport"}; !slices.Equal(tags, want) {
				t.Errorf("%s: tags %q, want %q", slug, tags, want)
			}
			if want := []string{"Timetable", "Accounts", "Union"}; !slices.Equal(sources, want) {
				t.Errorf("%s: sources %q, want %q", slug, sources, want)
			}
			if want := []string{"First.", "Second.", "Third."}; !slices.Equal(notes, want) {
				t.Errorf("%s: notes %q, want %q", slug, notes, want)
			}
			want, err := st.Related(ctx, a.ID, 4)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) < 3 || fmt.Sprint(related) != fmt.Sprint(want) {
				t.Errorf("%s: related\n%+v\nwant (Related)\n%+v", slug, related, want)
			}
		}
	})
}
