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
func (s *Store) saveStaffDoc(ctx context.Context, tx *sql.Tx, a *news.Article) error {
	if a.Status == news.Published {
		return s.dropStaffDoc(ctx, tx, a.ID)
	}
	names, err := bylineNames(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	return s.putStaffDoc(ctx, tx, a.ID, docOf(a, names))
}

// bylineNames returns the names on an article's byline, in order.
func bylineNames(ctx context.Context, q querier, id int64) ([]string, error) {
	return strings1(ctx, q, `SELECT au.name FROM article_authors aa
		JOIN authors au ON au.id = aa.author_id WHERE aa.article_id = $1 ORDER BY aa.position`, id)
}

// putStaffDoc writes an article's row of the staff index, weighted as the
// readers' index is.
func (s *Store) putStaffDoc(ctx context.Context, tx *sql.Tx, id int64, d searchDoc) error {
	if s.dialect == postgres {
		_, err := tx.ExecContext(ctx, `INSERT INTO article_search_staff (article_id, document)
			VALUES ($1, setweight(to_tsvector('english', CAST($2 AS TEXT)), 'A') ||
				setweight(to_tsvector('english', CAST($3 AS TEXT)), 'B') ||
				setweight(to_tsvector('english', CAST($4 AS TEXT)), 'C') ||
				setweight(to_tsvector('english', CAST($5 AS TEXT)), 'D'))
			ON CONFLICT (article_id) DO UPDATE SET document = excluded.document`,
			id, d.headline, d.standfirst, d.tags+", "+d.bylines, d.body)
		return err
	}
	if err := s.dropStaffDoc(ctx, tx, id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO article_search_staff (rowid, headline, standfirst, tags, body, bylines)
		VALUES ($1, $2, $3, $4, $5, $6)`, id, d.headline, d.standfirst, d.tags, d.body, d.bylines)
	return err
}

func (s *Store) dropStaffDoc(ctx context.Context, tx *sql.Tx, id int64) error {
	key := "rowid"
	if s.dialect == postgres {
		key = "article_id"
	}
	_, err := tx.ExecContext(ctx, "DELETE FROM article_search_staff WHERE "+key+" = $1", id)
	return err
}

// staffMatch is the condition that an article (a) matches text in either
// index, with arg numbering its parameter; ok is false when the text has no
// words to search for.
func (s *Store) staffMatch(text string, arg func(any) string) (cond string, ok bool) {
	terms := searchTerms(text)
	if len(terms) == 0 {
		return "", false
	}
	if s.dialect == postgres {
		q := "websearch_to_tsquery('english', " + arg(tsQuery(terms)) + ")"
		return inList(`article_id FROM article_search WHERE document @@ `+q+`
			UNION ALL SELECT article_id FROM article_search_staff WHERE document @@ `+q, false), true
	}
	m := arg(ftsMatch(terms))
	return inList(`rowid FROM article_search WHERE article_search MATCH `+m+`
		UNION ALL SELECT rowid FROM article_search_staff WHERE article_search_staff MATCH `+m, false), true
}

// reindexStaff rebuilds the staff index from the articles readers cannot
// see, in batches as Reindex does.
func (s *Store) reindexStaff(ctx context.Context) error {
	var after int64
	for {
		ids, err := int64s(ctx, s.read, `SELECT id FROM articles WHERE status <> 'published' AND id > $1
			ORDER BY id LIMIT $2`, after, reindexBatch)
		if err != nil || len(ids) == 0 {
			return err
		}
		err = s.indexArticles(ctx, ids, s.putStaffDoc)
		if err != nil {
			return fmt.Errorf("store.reindexStaff: %w", err)
		}
		after = ids[len(ids)-1]
	}
}

// staffRow is an article's row for a bulk insert into the staff index:
// the columns of putStaffDoc's INSERT on each engine.
func (s *Store) staffRow(id int64, d searchDoc) []any {
	if s.dialect == postgres {
		return []any{id, d.headline, d.standfirst, d.tags + ", " + d.bylines, d.body}
	}
	return []any{id, d.headline, d.standfirst, d.tags, d.body, d.bylines}
}

// insertStaffRows writes staffRow rows in bulk.
func (s *Store) insertStaffRows(ctx context.Context, tx *sql.Tx, rows [][]any) error {
	if s.dialect == postgres {
		return s.insertRows(ctx, tx, "INSERT INTO article_search_staff (article_id, document) VALUES ", rows,
			func(n int) string {
				return fmt.Sprintf(`($%d, setweight(to_tsvector('english', CAST($%d AS TEXT)), 'A') ||
					setweight(to_tsvector('english', CAST($%d AS TEXT)), 'B') ||
					setweight(to_tsvector('english', CAST($%d AS TEXT)), 'C') ||
					setweight(to_tsvector('english', CAST($%d AS TEXT)), 'D'))`, n, n+1, n+2, n+3, n+4)
			})
	}
	return s.insertRows(ctx, tx, "INSERT INTO article_search_staff (rowid, headline, standfirst, tags, body, bylines) VALUES ",
		rows, plainRow(6))
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
