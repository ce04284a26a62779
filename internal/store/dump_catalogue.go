package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// Kind is how a column's values travel in a backup, whatever the engine
// calls its type: the same schema says BIGINT and INTEGER, REAL and DOUBLE
// PRECISION, BLOB and BYTEA on the two engines.
type Kind string

// The kinds a backup can carry.
const (
	KindInt   Kind = "int"
	KindFloat Kind = "float"
	KindText  Kind = "text"
	KindBlob  Kind = "blob"
	KindBool  Kind = "bool"
)

// Column is one column of a table as the database's catalogue describes it.
type Column struct {
	Name string `json:"name"`
	Kind Kind   `json:"kind"`
}

// Table is a table of the schema with its columns in order, its primary key
// (rows are dumped in its order, so two dumps of the same rows are the same
// bytes) and the tables its foreign keys point at.
type Table struct {
	Name    string
	Columns []Column
	Key     []string
	Refs    []string
}

// LeftOut are the tables a backup deliberately does not carry, with why.
// Every other table of the schema is dumped and restored; a test fails when
// a table is neither, so a new feature cannot forget its data.
var LeftOut = map[string]string{
	"schema_migrations": "the backup's manifest lists the migrations; restore runs them",
	"article_search":    "the search index is rebuilt from the articles on restore",
	"node_heartbeats":   "each node's write probe for /readyz: about the machine, not the site",
	"password_resets":   "one-hour, one-time links: a restore must not bring back links already spent or expired",
	"mail_outbox":       "a queue whose unsent mails carry live one-time links, which a backup must not hold",
	// A restored site must not send its past again: the queue starts
	// empty, and the endpoints (backed up) take new events from then on.
	"webhook_events":       "the webhook queue: messages already sent or owed from before the backup",
	"webhook_deliveries":   "the webhook queue: each message's attempts, which a restore must not repeat",
	"article_search_staff": "the newsroom's search index of unpublished articles is rebuilt from the articles on restore",
	// SQLite's tables of a search rebuild in progress (search_language.go).
	nextSearchTable: "a search rebuild's tables: the restore rebuilds the index in the site's language",
	nextStaffTable:  "a search rebuild's tables: the restore rebuilds the index in the site's language",
}

// kindOf maps a declared column type of either engine to its Kind.
func kindOf(declared string) (Kind, bool) {
	t := strings.ToUpper(declared)
	switch {
	case strings.Contains(t, "INT"):
		return KindInt, true
	case strings.Contains(t, "BOOL"):
		return KindBool, true
	case strings.Contains(t, "REAL"), strings.Contains(t, "DOUB"), strings.Contains(t, "FLOA"):
		return KindFloat, true
	case strings.Contains(t, "BLOB"), t == "BYTEA":
		return KindBlob, true
	case strings.Contains(t, "TEXT"), strings.Contains(t, "CHAR"), strings.Contains(t, "CLOB"):
		return KindText, true
	}
	return "", false
}

// Catalogue lists the tables of the database, except LeftOut ones and an
// engine's internal tables (FTS5's shadow tables), in foreign-key order: a
// table comes after every table it references.
func (s *Store) Catalogue(ctx context.Context) ([]Table, error) {
	tables, err := s.catalogue(ctx, s.read)
	if err != nil {
		return nil, fmt.Errorf("store.Catalogue: %w", err)
	}
	return tables, nil
}

func (s *Store) catalogue(ctx context.Context, q querier) ([]Table, error) {
	var names []string
	var err error
	if s.dialect == postgres {
		names, err = strings1(ctx, q, `SELECT c.relname FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`)
	} else {
		// PRAGMA table_list tells FTS5's shadow tables ("shadow") from ours.
		names, err = strings1(ctx, q, `SELECT name FROM pragma_table_list
			WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%'`)
	}
	if err != nil {
		return nil, err
	}
	var tables []Table
	for _, name := range names {
		if _, ok := LeftOut[name]; ok {
			continue
		}
		t, err := s.describe(ctx, q, name)
		if err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	return dependencyOrder(tables)
}

// describe reads one table's columns, primary key and references.
func (s *Store) describe(ctx context.Context, q querier, name string) (Table, error) {
	t := Table{Name: name}
	var rows *sql.Rows
	var err error
	if s.dialect == postgres {
		// pg_attribute and pg_index rather than information_schema, whose
		// views take seconds on a schema of thirty tables.
		rows, err = q.QueryContext(ctx, `SELECT a.attname, format_type(a.atttypid, a.atttypmod),
				COALESCE(array_position(i.indkey::int2[], a.attnum), 0)
			FROM pg_attribute a
			JOIN pg_class c ON c.oid = a.attrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
			LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
			WHERE c.relname = $1 AND a.attnum > 0 AND NOT a.attisdropped
			ORDER BY a.attnum`, name)
	} else {
		rows, err = q.QueryContext(ctx, `SELECT name, type, pk FROM pragma_table_info($1) ORDER BY cid`, name)
	}
	if err != nil {
		return t, err
	}
	defer rows.Close()
	keyPos := map[int]string{}
	for rows.Next() {
		var col, typ string
		var pk int
		if err := rows.Scan(&col, &typ, &pk); err != nil {
			return t, err
		}
		kind, ok := kindOf(typ)
		if !ok {
			return t, fmt.Errorf("column %s.%s has type %s, which a backup cannot carry", name, col, typ)
		}
		t.Columns = append(t.Columns, Column{Name: col, Kind: kind})
		if pk > 0 {
			keyPos[pk] = col
		}
	}
	if err := rows.Err(); err != nil {
		return t, err
	}
	if len(t.Columns) == 0 {
		return t, fmt.Errorf("table %s has no columns the catalogue can read", name)
	}
	for i := 1; i <= len(keyPos); i++ {
		t.Key = append(t.Key, keyPos[i])
	}
	if len(t.Key) == 0 {
		for _, c := range t.Columns {
			t.Key = append(t.Key, c.Name)
		}
	}
	if s.dialect == postgres {
		t.Refs, err = strings1(ctx, q, `SELECT DISTINCT r.relname FROM pg_constraint k
			JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE k.contype = 'f' AND n.nspname = current_schema() AND c.relname = $1`, name)
	} else {
		t.Refs, err = strings1(ctx, q, `SELECT DISTINCT "table" FROM pragma_foreign_key_list($1)`, name)
	}
	return t, err
}

// dependencyOrder sorts tables so each follows the tables it references
// (by name otherwise, so the order is the same on both engines).
func dependencyOrder(tables []Table) ([]Table, error) {
	sort.Slice(tables, func(i, j int) bool { return tables[i].Name < tables[j].Name })
	byName := map[string]bool{}
	for _, t := range tables {
		byName[t.Name] = true
	}
	placed := map[string]bool{}
	var out []Table
	for len(out) < len(tables) {
		progress := false
		for _, t := range tables {
			if placed[t.Name] {
				continue
			}
			ready := true
			for _, r := range t.Refs {
				if r != t.Name && byName[r] && !placed[r] {
					ready = false
				}
			}
			if ready {
				placed[t.Name], progress = true, true
				out = append(out, t)
			}
		}
		if !progress {
			var left []string
			for _, t := range tables {
				if !placed[t.Name] {
					left = append(left, t.Name)
				}
			}
			return nil, fmt.Errorf("the foreign keys of %s reference each other in a cycle; a backup cannot order them", strings.Join(left, ", "))
		}
	}
	return out, nil
}

func strings1(ctx context.Context, q querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
