package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"masthead/internal/news"
)

// Audit appends an entry to the audit log, stamped now.
func (s *Store) Audit(ctx context.Context, e news.AuditEntry) error {
	if err := s.auditIn(ctx, s.write, e); err != nil {
		return fmt.Errorf("store.Audit: %w", err)
	}
	return nil
}

// auditIn appends an entry to the audit log through db, which may be the
// transaction of the change it records, so that the change and its entry
// are saved together or not at all.
func (s *Store) auditIn(ctx context.Context, db interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, e news.AuditEntry) error {
	var user sql.NullInt64
	if e.UserID != 0 {
		user = sql.NullInt64{Int64: e.UserID, Valid: true}
	}
	_, err := db.ExecContext(ctx, `INSERT INTO audit_log (at, user_id, email, action, subject, detail, address)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, s.Now().Unix(), user, news.NormalizeEmail(e.Email), e.Action,
		e.Subject, e.Detail, e.Address)
	return err
}

// AuditLog returns a page of the audit log, newest first.
func (s *Store) AuditLog(ctx context.Context, limit, offset int) ([]news.AuditEntry, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT l.at, COALESCE(l.user_id, 0), l.email, COALESCE(u.name, ''),
		l.action, l.subject, l.detail, l.address
		FROM audit_log l LEFT JOIN users u ON u.id = l.user_id ORDER BY l.at DESC, l.id DESC LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("store.AuditLog: %w", err)
	}
	defer rows.Close()
	var out []news.AuditEntry
	for rows.Next() {
		var e news.AuditEntry
		var at int64
		if err := rows.Scan(&at, &e.UserID, &e.Email, &e.Name, &e.Action, &e.Subject, &e.Detail, &e.Address); err != nil {
			return nil, fmt.Errorf("store.AuditLog: %w", err)
		}
		e.At = time.Unix(at, 0).UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// SignInFailures counts the failed sign-ins since a time for an address and
// from a network address: the sign-in rate limits read them, so they hold
// across every node.
func (s *Store) SignInFailures(ctx context.Context, email, address string, since time.Time) (byEmail, byAddress int, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM audit_log WHERE action = 'signin.failed' AND email = $1 AND at >= $3),
		(SELECT COUNT(*) FROM audit_log WHERE action = 'signin.failed' AND address = $2 AND at >= $3)`,
		news.NormalizeEmail(email), address, since.Unix()).Scan(&byEmail, &byAddress)
	if err != nil {
		return 0, 0, fmt.Errorf("store.SignInFailures: %w", err)
	}
	return byEmail, byAddress, nil
}

// ActionCount counts the audit log's entries of an action since a time for
// an address and from a network address, for the limits that hold across
// every node (password reset requests).
func (s *Store) ActionCount(ctx context.Context, action, email, address string, since time.Time) (byEmail, byAddress int, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM audit_log WHERE action = $1 AND email = $2 AND at >= $4),
		(SELECT COUNT(*) FROM audit_log WHERE action = $1 AND address = $3 AND at >= $4)`,
		action, news.NormalizeEmail(email), address, since.Unix()).Scan(&byEmail, &byAddress)
	if err != nil {
		return 0, 0, fmt.Errorf("store.ActionCount: %w", err)
	}
	return byEmail, byAddress, nil
}
