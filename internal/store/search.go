package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// Snippet markers: the engines wrap each matched word of a snippet in these
// control characters rather than in HTML, so the site can escape the text
// first and add its own <mark> after; the database's markup is never trusted.
const (
	MarkStart = "\x02"
	MarkStop  = "\x03"
)

// Limits on a query, applied before it reaches the engine: enough for any
// real search, small enough that no input can make an expensive one.
const (
	maxQueryRunes = 200
	maxQueryWords = 32
)

// Relevance is the engine's score (FTS5 bm25 with column weights, or
// PostgreSQL ts_rank_cd with A–D weights) times a recency boost of
// 1/(1 + age in days/30): a story a month old counts half as much as one
// from today, so among equally good matches the news comes first, while a
// much better old match still beats a weak new one.
const recencyDays = 30

// SearchQuery is a reader's search. Zero filters do not filter.
type SearchQuery struct {
	Text      string
	SectionID int64
	AuthorID  int64
	From, To  time.Time // published in [From, To)
	Limit     int       // defaults to 20
	Offset    int
}

// SearchHit is one found article with a snippet whose matched words are
// between MarkStart and MarkStop.
type SearchHit struct {
	news.Teaser
	Snippet string
}

// SearchResult is one page of hits, best first.
type SearchResult struct {
	Hits    []SearchHit
	Total   int  // how many articles match in all, up to searchCountCap; with More, more than this many (an engine may stop counting early)
	More    bool // more than Total match
	Ranked  int  // how many of them are ranked, and can be paged through
	HasNext bool // whether a further page exists
}

var (
	// searchWindow is how many of the newest matches are ranked. A word in
	// most of a big archive ("council") would otherwise have every one of
	// tens of thousands of articles scored for one page of results; with the
	// recency boost an older article outranks the newest 2,000 matches only
	// for a far better match, which a phrase or more words find, since they
	// match fewer articles.
	searchWindow = 2000
	// searchCountCap bounds the counting of matches: past it the page says
	// "more than 10,000 results".
	searchCountCap = 10000
)

// searchEngine is the full-text index of one database engine: FTS5 on
// SQLite (fts5Engine), a weighted tsvector with a GIN index on PostgreSQL
// (tsvectorEngine). Open chooses one; nothing else in the store asks which
// engine it runs on to search.
type searchEngine interface {
	// find returns the IDs of one page of hits (and one more, to tell
	// whether a next page exists) best first, with their snippets, and the
	// number of matches, counted up to one past searchCountCap, or -n when
	// the engine stopped counting knowing only that more than n match.
	// configs are the PostgreSQL configurations to ask in (searchConfigs).
	find(ctx context.Context, terms [][]string, configs []string, q SearchQuery) (ids []int64, snippets map[int64]string, total int, err error)
	// similar returns up to limit published articles other than id matching
	// any of terms, each with the engine's score divided by distance, an
	// SQL expression over $2 (see moreLikeThis).
	similar(ctx context.Context, terms [][]string, configs []string, id int64, distance string, published int64, limit int) (*sql.Rows, error)
	// insertHead, values and row write index rows: the INSERT into table
	// up to VALUES, one row's VALUES tuple from its first parameter number,
	// and one article's parameters, its document in the configuration
	// config (PostgreSQL; SQLite's tables carry their tokenizer).
	insertHead(table string) string
	values(first int) string
	row(id int64, d searchDoc, config string) []any
	// key is the index's column holding the article ID.
	key() string
	// size measures the index on disk.
	size(ctx context.Context) (SearchIndexSize, error)
}

// Search finds published articles matching q.Text, which may be anything a
// reader types: words are ANDed, "double quotes" keep a phrase, and nothing
// else in it has a meaning to the engine. A query with no words finds nothing.
func (s *Store) Search(ctx context.Context, q SearchQuery) (SearchResult, error) {
	cachekey.Add(ctx, cachekey.Search)
	if q.Limit <= 0 {
		q.Limit = 20
	}
	terms := searchTerms(q.Text)
	if len(terms) == 0 {
		return SearchResult{}, nil
	}
	configs, err := s.searchConfigs(ctx)
	if err != nil {
		return SearchResult{}, fmt.Errorf("store.Search: %w", err)
	}
	ids, snippets, total, err := s.fts.find(ctx, terms, configs, q)
	if err != nil {
		return SearchResult{}, fmt.Errorf("store.Search: %w", err)
	}
	// The engines count up to one past the cap.
	res := SearchResult{Total: min(total, searchCountCap), More: total > searchCountCap, Ranked: min(total, searchWindow)}
	if total < 0 {
		res = SearchResult{Total: -total, More: true, Ranked: searchWindow}
	}
	if len(ids) > q.Limit {
		res.HasNext, ids = true, ids[:q.Limit]
	}
	teasers, err := s.teasersByID(ctx, ids)
	if err != nil {
		return SearchResult{}, fmt.Errorf("store.Search: %w", err)
	}
	for _, id := range ids {
		if t, ok := teasers[id]; ok {
			res.Hits = append(res.Hits, SearchHit{Teaser: t, Snippet: snippets[id]})
		}
	}
	return res, nil
}

// searchTerms cuts reader input into terms, each a phrase of one or more
// lower-case words of letters and digits. Quoted text is one phrase; every
// other word is a term of its own. Everything else (operators, punctuation,
// control characters, emoji) is dropped, so the engines only ever see words.
func searchTerms(text string) [][]string {
	text = strings.ToValidUTF8(text, " ")
	if r := []rune(text); len(r) > maxQueryRunes {
		text = string(r[:maxQueryRunes])
	}
	var terms [][]string
	words := 0
	for i, part := range strings.Split(text, `"`) {
		fields := strings.FieldsFunc(strings.ToLower(part), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})
		for len(fields) > 0 && words < maxQueryWords {
			n := 1
			if i%2 == 1 { // inside quotes
				n = min(len(fields), maxQueryWords-words)
			}
			terms = append(terms, fields[:n])
			fields, words = fields[n:], words+n
		}
	}
	return terms
}

// recencyBoost is the SQL factor that weights a score by its article's age
// at now, the same on both engines. A date in the future counts as today.
func recencyBoost(now, publishedAt string) string {
	return "(1.0 / (1.0 + (CASE WHEN " + publishedAt + " < " + now + " THEN " + now +
		" - " + publishedAt + " ELSE 0 END) / 86400.0 / " + fmt.Sprint(recencyDays) + "))"
}

// querier is a pool or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// countCapped counts the rows of from (a FROM … WHERE clause), stopping
// where they and the already counted are one past searchCountCap.
func countCapped(ctx context.Context, db querier, from string, args []any, already int) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1`+from+` LIMIT `+fmt.Sprint(searchCountCap+1-already)+`) c`, args...).Scan(&n)
	return n, err
}

// searchDoc is the text of an article as the index holds it.
type searchDoc struct {
	headline, standfirst, tags, body, bylines string
	// publishedAt and sectionID are the article's, kept beside its text so
	// that an engine can filter and order matches without reading articles.
	publishedAt, sectionID int64
}

// saveSearchDoc puts a published article in the search index, or takes any
// other out, inside the transaction that saves it, so search follows every
// publish, update and unpublish at once; t is where (indexTargetIn).
func (s *Store) saveSearchDoc(ctx context.Context, tx *sql.Tx, t indexTarget, a *news.Article) error {
	if a.Status != news.Published {
		return s.dropSearchDoc(ctx, tx, t, a.ID)
	}
	names, err := bylineNames(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	return s.putSearchDoc(ctx, tx, t, a.ID, docOf(a, names))
}

// docOf builds an article's index text; bylines are the authors' names.
func docOf(a *news.Article, bylines []string) searchDoc {
	tags := make([]string, len(a.Tags))
	for i, t := range a.Tags {
		tags[i] = t.Name
	}
	return searchDoc{headline: a.Headline, standfirst: a.Standfirst, tags: strings.Join(tags, ", "),
		body: a.Body.Text(), bylines: strings.Join(bylines, ", "),
		publishedAt: unix(a.PublishedAt).Int64, sectionID: a.Section.ID}
}

// putSearchDoc replaces an article's row in the search index's tables t.
func (s *Store) putSearchDoc(ctx context.Context, tx *sql.Tx, t indexTarget, id int64, d searchDoc) error {
	if err := s.dropSearchDoc(ctx, tx, t, id); err != nil {
		return err
	}
	for _, table := range t.tables("article_search") {
		if _, err := tx.ExecContext(ctx, s.fts.insertHead(table)+s.fts.values(1), s.fts.row(id, d, t.config)...); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) dropSearchDoc(ctx context.Context, tx *sql.Tx, t indexTarget, id int64) error {
	for _, table := range t.tables("article_search") {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE "+s.fts.key()+" = $1", id); err != nil {
			return err
		}
	}
	return nil
}

// teasersByID loads the teasers of the given articles, keyed by ID.
func (s *Store) teasersByID(ctx context.Context, ids []int64) (map[int64]news.Teaser, error) {
	out := map[int64]news.Teaser{}
	if len(ids) == 0 {
		return out, nil
	}
	marks := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		marks[i], args[i] = fmt.Sprintf("$%d", i+1), id
	}
	list, err := s.teasers(ctx, `SELECT `+teaserColumns+` FROM articles a JOIN sections s ON s.id = a.section_id
		WHERE a.id IN (`+strings.Join(marks, ", ")+`)`, args...)
	if err != nil {
		return nil, err
	}
	for _, t := range list {
		out[t.ID] = t
	}
	return out, nil
}
