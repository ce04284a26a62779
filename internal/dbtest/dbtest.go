// Package dbtest hands a test a fresh, migrated database: an SQLite file in the
// test's temporary folder, and the same on PostgreSQL in a schema of its own.
// Storage and HTTP tests call Each so that one suite runs on both engines.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"masthead/internal/store"
)

// DefaultPostgres is the server the tests use unless MASTHEAD_TEST_POSTGRES
// names another: the trust-auth PostgreSQL of a developer machine or CI.
const DefaultPostgres = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// Each runs fn as a subtest on SQLite and on PostgreSQL.
func Each(t *testing.T, fn func(t *testing.T, st *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite returns a migrated store on a new SQLite file, closed when t ends.
func SQLite(t testing.TB) *store.Store {
	t.Helper()
	return open(t, filepath.Join(t.TempDir(), "masthead.db"))
}

// Postgres returns a migrated store in a new PostgreSQL schema, dropped when t
// ends. Without a reachable server the test is skipped, or fails when
// MASTHEAD_REQUIRE_POSTGRES=1 says a server must be there (as in CI).
func Postgres(t testing.TB) *store.Store {
	t.Helper()
	dsn := PostgresDSN(t)
	return open(t, dsn)
}

// PostgresDSN creates a fresh schema and returns a DSN whose search_path
// points at it, so each test sees an empty database.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv("MASTHEAD_TEST_POSTGRES")
	if base == "" {
		base = DefaultPostgres
	}
	admin, err := sql.Open("pgx", base)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		err = admin.PingContext(ctx)
		cancel()
	}
	if err != nil {
		if admin != nil {
			admin.Close()
		}
		if os.Getenv("MASTHEAD_REQUIRE_POSTGRES") == "1" {
			t.Fatalf("PostgreSQL is required (MASTHEAD_REQUIRE_POSTGRES=1) but %s is unreachable: %v", base, err)
		}
		t.Skipf("skipping PostgreSQL: %s is unreachable (%v); start PostgreSQL or set MASTHEAD_TEST_POSTGRES", base, err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("MASTHEAD_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func open(t testing.TB, dsn string) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return st
}

// Clock is a settable time for a store under test.
type Clock struct{ T time.Time }

// Now returns the clock's time.
func (c *Clock) Now() time.Time { return c.T }

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) { c.T = c.T.Add(d) }

// SetClock makes st read its time from a new Clock starting at start.
func SetClock(st *store.Store, start time.Time) *Clock {
	c := &Clock{T: start.UTC()}
	st.Now = c.Now
	return c
}
