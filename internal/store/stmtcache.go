package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps the prepared statements of the read queries a page runs,
// by query text. On SQLite, parsing and planning a statement costs about as
// much as running it against a warm page cache, so a page's queries are
// prepared once per connection instead of on every request. PostgreSQL's
// driver (pgx) already keeps its own cache of prepared statements.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// stmtCacheMax bounds the cache: queries are written in this package, but
// some are built for a number of IDs or filters, and a query past the bound
// simply runs unprepared.
const stmtCacheMax = 256

// readQuery runs a read query, prepared once on SQLite.
func (s *Store) readQuery(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := s.prepared(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return s.read.QueryContext(ctx, query, args...)
}

// readQueryRow is readQuery for one row.
func (s *Store) readQueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := s.prepared(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.read.QueryRowContext(ctx, query, args...)
}

// prepared returns the cached statement for query, preparing it if need be,
// or nil where statements are not cached (PostgreSQL, a full cache, or a
// failure to prepare, which the unprepared query will then report).
func (s *Store) prepared(ctx context.Context, query string) *sql.Stmt {
	if s.dialect != sqlite {
		return nil
	}
	c := &s.stmts
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st
	}
	if len(c.m) >= stmtCacheMax {
		return nil
	}
	st, err := s.read.PrepareContext(context.WithoutCancel(ctx), query)
	if err != nil {
		return nil
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = st
	return st
}
