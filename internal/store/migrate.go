package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrate applies, in name order, every embedded migration that the database
// has not recorded yet. Each runs in its own transaction with its record, so a
// failed migration leaves nothing half-done. On PostgreSQL an advisory lock
// keeps two nodes starting together from running the same migration twice.
func (s *Store) Migrate(ctx context.Context) error {
	return s.migrate(ctx, func(string) bool { return true })
}

// MigrateOnly applies the embedded migrations that want accepts and the
// database lacks. A restore uses it to build the schema a backup was taken
// with, loads the rows, and then runs Migrate for the rest.
func (s *Store) MigrateOnly(ctx context.Context, want func(name string) bool) error {
	return s.migrate(ctx, want)
}

// KnownMigrations returns the names of the migrations this build carries, in
// the order they run; the last is the newest schema it knows.
func KnownMigrations() []string {
	paths, _ := fs.Glob(migrations, "migrations/*.sql")
	sort.Strings(paths)
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = strings.TrimSuffix(strings.TrimPrefix(p, "migrations/"), ".sql")
	}
	return names
}

// AppliedMigrations returns the migrations the database has recorded, in
// order, or none for a database never migrated.
func (s *Store) AppliedMigrations(ctx context.Context) ([]string, error) {
	names, err := strings1(ctx, s.write, "SELECT name FROM schema_migrations ORDER BY name")
	if err != nil {
		if ok, _ := s.tableExists(ctx, "schema_migrations"); !ok {
			return nil, nil
		}
		return nil, fmt.Errorf("store.AppliedMigrations: %w", err)
	}
	return names, nil
}

func (s *Store) tableExists(ctx context.Context, name string) (bool, error) {
	q := "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1"
	if s.dialect == postgres {
		q = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1"
	}
	var n int
	err := s.write.QueryRowContext(ctx, q, name).Scan(&n)
	return n > 0, err
}

func (s *Store) migrate(ctx context.Context, want func(string) bool) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("store.Migrate: %w", err)
	}
	sort.Strings(names)
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store.Migrate: %w", err)
	}
	defer conn.Close()
	if s.dialect == postgres {
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(7163001)"); err != nil {
			return fmt.Errorf("store.Migrate: lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(7163001)")
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("store.Migrate: %w", err)
	}
	for _, path := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(path, "migrations/"), ".sql")
		if !want(name) {
			continue
		}
		var seen int
		err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations WHERE name = $1", name).Scan(&seen)
		if err != nil {
			return fmt.Errorf("store.Migrate: %w", err)
		}
		if seen > 0 {
			continue
		}
		body, err := migrations.ReadFile(path)
		if err != nil {
			return fmt.Errorf("store.Migrate: %w", err)
		}
		if err := s.applyMigration(ctx, conn, name, string(body)); err != nil {
			return fmt.Errorf("store.Migrate %s: %w", name, err)
		}
	}
	return nil
}

func (s *Store) applyMigration(ctx context.Context, conn *sql.Conn, name, body string) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, stmt := range splitStatements(s.dialect.schema(s.dialect.ownStatements(body))) {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%w\n%s", err, stmt)
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)",
		name, s.Now().Unix()); err != nil {
		return err
	}
	return tx.Commit()
}

// splitStatements cuts a migration at the semicolons that end a line. Our
// migrations hold no semicolons inside strings, so nothing subtler is needed.
func splitStatements(body string) []string {
	var out []string
	for _, part := range strings.Split(body, ";\n") {
		var lines []string
		for _, line := range strings.Split(part, "\n") {
			if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "--") {
				lines = append(lines, line)
			}
		}
		if stmt := strings.TrimSpace(strings.TrimSuffix(strings.Join(lines, "\n"), ";")); stmt != "" {
			out = append(out, stmt)
		}
	}
	return out
}
