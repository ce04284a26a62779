package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestEveryWritePathStoresTheSameArticle: the single save (SaveArticle),
// the newsroom's save (SaveEdit, which the scheduled jobs use too) and the
// bulk import (ImportArticles, which the WordPress import and the demo
// use) store the same article the same way: it reads back alike, a draft
// is in the newsroom's search, and the same mistakes are refused with the
// same message.
func TestEveryWritePathStoresTheSameArticle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		published := t0.Add(-48 * time.Hour)
		build := func(word string, status news.Status) *news.Article {
			a := article("Harbour dues rise again "+word, f.world, f.ana, f.ben)
			a.Slug = "harbour-dues-" + word
			a.Status = status
			a.Body[0] = article("The pilots object at Porthgwidden "+word, f.world).Body[0]
			a.Tags = []news.Tag{{Name: "Harbour"}, {Name: "Pilots’ union"}}
			a.Sources = []news.Source{{Name: "Council minutes", URL: "https://council.example/minutes"}}
			a.Notes = []news.Note{{Kind: news.Correction, At: t0.Add(-time.Hour), Text: "An earlier version gave the wrong rate."}}
			a.LeadImage = &news.Image{Src: "/media/demo/a.jpg", Width: 1200, Height: 675, Alt: "The harbour office"}
			a.SocialImage = &news.Image{Src: "/media/demo/b.jpg", Width: 1200, Height: 630, Alt: "Pilots on the quay"}
			a.SEOTitle, a.SEODescription = "Harbour dues up 8%", "The council raises harbour dues for the second year."
			if status == news.Published {
				a.PublishedAt, a.UpdatedAt = published, published
			}
			return a
		}
		paths := map[string]func(a *news.Article) error{
			"SaveArticle": func(a *news.Article) error { return st.SaveArticle(ctx, a) },
			"SaveEdit": func(a *news.Article) error {
				_, err := st.SaveEdit(ctx, store.Edit{Article: a})
				return err
			},
			"ImportArticles": func(a *news.Article) error {
				list := []news.Article{*a}
				err := st.ImportArticles(ctx, list)
				*a = list[0]
				return err
			},
		}
		// What a reader and the newsroom see of an article, without what
		// tells one save from another: its number, the word in its slug and
		// headline, and when it was last updated (checked on its own).
		seen := func(id int64, word string) string {
			a, err := st.ArticleByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			a.ID, a.Slug, a.UpdatedAt = 0, strings.TrimSuffix(a.Slug, word), time.Time{}
			a.Headline = strings.TrimSuffix(a.Headline, word)
			a.Body = nil
			b, _ := json.Marshal(a)
			return string(b)
		}
		var want string
		for _, name := range []string{"SaveArticle", "SaveEdit", "ImportArticles"} {
			save := paths[name]
			word := strings.ToLower(name)
			draft := build(word+"draft", news.Draft)
			if err := save(draft); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got, _ := listed(t, st, store.ArticleFilter{Text: "porthgwidden " + word + "draft"})
			if len(got) != 1 {
				t.Errorf("%s: the newsroom's search finds %q for a word of the draft's body, want the draft", name, got)
			}

			pub := build(word, news.Published)
			if err := save(pub); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			res, err := st.Search(ctx, store.SearchQuery{Text: "porthgwidden " + word})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) != 1 {
				t.Errorf("%s: the readers' search finds %d articles for a word of the published one's body, want 1", name, len(res.Hits))
			}
			// A newsroom save is an update now; the others keep the date
			// the article brings.
			updated := published
			if name == "SaveEdit" {
				updated = t0
			}
			if a, _ := st.ArticleByID(ctx, pub.ID); !a.PublishedAt.Equal(published) || !a.UpdatedAt.Equal(updated) {
				t.Errorf("%s: published %v, updated %v; want %v and %v", name, a.PublishedAt, a.UpdatedAt, published, updated)
			}
			s := seen(pub.ID, word)
			if want == "" {
				want = s
			} else if s != want {
				t.Errorf("%s stored the article differently:\n got  %s\n want %s", name, s, want)
			}

			twice := build(word+"twice", news.Draft)
			twice.Authors = []news.Author{f.ana, f.ana}
			if err := save(twice); news.ErrorCode(err) != news.EINVALID || !strings.Contains(news.ErrorMessage(err), "on the byline twice") {
				t.Errorf("%s: a byline naming one person twice: %v, want it refused", name, err)
			}
		}
	})
}
