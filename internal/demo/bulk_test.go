package demo_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/demo"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestLoadBulkIsLoad loads the same paper article by article (Load) and in
// batches (LoadBulk) and finds the same articles, parts and all, under the
// same IDs; LoadBulk then refuses the filled site.
func TestLoadBulkIsLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	now := time.Date(2026, 11, 20, 15, 4, 0, 0, time.UTC)
	const n = 150
	dbtest.Each(t, func(t *testing.T, one *store.Store) {
		ctx := context.Background()
		var other *store.Store
		if one.Engine() == "postgres" {
			other = dbtest.Postgres(t)
		} else {
			other = dbtest.SQLite(t)
		}
		dbtest.SetClock(one, now)
		dbtest.SetClock(other, now)
		if _, err := demo.Load(ctx, one, demo.New(demo.Options{Seed: 5, Now: now, Articles: n}), t.TempDir()); err != nil {
			t.Fatal(err)
		}
		var calls int
		saved, err := demo.LoadBulk(ctx, other, demo.New(demo.Options{Seed: 5, Now: now, Articles: n}), t.TempDir(),
			func(done, total int) {
				calls++
				if total != n || done > n {
					t.Errorf("progress %d/%d", done, total)
				}
			})
		if err != nil || saved != n || calls == 0 {
			t.Fatalf("LoadBulk saved %d articles (%v) with %d progress calls", saved, err, calls)
		}
		for id := int64(1); id <= n; id++ {
			a, err := one.ArticleByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			b, err := other.ArticleByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if ja, jb := canonical(t, a), canonical(t, b); ja != jb {
				t.Fatalf("article %d differs:\nLoad:     %s\nLoadBulk: %s", id, ja, jb)
			}
		}
		for _, q := range []string{"council", "harbour"} {
			ra, err := one.Search(ctx, store.SearchQuery{Text: q})
			if err != nil {
				t.Fatal(err)
			}
			rb, err := other.Search(ctx, store.SearchQuery{Text: q})
			if err != nil {
				t.Fatal(err)
			}
			if ra.Total != rb.Total || ra.Total == 0 {
				t.Errorf("search %q: %d hits after Load, %d after LoadBulk", q, ra.Total, rb.Total)
			}
		}
		// A new article after the bulk import takes the next ID: the given
		// IDs moved PostgreSQL's sequence on.
		fresh, err := other.ArticleByID(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		fresh.ID, fresh.Slug, fresh.Headline = 0, "", "A story written after the import"
		if err := other.SaveArticle(ctx, &fresh); err != nil || fresh.ID != n+1 {
			t.Errorf("a new article after the import: ID %d (%v), want %d", fresh.ID, err, n+1)
		}
		_, err = demo.LoadBulk(ctx, other, demo.New(demo.Options{Seed: 5, Now: now, Articles: n}), t.TempDir(), nil)
		if news.ErrorCode(err) != news.ECONFLICT {
			t.Errorf("LoadBulk on a filled site: %v, want a conflict", err)
		}
	})
}

// canonical is an article as JSON, with nil and empty lists alike and tags
// without their IDs: on PostgreSQL each upsert of a tag that exists uses up a
// number of the sequence, so Load's tags get other numbers.
func canonical(t *testing.T, a news.Article) string {
	t.Helper()
	for i := range a.Tags {
		a.Tags[i].ID = 0
	}
	for _, p := range []any{&a.Tags, &a.Authors, &a.Sources, &a.Notes} {
		switch l := p.(type) {
		case *[]news.Tag:
			if len(*l) == 0 {
				*l = nil
			}
		case *[]news.Author:
			if len(*l) == 0 {
				*l = nil
			}
		case *[]news.Source:
			if len(*l) == 0 {
				*l = nil
			}
		case *[]news.Note:
			if len(*l) == 0 {
				*l = nil
			}
		}
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
