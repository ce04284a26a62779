package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	sqlitedriver "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"masthead/internal/news"
)

// When the disk fills or turns read-only, or the database drops its
// connections (a restart, a fail-over, pg_terminate_backend), the store says
// so with news.EUNAVAILABLE rather than an internal error, so the newsroom
// answers 503 and the person knows to try again. A read that meets a
// connection that has gone is tried once more, on a connection checked first.

// unavailable reports whether err is a failure of the disk or of the
// connection rather than of the statement: trying again later, with the same
// input, may work.
func unavailable(err error) bool {
	if err == nil {
		return false
	}
	var sqErr *sqlitedriver.Error
	if errors.As(err, &sqErr) {
		switch sqErr.Code() & 0xff { // the primary code, without the extended part
		case sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN:
			return true
		}
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "53100", // disk_full
			"53200", // out_of_memory
			"53300", // too_many_connections
			"25006", // read_only_sql_transaction: a standby, or default_transaction_read_only
			"57P01", // admin_shutdown: pg_terminate_backend, or a shutting-down server
			"57P02", // crash_shutdown
			"57P03": // cannot_connect_now: starting up
			return true
		}
		return len(pgErr.Code) == 5 && pgErr.Code[:2] == "08" // connection exceptions
	}
	return connectionLost(err) || errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EDQUOT)
}

// connectionLost reports whether err says the connection to PostgreSQL
// failed or was closed under the statement.
func connectionLost(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false // the request gave up
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "57P01" || pgErr.Code == "57P02" || (len(pgErr.Code) == 5 && pgErr.Code[:2] == "08")
	}
	var connectErr *pgconn.ConnectError
	var netErr *net.OpError // not net.Error, which every syscall.Errno is
	return errors.As(err, &connectErr) || errors.As(err, &netErr) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, sql.ErrConnDone) || errors.Is(err, io.ErrUnexpectedEOF) || pgconn.SafeToRetry(err)
}

// classify marks err as EUNAVAILABLE when it is, and notes a lost
// connection so the pool checks its others before handing them out.
func (s *Store) classify(err error) error {
	if !unavailable(err) {
		return err
	}
	if s.dialect == postgres && connectionLost(err) {
		s.connLost.Store(time.Now().UnixNano())
	}
	var e *news.Error
	if errors.As(err, &e) {
		return err
	}
	return news.Unavailable(err)
}

// recheckAfterLoss is how long after a lost connection every pooled
// connection is pinged before use: when the server drops one it has usually
// dropped them all, and without the ping each would fail one request.
const recheckAfterLoss = 10 * time.Second

// shouldPing is pgx's test of whether to check a pooled connection before
// handing it out: after it idled over a second (pgx's own rule), or soon
// after a connection was found lost.
func (s *Store) shouldPing(idle time.Duration) bool {
	if idle > time.Second {
		return true
	}
	lost := s.connLost.Load()
	return lost != 0 && time.Since(time.Unix(0, lost)) < recheckAfterLoss
}

// readDB is the pool reads go through: a read that meets a lost connection is
// tried once more.
type readDB struct {
	*sql.DB
	s *Store
}

// QueryContext runs a read, once more if the connection was lost.
func (db readDB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := db.DB.QueryContext(ctx, query, args...)
	if err != nil && db.s.retryable(ctx, err) {
		rows, err = db.DB.QueryContext(ctx, query, args...)
	}
	return rows, db.s.classify(err)
}

// QueryRowContext runs a one-row read, once more if the connection was lost.
func (db readDB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	row := db.DB.QueryRowContext(ctx, query, args...)
	if err := row.Err(); err != nil && db.s.retryable(ctx, err) {
		row = db.DB.QueryRowContext(ctx, query, args...)
	}
	return row
}

// retryable reports whether a failed read should be tried again: its
// connection was lost and the request still wants an answer.
func (s *Store) retryable(ctx context.Context, err error) bool {
	if ctx.Err() != nil || !connectionLost(err) {
		return false
	}
	s.connLost.Store(time.Now().UnixNano())
	return true
}

// writeDB is the pool writes go through: their failures are classified. A
// write is not tried again by itself, since a lost connection leaves unknown
// whether it was done.
type writeDB struct {
	*sql.DB
	s *Store
}

// ExecContext runs a write.
func (db writeDB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := db.DB.ExecContext(ctx, query, args...)
	return res, db.s.classify(err)
}

// QueryContext runs a write that returns rows (UPDATE … RETURNING).
func (db writeDB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := db.DB.QueryContext(ctx, query, args...)
	return rows, db.s.classify(err)
}

// BeginTx starts a write transaction; beginning is tried once more on a lost
// connection, as nothing has been done yet.
func (db writeDB) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) {
	tx, err := db.DB.BeginTx(ctx, opts)
	if err != nil && db.s.retryable(ctx, err) {
		tx, err = db.DB.BeginTx(ctx, opts)
	}
	return tx, db.s.classify(err)
}
