package demo

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/news"
)

var testNow = time.Date(2026, 11, 20, 15, 4, 0, 0, time.UTC)

func newTest() *Generator { return New(Options{Seed: 42, Now: testNow}) }

func TestArticlesAreValid(t *testing.T) {
	g := newTest()
	if g.Count() != 320 {
		t.Fatalf("Count() = %d, want the default 320", g.Count())
	}
	for i := 0; i < g.Count(); i++ {
		checkArticle(t, g, i)
	}
}

// TestManyArticles looks for rare template slips (an unfilled slot, a body too
// short or too long) over more articles and seeds than the default paper.
func TestManyArticles(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for seed := int64(1); seed <= 3; seed++ {
		g := New(Options{Seed: seed, Now: testNow, Articles: 4000})
		for i := 0; i < g.Count(); i++ {
			checkArticle(t, g, i)
		}
	}
}

func checkArticle(t *testing.T, g *Generator, i int) {
	t.Helper()
	a := g.Article(i)
	a.Section.ID = 1 // the loader maps slugs to IDs; Validate needs one
	if err := a.Validate(); err != nil {
		t.Fatalf("article %d %q: %v", i, a.Headline, err)
	}
	if n := a.Body.WordCount(); n < 400 || n > 1200 {
		t.Errorf("article %d %q: %d words, want 400 to 1200", i, a.Headline, n)
	}
	if a.Slug != news.Slugify(a.Headline) {
		t.Errorf("article %d: slug %q is not the headline's", i, a.Slug)
	}
	for _, s := range texts(a) {
		if strings.ContainsAny(s, `{}'"*`) || strings.Contains(s, "_") || strings.Contains(s, "  ") {
			t.Errorf("article %d: text has a stray slot, markup or ASCII quote: %q", i, s)
		}
	}
	if len(a.Tags) < 2 || len(a.Tags) > 5 || len(a.Authors) < 1 || len(a.Authors) > 3 {
		t.Errorf("article %d: %d tags and %d authors", i, len(a.Tags), len(a.Authors))
	}
	if a.Status == news.Draft {
		if !a.PublishedAt.IsZero() {
			t.Errorf("draft %d has a publication time", i)
		}
		return
	}
	if a.PublishedAt.After(testNow) || a.UpdatedAt.Before(a.PublishedAt) || a.UpdatedAt.After(testNow) {
		t.Errorf("article %d: published %v, updated %v, now %v", i, a.PublishedAt, a.UpdatedAt, testNow)
	}
	if h := a.PublishedAt.Hour(); h < 6 || h > 22 {
		t.Errorf("article %d published at %v, outside the newsroom's day", i, a.PublishedAt)
	}
	for _, n := range a.Notes {
		if n.At.Before(a.PublishedAt) || n.At.After(a.UpdatedAt) {
			t.Errorf("article %d: note at %v outside %v to %v", i, n.At, a.PublishedAt, a.UpdatedAt)
		}
	}
}

// texts returns every piece of prose in an article, leaving out URLs.
func texts(a news.Article) []string {
	out := []string{a.Headline, a.Standfirst}
	if a.LeadImage != nil {
		out = append(out, a.LeadImage.Alt, a.LeadImage.Caption, a.LeadImage.Credit)
	}
	for _, s := range a.Sources {
		out = append(out, s.Name, s.Note)
	}
	for _, n := range a.Notes {
		out = append(out, n.Text)
	}
	var walk func(bs []blocks.Block)
	walk = func(bs []blocks.Block) {
		for _, b := range bs {
			out = append(out, b.Attribution, b.Alt, b.Caption, b.Credit, b.Title)
			for _, r := range b.Content {
				out = append(out, r.Text)
			}
			for _, item := range b.Items {
				for _, r := range item {
					out = append(out, r.Text)
				}
			}
			walk(b.Body)
		}
	}
	walk(a.Body)
	return out
}

func TestDeterministic(t *testing.T) {
	a, b := newTest(), newTest()
	for _, i := range []int{0, 1, 7, 59, 200, 319} {
		if x, y := a.Article(i), b.Article(i); !reflect.DeepEqual(x, y) {
			t.Errorf("article %d differs between two generators with the same seed", i)
		}
	}
	other := New(Options{Seed: 43, Now: testNow})
	if a.Article(5).Headline == other.Article(5).Headline {
		t.Error("a different seed gave the same headline")
	}
}

func TestPaperAsAWhole(t *testing.T) {
	g := newTest()
	slugs := map[string]int{}
	used := map[string]bool{}
	published, drafts, unpublished := 0, 0, 0
	var last time.Time
	for i := 0; i < g.Count(); i++ {
		a := g.Article(i)
		if j, ok := slugs[a.Slug]; ok {
			t.Errorf("articles %d and %d share the slug %q", j, i, a.Slug)
		}
		slugs[a.Slug] = i
		switch a.Status {
		case news.Published:
			published++
		case news.Draft:
			drafts++
		case news.Unpublished:
			unpublished++
		}
		if !a.PublishedAt.IsZero() {
			if !last.IsZero() && a.PublishedAt.After(last) {
				t.Errorf("article %d is newer than an article before it", i)
			}
			last = a.PublishedAt
		}
		used["section:"+a.Section.Slug] = true
		for _, x := range a.Authors {
			used["author:"+x.Slug] = true
		}
		for _, x := range a.Tags {
			used["tag:"+x.Slug] = true
		}
		raw, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range g.Authors() {
			if strings.Contains(string(raw), w.Email) {
				t.Errorf("article %d contains the private address %s", i, w.Email)
			}
		}
	}
	if published < 300 || drafts == 0 || unpublished == 0 {
		t.Errorf("%d published, %d drafts, %d unpublished", published, drafts, unpublished)
	}
	if span := testNow.Sub(last); span < 35*24*time.Hour || span > 43*24*time.Hour {
		t.Errorf("the oldest article is %v old, want about six weeks", span)
	}
	for _, s := range g.Sections() {
		if !used["section:"+s.Slug] {
			t.Errorf("no article in section %s", s.Slug)
		}
	}
	for _, a := range g.Authors() {
		if !used["author:"+a.Slug] {
			t.Errorf("no article by %s", a.Name)
		}
	}
	for _, tag := range g.Tags() {
		if !used["tag:"+tag.Slug] {
			t.Errorf("no article tagged %s", tag.Slug)
		}
	}
}

// TestConcurrent runs generators side by side, as the loader may; run it
// with -race.
func TestConcurrent(t *testing.T) {
	g := newTest()
	want := g.Article(3).Headline
	done := make(chan string)
	for w := 0; w < 4; w++ {
		go func() {
			for i := 0; i < 40; i++ {
				g.Article(i)
			}
			if _, err := ImageJPEG("demo-02", 160, 90); err != nil {
				t.Error(err)
			}
			done <- g.Article(3).Headline
		}()
	}
	for w := 0; w < 4; w++ {
		if got := <-done; got != want {
			t.Errorf("article 3 is %q in one goroutine and %q in another", got, want)
		}
	}
}
