package store

import (
	"context"
	"database/sql"
	"fmt"

	"masthead/internal/news"
)

// The staff's search: the newsroom finds articles in the readers' index
// (published articles) and in article_search_staff, which holds every
// article readers cannot see. Readers' search never reads the staff index,
// so a draft cannot reach a reader however the readers' engine changes.

// saveStaffDoc keeps the staff index in step with an article save, in the
// same transaction: an article readers cannot see is in it, a published one
// is not (the readers' index holds that one).
func (s *Store) saveStaffDoc(ctx context.Context, tx *sql.Tx, t indexTarget, a *news.Article) error {
	if a.Status == news.Published {
		return s.dropStaffDoc(ctx, tx, t, a.ID)
	}
	names, err := bylineNames(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	return s.putStaffDoc(ctx, tx, t, a.ID, docOf(a, names))
}

// bylineNames returns the names on an article's byline, in order.
func bylineNames(ctx context.Context, q querier, id int64) ([]string, error) {
	return strings1(ctx, q, `SELECT au.name FROM article_authors aa
		JOIN authors au ON au.id = aa.author_id WHERE aa.article_id = $1 ORDER BY aa.position`, id)
}

// putStaffDoc writes an article's row of the staff index's tables t,
// weighted as the readers' index is.
func (s *Store) putStaffDoc(ctx context.Context, tx *sql.Tx, t indexTarget, id int64, d searchDoc) error {
	if s.dialect == postgres {
		_, err := tx.ExecContext(ctx, `INSERT INTO article_search_staff (article_id, document)
			VALUES `+staffValuesPG(1)+` ON CONFLICT (article_id) DO UPDATE SET document = excluded.document`,
			s.staffRow(id, d, t.config)...)
		return err
	}
	if err := s.dropStaffDoc(ctx, tx, t, id); err != nil {
		return err
	}
	for _, table := range t.tables("article_search_staff") {
		if _, err := tx.ExecContext(ctx, s.fts.insertHead(table)+s.fts.values(1), s.staffRow(id, d, "")...); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) dropStaffDoc(ctx context.Context, tx *sql.Tx, t indexTarget, id int64) error {
	for _, table := range t.tables("article_search_staff") {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE "+s.fts.key()+" = $1", id); err != nil {
			return err
		}
	}
	return nil
}

// staffMatch is the condition that an article (a) matches text in either
// index, with arg numbering its parameter; ok is false when the text has no
// words to search for.
func (s *Store) staffMatch(ctx context.Context, text string, arg func(any) string) (cond string, ok bool, err error) {
	terms := searchTerms(text)
	if len(terms) == 0 {
		return "", false, nil
	}
	if s.dialect == postgres {
		configs, err := s.searchConfigs(ctx)
		if err != nil {
			return "", false, err
		}
		// A test of each article as the list walks its index, not a list
		// of every match: PostgreSQL would read every document to list
		// them (it prices a scan of article_search by its narrow main table,
		// the documents being in TOAST), 5.8 s for "council" at 100,000
		// articles, where testing the newest articles one by one (each a
		// primary-key read) stops at the page: 30 ms, and 240 ms for a word
		// in 4% of them. The UNION ALL keeps the test correlated: with two
		// EXISTS ORed, the planner hashes both lists again.
		q := tsQueryIn(configs, arg(tsQuery(terms)))
		return `EXISTS (SELECT 1 FROM article_search x WHERE x.article_id = a.id AND x.document @@ ` + q + `
			UNION ALL SELECT 1 FROM article_search_staff x WHERE x.article_id = a.id AND x.document @@ ` + q + `)`, true, nil
	}
	m := arg(ftsMatch(terms))
	return inList(`rowid FROM article_search WHERE article_search MATCH `+m+`
		UNION ALL SELECT rowid FROM article_search_staff WHERE article_search_staff MATCH `+m, false), true, nil
}

// staffRow is an article's row for the staff index: the article's ID and
// its weighted document's parameters on PostgreSQL, the FTS5 columns on
// SQLite.
func (s *Store) staffRow(id int64, d searchDoc, config string) []any {
	if s.dialect == postgres {
		return append([]any{id}, documentArgs(d, config)...)
	}
	return s.fts.row(id, d, "")
}

// staffValuesPG is one row of the staff index on PostgreSQL from parameter
// first: the article's ID and its weighted document.
func staffValuesPG(first int) string {
	return fmt.Sprintf("($%d, %s)", first, weightedDocument(first+1))
}

// insertStaffRows writes staffRow rows in bulk.
func (s *Store) insertStaffRows(ctx context.Context, tx *sql.Tx, rows [][]any) error {
	if s.dialect == postgres {
		return s.insertRows(ctx, tx, "INSERT INTO article_search_staff (article_id, document) VALUES ", rows, staffValuesPG)
	}
	return s.insertRows(ctx, tx, s.fts.insertHead("article_search_staff"), rows, s.fts.values)
}

// int64s runs a query of one integer column.
func int64s(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var n int64
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
