package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// RedirectFor returns the target of the first of paths that has a redirect,
// or "" when none has. A redirect found names cachekey.Redirects, so the
// page cache keeps the 301 and any change to the table purges it; a miss
// names nothing, so what follows it (a 404, or the trailing-slash 301 of
// any made-up address) is not kept.
func (s *Store) RedirectFor(ctx context.Context, paths ...string) (string, error) {
	for _, p := range paths {
		var target string
		err := s.readQueryRow(ctx, "SELECT target FROM redirects WHERE path = $1", p).Scan(&target)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("store.RedirectFor: %w", err)
		}
		cachekey.Add(ctx, cachekey.Redirects)
		return target, nil
	}
	return "", nil
}

// AddRedirect stores a redirect the newsroom made; an old address that
// already has one is refused with ECONFLICT, so nothing is overwritten.
func (s *Store) AddRedirect(ctx context.Context, r *news.Redirect) error {
	if err := r.Validate(); err != nil {
		return err
	}
	r.CreatedAt = s.Now()
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Redirects)
		_, err := tx.ExecContext(ctx, `INSERT INTO redirects (path, target, origin, created_at) VALUES ($1, $2, $3, $4)`,
			r.Path, r.Target, r.Origin, r.CreatedAt.Unix())
		return err
	})
	if isUniqueViolation(err) {
		return &news.Error{Code: news.ECONFLICT, Field: "path",
			Message: fmt.Sprintf("The old address %s already redirects somewhere: delete that redirect first.", r.Path)}
	}
	if err != nil {
		return fmt.Errorf("store.AddRedirect: %w", err)
	}
	return nil
}

// DeleteRedirect removes the redirect of an old address; ENOTFOUND when it
// has none.
func (s *Store) DeleteRedirect(ctx context.Context, path string) error {
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Redirects)
		res, err := tx.ExecContext(ctx, "DELETE FROM redirects WHERE path = $1", path)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.ENOTFOUND, "There is no redirect from %s.", path)
		}
		return nil
	})
	if err != nil && news.ErrorCode(err) == news.EINTERNAL {
		return fmt.Errorf("store.DeleteRedirect: %w", err)
	}
	return err
}

// RedirectPage is one page of the redirect list and how many match in all.
type RedirectPage struct {
	Redirects []news.Redirect
	Total     int
}

// Redirects lists the redirects whose old or new address contains q (any
// case), newest first.
func (s *Store) Redirects(ctx context.Context, q string, limit, offset int) (RedirectPage, error) {
	var page RedirectPage
	pattern := "%" + likeEscaper.Replace(strings.ToLower(q)) + "%"
	where := ` FROM redirects WHERE LOWER(path) LIKE $1 ESCAPE '\' OR LOWER(target) LIKE $1 ESCAPE '\'`
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*)"+where, pattern).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("store.Redirects: %w", err)
	}
	args := []any{pattern}
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	rows, err := s.read.QueryContext(ctx, "SELECT path, target, origin, created_at"+where+
		" ORDER BY created_at DESC, path"+s.limit(limit, offset, arg), args...)
	if err != nil {
		return page, fmt.Errorf("store.Redirects: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r news.Redirect
		var at int64
		if err := rows.Scan(&r.Path, &r.Target, &r.Origin, &at); err != nil {
			return page, fmt.Errorf("store.Redirects: %w", err)
		}
		r.CreatedAt = fromUnix(sql.NullInt64{Int64: at, Valid: true})
		page.Redirects = append(page.Redirects, r)
	}
	return page, rows.Err()
}

// RedirectCounts are what an import's redirects did: new old addresses,
// ones an earlier import sent elsewhere, and ones already as they are (or
// the newsroom's own, which an import never replaces).
type RedirectCounts struct {
	New, Updated, Unchanged int
}

func (c *RedirectCounts) add(o RedirectCounts) {
	c.New += o.New
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
}

// importRedirects writes an import's redirects in tx, replacing those an
// earlier import made for the same old addresses but never one the
// newsroom made by hand, and counts what it did.
func (s *Store) importRedirects(ctx context.Context, tx *sql.Tx, list []news.Redirect) (RedirectCounts, error) {
	var c RedirectCounts
	now := s.Now().Unix()
	for i := range list {
		r := &list[i]
		r.Origin = news.RedirectFromWordPress
		if err := r.Validate(); err != nil {
			return c, fmt.Errorf("redirect from %q: %w", r.Path, err)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO redirects (path, target, origin, created_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (path) DO NOTHING`, r.Path, r.Target, r.Origin, now)
		if err != nil {
			return c, err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			c.New++
			continue
		}
		res, err = tx.ExecContext(ctx, `UPDATE redirects SET target = $1
			WHERE path = $2 AND origin = 'wordpress' AND target <> $1`, r.Target, r.Path)
		if err != nil {
			return c, err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			c.Updated++
		} else {
			c.Unchanged++
		}
	}
	return c, nil
}
