package site_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

func TestSearchPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		ctx := context.Background()
		world, err := st.SectionBySlug(ctx, "world")
		if err != nil {
			t.Fatal(err)
		}
		ben, err := st.AuthorBySlug(ctx, "ben-adeyemi")
		if err != nil {
			t.Fatal(err)
		}
		hostile := &news.Article{Headline: "Gantry safety review", Standfirst: "A review.", Status: news.Published,
			Section: world, Authors: []news.Author{ben},
			Body: blocks.Document{blocks.P(blocks.T("The gantry report quoted <script>alert(1)</script> verbatim."))}}
		if err := st.SaveArticle(ctx, hostile); err != nil {
			t.Fatal(err)
		}
		dbtest.SetClock(st, t0.Add(72*time.Hour))
		cases := []struct {
			query   string
			status  int
			want    []string
			wantNot []string
		}{
			{query: "", status: 200, want: []string{"<h1>Search</h1>", `<label for="search-q">`, `<meta name="robots" content="noindex">`,
				`<option value="world">World</option>`, `<option value="ana-ortiz">Ana Ortiz</option>`, `type="date"`},
				wantNot: []string{"No results", "search-results"}},
			{query: "q=cranes+case", status: 200, want: []string{`href="/world/2026/11/20/harbour-cranes-case-opens"`,
				"Cranes case: day two", "results for “cranes case”", "<mark>", `content="noindex"`},
				wantNot: []string{"A draft nobody may see", "Withdrawn story"}},
			{query: "q=cranes&section=local", status: 200, want: []string{"Local cranes fans rally", "2 results for",
				`<option value="local" selected>`}, wantNot: []string{"Harbour cranes case opens"}},
			{query: "q=cranes&author=ben-adeyemi&from=2026-11-20&to=2026-11-20", status: 200,
				want: []string{"Cranes case: day two", `<span class="by">Ben Adeyemi</span>`}, wantNot: []string{"Harbour cranes case opens"}},
			// Three days after the stories: none in the last day, all in the last week.
			{query: "q=cranes&when=day", status: 200, want: []string{"No results for “cranes” with these filters.",
				`href="/search?q=cranes">Search for “cranes” in every section, at any time</a>`, `<option value="day" selected>`}},
			{query: "q=cranes&when=week&section=world", status: 200, want: []string{"Cranes case: day two", `<option value="week" selected>`},
				wantNot: []string{"Local cranes fans rally"}},
			{query: "q=cranes&when=decade", status: 400, want: []string{"not one of day, week, month or year"}},
			{query: "q=gantry", status: 200, want: []string{"<mark>gantry</mark>", "alert(1)"},
				wantNot: []string{"<script>alert"}}, // SQLite escapes the tag; ts_headline drops it
			{query: "q=" + url.QueryEscape(`"unterminated <b>AND</b> NEAR(*`), status: 200,
				want: []string{"No results for “&#34;unterminated &lt;b&gt;AND&lt;/b&gt; NEAR(*”"}},
			{query: "q=zeppelin", status: 200, want: []string{"No results for “zeppelin”.", "Check the spelling", `href="/archive/2026"`},
				wantNot: []string{"with these filters", "in every section, at any time"}},
			{query: "q=cranes&section=nowhere", status: 422, want: []string{"There is no section"}},
			{query: "q=cranes&author=nobody", status: 422, want: []string{"There is no author"}},
			{query: "q=cranes&from=yesterday", status: 400, want: []string{"YYYY-MM-DD"}},
			{query: "q=cranes&to=2026-02-30", status: 400},
			{query: "q=cranes&page=abc", status: 400, want: []string{"not a whole number"}},
		}
		for _, c := range cases {
			resp, err := http.Get(ts.URL + "/search?" + c.query)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.status {
				t.Errorf("GET /search?%s: status %d, want %d", c.query, resp.StatusCode, c.status)
				continue
			}
			for _, w := range c.want {
				if !strings.Contains(string(body), w) {
					t.Errorf("GET /search?%s: missing %q", c.query, w)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(string(body), w) {
					t.Errorf("GET /search?%s: must not contain %q", c.query, w)
				}
			}
			if n := strings.Count(string(body), "<h1"); n != 1 {
				t.Errorf("GET /search?%s: %d <h1> elements, want 1", c.query, n)
			}
		}
	})
}

// Results are in order of relevance, so their pager speaks of more and
// previous results, not of newer and older ones, and counts the pages.
func TestSearchPager(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		ctx := context.Background()
		world, err := st.SectionBySlug(ctx, "world")
		if err != nil {
			t.Fatal(err)
		}
		ben, err := st.AuthorBySlug(ctx, "ben-adeyemi")
		if err != nil {
			t.Fatal(err)
		}
		for i := range 25 {
			a := &news.Article{Headline: "Ferry timetable change " + strconv.Itoa(i+1), Standfirst: "Sailings move.",
				Status: news.Published, Section: world, Authors: []news.Author{ben},
				Body: blocks.Document{blocks.P(blocks.T("The ferry leaves later from Monday."))}}
			if err := st.SaveArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		_, first := get(t, ts.URL+"/search?q=ferry")
		for _, want := range []string{"Page 1 of 2", `href="/search?page=2&amp;q=ferry" rel="next">More results →`} {
			if !strings.Contains(first, want) {
				t.Errorf("page 1 of the results lacks %q", want)
			}
		}
		_, second := get(t, ts.URL+"/search?q=ferry&page=2")
		for _, want := range []string{"Page 2 of 2", `rel="prev">← Previous results`} {
			if !strings.Contains(second, want) {
				t.Errorf("page 2 of the results lacks %q", want)
			}
		}
		for _, page := range []string{first, second} {
			if strings.Contains(page, "Newer") || strings.Contains(page, "Older") {
				t.Error("the search pager speaks of newer or older results")
			}
		}
	})
}
