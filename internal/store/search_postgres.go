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

// searchPostgres is searchSQLite for PostgreSQL. ts_headline is costly, so it
// runs only over the page of hits, outside the ranked subquery.
func (s *Store) searchPostgres(ctx context.Context, terms [][]string, q SearchQuery) ([]int64, map[int64]string, int, error) {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	tsq := "websearch_to_tsquery('english', " + arg(tsQuery(terms)) + ")"
	join, where := searchFilters(q, arg)
	from := ` FROM article_search x JOIN articles a ON a.id = x.article_id` + join +
		` WHERE x.document @@ ` + tsq + where
	// PostgreSQL prices a sequential scan of article_search by its main
	// table, which is small because each document lives in TOAST; it then
	// reads and decompresses every document rather than use the GIN index,
	// most of all under a LIMIT. Inside this read-only transaction it may
	// not: a rare word is looked up in the index, a common one walks the
	// newest articles.
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, 0, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SET LOCAL enable_seqscan = off"); err != nil {
		return nil, nil, 0, err
	}
	// Counting wants every match, not the newest. Given the join and the
	// LIMIT of countCapped, the planner walks article_search in key order and
	// decompresses each document to test it (1.1 s for two common words at
	// 100,000 articles); OFFSET 0 keeps the matching a query of its own,
	// which it answers from the GIN index without reading a document.
	matches := ` FROM (SELECT article_id, document FROM article_search WHERE document @@ ` + tsq +
		` OFFSET 0) x JOIN articles a ON a.id = x.article_id` + join + ` WHERE TRUE` + where
	total, err := countCapped(ctx, tx, matches, args)
	if err != nil {
		return nil, nil, 0, err
	}
	if total == 0 {
		return nil, nil, 0, nil
	}
	opts := arg("StartSel=" + MarkStart + ", StopSel=" + MarkStop +
		", MaxWords=32, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"")
	// Only the newest searchWindow matches are scored (see searchWindow).
	// Where the matches are few (counted in full, at most searchCountCap)
	// they are taken from the index and sorted; where they are many, the
	// newest articles are walked, and enough of them match to fill the
	// window soon. Walking for few matches tests thousands of documents for
	// each one found (0.8 s for a stemmed pair at 100,000 articles); taking
	// many from the index sorts tens of thousands to keep two thousand.
	source := from
	if total <= searchCountCap {
		source = matches
	}
	window := `SELECT a.id, a.published_at, x.document` + source + ` ORDER BY a.published_at DESC, a.id DESC LIMIT ` + fmt.Sprint(searchWindow)
	query := `SELECT r.id, ts_headline('english', x.snippet_text, ` + tsq + `, ` + opts + `)
		FROM (SELECT c.id, ts_rank_cd(c.document, ` + tsq + `) * ` + recencyBoost(arg(s.Now().Unix()), "c.published_at") + ` AS score
		FROM (` + window + `) c ORDER BY score DESC, c.id DESC LIMIT ` + arg(q.Limit+1) + ` OFFSET ` + arg(q.Offset) + `) r
		JOIN article_search x ON x.article_id = r.id ORDER BY r.score DESC, r.id DESC`
	return scanHits(ctx, tx, query, args, total)
}

// putSearchDocPostgres writes an article's weighted tsvector: headline A,
// standfirst B, tags and bylines C, body D.
func putSearchDocPostgres(ctx context.Context, tx *sql.Tx, id int64, d searchDoc) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO article_search (article_id, snippet_text, document)
		VALUES ($1, $2, setweight(to_tsvector('english', CAST($3 AS TEXT)), 'A') ||
			setweight(to_tsvector('english', CAST($4 AS TEXT)), 'B') ||
			setweight(to_tsvector('english', CAST($5 AS TEXT)), 'C') ||
			setweight(to_tsvector('english', CAST($6 AS TEXT)), 'D'))
		ON CONFLICT (article_id) DO UPDATE SET snippet_text = excluded.snippet_text, document = excluded.document`,
		id, strings.TrimSpace(d.standfirst+"\n"+d.body), d.headline, d.standfirst, d.tags+", "+d.bylines, d.body)
	return err
}
