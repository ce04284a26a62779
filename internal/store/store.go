// Package store keeps Masthead's content in SQLite or PostgreSQL. All SQL lives
// here, hand-written, one file per aggregate. The query text is the same for
// both engines ($1 placeholders work in both); the few places where they
// differ are the methods of dialect in dialect.go.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // also registers the "pgx" driver
	_ "modernc.org/sqlite"           // registers the "sqlite" driver
)

// Store is the database behind a Masthead site. Reads go to a pool of
// connections; writes go to one connection on SQLite, where a single writer
// avoids "database is locked", and to the same pool on PostgreSQL.
type Store struct {
	dialect dialect
	fts     searchEngine // chosen with dialect
	read    readDB
	write   writeDB
	// connLost is when a connection to PostgreSQL was last found lost, in
	// Unix nanoseconds (unavailable.go).
	connLost atomic.Int64
	dsn      string
	changes  *changeHub
	// relatedWork is the background worker for related articles, when one runs.
	relatedWork relatedWorker
	stmts       stmtCache // prepared read statements, on SQLite (stmtcache.go)
	// pictureMemo keeps library pictures' words and renditions for pages,
	// forgotten by change keys (picture_memo.go).
	pictureMemo pictureMemo
	// pageMarks maps deep page numbers of lists to keyset positions,
	// forgotten by change keys (page_marks.go).
	pageMarks pageMarks
	// searchLangs keeps the search index's languages for queries,
	// forgotten by change keys (search_language.go).
	searchLangs searchLangMemo
	// webhookWake tells this node's webhook worker that a transaction
	// queued deliveries, so it need not wait for its next round.
	webhookWake chan struct{}
	// Now is the clock; tests replace it to make times predictable.
	Now func() time.Time
}

// Open connects to the database named by dsn: a postgres:// or postgresql://
// URL selects PostgreSQL, anything else is an SQLite file path (created if
// missing, with its folder). It checks the connection before returning.
func Open(ctx context.Context, dsn string) (*Store, error) {
	return OpenDriver(ctx, dsn, "")
}

// OpenDriver is Open through the database/sql driver registered under
// driverName instead of the engine's own ("pgx" or "sqlite"); the engine is
// still chosen by dsn. Tests use it to wrap the real driver, for instance to
// count the queries a page costs. An empty driverName is the engine's own.
func OpenDriver(ctx context.Context, dsn, driverName string) (*Store, error) {
	s := &Store{dsn: dsn, changes: newChangeHub(dsn), webhookWake: make(chan struct{}, 1),
		Now: func() time.Time { return time.Now().UTC().Truncate(time.Second) }}
	s.Subscribe(s.pictureMemo.forget)
	s.Subscribe(s.pageMarks.forget)
	s.Subscribe(s.searchLangs.forget)
	var err error
	if IsPostgres(dsn) {
		s.dialect, s.fts = postgres, tsvectorEngine{s}
		if driverName == "" {
			driverName = "pgx"
		}
		var db *sql.DB
		if driverName == "pgx" {
			cfg, err := pgx.ParseConfig(dsn)
			if err != nil {
				return nil, fmt.Errorf("store.Open: %w", err)
			}
			db = stdlib.OpenDB(*cfg, stdlib.OptionShouldPing(func(_ context.Context, p stdlib.ShouldPingParams) bool {
				return s.shouldPing(p.IdleDuration)
			}))
		} else if db, err = sql.Open(driverName, dsn); err != nil {
			return nil, fmt.Errorf("store.Open: %w", err)
		}
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(10)
		db.SetConnMaxIdleTime(5 * time.Minute)
		s.read, s.write = readDB{db, s}, writeDB{db, s}
	} else {
		s.dialect, s.fts = sqlite, fts5Engine{s}
		if driverName == "" {
			driverName = "sqlite"
		}
		if err := openSQLite(s, dsn, driverName); err != nil {
			return nil, err
		}
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.Ping(pingCtx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store.Open: cannot reach the %s database: %w", s.dialect, err)
	}
	return s, nil
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// sqlitePragmas are set on every SQLite connection. WAL lets readers run while
// the writer writes; busy_timeout makes a connection wait for a lock instead of
// failing at once; foreign_keys is off by default in SQLite and we rely on it;
// synchronous=NORMAL is durable in WAL mode across application crashes and only
// risks the last transactions on power loss, for far fewer fsyncs.
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
	"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=temp_store(MEMORY)"

// sqliteReadPragmas are set on the read connections besides sqlitePragmas.
// mmap_size maps the database file (up to SQLite's 2 GB limit) so that a
// read finds a page in the kernel's cache, shared by every connection,
// instead of asking for it: with the default 2 MB page cache of each
// connection a search of a common word at 100,000 articles read about 290
// pages with pread, 22 in all with the file mapped. A bigger page cache
// would keep them too, but once per connection, and SQLite empties it
// whenever another connection commits, as a newsroom does all day.
const sqliteReadPragmas = "&_pragma=mmap_size(2147418112)"

// sqlitePath is the file an SQLite dsn names, without its scheme or options.
func sqlitePath(dsn string) string {
	path := strings.TrimPrefix(dsn, "sqlite://")
	path = strings.TrimPrefix(path, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	return path
}

func openSQLite(s *Store, path, driverName string) error {
	path = sqlitePath(path)
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("store.Open: cannot create %s: %w", dir, err)
		}
	}
	// _txlock=immediate takes the write lock when a transaction begins, so two
	// transactions never deadlock upgrading a read lock to a write lock.
	write, err := sql.Open(driverName, "file:"+path+"?"+sqlitePragmas+"&_txlock=immediate")
	if err != nil {
		return fmt.Errorf("store.Open: %w", err)
	}
	s.write = writeDB{write, s}
	s.write.SetMaxOpenConns(1)
	read, err := sql.Open(driverName, "file:"+path+"?"+sqlitePragmas+"&_pragma=query_only(1)"+sqliteReadPragmas)
	if err != nil {
		return fmt.Errorf("store.Open: %w", err)
	}
	s.read = readDB{read, s}
	s.read.SetMaxOpenConns(8)
	s.read.SetMaxIdleConns(8)
	return nil
}

// Engine names the database engine: "sqlite" or "postgres".
func (s *Store) Engine() string { return s.dialect.String() }

// Ping checks that the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.write.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return err
	}
	if s.read.DB != s.write.DB {
		return s.read.QueryRowContext(ctx, "SELECT 1").Scan(&one)
	}
	return nil
}

// Close closes the connection pools.
func (s *Store) Close() error {
	err := s.write.Close()
	if s.read.DB != s.write.DB {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// tx runs fn in a write transaction and commits it when fn returns nil. A
// foreign-key or unique failure comes back as a news error (constraintError).
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return s.classify(constraintError(err))
	}
	return s.classify(constraintError(tx.Commit()))
}

// unix turns a time into the seconds stored in the database; zero stays NULL.
func unix(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.Unix(), Valid: true}
}

// fromUnix turns stored seconds back into a UTC time; NULL becomes zero.
func fromUnix(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.Unix(n.Int64, 0).UTC()
}

// PoolStats returns the statistics of the read and write connection pools
// (the same pool twice on PostgreSQL).
func (s *Store) PoolStats() (read, write sql.DBStats) {
	return s.read.Stats(), s.write.Stats()
}

// DSN returns the connection string the store was opened with, so a tool or
// a test can open another node on the same database.
func (s *Store) DSN() string { return s.dsn }
