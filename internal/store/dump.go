package store

import (
	"context"
	"database/sql"
	"fmt"
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
// is one read-only REPEATABLE READ transaction; on SQLite one read
// transaction on the WAL database, which sees the file as it was at its first
// read however long it lasts, without blocking the writer. It never copies a
// live file.
func (s *Store) Snapshot(ctx context.Context, fn func(*Snapshot) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if s.dialect == postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := s.read.BeginTx(ctx, opts)
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
