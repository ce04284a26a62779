package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Snapshot is one consistent view of the whole database, for a backup: every
// table as it stood at one moment, while the site goes on writing.
type Snapshot struct {
	s  *Store
	tx *sql.Tx
	// Tables are the tables to dump, in foreign-key order.
	Tables []Table
	// Migrations are the migrations the snapshot's schema has, in order.
	Migrations []string
}

// Snapshot runs fn with a consistent view of the database. On PostgreSQL it
// is one read-only REPEATABLE READ transaction. On SQLite it is a copy made
// with VACUUM INTO, which holds only a read transaction on the WAL database
// while it writes, so the site goes on serving and writing; the rows are then
// read from that copy, opened read-only, and the copy is removed. It never
// copies a live file.
func (s *Store) Snapshot(ctx context.Context, fn func(*Snapshot) error) error {
	if s.dialect == postgres {
		return s.snapshotFrom(ctx, s.read.DB, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}, fn)
	}
	copyPath, err := s.vacuumInto(ctx)
	if err != nil {
		return fmt.Errorf("store.Snapshot: %w", err)
	}
	defer os.Remove(copyPath)
	// No WAL pragmas: the copy is an ordinary rollback-journal file that
	// nothing else opens, and mode=ro cannot switch its journal mode.
	db, err := sql.Open("sqlite", "file:"+copyPath+"?mode=ro")
	if err != nil {
		return fmt.Errorf("store.Snapshot: %w", err)
	}
	defer db.Close()
	return s.snapshotFrom(ctx, db, &sql.TxOptions{ReadOnly: true}, fn)
}

// vacuumInto writes a consistent copy of the SQLite database to a new file
// beside it (the same filesystem, so a large site does not fill a small
// /tmp), or in os.TempDir when its folder takes no new files, and returns the
// copy's path. The file is removed again if the copy fails.
func (s *Store) vacuumInto(ctx context.Context) (string, error) {
	path := sqlitePath(s.dsn)
	f, err := os.CreateTemp(filepath.Dir(path), ".masthead-snapshot-*.db")
	if err != nil {
		if f, err = os.CreateTemp("", "masthead-snapshot-*.db"); err != nil {
			return "", fmt.Errorf("cannot make a file for the copy: %w", err)
		}
	}
	copyPath := f.Name()
	// VACUUM INTO takes an empty file; the name is only reserved here.
	if err := f.Close(); err != nil {
		os.Remove(copyPath)
		return "", err
	}
	// The read pool is query_only, which refuses VACUUM even INTO another
	// file, and the one write connection would hold up every save for the
	// copy's length; so the copy runs on a connection of its own.
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		os.Remove(copyPath)
		return "", err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", copyPath); err != nil {
		os.Remove(copyPath)
		return "", fmt.Errorf("VACUUM INTO %s: %w", copyPath, err)
	}
	return copyPath, nil
}

// snapshotFrom runs fn in one read-only transaction on db with opts.
func (s *Store) snapshotFrom(ctx context.Context, db *sql.DB, opts *sql.TxOptions, fn func(*Snapshot) error) error {
	tx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store.Snapshot: %w", err)
	}
	defer tx.Rollback()
	sn := &Snapshot{s: s, tx: tx}
	// The first read fixes the snapshot; everything after sees that moment.
	if sn.Migrations, err = strings1(ctx, tx, "SELECT name FROM schema_migrations ORDER BY name"); err != nil {
		return fmt.Errorf("store.Snapshot: the database has no migrations recorded: %w", err)
	}
	if sn.Tables, err = s.catalogue(ctx, tx); err != nil {
		return fmt.Errorf("store.Snapshot: %w", err)
	}
	if err := fn(sn); err != nil {
		return err
	}
	return tx.Commit()
}

// Rows calls fn with each row of t in primary-key order, its values by t's
// column kinds: int64, float64, string, []byte, bool or nil. The slice is
// reused between calls.
func (sn *Snapshot) Rows(ctx context.Context, t Table, fn func(values []any) error) error {
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = quoteName(c.Name)
	}
	order := make([]string, len(t.Key))
	for i, k := range t.Key {
		order[i] = quoteName(k)
		if sn.s.dialect == postgres && t.kindOf(k) == KindText {
			// The same order as SQLite's byte order, so a table dumps to
			// the same bytes from either engine.
			order[i] += ` COLLATE "C"`
		}
	}
	rows, err := sn.tx.QueryContext(ctx, "SELECT "+strings.Join(cols, ", ")+" FROM "+quoteName(t.Name)+
		" ORDER BY "+strings.Join(order, ", "))
	if err != nil {
		return fmt.Errorf("store.Snapshot %s: %w", t.Name, err)
	}
	defer rows.Close()
	raw := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	vals := make([]any, len(cols))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("store.Snapshot %s: %w", t.Name, err)
		}
		for i, c := range t.Columns {
			v, err := normalize(raw[i], c.Kind)
			if err != nil {
				return fmt.Errorf("store.Snapshot %s.%s: %w", t.Name, c.Name, err)
			}
			vals[i] = v
		}
		if err := fn(vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store.Snapshot %s: %w", t.Name, err)
	}
	return nil
}

func (t Table) kindOf(col string) Kind {
	for _, c := range t.Columns {
		if c.Name == col {
			return c.Kind
		}
	}
	return ""
}

// normalize turns a value as a driver returned it into the Go type of kind.
// SQLite keeps whatever type a value was written with, so a number may come
// back in a text column and the other way round.
func normalize(v any, kind Kind) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch kind {
	case KindInt:
		switch x := v.(type) {
		case int64:
			return x, nil
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		case float64:
			if x == float64(int64(x)) {
				return int64(x), nil
			}
		case string:
			if n, err := strconv.ParseInt(x, 10, 64); err == nil {
				return n, nil
			}
		case []byte:
			if n, err := strconv.ParseInt(string(x), 10, 64); err == nil {
				return n, nil
			}
		}
	case KindFloat:
		switch x := v.(type) {
		case float64:
			return x, nil
		case int64:
			return float64(x), nil
		case string:
			if f, err := strconv.ParseFloat(x, 64); err == nil {
				return f, nil
			}
		}
	case KindBool:
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			return x != 0, nil
		}
	case KindText:
		switch x := v.(type) {
		case string:
			return x, nil
		case []byte:
			return string(x), nil
		case int64:
			return strconv.FormatInt(x, 10), nil
		case float64:
			return strconv.FormatFloat(x, 'g', -1, 64), nil
		}
	case KindBlob:
		switch x := v.(type) {
		case []byte:
			return append([]byte(nil), x...), nil
		case string:
			return []byte(x), nil
		}
	}
	return nil, fmt.Errorf("a %T value (%v) in a %s column", v, v, kind)
}

// quoteName quotes an identifier the way both engines read it.
func quoteName(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
