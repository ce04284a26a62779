package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// searchFixture saves a few stories an hour apart and returns them by name.
func searchFixture(t testing.TB, st *store.Store) (fixture, map[string]*news.Article) {
	t.Helper()
	ctx := context.Background()
	clock := dbtest.SetClock(st, t0)
	f := newFixture(t, st)
	stories := []struct {
		key, headline, body string
		sec                 news.Section
		au                  news.Author
	}{
		{"phrase", "Harbour cranes stand idle", "Dockers wait for the ruling.", f.world, f.ana},
		{"near", "Idle talk at the harbour", "The cranes moved, the stand emptied.", f.world, f.ben},
		{"floods", "River floods the lower town", "Cellars flooded overnight.", f.business, f.ben},
		{"market", "Market stalls reopen", "Traders returned to the square <script>alert(1)</script>.", f.business, f.ana},
	}
	out := map[string]*news.Article{}
	for _, s := range stories {
		a := article(s.headline, s.sec, s.au)
		a.Body = blocks.Document{blocks.P(blocks.T(s.body))}
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		out[s.key] = a
		clock.Advance(24 * time.Hour)
	}
	return f, out
}

// found runs a search and returns the headlines found, best first.
func found(t *testing.T, st *store.Store, q store.SearchQuery) []string {
	t.Helper()
	res, err := st.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Headline)
	}
	if res.Total < len(out) {
		t.Errorf("Search(%q): Total %d below the %d hits listed", q.Text, res.Total, len(out))
	}
	// With every match on this one page, the count is the page's: a count
	// that missed a filter (section, author, dates) would be more.
	if q.Offset == 0 && !res.HasNext && res.Total != len(out) {
		t.Errorf("Search(%+v): Total %d, but the only page lists %d hits", q, res.Total, len(out))
	}
	return out
}

func TestSearchFinds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		f, _ := searchFixture(t, st)
		day := func(n int) time.Time { return t0.Truncate(24*time.Hour).AddDate(0, 0, n) }
		cases := []struct {
			name  string
			q     store.SearchQuery
			first string
			want  []string // all of these, in any order; nil: exactly first
			not   []string
		}{
			{name: "phrase first", q: store.SearchQuery{Text: `"harbour cranes stand"`}, first: "Harbour cranes stand idle",
				not: []string{"Idle talk at the harbour"}},
			{name: "words anywhere", q: store.SearchQuery{Text: "harbour cranes"},
				want: []string{"Harbour cranes stand idle", "Idle talk at the harbour"}},
			{name: "stemming", q: store.SearchQuery{Text: "flooding"}, first: "River floods the lower town"},
			{name: "section", q: store.SearchQuery{Text: "what happened", SectionID: f.business.ID},
				want: []string{"River floods the lower town", "Market stalls reopen"}, not: []string{"Harbour cranes stand idle"}},
			{name: "author", q: store.SearchQuery{Text: "what happened", AuthorID: f.ana.ID},
				want: []string{"Harbour cranes stand idle", "Market stalls reopen"}, not: []string{"River floods the lower town"}},
			{name: "byline is indexed", q: store.SearchQuery{Text: "adeyemi"},
				want: []string{"Idle talk at the harbour", "River floods the lower town"}},
			{name: "date range", q: store.SearchQuery{Text: "what happened", From: day(1), To: day(3)},
				want: []string{"Idle talk at the harbour", "River floods the lower town"},
				not:  []string{"Harbour cranes stand idle", "Market stalls reopen"}},
		}
		for _, c := range cases {
			got := found(t, st, c.q)
			if c.first != "" && (len(got) == 0 || got[0] != c.first) {
				t.Errorf("%s: got %q, want %q first", c.name, got, c.first)
			}
			joined := strings.Join(got, "|")
			for _, w := range c.want {
				if !strings.Contains(joined, w) {
					t.Errorf("%s: got %q, want %q among them", c.name, got, w)
				}
			}
			for _, w := range c.not {
				if strings.Contains(joined, w) {
					t.Errorf("%s: got %q, must not contain %q", c.name, got, w)
				}
			}
		}
	})
}

func TestSearchFollowsSaves(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		_, a := searchFixture(t, st)
		floods := a["floods"]
		find := func(text string) int { return len(found(t, st, store.SearchQuery{Text: text})) }

		floods.Status = news.Unpublished
		if err := st.SaveArticle(ctx, floods); err != nil {
			t.Fatal(err)
		}
		if n := find("floods"); n != 0 {
			t.Errorf("after unpublishing, %d hits for floods, want 0", n)
		}
		floods.Status = news.Published
		if err := st.SaveArticle(ctx, floods); err != nil {
			t.Fatal(err)
		}
		if n := find("floods"); n != 1 {
			t.Errorf("after publishing again, %d hits for floods, want 1", n)
		}
		floods.Headline = "Waters recede from the lower town"
		if err := st.SaveArticle(ctx, floods); err != nil {
			t.Fatal(err)
		}
		if n := find("recede"); n != 1 {
			t.Errorf("after the headline changed, %d hits for its new word, want 1", n)
		}
		if n := find(`"river floods"`); n != 0 {
			t.Errorf("after the headline changed, %d hits for its old words, want 0", n)
		}

		draft := article("Secret tunnel plan", floods.Section, news.Author{})
		draft.Authors = nil
		draft.Status = news.Draft
		if err := st.SaveArticle(ctx, draft); err != nil {
			t.Fatal(err)
		}
		if n := find("tunnel"); n != 0 {
			t.Errorf("a draft is found: %d hits", n)
		}
	})
}

func TestSearchHostileInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		searchFixture(t, st)
		inputs := []string{`"`, `"unterminated`, `AND OR NOT`, `NEAR(a b)`, `*`, `-`, `col:word`, `headline:harbour`,
			`'; DROP TABLE articles; --`, `😀`, strings.Repeat("news ", 2000), "\x00", "harbour\x00cranes",
			"\xff\xfe", `harbour -cranes`, `harbour OR`, `(`, `^harbour`, `""`, `" "`, `'`, `\`, `%`, `a:b:c "d" e*`}
		for _, in := range inputs {
			if _, err := st.Search(context.Background(), store.SearchQuery{Text: in}); err != nil {
				t.Errorf("Search(%.40q): %v", in, err)
			}
		}
		if got := found(t, st, store.SearchQuery{Text: `'; DROP TABLE articles; --`}); len(got) != 0 {
			t.Errorf("SQL found %q", got)
		}
		if got := found(t, st, store.SearchQuery{Text: "   "}); len(got) != 0 {
			t.Errorf("an empty query found %q", got)
		}
		if got := found(t, st, store.SearchQuery{Text: "market"}); len(got) != 1 {
			t.Errorf("the articles table is hurt: market finds %q", got)
		}
	})
}

func TestSearchSnippetsAndPaging(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		searchFixture(t, st)
		res, err := st.Search(ctx, store.SearchQuery{Text: "traders"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 || !strings.Contains(res.Hits[0].Snippet, store.MarkStart+"Traders"+store.MarkStop) {
			t.Fatalf("hits %+v: want one with Traders marked", res.Hits)
		}
		res, err = st.Search(ctx, store.SearchQuery{Text: "what happened", Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 3 || !res.HasNext || res.Total != 4 {
			t.Errorf("page 1: %d hits, next %v, total %d; want 3, true, 4", len(res.Hits), res.HasNext, res.Total)
		}
		res, err = st.Search(ctx, store.SearchQuery{Text: "what happened", Limit: 3, Offset: 3})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 || res.HasNext {
			t.Errorf("page 2: %d hits, next %v; want 1, false", len(res.Hits), res.HasNext)
		}
	})
}

// TestSearchSnippetsOfLongStories: the snippet shows the matched words of a
// long story whether it matched in its headline and opening or only deep in
// its body.
func TestSearchSnippetsOfLongStories(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newFixture(t, st)
		filler := strings.Repeat("The committee heard evidence from residents about the plans for the quay. ", 80)
		lead := article("Dredging plan goes to committee", f.world, f.ana)
		lead.Body = blocks.Document{blocks.P(blocks.T("Dredging the basin would cost more than expected. " + filler))}
		deep := article("Evidence heard on the quay", f.world, f.ana)
		deep.Body = blocks.Document{blocks.P(blocks.T(filler)), blocks.P(blocks.T("A late letter asked about the lighthouse keepers."))}
		for _, a := range []*news.Article{lead, deep} {
			if err := st.SaveArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []struct{ text, marked string }{{"dredging", "Dredging"}, {"lighthouse", "lighthouse"}} {
			res, err := st.Search(ctx, store.SearchQuery{Text: c.text})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) != 1 || !strings.Contains(res.Hits[0].Snippet, store.MarkStart+c.marked+store.MarkStop) {
				t.Errorf("%s: hits %+v, want one whose snippet marks %q", c.text, res.Hits, c.marked)
			}
		}
	})
}

func TestSearchPrefersRecentAmongEqualMatches(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		// The newer story is saved first, so its lower ID cannot be what ranks it.
		for i, h := range []string{"Tram depot plan two", "Tram depot plan one"} {
			a := article(h, f.world, f.ana)
			a.PublishedAt = t0.AddDate(0, 0, -90*i)
			if err := st.SaveArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		if got := found(t, st, store.SearchQuery{Text: "tram depot"}); len(got) != 2 || got[0] != "Tram depot plan two" {
			t.Errorf("got %q, want the newer of two equal matches first", got)
		}
	})
}

func TestReindex(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		searchFixture(t, st)
		if err := st.ClearSearchIndex(ctx); err != nil {
			t.Fatal(err)
		}
		if got := found(t, st, store.SearchQuery{Text: "harbour"}); len(got) != 0 {
			t.Fatalf("cleared index still finds %q", got)
		}
		var calls, last int
		if err := st.Reindex(ctx, func(done, total int) { calls, last = calls+1, done }); err != nil {
			t.Fatal(err)
		}
		if calls == 0 || last != 4 {
			t.Errorf("progress called %d times ending at %d, want at least once ending at 4", calls, last)
		}
		if got := found(t, st, store.SearchQuery{Text: "harbour"}); len(got) != 2 {
			t.Errorf("after Reindex, harbour finds %q, want 2", got)
		}
	})
}

// TestSearchOfAWordInEveryArticle: a word in most of a big archive has only
// its newest matches ranked, and the count stops at the cap and says so.
func TestSearchOfAWordInEveryArticle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		defer store.SetSearchLimits(5, 10)()
		ctx := context.Background()
		clock := dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		var newest []int64
		for i := range 14 {
			a := article(fmt.Sprintf("Harbour report number %d", i), f.world, f.ana)
			if err := st.SaveArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
			newest = append([]int64{a.ID}, newest...)
			clock.Advance(time.Hour)
		}
		res, err := st.Search(ctx, store.SearchQuery{Text: "harbour", Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 10 || !res.More || res.Ranked != 5 {
			t.Errorf("total %d more %v ranked %d, want 10, true, 5", res.Total, res.More, res.Ranked)
		}
		for _, h := range res.Hits {
			if !slices.Contains(newest[:5], h.ID) {
				t.Errorf("hit %d is not among the 5 newest matches %v", h.ID, newest[:5])
			}
		}
		page2, err := st.Search(ctx, store.SearchQuery{Text: "harbour", Limit: 3, Offset: 3})
		if err != nil || len(page2.Hits) != 2 || page2.HasNext {
			t.Errorf("page 2: %d hits, next %v, %v; want the last 2 of the window and no next page", len(page2.Hits), page2.HasNext, err)
		}
		// A phrase matches fewer and ranks among all of them.
		res, err = st.Search(ctx, store.SearchQuery{Text: `"report number 0"`})
		if err != nil || len(res.Hits) == 0 || res.Hits[0].ID != newest[13] {
			t.Errorf("the oldest article's exact phrase does not find it first: %+v %v", res.Hits, err)
		}
	})
}

// TestSearchDateRangeWithImportedStories: an import saves old stories after
// new ones, so IDs and publication dates disagree; a date range still finds
// exactly the stories published in it.
func TestSearchDateRangeWithImportedStories(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		day := func(n int) time.Time { return t0.Truncate(24*time.Hour).AddDate(0, 0, -n) }
		// In the order saved: the newest first, then older ones imported.
		for _, s := range []struct {
			headline string
			ago      int
		}{{"Lighthouse keeper retires", 1}, {"Lighthouse lamp lit again", 40}, {"Lighthouse sold at auction", 10}, {"Lighthouse built on the point", 38}} {
			a := article(s.headline, f.world, f.ana)
			a.PublishedAt = day(s.ago)
			if err := st.SaveArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		cases := []struct {
			from, to int // days ago
			want     []string
		}{
			{41, 30, []string{"Lighthouse built on the point", "Lighthouse lamp lit again"}},
			{11, 0, []string{"Lighthouse keeper retires", "Lighthouse sold at auction"}},
			{39, 2, []string{"Lighthouse built on the point", "Lighthouse sold at auction"}},
			{100, 60, nil},
		}
		for _, c := range cases {
			got := found(t, st, store.SearchQuery{Text: "lighthouse", From: day(c.from), To: day(c.to)})
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("published %d to %d days ago: got %q, want %q", c.from, c.to, got, c.want)
			}
		}
	})
}

// TestSearchCountsPastTheWindow: the count takes in the matches older than
// the ranked window, with the filters applied to them too, and a page past
// the window still tells how many match.
func TestSearchCountsPastTheWindow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		defer store.SetSearchLimits(3, 100)()
		ctx := context.Background()
		clock := dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		for i := range 10 {
			sec := f.world
			if i%2 == 1 {
				sec = f.business
			}
			if err := st.SaveArticle(ctx, article(fmt.Sprintf("Harbour report number %d", i), sec, f.ana)); err != nil {
				t.Fatal(err)
			}
			clock.Advance(time.Hour)
		}
		cases := []struct {
			name        string
			q           store.SearchQuery
			total, hits int
		}{
			{"all", store.SearchQuery{Text: "harbour", Limit: 2}, 10, 2},
			{"one section", store.SearchQuery{Text: "harbour", SectionID: f.business.ID, Limit: 2}, 5, 2},
			{"first hours", store.SearchQuery{Text: "harbour", From: t0, To: t0.Add(4 * time.Hour)}, 4, 3},
			{"past the window", store.SearchQuery{Text: "harbour report", Limit: 2, Offset: 4}, 10, 0},
		}
		for _, c := range cases {
			res, err := st.Search(ctx, c.q)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != c.total || res.More || res.Ranked != min(c.total, 3) || len(res.Hits) != c.hits {
				t.Errorf("%s: total %d more %v ranked %d hits %d, want %d, false, %d, %d",
					c.name, res.Total, res.More, res.Ranked, len(res.Hits), c.total, min(c.total, 3), c.hits)
			}
		}
	})
}

// TestSearchOfAWordAcrossWeeks: over an archive of many weeks, a word in
// every article and a word in every third one page through their newest
// matches only, and a count that stops early says "more than" only when
// more match. (PostgreSQL looks in the newest weeks first; this is where
// it stops counting.)
func TestSearchOfAWordAcrossWeeks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		defer store.SetSearchLimits(5, 10)()
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		var every, third []int64   // newest first
		for i := 39; i >= 0; i-- { // oldest first, as a newsroom writes them
			h := fmt.Sprintf("Lighthouse log %d", i)
			if i%3 == 0 {
				h = fmt.Sprintf("Lighthouse ferry log %d", i)
			}
			a := article(h, f.world, f.ana)
			a.PublishedAt = t0.AddDate(0, 0, -7*i)
			if err := st.SaveArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
			every = append([]int64{a.ID}, every...)
			if i%3 == 0 {
				third = append([]int64{a.ID}, third...)
			}
		}
		if err := st.Analyze(ctx); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			text  string
			match []int64
		}{{"lighthouse", every}, {"ferry", third}} {
			var seen []int64
			for page := 0; ; page++ {
				res, err := st.Search(ctx, store.SearchQuery{Text: c.text, Limit: 2, Offset: 2 * page})
				if err != nil {
					t.Fatal(err)
				}
				if res.Ranked != 5 || !res.More || res.Total < 5 || res.Total >= len(c.match) {
					t.Errorf("%s: total %d more %v ranked %d; want 5 ranked and more than a total of 5 to %d",
						c.text, res.Total, res.More, res.Ranked, len(c.match)-1)
				}
				for _, h := range res.Hits {
					seen = append(seen, h.ID)
				}
				if !res.HasNext || page > 5 {
					break
				}
			}
			slices.Sort(seen)
			want := slices.Clone(c.match[:5])
			slices.Sort(want)
			if !slices.Equal(seen, want) {
				t.Errorf("%s: the pages list %v, want the 5 newest matches %v", c.text, seen, want)
			}
		}
	})
}

// TestSearchCountStopsWhenMatchesAreMany: over an archive of many weeks, a
// filtered search whose newest matches fill the window with many more in
// older weeks says "more than" the window rather than count them all, and
// still lists the newest matches of its section; one with a few past the
// window counts them exactly.
func TestSearchCountStopsWhenMatchesAreMany(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		defer store.SetSearchLimits(5, 100)()
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		var world []int64          // newest first
		for i := 39; i >= 0; i-- { // oldest first, a week apart
			sec, h := f.business, fmt.Sprintf("Lighthouse log %d", i)
			if i%2 == 0 {
				sec = f.world
			}
			if i%5 == 0 {
				h = fmt.Sprintf("Lighthouse ferry log %d", i)
			}
			a := article(h, sec, f.ana)
			a.PublishedAt = t0.AddDate(0, 0, -7*i)
			if err := st.SaveArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
			if sec.ID == f.world.ID {
				world = append([]int64{a.ID}, world...)
			}
		}
		if err := st.Analyze(ctx); err != nil {
			t.Fatal(err)
		}
		res, err := st.Search(ctx, store.SearchQuery{Text: "lighthouse", SectionID: f.world.ID, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 5 || !res.More || res.Ranked != 5 {
			t.Errorf("lighthouse in one section: total %d more %v ranked %d, want more than 5, 5 ranked", res.Total, res.More, res.Ranked)
		}
		var got []int64
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		want := slices.Clone(world[:5])
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("lighthouse in one section lists %v, want its 5 newest matches %v", got, want)
		}
		// ferry: every fifth week, 8 in all, 3 past the window.
		res, err = st.Search(ctx, store.SearchQuery{Text: "ferry", Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 8 || res.More || res.Ranked != 5 {
			t.Errorf("ferry: total %d more %v ranked %d, want exactly 8, 5 ranked", res.Total, res.More, res.Ranked)
		}
	})
}

// TestSearchInASectionAcrossWeeks: over an archive of many weeks whose
// sections take turns, a search in one section lists that section's
// matches alone, the newest of them when more match than are ranked, and
// counts exactly when few do. (PostgreSQL asks its index for the section
// and the weeks together.)
func TestSearchInASectionAcrossWeeks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		defer store.SetSearchLimits(5, 10)()
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		var business, businessFerry []int64 // newest first
		for i := 39; i >= 0; i-- {
			sec, h := f.world, fmt.Sprintf("Lighthouse log %d", i)
			if i%8 <= 1 {
				h = fmt.Sprintf("Lighthouse ferry log %d", i)
			}
			if i%2 == 1 {
				sec = f.business
			}
			a := article(h, sec, f.ana)
			a.PublishedAt = t0.AddDate(0, 0, -7*i)
			if err := st.SaveArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
			if i%2 == 1 {
				business = append([]int64{a.ID}, business...)
				if i%8 <= 1 {
					businessFerry = append([]int64{a.ID}, businessFerry...)
				}
			}
		}
		if err := st.Analyze(ctx); err != nil {
			t.Fatal(err)
		}
		ids := func(res store.SearchResult) []int64 {
			var out []int64
			for _, h := range res.Hits {
				out = append(out, h.ID)
			}
			slices.Sort(out)
			return out
		}
		res, err := st.Search(ctx, store.SearchQuery{Text: "lighthouse", SectionID: f.business.ID})
		if err != nil {
			t.Fatal(err)
		}
		want := slices.Clone(business[:5])
		slices.Sort(want)
		if got := ids(res); !slices.Equal(got, want) || res.Ranked != 5 || res.Total < 5 || res.Total > len(business) {
			t.Errorf("lighthouse in Business: hits %v total %d ranked %d, want the 5 newest of its %d matches %v",
				got, res.Total, res.Ranked, len(business), want)
		}
		res, err = st.Search(ctx, store.SearchQuery{Text: "ferry", SectionID: f.business.ID})
		if err != nil {
			t.Fatal(err)
		}
		want = slices.Clone(businessFerry)
		slices.Sort(want)
		if got := ids(res); !slices.Equal(got, want) || res.Total != len(want) || res.More {
			t.Errorf("ferry in Business: hits %v total %d more %v, want exactly %v", got, res.Total, res.More, want)
		}
	})
}

// TestSearchPhraseFindsOnlyThePhrase: a phrase finds the stories that have
// its words together, in the headline or deep in the body alone, and not
// those that have the words apart; when more have it than are ranked, the
// newest are.
func TestSearchPhraseFindsOnlyThePhrase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		filler := strings.Repeat("Residents asked about the bins, the buses and the parks. ", 60)
		var phrase []int64 // newest first
		for i, s := range []struct {
			headline, body string
			has            bool
		}{
			{"Council tax to rise by five per cent", "The rise was agreed.", true},
			{"Tax on council land under review", "No change this year; the tax stays.", false},
			{"Budget set for next year", filler + "Then the council tax was agreed.", true},
			{"Council tax bills go out", "Bills arrive this week.", true},
			{"Council and tax office share a building", filler + "The tax office moves in.", false},
			{"Spending plans published", filler + "Nothing on council tax changes.", true},
		} {
			a := article(s.headline, f.world, f.ana)
			a.Standfirst = fmt.Sprintf("Story %d.", i)
			a.Body = blocks.Document{blocks.P(blocks.T(s.body))}
			if err := st.SaveArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
			if s.has {
				phrase = append([]int64{a.ID}, phrase...)
			}
			clock.Advance(time.Hour)
		}
		ids := func(q store.SearchQuery) (store.SearchResult, []int64) {
			t.Helper()
			res, err := st.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, h := range res.Hits {
				out = append(out, h.ID)
			}
			slices.Sort(out)
			return res, out
		}
		want := slices.Clone(phrase)
		slices.Sort(want)
		res, got := ids(store.SearchQuery{Text: `"council tax"`})
		if !slices.Equal(got, want) || res.Total != len(want) || res.More {
			t.Errorf(`"council tax": hits %v total %d more %v, want exactly %v`, got, res.Total, res.More, want)
		}
		defer store.SetSearchLimits(2, 10)()
		want = slices.Clone(phrase[:2])
		slices.Sort(want)
		res, got = ids(store.SearchQuery{Text: `"council tax"`})
		if !slices.Equal(got, want) || res.Ranked != 2 || !(res.More || res.Total == len(phrase)) {
			t.Errorf(`"council tax", 2 ranked: hits %v total %d more %v ranked %d, want the 2 newest %v of %d`,
				got, res.Total, res.More, res.Ranked, want, len(phrase))
		}
	})
}
