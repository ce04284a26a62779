package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"masthead/internal/news"
)

const webhookColumns = `id, url, events, secret, old_secret, old_secret_until, enabled, disabled_reason,
	failures, failing_since, created_at`

func scanWebhook(row interface{ Scan(...any) error }) (news.Webhook, error) {
	var w news.Webhook
	var events string
	var until, failingSince, created int64
	var enabled int
	err := row.Scan(&w.ID, &w.URL, &events, &w.Secret, &w.OldSecret, &until, &enabled, &w.DisabledReason,
		&w.Failures, &failingSince, &created)
	w.Events, w.Enabled = strings.Fields(events), enabled == 1
	w.OldSecretUntil, w.FailingSince, w.CreatedAt = fromUnix0(until), fromUnix0(failingSince), time.Unix(created, 0).UTC()
	return w, err
}

// fromUnix0 reads a time kept as Unix seconds where 0 means none.
func fromUnix0(n int64) time.Time {
	return fromUnix(sql.NullInt64{Int64: n, Valid: n != 0})
}

// SaveWebhook stores a new endpoint (ID zero; Secret must be set) or
// changes the address and events of a stored one. The address must already
// be checked (package webhook).
func (s *Store) SaveWebhook(ctx context.Context, w *news.Webhook, by int64) error {
	if err := w.Validate(); err != nil {
		return err
	}
	events := strings.Join(w.Events, " ")
	var err error
	if w.ID == 0 {
		if w.Secret == "" {
			return fmt.Errorf("store.SaveWebhook: a new endpoint needs a secret")
		}
		err = s.write.QueryRowContext(ctx, `INSERT INTO webhook_endpoints (url, events, secret, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, w.URL, events, w.Secret, nullID(by), s.Now().Unix()).Scan(&w.ID)
	} else {
		err = s.updateWebhook(ctx, w.ID, `UPDATE webhook_endpoints SET url = $1, events = $2 WHERE id = $3`, w.URL, events, w.ID)
	}
	if err != nil {
		return fmt.Errorf("store.SaveWebhook: %w", err)
	}
	return nil
}

// updateWebhook runs one UPDATE of an endpoint, ENOTFOUND when it is gone.
func (s *Store) updateWebhook(ctx context.Context, id int64, query string, args ...any) error {
	res, err := s.write.ExecContext(ctx, query, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return news.Errorf(news.ENOTFOUND, "There is no webhook endpoint %d.", id)
	}
	return nil
}

// Webhooks returns every endpoint, oldest first.
func (s *Store) Webhooks(ctx context.Context) ([]news.Webhook, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+webhookColumns+` FROM webhook_endpoints ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store.Webhooks: %w", err)
	}
	defer rows.Close()
	var out []news.Webhook
	for rows.Next() {
		w, err := scanWebhook(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Webhooks: %w", err)
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// Webhook returns one endpoint.
func (s *Store) Webhook(ctx context.Context, id int64) (news.Webhook, error) {
	w, err := scanWebhook(s.read.QueryRowContext(ctx, `SELECT `+webhookColumns+` FROM webhook_endpoints WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return w, news.Errorf(news.ENOTFOUND, "There is no webhook endpoint %d.", id)
	}
	if err != nil {
		return w, fmt.Errorf("store.Webhook: %w", err)
	}
	return w, nil
}

// DeleteWebhook removes an endpoint and its deliveries.
func (s *Store) DeleteWebhook(ctx context.Context, id int64) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		// Deleted first, not left to the cascade: SQLite enforces foreign
		// keys, but a restored or older PostgreSQL schema may not cascade.
		if _, err := tx.ExecContext(ctx, `DELETE FROM webhook_deliveries WHERE endpoint_id = $1`, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM webhook_endpoints WHERE id = $1`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.ENOTFOUND, "There is no webhook endpoint %d.", id)
		}
		return nil
	})
	if err != nil && news.ErrorCode(err) != news.ENOTFOUND {
		return fmt.Errorf("store.DeleteWebhook: %w", err)
	}
	return err
}

// SetWebhookEnabled turns an endpoint on or off. Turning it on forgets its
// failures, so it gets a full new run of attempts.
func (s *Store) SetWebhookEnabled(ctx context.Context, id int64, on bool) error {
	q := `UPDATE webhook_endpoints SET enabled = 0, disabled_reason = '' WHERE id = $1`
	if on {
		q = `UPDATE webhook_endpoints SET enabled = 1, disabled_reason = '', failures = 0, failing_since = 0 WHERE id = $1`
	}
	if err := s.updateWebhook(ctx, id, q, id); err != nil && news.ErrorCode(err) != news.ENOTFOUND {
		return fmt.Errorf("store.SetWebhookEnabled: %w", err)
	} else if err != nil {
		return err
	}
	if on {
		s.wakeWebhooks()
	}
	return nil
}

// RotateWebhookSecret gives an endpoint a new secret; the current one keeps
// signing beside it for grace, so a receiver can change over without
// refusing a message.
func (s *Store) RotateWebhookSecret(ctx context.Context, id int64, secret string, grace time.Duration) error {
	err := s.updateWebhook(ctx, id, `UPDATE webhook_endpoints SET old_secret = secret, old_secret_until = $1, secret = $2
		WHERE id = $3`, s.Now().Add(grace).Unix(), secret, id)
	if err != nil && news.ErrorCode(err) != news.ENOTFOUND {
		return fmt.Errorf("store.RotateWebhookSecret: %w", err)
	}
	return err
}

// DisabledWebhooks returns the endpoints the program turned off because
// they kept failing, for the dashboard.
func (s *Store) DisabledWebhooks(ctx context.Context) ([]news.Webhook, error) {
	all, err := s.Webhooks(ctx)
	if err != nil {
		return nil, err
	}
	var out []news.Webhook
	for _, w := range all {
		if !w.Enabled && w.DisabledReason != "" {
			out = append(out, w)
		}
	}
	return out, nil
}

// WebhookDeliveries returns an endpoint's latest deliveries, newest first.
func (s *Store) WebhookDeliveries(ctx context.Context, endpoint int64, limit int) ([]news.WebhookDelivery, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT d.id, d.endpoint_id, d.event_id, e.msg_id, e.type, d.state,
		d.attempts, d.next_at, d.last_at, d.last_status, d.last_ms, d.last_error, d.created_at
		FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
		WHERE d.endpoint_id = $1 ORDER BY d.id DESC LIMIT $2`, endpoint, limit)
	if err != nil {
		return nil, fmt.Errorf("store.WebhookDeliveries: %w", err)
	}
	defer rows.Close()
	var out []news.WebhookDelivery
	for rows.Next() {
		var d news.WebhookDelivery
		var next, last, ms, created int64
		if err := rows.Scan(&d.ID, &d.EndpointID, &d.EventID, &d.MsgID, &d.Type, &d.State, &d.Attempts,
			&next, &last, &d.LastStatus, &ms, &d.LastError, &created); err != nil {
			return nil, fmt.Errorf("store.WebhookDeliveries: %w", err)
		}
		d.NextAt, d.LastAt, d.CreatedAt = fromUnix0(next), fromUnix0(last), time.Unix(created, 0).UTC()
		d.Duration = time.Duration(ms) * time.Millisecond
		out = append(out, d)
	}
	return out, rows.Err()
}
