package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// tsQuery writes terms as input for websearch_to_tsquery: each term in
// double quotes, so a phrase stays a phrase and words such as "or" are words,
// not operators. websearch_to_tsquery never fails on any input anyway.
func tsQuery(terms [][]string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `"` + strings.Join(t, " ") + `"`
	}
	return strings.Join(parts, " ")
}

// tsvectorEngine is search on PostgreSQL: article_search holds each
// published article's weighted tsvector (GIN-indexed, in TOAST), the
// smaller tsvector of its headline, standfirst, tags and bylines that ranks
// it (in the row), the plain text ts_headline needs (in TOAST), and the
// article's publication time and section, so that matches are filtered,
// ordered and ranked without reading articles.
type tsvectorEngine struct{ s *Store }

// Each document holds lexemes naming its publication week and the blocks
// of 2, 4, … 2^weekLevels weeks that hold it (weekLexeme), so that one GIN
// scan finds a word's matches in some weeks alone (weekSpan), ORing at most
// about two lexemes per level however many weeks it asks for; and a lexeme
// naming its section (sectionPrefix), so that a search in one section is
// one GIN scan of the word and the section rather than a look at every
// match of the word.
const (
	weekPrefix    = "~w"
	weekSeconds   = 7 * 24 * 60 * 60
	weekLevels    = 8
	sectionPrefix = "~s"
	// bodyScore is what a match in the body adds to the lead document's
	// rank, which the body is not part of: ts_rank_cd's weight of one word
	// of weight D.
	bodyScore = 0.1
	// leadSnippetChars is how much of the text ts_headline reads for a hit
	// whose headline, standfirst, tags or bylines match. ts_headline parses
	// all the text it is given, about 0.4 ms for a 3,800-character story,
	// which for a page of 21 hits was the largest part of a search; the
	// text begins with the standfirst, so the words such a hit matched are
	// near its start (or in its headline, which the page shows anyway). A
	// hit found in its body alone is read whole, so its snippet still shows
	// the words wherever they are.
	leadSnippetChars = 1500
)

// weekLexeme names the block of 2^level weeks that holds week (Unix time /
// weekSeconds): "~w2970" is one week, "~w3.371" the eight weeks 2968 to 2975.
func weekLexeme(week int64, level int) string {
	if level == 0 {
		return fmt.Sprintf("%s%d", weekPrefix, week)
	}
	return fmt.Sprintf("%s%d.%d", weekPrefix, level, week>>level)
}

// weekSpan is the weeks lo to hi (Unix time / weekSeconds) a search asks
// for; the zero span asks for all.
type weekSpan struct{ lo, hi int64 }

func (w weekSpan) all() bool { return w == weekSpan{} }

// tsquery is the span as the text of a tsquery ORing the fewest week
// blocks that make it up, the largest that fit first.
func (w weekSpan) tsquery() string {
	var parts []string
	for week := w.lo; week <= w.hi; {
		level := weekLevels
		for level > 0 && (week&(1<<level-1) != 0 || week+1<<level-1 > w.hi) {
			level--
		}
		parts = append(parts, "'"+weekLexeme(week, level)+"'")
		week += 1 << level
	}
	return strings.Join(parts, " | ")
}

// find ranks the newest searchWindow matches, looking for them in the
// newest weeks first. Listing every match of a common word ("council", in
// 86% of a 100,000-article archive) to keep the newest 2,000 reads all its
// 85,000 rows; its newest 2,000 are among the newest 2,500 articles. So find
// asks first for the matches in the weeks of the newest 1.5×searchWindow
// articles (a GIN scan of the words ANDed with those weeks' lexemes). When
// more than searchWindow match there, those hold the window, and the count
// stops there: "more than searchWindow". Otherwise the share that matched
// tells how many matches there are in all: a few, and it lists them all (and
// counts them exactly); many, and it asks once more, for the weeks that
// should hold the window at that share.
func (e tsvectorEngine) find(ctx context.Context, terms [][]string, configs []string, q SearchQuery) ([]int64, map[int64]string, int, error) {
	tx, err := e.s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, 0, err
	}
	defer tx.Rollback()
	k := searchWindow * 3 / 2
	span, all, rows, err := e.newestWeeks(ctx, tx, q, k)
	if err != nil {
		return nil, nil, 0, err
	}
	for try := 0; try < 2 && span != all; try++ {
		ids, snippets, n, err := e.findIn(ctx, tx, terms, configs, q, span, searchWindow)
		if err != nil {
			return nil, nil, 0, err
		}
		if n > searchWindow {
			if n <= searchCountCap {
				n = -searchWindow // more than searchWindow match
			}
			return ids, snippets, n, nil
		}
		// n of about k articles match: as many of every article would be
		// few enough to list them all, or else the newest k×(window+1)/n
		// (and a quarter more) should hold the window.
		if n == 0 || float64(n)/float64(k)*rows < 2.5*float64(searchWindow) {
			break
		}
		weeks := (span.hi - span.lo + 1) * int64(searchWindow+1) * 5 / 4 / int64(n)
		if span.hi-weeks+1 <= all.lo {
			break
		}
		span.lo, k = span.hi-weeks+1, k*(searchWindow+1)*5/4/n
	}
	// The last search lists every match, in the weeks of q's dates if it
	// has any.
	if q.From.IsZero() && q.To.IsZero() {
		all = weekSpan{}
	}
	ids, snippets, n, err := e.findIn(ctx, tx, terms, configs, q, all, -1)
	if n > searchWindow && phrased(terms) {
		n = -searchWindow // a phrase's matches are counted up to one past the window
	}
	return ids, snippets, n, err
}

// phrased reports whether any term is a phrase of more than one word.
func phrased(terms [][]string) bool {
	for _, t := range terms {
		if len(t) > 1 {
			return true
		}
	}
	return false
}

// newestWeeks returns the weeks of the newest k published articles that q's
// section and dates allow, and the weeks of all of them: span is all when
// there are no more than k (or none). rows is the planner's estimate of the
// number of articles in the index.
//
// It also sets how the rest of the transaction is planned. Sequential scans
// are off: PostgreSQL prices a sequential scan of article_search by its
// main table, small because each document lives in TOAST, and would then
// read and decompress every document to test it rather than ask the GIN
// index. And findIn's statements keep the generic plan of the driver's
// cached statement from their first use: their shape leaves the planner
// no choice that the values would change, and planning them anew was 2 ms
// of each (a search makes two or three).
func (e tsvectorEngine) newestWeeks(ctx context.Context, tx *sql.Tx, q SearchQuery, k int) (span, all weekSpan, rows float64, err error) {
	where := " WHERE status = 'published'"
	args := []any{k}
	if q.SectionID != 0 {
		args = append(args, q.SectionID)
		where += fmt.Sprintf(" AND section_id = $%d", len(args))
	}
	if !q.From.IsZero() {
		args = append(args, q.From.Unix())
		where += fmt.Sprintf(" AND published_at >= $%d", len(args))
	}
	if !q.To.IsZero() {
		args = append(args, q.To.Unix())
		where += fmt.Sprintf(" AND published_at < $%d", len(args))
	}
	var cut, oldest, newest sql.NullInt64
	var off, generic string
	err = tx.QueryRowContext(ctx, `SELECT
		(SELECT published_at FROM articles`+where+` ORDER BY published_at DESC OFFSET $1 LIMIT 1),
		(SELECT MIN(published_at) FROM articles`+where+`),
		(SELECT MAX(published_at) FROM articles`+where+`),
		(SELECT reltuples FROM pg_class WHERE oid = CAST('article_search' AS regclass)),
		set_config('enable_seqscan', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true)`,
		args...).Scan(&cut, &oldest, &newest, &rows, &off, &generic)
	if err != nil || !newest.Valid {
		return weekSpan{}, weekSpan{}, rows, err
	}
	all = weekSpan{oldest.Int64 / weekSeconds, newest.Int64 / weekSeconds}
	span = all
	if cut.Valid && cut.Int64/weekSeconds > all.lo {
		span.lo = cut.Int64 / weekSeconds
	}
	return span, all, rows, nil
}

// findIn answers a search in one statement, in the weeks of span. The GIN
// index gives every match's row without reading a document (the documents
// live in TOAST, and a plain AND of words needs no recheck), and the row
// its publication time; they are counted up to one past searchCountCap;
// when more than need match, the newest searchWindow of them are ranked by
// their lead documents, which the rows hold, and ts_headline, the costliest
// step, runs over the page of hits (not over the one past it, which only
// tells that a next page exists).
//
// A phrase's words are ANDed in the GIN scan, and the phrase is looked for
// in the lead document of each row found (in the row, so cheap) and then,
// newest first and only until one past searchWindow have it, in the
// document of a row whose lead document lacks it (read from TOAST through
// the pointer the row held, not by looking the row up again). Testing every
// match's document read each from TOAST (22,000 buffers for the 4,987
// articles that say council and tax).
func (e tsvectorEngine) findIn(ctx context.Context, tx *sql.Tx, terms [][]string, configs []string, q SearchQuery, span weekSpan, need int) ([]int64, map[int64]string, int, error) {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	// The query is parsed once, in q; every row that tests or ranks
	// against it reads it from there (tsq). The GIN scan's condition is
	// worked out once at the scan's start anyway.
	query := `WITH q AS MATERIALIZED (SELECT ` + tsQueryIn(configs, arg(tsQuery(terms))) + ` AS q),`
	tsq := "(SELECT q FROM q)"
	phrase := phrased(terms)
	words := tsq
	if phrase {
		var each [][]string
		for _, t := range terms {
			for _, w := range t {
				each = append(each, []string{w})
			}
		}
		words = tsQueryIn(configs, arg(tsQuery(each)))
	}
	var within []string
	if !span.all() {
		within = append(within, span.tsquery())
	}
	if q.SectionID != 0 {
		within = append(within, fmt.Sprintf("'%s%d'", sectionPrefix, q.SectionID))
	}
	match := words
	if len(within) > 0 {
		match = "(" + words + " && CAST(" + arg("("+strings.Join(within, ") & (")+")") + " AS tsquery))"
	}
	var join, where string
	if q.AuthorID != 0 {
		join = " JOIN article_authors aa ON aa.article_id = x.article_id AND aa.author_id = " + arg(q.AuthorID)
	}
	if q.SectionID != 0 {
		where += " AND x.section_id = " + arg(q.SectionID)
	}
	if !q.From.IsZero() {
		where += " AND x.published_at >= " + arg(q.From.Unix())
	}
	if !q.To.IsZero() {
		where += " AND x.published_at < " + arg(q.To.Unix())
	}
	opts := arg("StartSel=" + MarkStart + ", StopSel=" + MarkStop +
		", MaxWords=32, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"")
	lead := ""
	if phrase {
		lead = ", x.lead_document @@ " + tsq + " AS lead, x.document"
	}
	query += `
	m AS MATERIALIZED (SELECT x.ctid AS tid, x.article_id AS id, x.published_at` + lead + ` FROM article_search x` + join +
		` WHERE x.document @@ ` + match + where + `),`
	if phrase {
		query += `
	s AS MATERIALIZED (SELECT tid, id, published_at, lead, document FROM m ORDER BY published_at DESC, id DESC),
	w AS MATERIALIZED (SELECT tid, id, published_at FROM s WHERE lead OR document @@ ` + tsq + `
		LIMIT ` + fmt.Sprint(searchWindow+1) + `),
	c AS (SELECT COUNT(*) AS n FROM w),
	v AS (SELECT tid, id, published_at FROM w ORDER BY published_at DESC, id DESC LIMIT ` + fmt.Sprint(searchWindow) + `),`
	} else {
		query += `
	c AS (SELECT COUNT(*) AS n FROM (SELECT 1 FROM m LIMIT ` + fmt.Sprint(searchCountCap+1) + `) l),
	v AS (SELECT tid, id, published_at FROM m ORDER BY published_at DESC, id DESC LIMIT ` + fmt.Sprint(searchWindow) + `),`
	}
	// The window's rows are read again by ctid (which stays the same within
	// the statement), in one TID scan: a scan per row asks the kernel for
	// the table's size each time. The recency boost
	// is worked out in floating point, as the rank is: in numeric it cost
	// as much as ts_rank_cd.
	query += `
	r AS (SELECT y.article_id AS id, (ts_rank_cd(y.lead_document, ` + tsq + `) + ` + fmt.Sprint(bodyScore) + `) * ` +
		recencyBoost("CAST("+arg(float64(e.s.Now().Unix()))+" AS DOUBLE PRECISION)", "CAST(y.published_at AS DOUBLE PRECISION)") + ` AS score
		FROM article_search y WHERE y.ctid = ANY (ARRAY(SELECT tid FROM v)) AND (SELECT n FROM c) > ` + arg(need) + `
		ORDER BY score DESC, id DESC LIMIT ` + arg(q.Limit+1) + ` OFFSET ` + arg(q.Offset) + `)
	SELECT c.n, r.id, CASE WHEN r.place <= ` + arg(q.Limit) + ` THEN ts_headline(` + quoteConfig(configs[0]) + `, CASE WHEN x.lead_document @@ ` + tsq +
		` THEN left(x.snippet_text, ` + fmt.Sprint(leadSnippetChars) + `) ELSE x.snippet_text END, ` + tsq + `, ` + opts + `) END
	FROM c LEFT JOIN ((SELECT id, score, row_number() OVER (ORDER BY score DESC, id DESC) AS place FROM r) r
		JOIN article_search x ON x.article_id = r.id) ON TRUE
	ORDER BY r.score DESC, r.id DESC`
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, 0, err
	}
	defer rows.Close()
	var ids []int64
	snippets := map[int64]string{}
	total := 0
	for rows.Next() {
		var id sql.NullInt64
		var snip sql.NullString
		if err := rows.Scan(&total, &id, &snip); err != nil {
			return nil, nil, 0, err
		}
		if id.Valid {
			ids = append(ids, id.Int64)
			snippets[id.Int64] = snip.String
		}
	}
	return ids, snippets, total, rows.Err()
}

// similar uses ts_rank rather than ts_rank_cd: the words of a "more like
// this" query are not expected near each other, only often. Normalisation 1
// divides by the log of the length, so long stories do not win by length
// alone.
//
// It ranks only the relatedWindow matches nearest in time to the article.
// The query's words are rare among the articles' salient words, not in
// their text: a story's "watched", "closely" and "margin" matched 78,522
// of 100,000 articles, and ts_rank read each one's document from TOAST
// (742,000 buffers, 4.2 s, on both cores through a parallel worker, after
// every Update). The nearest matches are found from the GIN index and the
// table's publication times alone (17,000 buffers, 0.18 s), and with the
// distance discount the best of all matches are among them: the same best
// 12 for that story.
func (e tsvectorEngine) similar(ctx context.Context, terms [][]string, configs []string, id int64, distance string, published int64, limit int) (*sql.Rows, error) {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `"` + strings.Join(t, " ") + `"`
	}
	return e.s.read.QueryContext(ctx, `WITH q AS (SELECT `+tsQueryIn(configs, "$1")+` AS q)
		SELECT a.id, ts_rank(x.document, q.q, 1) / `+distance+` AS score
		FROM (SELECT m.article_id FROM article_search m, q WHERE m.document @@ q.q AND m.article_id <> $3
			ORDER BY ABS(m.published_at - $2), m.article_id DESC LIMIT $5) near
		JOIN article_search x ON x.article_id = near.article_id JOIN articles a ON a.id = x.article_id, q
		WHERE a.status = 'published'
		ORDER BY score DESC, a.id DESC LIMIT $4`, strings.Join(parts, " or "), published, id, limit, relatedWindow)
}

// tsQueryIn is the tsquery of the websearch text in parameter param, in
// each of configs (two while a rebuild changes the index's language, so
// that documents of either language match), ORed.
func tsQueryIn(configs []string, param string) string {
	parts := make([]string, len(configs))
	for i, c := range configs {
		parts[i] = "websearch_to_tsquery(" + quoteConfig(c) + ", " + param + ")"
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, " || ") + ")"
}

// quoteConfig writes a configuration name (from pgConfigs or 'simple', so
// lower-case letters only) as a regconfig literal; it is written into the
// statement rather than passed, so the planner sees a constant.
func quoteConfig(c string) string {
	return "CAST('" + strings.ReplaceAll(c, "'", "''") + "' AS regconfig)"
}

func (tsvectorEngine) insertHead(table string) string {
	return "INSERT INTO " + table + " (article_id, published_at, section_id, snippet_text, lead_document, document) VALUES "
}

// values writes the lead document from the same parameters as the document,
// and adds to the document the lexemes of the article's weeks and section
// (placeLexemes).
func (tsvectorEngine) values(n int) string {
	return fmt.Sprintf("($%[1]d, $%[2]d, $%[3]d, $%[4]d, %[5]s, %[6]s ||\n\t\t%[7]s)",
		n, n+1, n+2, n+3, leadDocument(n+4), weightedDocument(n+4),
		placeLexemes(fmt.Sprintf("CAST($%d AS BIGINT)", n+1), fmt.Sprintf("CAST($%d AS BIGINT)", n+2)))
}

// placeLexemes is the tsvector of an article's week lexemes (weekLexeme, at
// every level) and section lexeme, from SQL expressions of its publication
// time and section ID.
func placeLexemes(publishedAt, sectionID string) string {
	week := fmt.Sprintf("(%s / %d)", publishedAt, weekSeconds)
	parts := []string{fmt.Sprintf("'%s' || %s", weekPrefix, week)}
	for level := 1; level <= weekLevels; level++ {
		parts = append(parts, fmt.Sprintf("'%s%d.' || (%s >> %d)", weekPrefix, level, week, level))
	}
	parts = append(parts, fmt.Sprintf("'%s' || %s", sectionPrefix, sectionID))
	return "array_to_tsvector(ARRAY[" + strings.Join(parts, ", ") + "])"
}

// weightedDocument is the one place the weighted document is written, from
// the five parameters from first on that documentArgs gives: headline A,
// standfirst B, tags and bylines C (leadDocument), body D, in the
// configuration last.
func weightedDocument(first int) string {
	return leadDocument(first) + fmt.Sprintf(` ||
		setweight(to_tsvector(CAST($%d AS regconfig), CAST($%d AS TEXT)), 'D')`, first+4, first+3)
}

// leadDocument is the weighted document without the body, from the
// parameters of weightedDocument. Its words keep the positions they have in
// the whole document, which they begin.
func leadDocument(first int) string {
	cfg := fmt.Sprintf("CAST($%d AS regconfig)", first+4)
	return fmt.Sprintf(`setweight(to_tsvector(%[4]s, CAST($%[1]d AS TEXT)), 'A') ||
		setweight(to_tsvector(%[4]s, CAST($%[2]d AS TEXT)), 'B') ||
		setweight(to_tsvector(%[4]s, CAST($%[3]d AS TEXT)), 'C')`, first, first+1, first+2, cfg)
}

// documentArgs are weightedDocument's parameters.
func documentArgs(d searchDoc, config string) []any {
	return []any{d.headline, d.standfirst, d.tags + ", " + d.bylines, d.body, config}
}

func (tsvectorEngine) row(id int64, d searchDoc, config string) []any {
	return append([]any{id, d.publishedAt, d.sectionID, strings.TrimSpace(d.standfirst + "\n" + d.body)},
		documentArgs(d, config)...)
}

func (tsvectorEngine) key() string { return "article_id" }

func (e tsvectorEngine) size(ctx context.Context) (SearchIndexSize, error) {
	var size SearchIndexSize
	err := e.s.read.QueryRowContext(ctx, `SELECT pg_relation_size('article_search_document'),
		pg_total_relation_size('article_search') - pg_relation_size('article_search_document')`).Scan(&size.Index, &size.Text)
	return size, err
}
