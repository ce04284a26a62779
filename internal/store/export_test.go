package store

import (
	"context"
	"database/sql"
	"fmt"
)

// ClearSearchIndex empties the search index behind the store's back, so a
// test can check that Reindex rebuilds it.
func (s *Store) ClearSearchIndex(ctx context.Context) error {
	_, err := s.write.ExecContext(ctx, "DELETE FROM article_search")
	return err
}

// TableRows returns every row of table as text, with the column names
// first, so a test can assert on exactly what is stored.
func (s *Store) TableRows(ctx context.Context, table string) ([][]string, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT * FROM "+table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	out := [][]string{cols}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				row[i] = string(b)
			} else {
				row[i] = fmt.Sprint(v)
			}
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// SetSearchLimits sets the ranking window and the count cap, so a test can
// reach them with a few articles; it returns a func that puts them back.
func SetSearchLimits(window, countCap int) func() {
	w, c := searchWindow, searchCountCap
	searchWindow, searchCountCap = window, countCap
	return func() { searchWindow, searchCountCap = w, c }
}

// ExecInTx runs one statement in a write transaction as every store write
// does, so a test can see what a constraint failure of the engine becomes.
func (s *Store) ExecInTx(ctx context.Context, query string, args ...any) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	})
}

// SearchTerms is searchTerms, for the fuzz test.
var SearchTerms = searchTerms

// FTSMatch and TSQuery are what each engine is given for terms.
var FTSMatch, TSQuery = ftsMatch, tsQuery

// SetReindexBatch sets how many articles a search rebuild writes per
// transaction, so a test can stop one half-way; it returns a func that
// puts it back.
func SetReindexBatch(n int) func() {
	old := reindexBatch
	reindexBatch = n
	return func() { reindexBatch = old }
}
