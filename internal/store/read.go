package store

import (
	"context"
	"database/sql"
)

// readQuery runs a read query on the read pool.
//
// A cache of prepared statements (database/sql Stmt, prepared once per
// connection) made a lone SQLite render about a fifth faster, and was taken
// out: under load a Stmt shared by more requests than the pool has
// connections made them queue on the statement, and an uncached article on a
// 100,000-article SQLite site fell from 1,138 to 17 requests a second at 50
// connections (wrk, 2 cores), with timeouts.
func (s *Store) readQuery(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.read.QueryContext(ctx, query, args...)
}

// readQueryRow is readQuery for one row.
func (s *Store) readQueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return s.read.QueryRowContext(ctx, query, args...)
}
