package store_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// languageFixture saves published stories in English and in French.
func languageFixture(t *testing.T, st *store.Store) fixture {
	t.Helper()
	ctx := context.Background()
	clock := dbtest.SetClock(st, t0)
	f := newFixture(t, st)
	for _, s := range []struct{ headline, body string }{
		{"The council meets on Monday", "Members of the council debate the budget."},
		{"Les élections municipales approchent", "Les électeurs choisissent leurs maires en mars."},
		{"Les généraux parlent", "Un discours attendu."},
		{"Une génération de maires", "Ils ont grandi ici."},
	} {
		a := article(s.headline, f.world, f.ana)
		a.Body = blocks.Document{blocks.P(blocks.T(s.body))}
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Hour)
	}
	return f
}

// setLanguage saves the site's settings with lang, as the settings screen does.
func setLanguage(t *testing.T, st *store.Store, lang string) {
	t.Helper()
	s := news.Settings{Name: "The Courier", Language: lang, TimeZone: "UTC"}
	if _, err := st.SaveSiteSettings(context.Background(), &s, news.AuditEntry{Action: "settings.save", Subject: "settings"}); err != nil {
		t.Fatal(err)
	}
}

func rebuildStatus(t *testing.T, st *store.Store) store.SearchRebuild {
	t.Helper()
	r, err := st.SearchRebuildStatus(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestSearchLanguageChoosesStemmer: an English site stems English words;
// changing the site's language to French starts a rebuild, search keeps
// answering meanwhile, and once it has run the index reads French words as
// the engine can: PostgreSQL's french configuration stems them ("élection"
// finds "élections", "général" finds "généraux"); SQLite's FTS5, with no
// French stemmer, folds accents ("elections" finds "élections") and no
// longer joins French words by English rules (porter made "général" find
// "génération").
func TestSearchLanguageChoosesStemmer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := languageFixture(t, st)
		has := func(q, headline string) bool {
			return slices.Contains(found(t, st, store.SearchQuery{Text: q}), headline)
		}
		if !has("councils", "The council meets on Monday") {
			t.Error(`an English site: "councils" does not find "council"`)
		}
		setLanguage(t, st, "en-GB")
		if r := rebuildStatus(t, st); r.Running {
			t.Errorf("en to en-GB started a rebuild (%+v): both index alike", r)
		}

		setLanguage(t, st, "fr")
		if r := rebuildStatus(t, st); !r.Running || r.Language != "fr" || r.Total != 4 {
			t.Fatalf("after changing to French the status is %+v, want a rebuild of 4 articles in fr running", r)
		}
		// Search answers with the old stemming until the rebuild is done.
		if !has("councils", "The council meets on Monday") || !has("élections", "Les élections municipales approchent") {
			t.Error("search stopped answering while the rebuild waits")
		}
		if ran, err := st.RunSearchRebuild(ctx, nil); err != nil || !ran {
			t.Fatalf("RunSearchRebuild = %v, %v; want it to run", ran, err)
		}
		if r := rebuildStatus(t, st); r.Running || r.Language != "fr" || r.At.IsZero() {
			t.Errorf("after the rebuild the status is %+v, want done in fr", r)
		}
		if ran, _ := st.RunSearchRebuild(ctx, nil); ran {
			t.Error("a second RunSearchRebuild ran again")
		}
		// An article saved now is indexed in French too.
		a := article("Nouvelles élections en vue", f.world, f.ana)
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		if st.Engine() == "postgres" {
			for q, want := range map[string]string{
				"élection": "Les élections municipales approchent",
				"général":  "Les généraux parlent",
			} {
				if !has(q, want) {
					t.Errorf("a French site on PostgreSQL: %q does not find %q", q, want)
				}
			}
			if !has("élection", "Nouvelles élections en vue") {
				t.Error("an article saved after the rebuild is not indexed in French")
			}
		} else {
			if !has("elections", "Les élections municipales approchent") || !has("elections", "Nouvelles élections en vue") {
				t.Error(`a French site on SQLite: "elections" does not find "élections"`)
			}
			if has("général", "Une génération de maires") {
				t.Error(`a French site on SQLite: "général" finds "génération", stemmed by English rules`)
			}
		}
		// The newsroom's search, over drafts, follows the same language.
		d := article("Brouillon sur les élections", f.world, f.ana)
		d.Status = news.Draft
		if err := st.SaveArticle(ctx, d); err != nil {
			t.Fatal(err)
		}
		q := "elections"
		if st.Engine() == "postgres" {
			q = "élection"
		}
		list, err := st.ArticleList(ctx, store.ArticleFilter{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(list.Articles, func(x store.ListedArticle) bool { return x.ID == d.ID }) {
			t.Errorf("the newsroom's search for %q does not find the French draft", q)
		}

		// Back to English: stemmed again once rebuilt.
		setLanguage(t, st, "en")
		if ran, err := st.RunSearchRebuild(ctx, nil); err != nil || !ran {
			t.Fatalf("RunSearchRebuild = %v, %v; want it to run", ran, err)
		}
		if !has("councils", "The council meets on Monday") {
			t.Error(`back in English: "councils" does not find "council"`)
		}
	})
}

// TestSearchRebuildSurvivesRestart: a rebuild stopped half-way (its node
// gone) is carried on from where it stopped by another node once the
// claim runs out, and search answers throughout.
func TestSearchRebuildSurvivesRestart(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		defer store.SetReindexBatch(1)()
		ctx := context.Background()
		languageFixture(t, st)
		setLanguage(t, st, "fr")
		stopped, stop := context.WithCancel(ctx)
		_, err := st.RunSearchRebuild(stopped, func(done, total int) {
			if done == 2 {
				stop()
			}
		})
		if err == nil {
			t.Fatal("the stopped rebuild ran to the end")
		}
		if r := rebuildStatus(t, st); !r.Running || r.Done != 2 || r.Total != 4 {
			t.Fatalf("half-way the status is %+v, want 2 of 4 done", r)
		}
		if got := found(t, st, store.SearchQuery{Text: "council"}); len(got) != 1 {
			t.Errorf("half-way, council finds %q", got)
		}

		other, err := store.Open(ctx, st.DSN())
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		clock := dbtest.SetClock(other, st.Now())
		if ran, err := other.RunSearchRebuild(ctx, nil); err != nil || ran {
			t.Fatalf("another node ran the rebuild while the first one's claim held (%v, %v)", ran, err)
		}
		clock.Advance(2 * time.Minute)
		var dones []int
		if ran, err := other.RunSearchRebuild(ctx, func(done, _ int) { dones = append(dones, done) }); err != nil || !ran {
			t.Fatalf("RunSearchRebuild on another node = %v, %v", ran, err)
		}
		if len(dones) != 2 {
			t.Errorf("the other node wrote %d batches, want the 2 left", len(dones))
		}
		if r := rebuildStatus(t, other); r.Running || r.Language != "fr" {
			t.Errorf("after the other node's run the status is %+v", r)
		}
		q, want := "elections", "Les élections municipales approchent"
		if st.Engine() == "postgres" {
			q = "élection"
		}
		if got := found(t, other, store.SearchQuery{Text: q}); !slices.Contains(got, want) {
			t.Errorf("after the rebuild %q finds %q, want %q", q, got, want)
		}
	})
}

// TestMigrationQueuesRebuildForOtherLanguages: a site whose language was set
// to another than English before the language chose the stemmer gets its
// index rebuilt in its language after the upgrade.
func TestMigrationQueuesRebuildForOtherLanguages(t *testing.T) {
	for _, dsn := range []string{filepath.Join(t.TempDir(), "old.db"), dbtest.PostgresDSN(t)} {
		ctx := context.Background()
		st, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		t.Run(st.Engine(), func(t *testing.T) {
			if err := st.MigrateOnly(ctx, func(name string) bool { return name < "2026-12-06-50" }); err != nil {
				t.Fatal(err)
			}
			if err := st.SetSetting(ctx, "site.language", "de"); err != nil {
				t.Fatal(err)
			}
			if err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if r := rebuildStatus(t, st); !r.Running || r.Language != "de" {
				t.Fatalf("after the upgrade the status is %+v, want a rebuild in de", r)
			}
			if ran, err := st.RunSearchRebuild(ctx, nil); err != nil || !ran {
				t.Fatalf("RunSearchRebuild = %v, %v", ran, err)
			}
			if r := rebuildStatus(t, st); r.Running || r.Language != "de" {
				t.Errorf("after the rebuild the status is %+v", r)
			}
		})
	}
}
