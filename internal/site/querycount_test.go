package site_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/site"
	"masthead/internal/store"
)

// articlePageQueries is the most statements an article page may cost the
// database when the page is not cached (the site's chrome, which every page
// shares, is): one, the article with its parts and its related articles
// with their bylines, since on PostgreSQL each statement is a round trip.
// It must not grow with the article's bylines, tags, sources, notes or
// related articles.
const articlePageQueries = 1

// TestArticlePageQueryCount renders article pages with one byline and tag
// and with three bylines, five tags, sources and notes, with three and with
// four related articles, and counts the statements each costs: the same
// small number for all.
func TestArticlePageQueryCount(t *testing.T) {
	dbtest.EachCounted(t, func(t *testing.T, st *store.Store, c *dbtest.Counter) {
		ctx := context.Background()
		clock := dbtest.SetClock(st, t0)
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(st.SetSetting(ctx, "site.name", "The Count Courier"))
		sec := news.Section{Name: "Local", Position: 1}
		must(st.CreateSection(ctx, &sec))
		var staff []news.Author
		for _, name := range []string{"Ana Ortiz", "Ben Adeyemi", "Cara Lund"} {
			au := news.Author{Name: name}
			must(st.CreateAuthor(ctx, &au))
			staff = append(staff, au)
		}
		tags := []news.Tag{{Name: "Harbour"}, {Name: "Ferries"}, {Name: "Council"}, {Name: "Transport"}, {Name: "Budget"}}
		// Two running stories: four articles on the ferries (three related
		// each) and five on the library (four related each); in each, the
		// articles differ in how many bylines, tags, sources and notes they
		// have.
		stories := map[string][]string{
			"ferry": {"Ferry timetable cut as crossings lose money", "Ferry crews strike over timetable cut",
				"Ferry crossings return after strike ends", "Ferry operator blames fuel for timetable"},
			"library": {"Library opening hours cut at Northgate", "Readers protest library hours cut",
				"Library volunteers offer to staff evenings", "Library hours restored after protest", "Library reading room reopens"},
		}
		body := map[string]string{
			"ferry":   "The ferry operator cut the timetable; crossings to the islands lose money, crews say, while the ferry fleet ages and fuel costs rise on every crossing.",
			"library": "The library will close earlier; readers and volunteers want the library reading room open in the evenings, when students use the library most.",
		}
		var pages []string
		for _, topic := range []string{"ferry", "library"} {
			for i, h := range stories[topic] {
				n := 1 + i%3
				a := &news.Article{Headline: h, Standfirst: "About the " + topic + ".", Status: news.Published,
					Section: sec, Authors: staff[:n], Tags: tags[:1+2*(i%3)],
					Body: blocks.Document{blocks.P(blocks.T(body[topic]))}}
				for j := 0; j < i; j++ {
					a.Sources = append(a.Sources, news.Source{Name: fmt.Sprintf("Source %d", j+1)})
					a.Notes = append(a.Notes, news.Note{Kind: news.Update, At: t0.Add(time.Duration(j+1) * time.Minute),
						Text: fmt.Sprintf("Update %d.", j+1)})
				}
				must(st.SaveArticle(ctx, a))
				clock.Advance(time.Hour)
				pages = append(pages, a.URL())
			}
		}
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		s, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: t.TempDir()}, st, log)
		must(err)
		get := func(path string) *httptest.ResponseRecorder {
			w := httptest.NewRecorder()
			s.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
			if w.Code != 200 {
				t.Fatalf("GET %s: %d", path, w.Code)
			}
			return w
		}
		get(pages[0]) // loads the chrome every page shares
		first := -1
		for _, path := range pages {
			c.Reset()
			w := get(path)
			if n := strings.Count(w.Body.String(), `class="teaser-headline"`); n < 3 {
				t.Errorf("%s shows %d related articles, want at least 3", path, n)
			}
			n := c.Count()
			if first < 0 {
				first = n
			}
			if n != first || n > articlePageQueries {
				t.Errorf("GET %s ran %d statements (the first page ran %d; the limit is %d):\n%s",
					path, n, first, articlePageQueries, strings.Join(c.Statements(), "\n--\n"))
			}
		}
		t.Logf("an article page costs %d statements", first)
	})
}

// TestArticlePageQueryCountWithPictures: library pictures cost an article
// page one statement, for the lead picture and every picture in the body
// together.
func TestArticlePageQueryCountWithPictures(t *testing.T) {
	dbtest.EachCounted(t, func(t *testing.T, st *store.Store, c *dbtest.Counter) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		files, err := media.NewDisk(t.TempDir())
		must(err)
		lib := media.New(st, files, media.Options{Widths: []int{320}})
		orig, err := os.ReadFile("../media/testdata/gps.jpg")
		must(err)
		var pics []int64
		for i := range 7 { // the lead, then 1 + 2 + 3 body pictures no page shares
			a, err := lib.Ingest(ctx, bytes.NewReader(orig), fmt.Sprintf("p%d.jpg", i))
			must(err)
			a.Alt = fmt.Sprintf("Picture %d", i)
			must(st.UpdateAsset(ctx, &a))
			pics = append(pics, a.ID)
		}
		_, err = lib.ProcessPending(ctx)
		must(err)
		sec := news.Section{Name: "Local", Position: 1}
		must(st.CreateSection(ctx, &sec))
		au := news.Author{Name: "Ana Ortiz"}
		must(st.CreateAuthor(ctx, &au))
		var pages []string
		next := 1
		for n := range 4 { // 0 to 3 pictures in the body
			a := &news.Article{Headline: fmt.Sprintf("Harbour pictures, part %d", n+1), Status: news.Published,
				Section: sec, Authors: []news.Author{au}, LeadImage: &news.Image{Asset: pics[0]},
				Body: blocks.Document{blocks.P(blocks.T("The harbour in pictures."))}}
			for _, id := range pics[next : next+n] {
				a.Body = append(a.Body, blocks.AssetImage(id, "", "", ""), blocks.P(blocks.T("More of the harbour.")))
			}
			next += n
			must(st.SaveArticle(ctx, a))
			pages = append(pages, a.URL())
		}
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		s, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: t.TempDir()}, st, log)
		must(err)
		get := func(path string) string {
			w := httptest.NewRecorder()
			s.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
			if w.Code != 200 {
				t.Fatalf("GET %s: %d", path, w.Code)
			}
			return w.Body.String()
		}
		// The node remembers the pictures it has read (the lead, after this
		// first page), so each later page reads only its body's pictures,
		// new to it: in one statement however many there are.
		get(pages[0])
		first := -1
		for n, path := range pages[1:] {
			n++
			c.Reset()
			page := get(path)
			if got := strings.Count(page, "<picture>"); got < 1+n {
				t.Errorf("%s shows %d pictures, want at least %d", path, got, 1+n)
			}
			got := c.Count()
			if first < 0 {
				first = got
			}
			if got != first || got > articlePageQueries+1 {
				t.Errorf("GET %s, with %d new pictures in the body, ran %d statements (with one, %d; the limit is %d):\n%s",
					path, n, got, first, articlePageQueries+1, strings.Join(c.Statements(), "\n--\n"))
			}
		}
		c.Reset()
		get(pages[3])
		if again := c.Count(); again >= first {
			t.Errorf("GET %s again ran %d statements; its pictures should be remembered", pages[3], again)
		}
		t.Logf("an article page with new pictures costs %d statements", first)
	})
}
