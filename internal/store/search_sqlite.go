package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ftsWeights are the bm25 weights of the FTS5 columns headline, standfirst,
// tags, body and bylines: a word in the headline says far more about what a
// story is about than the same word deep in the body.
const ftsWeights = "10.0, 4.0, 3.0, 1.0, 3.0"

// ftsMatch writes terms as an FTS5 query: each term a double-quoted string
// (quotes doubled, though searchTerms leaves none), all of them ANDed. Inside
// a string FTS5 sees no operators, so reader input cannot become syntax.
func ftsMatch(terms [][]string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `"` + strings.ReplaceAll(strings.Join(t, " "), `"`, `""`) + `"`
	}
	return strings.Join(parts, " AND ")
}

// fts5Engine is search on SQLite: an FTS5 table whose rowid is the article's
// ID. It holds published articles only (saveSearchDoc drops the others).
type fts5Engine struct{ s *Store }

// find ranks the newest searchWindow matches, counts those past them and
// makes snippets for the page of hits, in three statements, each of which
// walks FTS5's list of matches by rowid (the article's ID) and stops early.
func (e fts5Engine) find(ctx context.Context, terms [][]string, _ []string, q SearchQuery) ([]int64, map[int64]string, int, error) {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	match := arg(ftsMatch(terms))
	var join, where string
	if q.AuthorID != 0 {
		join = " JOIN article_authors aa ON aa.article_id = a.id AND aa.author_id = " + arg(q.AuthorID)
	}
	if q.SectionID != 0 {
		where += " AND a.section_id = " + arg(q.SectionID)
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		// A date range bounds the IDs to walk: FTS5 seeks to a rowid range
		// and reads nothing outside it, where testing each match's date
		// walked all 85,000 matches of "council" for a month of them. The
		// bounds come from the articles published in the range, so they
		// hold however IDs and dates are ordered (an import gives old
		// stories new IDs); the date test below stays for exactness.
		lo, hi, ok, err := e.idsPublishedIn(ctx, q.From, q.To)
		if err != nil || !ok {
			return nil, nil, 0, err
		}
		where += " AND article_search.rowid BETWEEN " + arg(lo) + " AND " + arg(hi)
		if !q.From.IsZero() {
			where += " AND a.published_at >= " + arg(q.From.Unix())
		}
		if !q.To.IsZero() {
			where += " AND a.published_at < " + arg(q.To.Unix())
		}
	}
	// CROSS JOIN keeps the full-text match as the outer loop: with a section
	// or date filter SQLite would otherwise walk the articles in that range
	// and run the whole match again for each one. The facts of each match
	// come from articles_search_facts: the table's row would be read with
	// the body in it.
	from := ` FROM article_search CROSS JOIN articles a INDEXED BY articles_search_facts ON a.id = article_search.rowid` + join +
		` WHERE article_search MATCH ` + match + where
	// Only the newest searchWindow matches are scored: FTS5 walks the
	// matches by rowid from the newest and stops there. bm25 is lower for
	// better matches, hence the minus. The same statement says how many
	// matches the window holds, its lowest and highest ID and its oldest
	// publication time, so that the count below walks only the matches past
	// the window, none when it holds them all, and none when manyPast finds
	// them many.
	nFilter := len(args)
	window := `SELECT a.id AS id, a.published_at AS published_at, -bm25(article_search, ` + ftsWeights + `) AS b` + from +
		` ORDER BY article_search.rowid DESC LIMIT ` + fmt.Sprint(searchWindow)
	ranked := `WITH c AS MATERIALIZED (` + window + `)
		SELECT w.n, w.lo, w.hi, w.oldest, r.id FROM (SELECT COUNT(*) AS n, MIN(id) AS lo, MAX(id) AS hi, MIN(published_at) AS oldest FROM c) w
		LEFT JOIN (SELECT c.id, c.b * ` + recencyBoost(arg(e.s.Now().Unix()), "c.published_at") + ` AS score FROM c
			ORDER BY score DESC, c.id DESC LIMIT ` + arg(q.Limit+1) + ` OFFSET ` + arg(q.Offset) + `) r ON TRUE
		ORDER BY r.score DESC, r.id DESC`
	ids, w, err := e.rank(ctx, ranked, args)
	if err != nil || w.n == 0 {
		return nil, nil, 0, err
	}
	total := w.n
	many := false
	if w.n == searchWindow {
		if many, err = e.manyPast(ctx, from, args[:nFilter], w); err != nil {
			return nil, nil, 0, err
		}
	}
	if many {
		total = -searchWindow
	} else if w.n == searchWindow {
		// Without filters the index alone answers the count: it holds only
		// published articles, so looking each match up in articles (ten
		// thousand lookups for a common word) would tell nothing.
		counted := from
		if join == "" && where == "" {
			counted = ` FROM article_search WHERE article_search MATCH ` + match
		}
		countArgs := append(slices.Clone(args[:nFilter]), w.lo)
		counted += fmt.Sprintf(" AND article_search.rowid < $%d", len(countArgs))
		past, err := countCapped(ctx, e.s.read, counted, countArgs, w.n)
		if err != nil {
			return nil, nil, 0, err
		}
		total += past
	}
	if len(ids) == 0 {
		return nil, nil, total, nil
	}
	// The one hit past the page only tells that a next page exists.
	snippets, err := e.snippets(ctx, match, args[:1], ids[:min(len(ids), q.Limit)])
	return ids, snippets, total, err
}

// windowFacts is what find's ranking statement tells of the ranked window: how
// many matches it holds, their lowest and highest ID, and the publication
// time of the oldest.
type windowFacts struct {
	n      int
	lo, hi int64
	oldest int64
}

// rank runs the ranking statement of find, whose rows are the window's facts
// and one hit each, best first (one row with no hit when the page is past
// the window).
func (e fts5Engine) rank(ctx context.Context, query string, args []any) (ids []int64, w windowFacts, err error) {
	rows, err := e.s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, windowFacts{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var lo, hi, oldest, id sql.NullInt64
		if err := rows.Scan(&w.n, &lo, &hi, &oldest, &id); err != nil {
			return nil, windowFacts{}, err
		}
		w.lo, w.hi, w.oldest = lo.Int64, hi.Int64, oldest.Int64
		if id.Valid {
			ids = append(ids, id.Int64)
		}
	}
	return ids, w, rows.Err()
}

// manyPast tells, for a full window, whether so many matches lie past it that
// counting them is not worth its walk: the count then stops at the window,
// "more than searchWindow", as on PostgreSQL (tsvectorEngine.find), which
// counts exactly only what its newest weeks show to be few. from and args
// are find's FROM clause and its parameters. The oldest match answers it:
// when it was published in an older week than any in the window, and the
// window's share of the IDs from it to the newest match puts the matches at
// 2.5 windows or more, they are many. A word in most of the archive
// ("council") or in most of a section would otherwise have 8,000 more
// matches walked, each looked up in articles when a filter applies.
func (e fts5Engine) manyPast(ctx context.Context, from string, args []any, w windowFacts) (bool, error) {
	var id, at int64
	err := e.s.read.QueryRowContext(ctx, `SELECT a.id, COALESCE(a.published_at, 0)`+from+` ORDER BY article_search.rowid LIMIT 1`, args...).Scan(&id, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil || id >= w.lo || at/weekSeconds >= w.oldest/weekSeconds {
		return false, err
	}
	return float64(searchWindow)*float64(w.hi-id+1)/float64(w.hi-w.lo+1) >= 2.5*float64(searchWindow), nil
}

// snippets makes the snippet of each hit from the body (column 3), as on
// PostgreSQL: the page shows the headline anyway. snippet() re-reads and
// tokenizes the text, so it runs over the page of hits alone. FTS5 walks the
// matches between the page's lowest and highest ID, which is at most the
// ranked window, rather than seek each hit on its own: a seek of a long list
// of matches costs as much as walking a few hundred of them.
func (e fts5Engine) snippets(ctx context.Context, match string, args []any, ids []int64) (map[int64]string, error) {
	lo, hi := slices.Min(ids), slices.Max(ids)
	marks := make([]string, len(ids))
	args = slices.Clone(args)
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	for i, id := range ids {
		marks[i] = arg(id)
	}
	// The unary plus keeps the ID list a test of each walked match: FTS5
	// would otherwise be asked for each ID with the whole match again.
	query := `SELECT rowid, snippet(article_search, 3, ` + arg(MarkStart) + `, ` + arg(MarkStop) + `, '…', 32)
		FROM article_search WHERE article_search MATCH ` + match + `
		AND rowid BETWEEN ` + arg(lo) + ` AND ` + arg(hi) + ` AND +rowid IN (` + strings.Join(marks, ", ") + `)`
	_, snippets, err := scanHits(ctx, e.s.read, query, args)
	return snippets, err
}

// idsPublishedIn returns the lowest and highest ID of the articles published
// in [from, to), a zero time leaving that side open; ok is false when there
// are none. articles_published answers it without reading an article.
func (e fts5Engine) idsPublishedIn(ctx context.Context, from, to time.Time) (lo, hi int64, ok bool, err error) {
	query := `SELECT MIN(id), MAX(id) FROM articles WHERE status = 'published'`
	var args []any
	if !from.IsZero() {
		args = append(args, from.Unix())
		query += fmt.Sprintf(" AND published_at >= $%d", len(args))
	}
	if !to.IsZero() {
		args = append(args, to.Unix())
		query += fmt.Sprintf(" AND published_at < $%d", len(args))
	}
	var l, h sql.NullInt64
	if err := e.s.read.QueryRowContext(ctx, query, args...).Scan(&l, &h); err != nil {
		return 0, 0, false, err
	}
	return l.Int64, h.Int64, l.Valid, nil
}

func (e fts5Engine) similar(ctx context.Context, terms [][]string, _ []string, id int64, distance string, published int64, limit int) (*sql.Rows, error) {
	return e.s.read.QueryContext(ctx, `SELECT a.id, -bm25(article_search, `+ftsWeights+`) / `+distance+` AS score
		FROM article_search JOIN articles a ON a.id = article_search.rowid
		WHERE article_search MATCH $1 AND a.status = 'published' AND a.id <> $3
		ORDER BY score DESC, a.id DESC LIMIT $4`,
		strings.ReplaceAll(ftsMatch(terms), " AND ", " OR "), published, id, limit)
}

func (fts5Engine) insertHead(table string) string {
	return "INSERT INTO " + table + " (rowid, headline, standfirst, tags, body, bylines) VALUES "
}

func (fts5Engine) values(first int) string { return "(" + placeholders(first, 6) + ")" }

func (fts5Engine) row(id int64, d searchDoc, _ string) []any {
	return []any{id, d.headline, d.standfirst, d.tags, d.body, d.bylines}
}

func (fts5Engine) key() string { return "rowid" }

// size counts pages with dbstat, among them FTS5's shadow tables: _data and
// _idx hold the index, _content and _docsize the text.
func (e fts5Engine) size(ctx context.Context) (SearchIndexSize, error) {
	var size SearchIndexSize
	err := e.s.read.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(CASE WHEN name IN ('article_search_data', 'article_search_idx') THEN pgsize END), 0),
		COALESCE(SUM(CASE WHEN name IN ('article_search_content', 'article_search_docsize', 'article_search_config') THEN pgsize END), 0)
		FROM dbstat WHERE name LIKE 'article_search%'`).Scan(&size.Index, &size.Text)
	return size, err
}

// scanHits reads (id, snippet) rows in rank order.
func scanHits(ctx context.Context, db querier, query string, args []any) ([]int64, map[int64]string, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var ids []int64
	snippets := map[int64]string{}
	for rows.Next() {
		var id int64
		var snip string
		if err := rows.Scan(&id, &snip); err != nil {
			return nil, nil, err
		}
		ids = append(ids, id)
		snippets[id] = snip
	}
	return ids, snippets, rows.Err()
}
