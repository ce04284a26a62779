package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"masthead/internal/cachekey"
)

// Setting returns the value stored under key, or def when none is.
func (s *Store) Setting(ctx context.Context, key, def string) (string, error) {
	cachekey.Add(ctx, cachekey.Site)
	var v string
	err := s.readQueryRow(ctx, "SELECT value FROM settings WHERE key = $1", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	if err != nil {
		return def, fmt.Errorf("store.Setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting stores value under key, replacing any earlier value.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Site)
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
	if err != nil {
		return fmt.Errorf("store.SetSetting %s: %w", key, err)
	}
	return nil
}

// SettingsWithPrefix returns every setting whose key starts with prefix, in
// one query, for a feature that reads several keys on each page.
func (s *Store) SettingsWithPrefix(ctx context.Context, prefix string) (map[string]string, error) {
	cachekey.Add(ctx, cachekey.Site)
	pattern := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(prefix) + "%"
	rows, err := s.read.QueryContext(ctx, `SELECT key, value FROM settings WHERE key LIKE $1 ESCAPE '\'`, pattern)
	if err != nil {
		return nil, fmt.Errorf("store.SettingsWithPrefix %s: %w", prefix, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("store.SettingsWithPrefix %s: %w", prefix, err)
		}
		if strings.HasPrefix(k, prefix) { // SQLite's LIKE ignores ASCII case
			out[k] = v
		}
	}
	return out, rows.Err()
}
