package admin_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"masthead/internal/admin"
	"masthead/internal/auth"
	"masthead/internal/news"
	"masthead/internal/store"
)

// BenchmarkArticleList is the server time of the newsroom's article list
// (session check, the query, the page) for each kind of filter, over filled
// sites such as `masthead demo --articles 100000` leaves. MASTHEAD_BENCH_DB
// names one database or several, separated by spaces (an SQLite file, a
// postgres:// DSN); each is migrated first, and gets a bench editor
// account. It reports the median and 95th-percentile time of each filter.
func BenchmarkArticleList(b *testing.B) {
	dsns := strings.Fields(os.Getenv("MASTHEAD_BENCH_DB"))
	if len(dsns) == 0 {
		b.Skip("set MASTHEAD_BENCH_DB to filled sites' databases (see docs/performance.md)")
	}
	for _, dsn := range dsns {
		ctx := context.Background()
		st, err := store.Open(ctx, dsn)
		if err != nil {
			b.Fatal(err)
		}
		if err := st.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
		b.Run(st.Engine(), func(b *testing.B) { benchList(b, st) })
		st.Close()
	}
}

func benchList(b *testing.B, st *store.Store) {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	adm, err := admin.New(admin.Config{BaseURL: "http://news.example"}, st, log)
	if err != nil {
		b.Fatal(err)
	}
	h := adm.Handler()
	u, _, err := st.UserByEmail(ctx, "bench-editor@courier.example")
	if news.ErrorCode(err) == news.ENOTFOUND {
		u = news.User{Email: "bench-editor@courier.example", Name: "Bench editor", Role: news.RoleEditor}
		err = st.CreateUser(ctx, &u, auth.HashPassword(goodPassword))
	}
	if err != nil {
		b.Fatal(err)
	}
	token := auth.NewToken()
	if err := st.CreateSession(ctx, u.ID, auth.TokenHash(token), "bench", time.Hour, false); err != nil {
		b.Fatal(err)
	}
	sections, err := st.Sections(ctx)
	if err != nil || len(sections) == 0 {
		b.Fatalf("the site has no sections (%v)", err)
	}
	authors, err := st.Authors(ctx)
	if err != nil || len(authors) == 0 {
		b.Fatalf("the site has no authors (%v)", err)
	}
	tags, err := st.AllTags(ctx, 100000, 0)
	if err != nil || len(tags) == 0 {
		b.Fatalf("the site has no tags (%v)", err)
	}
	slices.SortFunc(tags, func(x, y store.TagCount) int { return y.Articles - x.Articles })
	first, err := st.ArticleList(ctx, store.ArticleFilter{Limit: 1})
	if err != nil || len(first.Articles) == 0 {
		b.Fatalf("the site has no articles (%v)", err)
	}
	newest := first.Articles[0].UpdatedAt
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	deep := fmt.Sprintf("%d-%d", newest.AddDate(0, -6, 0).Unix(), int64(1)<<62)
	b.Logf("engine %s: newest change %s; tags %q (%d articles) and %q (%d)", st.Engine(), day(newest),
		tags[0].Name, tags[0].Articles, tags[len(tags)-1].Name, tags[len(tags)-1].Articles)
	for _, c := range []struct{ name, query string }{
		{"all", ""},
		{"page-deep", "after=" + deep},
		{"stage-draft", "stage=draft"},
		{"stage-published", "stage=published"},
		{"stage-scheduled", "stage=scheduled"},
		{"stage-pending", "stage=pending"},
		{"section", fmt.Sprint("section=", sections[len(sections)-1].ID)},
		{"author", fmt.Sprint("author=", authors[len(authors)-1].ID)},
		{"tag-common", "tag=" + url.QueryEscape(tags[0].Name)},
		{"tag-rare", "tag=" + url.QueryEscape(tags[len(tags)-1].Name)},
		{"date-range", "from=" + day(newest.AddDate(0, -2, 0)) + "&to=" + day(newest.AddDate(0, -1, 0))},
		{"search-common", "q=council"},
		{"search-rare", "q=marathon"},
		{"search-phrase", "q=" + url.QueryEscape(`"council tax"`)},
		{"search-and-section", fmt.Sprint("q=storm&section=", sections[0].ID)},
		{"everything", fmt.Sprint("q=council&stage=published&section=", sections[0].ID, "&author=", authors[0].ID,
			"&from=", day(newest.AddDate(-1, 0, 0)), "&to=", day(newest))},
	} {
		b.Run(c.name, func(b *testing.B) {
			var lat []time.Duration
			for b.Loop() {
				req := httptest.NewRequest("GET", "/admin/articles?"+c.query, nil)
				req.AddCookie(&http.Cookie{Name: admin.SessionCookie, Value: token})
				w := httptest.NewRecorder()
				start := time.Now()
				h.ServeHTTP(w, req)
				lat = append(lat, time.Since(start))
				if w.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", c.query, w.Code, w.Body.String())
				}
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
}
