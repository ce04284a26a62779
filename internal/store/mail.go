package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Mail is one message in the outbox.
type Mail struct {
	ID        int64
	Kind      string // invite, reset, notice
	To        string
	Subject   string
	Body      string // emptied once sent: it may hold a one-time link
	CreatedAt time.Time
	NextAt    time.Time // when the next attempt is due
	Attempts  int
	LastError string
	SentAt    time.Time
	GivenUpAt time.Time
}

// mailClaim is how long a node holds a mail it is sending: longer than any
// one attempt may take (mail.sendTimeout), so no other node sends it too.
const mailClaim = 3 * time.Minute

// queueMail writes m to the outbox inside tx, so the mail exists exactly
// when what caused it was saved.
func (s *Store) queueMail(ctx context.Context, tx *sql.Tx, m Mail) error {
	if m.To == "" || strings.ContainsAny(m.To+m.Subject, "\r\n") {
		return fmt.Errorf("store.queueMail: bad address or subject %q", m.To)
	}
	now := s.Now().Unix()
	_, err := tx.ExecContext(ctx, `INSERT INTO mail_outbox (kind, to_addr, subject, body, created_at, next_at)
		VALUES ($1, $2, $3, $4, $5, $5)`, m.Kind, m.To, m.Subject, m.Body, now)
	return err
}

// QueueMail writes a mail to the outbox on its own.
func (s *Store) QueueMail(ctx context.Context, m Mail) error {
	err := s.tx(ctx, func(tx *sql.Tx) error { return s.queueMail(ctx, tx, m) })
	if err != nil {
		return fmt.Errorf("store.QueueMail: %w", err)
	}
	return nil
}

// ClaimMail takes up to n due mails for this node to send. A claim lasts
// mailClaim; rows another node holds, or locks at this moment, are skipped.
func (s *Store) ClaimMail(ctx context.Context, n int) ([]Mail, error) {
	now := s.Now()
	skipLocked := ""
	if s.dialect == postgres {
		skipLocked = " FOR UPDATE SKIP LOCKED"
	}
	rows, err := s.write.QueryContext(ctx, `UPDATE mail_outbox SET claimed_by = $1, claimed_until = $2
		WHERE id IN (SELECT id FROM mail_outbox WHERE sent_at IS NULL AND given_up_at IS NULL AND next_at <= $3
			AND claimed_until < $3 ORDER BY next_at, id LIMIT $4`+skipLocked+`)
		RETURNING id, kind, to_addr, subject, body, created_at, attempts`,
		s.changes.node, now.Add(mailClaim).Unix(), now.Unix(), n)
	if err != nil {
		return nil, fmt.Errorf("store.ClaimMail: %w", err)
	}
	defer rows.Close()
	var out []Mail
	for rows.Next() {
		var m Mail
		var created int64
		if err := rows.Scan(&m.ID, &m.Kind, &m.To, &m.Subject, &m.Body, &created, &m.Attempts); err != nil {
			return nil, fmt.Errorf("store.ClaimMail: %w", err)
		}
		m.CreatedAt = time.Unix(created, 0).UTC()
		out = append(out, m)
	}
	return out, rows.Err()
}

// MailSent records that a claimed mail went out, and forgets its body. It
// reports false when this node's claim had lapsed and another node took
// the mail over (then that node records the outcome).
func (s *Store) MailSent(ctx context.Context, id int64) (bool, error) {
	res, err := s.write.ExecContext(ctx, `UPDATE mail_outbox SET sent_at = $1, body = '', attempts = attempts + 1,
		last_error = '', claimed_until = 0 WHERE id = $2 AND claimed_by = $3 AND sent_at IS NULL`, s.Now().Unix(), id, s.changes.node)
	if err != nil {
		return false, fmt.Errorf("store.MailSent: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// MailFailed records a failed attempt: the mail is tried again after
// retry, or, when the server refused it for good, never again.
func (s *Store) MailFailed(ctx context.Context, id int64, why string, retry time.Duration, forGood bool) error {
	now := s.Now()
	var gaveUp sql.NullInt64
	if forGood {
		gaveUp = sql.NullInt64{Int64: now.Unix(), Valid: true}
	}
	if len(why) > 500 {
		why = why[:500]
	}
	_, err := s.write.ExecContext(ctx, `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, next_at = $2,
		given_up_at = $3, claimed_until = 0 WHERE id = $4 AND claimed_by = $5 AND sent_at IS NULL`,
		why, now.Add(retry).Unix(), gaveUp, id, s.changes.node)
	if err != nil {
		return fmt.Errorf("store.MailFailed: %w", err)
	}
	return nil
}

// MailLog returns the outbox, newest first, for the admins' log.
func (s *Store) MailLog(ctx context.Context, limit, offset int) ([]Mail, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, kind, to_addr, subject, body, created_at, next_at, attempts,
		last_error, sent_at, given_up_at FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("store.MailLog: %w", err)
	}
	defer rows.Close()
	var out []Mail
	for rows.Next() {
		var m Mail
		var created, next int64
		var sent, gaveUp sql.NullInt64
		if err := rows.Scan(&m.ID, &m.Kind, &m.To, &m.Subject, &m.Body, &created, &next, &m.Attempts,
			&m.LastError, &sent, &gaveUp); err != nil {
			return nil, fmt.Errorf("store.MailLog: %w", err)
		}
		m.CreatedAt, m.NextAt = time.Unix(created, 0).UTC(), time.Unix(next, 0).UTC()
		m.SentAt, m.GivenUpAt = fromUnix(sent), fromUnix(gaveUp)
		out = append(out, m)
	}
	return out, rows.Err()
}

// queueNotices queues mails to the owner of userID's account inside tx, the
// transaction of the change they tell of.
func (s *Store) queueNotices(ctx context.Context, tx *sql.Tx, userID int64, notices []Mail) error {
	if len(notices) == 0 {
		return nil
	}
	var to string
	if err := tx.QueryRowContext(ctx, `SELECT email FROM users WHERE id = $1`, userID).Scan(&to); err != nil {
		return err
	}
	for _, m := range notices {
		m.To = to
		if m.Kind == "" {
			m.Kind = "notice"
		}
		if err := s.queueMail(ctx, tx, m); err != nil {
			return err
		}
	}
	return nil
}
