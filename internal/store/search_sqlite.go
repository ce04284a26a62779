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

// fts5Engine is search on SQLite: an FTS5 table whose rowid is the article's
// ID. It holds published articles only (saveSearchDoc drops the others).
type fts5Engine struct{ s *Store }

// find runs the match once to count and once for the newest searchWindow
// matches, which it ranks; snippets are made for the page of hits alone.
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
	if !q.From.IsZero() {
		where += " AND a.published_at >= " + arg(q.From.Unix())
	}
	if !q.To.IsZero() {
		where += " AND a.published_at < " + arg(q.To.Unix())
	}
	// CROSS JOIN keeps the full-text match as the outer loop: with a section
	// or date filter SQLite would otherwise walk the articles in that range
	// and run the whole match again for each one.
	from := ` FROM article_search CROSS JOIN articles a ON a.id = article_search.rowid` + join +
		` WHERE article_search MATCH ` + match + where
	// Without filters the index alone answers the count: it holds only
	// published articles, so looking each match up in articles (ten
	// thousand lookups for a common word) would tell nothing.
	counted := from
	if join == "" && where == "" {
		counted = ` FROM article_search WHERE article_search MATCH ` + match
	}
	total, err := countCapped(ctx, e.s.read, counted, args)
	if err != nil || total == 0 {
		return nil, nil, 0, err
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
		FROM (SELECT c.id, c.b * ` + recencyBoost(arg(e.s.Now().Unix()), "c.published_at") + ` AS score FROM (` + window + `) c
		ORDER BY score DESC, c.id DESC LIMIT ` + arg(q.Limit+1) + ` OFFSET ` + arg(q.Offset) + `) r
		JOIN article_search ON article_search.rowid = r.id
		WHERE article_search MATCH ` + match + ` ORDER BY r.score DESC, r.id DESC`
	ids, snippets, err := scanHits(ctx, e.s.read, query, args)
	return ids, snippets, total, err
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
