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
// published article's weighted tsvector (GIN-indexed), the plain text
// ts_headline needs, and the article's publication time and section, so that
// matches are filtered and ordered without reading articles.
type tsvectorEngine struct{ s *Store }

// find answers a search in one statement. The GIN index gives every match's
// ID and publication time without reading a document (the documents live in
// TOAST, and a plain AND of words needs no recheck); they are counted, the
// newest searchWindow of them are ranked, which is the only place documents
// are read, and ts_headline, the costliest step, runs over the page of hits.
func (e tsvectorEngine) find(ctx context.Context, terms [][]string, configs []string, q SearchQuery) ([]int64, map[int64]string, int, error) {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	tsq := tsQueryIn(configs, arg(tsQuery(terms)))
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
	query := `WITH m AS MATERIALIZED (SELECT x.article_id AS id, x.published_at FROM article_search x` + join +
		` WHERE x.document @@ ` + tsq + where + `),
	c AS (SELECT COUNT(*) AS n FROM (SELECT 1 FROM m LIMIT ` + fmt.Sprint(searchCountCap+1) + `) l),
	w AS (SELECT id, published_at FROM m ORDER BY published_at DESC, id DESC LIMIT ` + fmt.Sprint(searchWindow) + `),
	r AS (SELECT w.id, ts_rank_cd(x.document, ` + tsq + `) * ` + recencyBoost(arg(e.s.Now().Unix()), "w.published_at") + ` AS score
		FROM w JOIN article_search x ON x.article_id = w.id
		ORDER BY score DESC, w.id DESC LIMIT ` + arg(q.Limit+1) + ` OFFSET ` + arg(q.Offset) + `)
	SELECT c.n, r.id, ts_headline(` + quoteConfig(configs[0]) + `, x.snippet_text, ` + tsq + `, ` + opts + `)
	FROM c LEFT JOIN (r JOIN article_search x ON x.article_id = r.id) ON TRUE
	ORDER BY r.score DESC, r.id DESC`
	// PostgreSQL prices a sequential scan of article_search by its main
	// table, which is small because each document lives in TOAST; it would
	// then read and decompress every document to test it rather than ask
	// the GIN index. Inside this read-only transaction it may not.
	tx, err := e.s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, 0, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SET LOCAL enable_seqscan = off"); err != nil {
		return nil, nil, 0, err
	}
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
func (e tsvectorEngine) similar(ctx context.Context, terms [][]string, configs []string, id int64, distance string, published int64, limit int) (*sql.Rows, error) {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `"` + strings.Join(t, " ") + `"`
	}
	return e.s.read.QueryContext(ctx, `SELECT a.id, ts_rank(x.document, q.q, 1) / `+distance+` AS score
		FROM article_search x JOIN articles a ON a.id = x.article_id,
		(SELECT `+tsQueryIn(configs, "$1")+` AS q) q
		WHERE x.document @@ q.q AND a.status = 'published' AND a.id <> $3
		ORDER BY score DESC, a.id DESC LIMIT $4`, strings.Join(parts, " or "), published, id, limit)
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
	return "INSERT INTO " + table + " (article_id, published_at, section_id, snippet_text, document) VALUES "
}

func (tsvectorEngine) values(n int) string {
	return fmt.Sprintf("($%d, $%d, $%d, $%d, %s)", n, n+1, n+2, n+3, weightedDocument(n+4))
}

// weightedDocument is the one place the weighted document is written, from
// the five parameters from first on that documentArgs gives: headline A,
// standfirst B, tags and bylines C, body D, in the configuration last.
func weightedDocument(first int) string {
	cfg := fmt.Sprintf("CAST($%d AS regconfig)", first+4)
	return fmt.Sprintf(`setweight(to_tsvector(%[5]s, CAST($%[1]d AS TEXT)), 'A') ||
		setweight(to_tsvector(%[5]s, CAST($%[2]d AS TEXT)), 'B') ||
		setweight(to_tsvector(%[5]s, CAST($%[3]d AS TEXT)), 'C') ||
		setweight(to_tsvector(%[5]s, CAST($%[4]d AS TEXT)), 'D')`, first, first+1, first+2, first+3, cfg)
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
