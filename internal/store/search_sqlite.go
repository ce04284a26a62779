package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
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

// searchSQLite returns the IDs of one page of hits (and one more, to tell
// whether a next page exists) with their snippets, and the number of hits.
func (s *Store) searchSQLite(ctx context.Context, terms [][]string, q SearchQuery) ([]int64, map[int64]string, int, error) {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	match := arg(ftsMatch(terms))
	join, where := searchFilters(q, arg)
	// CROSS JOIN keeps the full-text match as the outer loop: with a section
	// or date filter SQLite would otherwise walk the articles in that range
	// and run the whole match again for each one.
	from := ` FROM article_search CROSS JOIN articles a ON a.id = article_search.rowid` + join +
		` WHERE article_search MATCH ` + match + where
	total, err := countCapped(ctx, s.read, from, args)
	if err != nil {
		return nil, nil, 0, err
	}
	if total == 0 {
		return nil, nil, 0, nil
	}
	// The snippet comes from the body (column 3), as on PostgreSQL: the page
	// shows the headline anyway. snippet() re-reads and tokenizes the text, so
	// it runs only over the page of hits, after the ranked subquery has cut
	// them out; made in the same query as the ranking, it would run over every
	// match. bm25 is lower for better matches, hence the minus.
	// Only the newest searchWindow matches are scored: FTS5 walks the
	// matches by rowid (the article ID) from the newest and stops there.
	window := `SELECT a.id AS id, a.published_at AS published_at, -bm25(article_search, ` + ftsWeights + `) AS b` + from +
		` ORDER BY article_search.rowid DESC LIMIT ` + fmt.Sprint(searchWindow)
	query := `SELECT r.id, snippet(article_search, 3, ` + arg(MarkStart) + `, ` + arg(MarkStop) + `, '…', 32)
		FROM (SELECT c.id, c.b * ` + recencyBoost(arg(s.Now().Unix()), "c.published_at") + ` AS score FROM (` + window + `) c
		ORDER BY score DESC, c.id DESC LIMIT ` + arg(q.Limit+1) + ` OFFSET ` + arg(q.Offset) + `) r
		JOIN article_search ON article_search.rowid = r.id
		WHERE article_search MATCH ` + match + ` ORDER BY r.score DESC, r.id DESC`
	return scanHits(ctx, s.read, query, args, total)
}

// scanHits reads (id, snippet) rows in rank order.
func scanHits(ctx context.Context, db querier, query string, args []any, total int) ([]int64, map[int64]string, int, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, 0, err
	}
	defer rows.Close()
	var ids []int64
	snippets := map[int64]string{}
	for rows.Next() {
		var id int64
		var snip string
		if err := rows.Scan(&id, &snip); err != nil {
			return nil, nil, 0, err
		}
		ids = append(ids, id)
		snippets[id] = snip
	}
	return ids, snippets, total, rows.Err()
}

// putSearchDocSQLite replaces an article's row in the FTS5 table, whose rowid
// is the article's ID.
func putSearchDocSQLite(ctx context.Context, tx *sql.Tx, id int64, d searchDoc) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM article_search WHERE rowid = $1", id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO article_search (rowid, headline, standfirst, tags, body, bylines)
		VALUES ($1, $2, $3, $4, $5, $6)`, id, d.headline, d.standfirst, d.tags, d.body, d.bylines)
	return err
}
