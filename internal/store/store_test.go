package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

var t0 = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// fixture is a small newsroom: two sections, two authors.
type fixture struct {
	world, business news.Section
	ana, ben        news.Author
}

func newFixture(t testing.TB, st *store.Store) fixture {
	t.Helper()
	ctx := context.Background()
	f := fixture{
		world:    news.Section{Name: "World", Position: 1},
		business: news.Section{Name: "Business", Position: 2},
		ana:      news.Author{Name: "Ana Ortiz", Bio: "Covers the harbour.", Email: "ana@courier.example"},
		ben:      news.Author{Name: "Ben Adeyemi", Email: "ben@courier.example"},
	}
	for _, s := range []*news.Section{&f.world, &f.business} {
		if err := st.CreateSection(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range []*news.Author{&f.ana, &f.ben} {
		if err := st.CreateAuthor(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func article(headline string, sec news.Section, authors ...news.Author) *news.Article {
	return &news.Article{
		Headline: headline, Standfirst: "What happened and why it matters.",
		Body:   blocks.Document{blocks.P(blocks.T("The council met on Tuesday. " + headline))},
		Status: news.Published, Section: sec, Authors: authors,
	}
}

func TestSaveAndLoadArticle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		a := article("Russia’s court rules on “harbour” deal — again…", f.world, f.ben, f.ana)
		a.Tags = []news.Tag{{Name: "Harbour"}, {Name: "Courts"}}
		a.Sources = []news.Source{{Name: "Court ruling", URL: "https://court.example/ruling", Note: "PDF"}}
		a.Notes = []news.Note{{Kind: news.Correction, At: t0.Add(time.Hour), Text: "An earlier version misdated the ruling."}}
		a.LeadImage = &news.Image{Src: "/media/demo/a.jpg", Width: 1200, Height: 675, Alt: "The court", Credit: "Photo: Ana"}
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		if a.Slug != "russias-court-rules-on-harbour-deal-again" {
			t.Errorf("slug = %q", a.Slug)
		}
		got, err := st.ArticleBySlug(ctx, a.Slug)
		if err != nil {
			t.Fatal(err)
		}
		if got.Headline != a.Headline {
			t.Errorf("headline = %q, want typography kept: %q", got.Headline, a.Headline)
		}
		if len(got.Authors) != 2 || got.Authors[0].Name != "Ben Adeyemi" || got.Authors[1].Name != "Ana Ortiz" {
			t.Errorf("bylines out of order: %+v", got.Authors)
		}
		for _, au := range got.Authors {
			if au.Email != "" {
				t.Errorf("an article's byline carries the private e-mail %q", au.Email)
			}
		}
		if len(got.Tags) != 2 || len(got.Sources) != 1 || got.Sources[0].URL != "https://court.example/ruling" {
			t.Errorf("tags %+v sources %+v", got.Tags, got.Sources)
		}
		if len(got.Notes) != 1 || got.Notes[0].Kind != news.Correction || !got.Notes[0].At.Equal(t0.Add(time.Hour)) {
			t.Errorf("notes = %+v", got.Notes)
		}
		if !got.PublishedAt.Equal(t0) || got.LeadImage == nil || got.LeadImage.Alt != "The court" {
			t.Errorf("published %v lead %+v", got.PublishedAt, got.LeadImage)
		}
		if got.URL() != "/world/2026/11/20/russias-court-rules-on-harbour-deal-again" {
			t.Errorf("URL = %s", got.URL())
		}
		if len(got.Body) != 1 || !strings.Contains(got.Body.Text(), "council met") {
			t.Errorf("body = %+v", got.Body)
		}
	})
}

// A save writes its tags and bylines in one statement each: a tag named
// twice (or as another article named it) is still one tag with the name it
// was first given, and a byline naming nobody is refused by field.
func TestSaveTagsNamedTwiceAndUnknownBylines(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newFixture(t, st)
		first := article("Harbour dredging starts", f.world, f.ana)
		first.Tags = []news.Tag{{Name: "Harbour"}}
		if err := st.SaveArticle(ctx, first); err != nil {
			t.Fatal(err)
		}
		a := article("Harbour dredging stops", f.world, f.ana, f.ben)
		a.Tags = []news.Tag{{Name: "harbour"}, {Name: "Courts"}, {Name: "HARBOUR"}}
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		got, err := st.ArticleByID(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]int64{}
		for _, tag := range got.Tags {
			names[tag.Name] = tag.ID
		}
		if len(got.Tags) != 2 || names["Harbour"] != first.Tags[0].ID || names["Courts"] == 0 {
			t.Errorf("tags = %+v, want Harbour (as first named, ID %d) and Courts", got.Tags, first.Tags[0].ID)
		}
		if a.Tags[0].Name != "Harbour" || a.Tags[2].ID != first.Tags[0].ID {
			t.Errorf("the saved article's tags read %+v, want the stored tag's name and ID", a.Tags)
		}
		if len(got.Authors) != 2 || got.Authors[0].ID != f.ana.ID || got.Authors[1].ID != f.ben.ID {
			t.Errorf("bylines = %+v, want Ana then Ben", got.Authors)
		}
		// Saved again with less of everything, it keeps only what it has now.
		a.Sources = []news.Source{{Name: "Port authority", URL: "https://port.example/"}}
		a.Notes = []news.Note{{Kind: news.Correction, At: t0, Text: "An earlier version misnamed the dredger."}}
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		a.Tags, a.Authors, a.Sources, a.Notes = []news.Tag{{Name: "Courts"}}, []news.Author{f.ben}, nil, nil
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		if got, err = st.ArticleByID(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if len(got.Tags) != 1 || got.Tags[0].Name != "Courts" || len(got.Authors) != 1 || got.Authors[0].ID != f.ben.ID ||
			len(got.Sources) != 0 || len(got.Notes) != 0 {
			t.Errorf("after a save with one tag, one byline and no sources or notes: tags %+v bylines %+v sources %+v notes %+v",
				got.Tags, got.Authors, got.Sources, got.Notes)
		}
		ghost := article("Nobody wrote this", f.world, f.ana, news.Author{ID: 99999, Name: "Ghost"})
		err = st.SaveArticle(ctx, ghost)
		if news.ErrorCode(err) != news.EINVALID || !strings.Contains(news.ErrorMessage(err), "Byline 2 names author 99999") {
			t.Errorf("a byline naming nobody: %v, want it refused", err)
		}
	})
}

func TestSlugRulesAndOldSlugs(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newFixture(t, st)
		a := article("Tram line opens", f.world, f.ana)
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		dup := article("Tram line opens", f.business, f.ben)
		err := st.SaveArticle(ctx, dup)
		if news.ErrorCode(err) != news.ECONFLICT {
			t.Fatalf("second article with the same slug: err = %v, want a conflict", err)
		}
		a.Slug = "tram-line-opens-late"
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		current, err := st.ArticleSlugFor(ctx, "tram-line-opens")
		if err != nil || current != "tram-line-opens-late" {
			t.Errorf("old slug leads to %q, %v", current, err)
		}
		// The old slug is free again for a new article, which then owns it.
		dup.Slug = "tram-line-opens"
		if err := st.SaveArticle(ctx, dup); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ArticleSlugFor(ctx, "tram-line-opens"); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("a slug in use still redirects: %v", err)
		}
		if err := st.CreatePage(ctx, &news.Page{Title: "World"}); news.ErrorCode(err) != news.ECONFLICT {
			t.Errorf("page at a section's path: err = %v, want conflict", err)
		}
		if err := st.CreateSection(ctx, &news.Section{Name: "Author"}); news.ErrorCode(err) != news.EINVALID {
			t.Errorf("section at a reserved path: err = %v, want invalid", err)
		}
	})
}

func TestTeasersFilterAndOrder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		var ids []int64
		for i := 0; i < 5; i++ {
			sec, au := f.world, f.ana
			if i%2 == 1 {
				sec, au = f.business, f.ben
			}
			a := article(fmt.Sprintf("Story number %d", i), sec, au)
			a.Tags = []news.Tag{{Name: "Harbour"}}
			if i == 4 {
				a.Status = news.Draft
			}
			if err := st.SaveArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
			clock.Advance(24 * time.Hour)
		}
		all, err := st.Teasers(ctx, store.TeaserQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if got := headlines(all); got != "Story number 3|Story number 2|Story number 1|Story number 0" {
			t.Errorf("published, newest first: %s", got)
		}
		world, _ := st.Teasers(ctx, store.TeaserQuery{SectionID: f.world.ID})
		if got := headlines(world); got != "Story number 2|Story number 0" {
			t.Errorf("world section: %s", got)
		}
		byBen, _ := st.Teasers(ctx, store.TeaserQuery{AuthorID: f.ben.ID})
		if got := headlines(byBen); got != "Story number 3|Story number 1" {
			t.Errorf("by Ben: %s", got)
		}
		tag, err := st.TagBySlug(ctx, "harbour")
		if err != nil {
			t.Fatal(err)
		}
		tagged, _ := st.Teasers(ctx, store.TeaserQuery{TagID: tag.ID, Limit: 2, Offset: 1})
		if got := headlines(tagged); got != "Story number 2|Story number 1" {
			t.Errorf("tag page 2 of size 2 from offset 1: %s", got)
		}
		day, _ := st.Teasers(ctx, store.TeaserQuery{From: t0.Add(24 * time.Hour), To: t0.Add(48 * time.Hour)})
		if got := headlines(day); got != "Story number 1" {
			t.Errorf("one day: %s", got)
		}
		if len(all[0].Authors) != 1 || all[0].Authors[0].Name != "Ben Adeyemi" {
			t.Errorf("teaser bylines: %+v", all[0].Authors)
		}
		fronts, err := st.SectionFronts(ctx, []int64{f.world.ID, f.business.ID}, 1)
		if err != nil {
			t.Fatal(err)
		}
		if headlines(fronts[f.world.ID]) != "Story number 2" || headlines(fronts[f.business.ID]) != "Story number 3" {
			t.Errorf("fronts: %+v", fronts)
		}
		months, err := st.ArchiveMonths(ctx, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if len(months) != 1 || months[0].Month != time.November || months[0].Count != 4 {
			t.Errorf("archive months: %+v", months)
		}
	})
}

func headlines(list []news.Teaser) string {
	var out []string
	for _, t := range list {
		out = append(out, t.Headline)
	}
	return strings.Join(out, "|")
}

func TestAuthorProfileIsPublicOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newFixture(t, st)
		a, err := st.AuthorBySlug(ctx, f.ana.Slug)
		if err != nil {
			t.Fatal(err)
		}
		if a.Email != "" || a.Bio != "Covers the harbour." {
			t.Errorf("public profile = %+v", a)
		}
		if _, err := st.AuthorBySlug(ctx, "nobody"); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("missing author: %v", err)
		}
	})
}
