package dbtest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"masthead/internal/store"
)

// Counter counts the statements a store sends to its database: a wrapper
// around the real database/sql driver, so the database underneath is real.
type Counter struct {
	n atomic.Int64
	// mu guards log, the statements since the last Reset, for a failing
	// test to show what ran.
	mu  sync.Mutex
	log []string
}

// Count returns how many statements ran since the last Reset.
func (c *Counter) Count() int { return int(c.n.Load()) }

// Statements returns the text of the statements that ran since the last Reset.
func (c *Counter) Statements() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.log...)
}

// Reset starts counting from zero.
func (c *Counter) Reset() {
	c.mu.Lock()
	c.log = nil
	c.mu.Unlock()
	c.n.Store(0)
}

func (c *Counter) add(query string) {
	c.n.Add(1)
	c.mu.Lock()
	c.log = append(c.log, query)
	c.mu.Unlock()
}

// EachCounted is Each with a Counter watching the store's statements.
func EachCounted(t *testing.T, fn func(t *testing.T, st *store.Store, c *Counter)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		st, c := counted(t, filepath.Join(t.TempDir(), "masthead.db"))
		fn(t, st, c)
	})
	t.Run("postgres", func(t *testing.T) {
		st, c := counted(t, PostgresDSN(t))
		fn(t, st, c)
	})
}

var countedDrivers atomic.Int64

// counted opens a migrated store on dsn through a counting driver of its own.
func counted(t testing.TB, dsn string) (*store.Store, *Counter) {
	t.Helper()
	engine := "sqlite"
	if store.IsPostgres(dsn) {
		engine = "pgx"
	}
	db, err := sql.Open(engine, "")
	if err != nil {
		t.Fatal(err)
	}
	real := db.Driver()
	db.Close()
	c := &Counter{}
	name := fmt.Sprintf("counted-%s-%d", engine, countedDrivers.Add(1))
	sql.Register(name, countingDriver{real, c})
	ctx := context.Background()
	st, err := store.OpenDriver(ctx, dsn, name)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	c.Reset()
	return st, c
}

type countingDriver struct {
	real driver.Driver
	c    *Counter
}

func (d countingDriver) Open(name string) (driver.Conn, error) {
	conn, err := d.real.Open(name)
	if err != nil {
		return nil, err
	}
	return &countingConn{conn, d.c}, nil
}

// countingConn passes everything to the real connection and counts each
// statement run, whether directly or through a prepared statement.
type countingConn struct {
	driver.Conn
	c *Counter
}

func (cc *countingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := cc.Conn.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	rows, err := q.QueryContext(ctx, query, args)
	if err != driver.ErrSkip {
		cc.c.add(query)
	}
	return rows, err
}

func (cc *countingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := cc.Conn.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	res, err := e.ExecContext(ctx, query, args)
	if err != driver.ErrSkip {
		cc.c.add(query)
	}
	return res, err
}

func (cc *countingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	var st driver.Stmt
	var err error
	if p, ok := cc.Conn.(driver.ConnPrepareContext); ok {
		st, err = p.PrepareContext(ctx, query)
	} else {
		st, err = cc.Conn.Prepare(query)
	}
	if err != nil {
		return nil, err
	}
	return &countingStmt{st, query, cc.c}, nil
}

func (cc *countingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := cc.Conn.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	return cc.Conn.Begin()
}

func (cc *countingConn) Ping(ctx context.Context) error {
	if p, ok := cc.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (cc *countingConn) ResetSession(ctx context.Context) error {
	if r, ok := cc.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (cc *countingConn) IsValid() bool {
	if v, ok := cc.Conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

func (cc *countingConn) CheckNamedValue(nv *driver.NamedValue) error {
	if c, ok := cc.Conn.(driver.NamedValueChecker); ok {
		return c.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

type countingStmt struct {
	driver.Stmt
	query string
	c     *Counter
}

func (s *countingStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	s.c.add(s.query)
	if e, ok := s.Stmt.(driver.StmtExecContext); ok {
		return e.ExecContext(ctx, args)
	}
	return nil, fmt.Errorf("dbtest: the driver's statements lack ExecContext")
}

func (s *countingStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	s.c.add(s.query)
	if q, ok := s.Stmt.(driver.StmtQueryContext); ok {
		return q.QueryContext(ctx, args)
	}
	return nil, fmt.Errorf("dbtest: the driver's statements lack QueryContext")
}

func (s *countingStmt) CheckNamedValue(nv *driver.NamedValue) error {
	if c, ok := s.Stmt.(driver.NamedValueChecker); ok {
		return c.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}
