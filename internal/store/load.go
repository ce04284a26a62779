package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"masthead/internal/news"
)

// Loader writes a backup's rows into the database, all in one transaction:
// a restore that fails part way leaves the database as it was.
type Loader struct {
	s  *Store
	tx *sql.Tx
	// Tables are the database's own tables, in foreign-key order.
	Tables []Table
}

// Load runs fn in one write transaction with a Loader, then sets every
// auto-numbered key past the ids restored and commits. Without replace it
// refuses (ECONFLICT, naming the table) a database that already holds rows;
// with replace it first deletes every row of every table, the search index
// too.
func (s *Store) Load(ctx context.Context, replace bool, fn func(*Loader) error) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		tables, err := s.catalogue(ctx, tx)
		if err != nil {
			return err
		}
		l := &Loader{s: s, tx: tx, Tables: tables}
		if replace {
			for i := len(tables) - 1; i >= 0; i-- {
				if _, err := tx.ExecContext(ctx, "DELETE FROM "+quoteName(tables[i].Name)); err != nil {
					return fmt.Errorf("emptying %s: %w", tables[i].Name, err)
				}
			}
			for _, index := range []string{"article_search", "article_search_staff"} {
				if _, err := tx.ExecContext(ctx, "DELETE FROM "+index); err != nil {
					return fmt.Errorf("emptying the search index: %w", err)
				}
			}
		} else {
			for _, t := range tables {
				var one int
				err := tx.QueryRowContext(ctx, "SELECT 1 FROM "+quoteName(t.Name)+" LIMIT 1").Scan(&one)
				if err == nil {
					return news.Errorf(news.ECONFLICT, "the database already holds a site (table %s has rows); restore into an empty database, or give --replace to overwrite it", t.Name)
				}
				if err != sql.ErrNoRows {
					return err
				}
			}
		}
		if err := fn(l); err != nil {
			return err
		}
		return s.resetSequences(ctx, tx, tables)
	})
	if err != nil {
		return fmt.Errorf("store.Load: %w", err)
	}
	return nil
}

// Table returns the database's table of that name.
func (l *Loader) Table(name string) (Table, bool) {
	for _, t := range l.Tables {
		if t.Name == name {
			return t, true
		}
	}
	return Table{}, false
}

// Insert writes rows into the table, each row's values in the order of cols
// and of the Go type of each column's kind (see Snapshot.Rows).
func (l *Loader) Insert(ctx context.Context, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	t, ok := l.Table(table)
	if !ok {
		return fmt.Errorf("store.Load: the database has no table %s", table)
	}
	quoted := make([]string, len(cols))
	kinds := make([]Kind, len(cols))
	for i, c := range cols {
		quoted[i] = quoteName(c)
		if kinds[i] = t.kindOf(c); kinds[i] == "" {
			return fmt.Errorf("store.Load: the database has no column %s.%s", table, c)
		}
	}
	head := "INSERT INTO " + quoteName(table) + " (" + strings.Join(quoted, ", ") + ") VALUES "
	// Both engines take tens of thousands of parameters a statement; a few
	// hundred rows at a time is most of the speed.
	per := max(1, min(500, 30000/len(cols)))
	var b strings.Builder
	args := make([]any, 0, per*len(cols))
	for start := 0; start < len(rows); start += per {
		batch := rows[start:min(start+per, len(rows))]
		b.Reset()
		b.WriteString(head)
		args = args[:0]
		for i, row := range batch {
			if len(row) != len(cols) {
				return fmt.Errorf("store.Load %s: a row has %d values for %d columns", table, len(row), len(cols))
			}
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j, v := range row {
				if j > 0 {
					b.WriteString(", ")
				}
				args = append(args, l.s.dialect.value(v, kinds[j]))
				fmt.Fprintf(&b, "$%d", len(args))
			}
			b.WriteByte(')')
		}
		if _, err := l.tx.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("store.Load %s: %w", table, err)
		}
	}
	return nil
}

// value is v as the engine stores a column of kind: SQLite has no booleans.
func (d dialect) value(v any, kind Kind) any {
	if b, ok := v.(bool); ok && d == sqlite {
		if b {
			return int64(1)
		}
		return int64(0)
	}
	return v
}

// RequeueRenditions marks every picture's renditions as still to be made,
// for a restore that brought the originals but not the renditions' files:
// the media worker makes them again.
func (l *Loader) RequeueRenditions(ctx context.Context) error {
	_, err := l.tx.ExecContext(ctx, `UPDATE media_assets SET state = 'pending', claimed_by = '',
		claimed_until = 0, attempts = 0, error = ''`)
	if err != nil {
		return fmt.Errorf("store.RequeueRenditions: %w", err)
	}
	return nil
}

// resetSequences sets PostgreSQL's identity and serial sequences past the
// largest id of each table, so the next article after a restore does not
// collide with a restored one. SQLite numbers from the largest rowid itself.
func (s *Store) resetSequences(ctx context.Context, tx *sql.Tx, tables []Table) error {
	if s.dialect != postgres {
		return nil
	}
	for _, t := range tables {
		for _, c := range t.Columns {
			if c.Kind != KindInt {
				continue
			}
			var seq sql.NullString
			if err := tx.QueryRowContext(ctx, "SELECT pg_get_serial_sequence($1, $2)", quoteName(t.Name), c.Name).Scan(&seq); err != nil {
				return fmt.Errorf("sequence of %s.%s: %w", t.Name, c.Name, err)
			}
			if !seq.Valid {
				continue
			}
			_, err := tx.ExecContext(ctx, "SELECT setval($1, COALESCE(MAX("+quoteName(c.Name)+"), 0) + 1, false) FROM "+quoteName(t.Name), seq.String)
			if err != nil {
				return fmt.Errorf("sequence of %s.%s: %w", t.Name, c.Name, err)
			}
		}
	}
	return nil
}

// RowCounts counts the rows of every table the catalogue lists.
func (s *Store) RowCounts(ctx context.Context) (map[string]int64, error) {
	tables, err := s.Catalogue(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, t := range tables {
		var n int64
		if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+quoteName(t.Name)).Scan(&n); err != nil {
			return nil, fmt.Errorf("store.RowCounts %s: %w", t.Name, err)
		}
		out[t.Name] = n
	}
	return out, nil
}
