package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"masthead/internal/news"
)

// DeliveryWork is a delivery a worker has claimed: the message to send and
// the endpoint to send it to.
type DeliveryWork struct {
	Delivery news.WebhookDelivery
	Endpoint news.Webhook
	// Payload is the event's data as stored (EventData in JSON).
	Payload string
}

// ClaimDeliveries claims up to n due deliveries to enabled endpoints for
// lease. Like RunDueJobs the claim is one conditional UPDATE (with SKIP
// LOCKED on PostgreSQL), so two nodes never hold the same delivery, and a
// node that dies leaves its claims to be taken again when they run out.
func (s *Store) ClaimDeliveries(ctx context.Context, worker string, lease time.Duration, n int) ([]DeliveryWork, error) {
	now := s.Now()
	skipLocked := ""
	if s.dialect == postgres {
		skipLocked = " FOR UPDATE OF d SKIP LOCKED"
	}
	rows, err := s.write.QueryContext(ctx, `UPDATE webhook_deliveries SET claimed_by = $1, claimed_until = $2
		WHERE state = 'pending' AND claimed_until < $3 AND id IN (SELECT d.id FROM webhook_deliveries d
			JOIN webhook_endpoints w ON w.id = d.endpoint_id
			WHERE d.state = 'pending' AND d.next_at <= $3 AND d.claimed_until < $3 AND w.enabled = 1
			ORDER BY d.next_at, d.id LIMIT $4`+skipLocked+`)
		RETURNING id`, worker, now.Add(lease).Unix(), now.Unix(), n)
	if err != nil {
		return nil, fmt.Errorf("store.ClaimDeliveries: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store.ClaimDeliveries: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store.ClaimDeliveries: %w", err)
	}
	out := make([]DeliveryWork, 0, len(ids))
	for _, id := range ids {
		w, err := s.deliveryWork(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("store.ClaimDeliveries: %w", err)
		}
		out = append(out, w)
	}
	return out, nil
}

func (s *Store) deliveryWork(ctx context.Context, id int64) (DeliveryWork, error) {
	var w DeliveryWork
	d := &w.Delivery
	var created int64
	err := s.write.QueryRowContext(ctx, `SELECT d.id, d.endpoint_id, d.event_id, e.msg_id, e.type, d.attempts,
		e.created_at, e.payload FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE d.id = $1`, id).
		Scan(&d.ID, &d.EndpointID, &d.EventID, &d.MsgID, &d.Type, &d.Attempts, &created, &w.Payload)
	if err != nil {
		return w, err
	}
	d.CreatedAt, d.State = time.Unix(created, 0).UTC(), news.DeliveryPending
	w.Endpoint, err = scanWebhook(s.write.QueryRowContext(ctx, `SELECT `+webhookColumns+` FROM webhook_endpoints WHERE id = $1`, d.EndpointID))
	return w, err
}

// Attempt is the outcome of one try at a delivery.
type Attempt struct {
	OK       bool
	Status   int // the receiver's HTTP status, 0 when none came
	Duration time.Duration
	Error    string
}

// RetryPolicy says when a failed delivery is tried again and when the
// program gives up on it, and on its endpoint.
type RetryPolicy struct {
	// Backoff is the wait after the attempt-th failed attempt.
	Backoff func(attempt int) time.Duration
	// GiveUp is how long after the event a delivery is last tried.
	GiveUp time.Duration
	// DisableAfter failed attempts in a row, or failures for GiveUp,
	// turn the endpoint off.
	DisableAfter int
}

// FinishDelivery records an attempt at a delivery the worker still holds:
// delivered, to be retried after the policy's backoff, or failed for good
// once GiveUp has passed. It keeps the endpoint's run of failures, turns an
// endpoint that keeps failing off, says so in the audit log, and reports
// it with disabled. ErrWorkLost means the claim was no longer the worker's
// and nothing was written.
func (s *Store) FinishDelivery(ctx context.Context, w DeliveryWork, worker string, a Attempt, p RetryPolicy) (disabled bool, err error) {
	now := s.Now()
	d := w.Delivery
	state, next := news.DeliveryDelivered, now
	if !a.OK {
		state, next = news.DeliveryPending, now.Add(p.Backoff(d.Attempts+1))
		if next.After(d.CreatedAt.Add(p.GiveUp)) {
			state = news.DeliveryFailed
		}
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE webhook_deliveries SET state = $1, next_at = $2, attempts = attempts + 1,
			last_at = $3, last_status = $4, last_ms = $5, last_error = $6, claimed_by = '', claimed_until = 0
			WHERE id = $7 AND claimed_by = $8 AND state = 'pending'`,
			state, next.Unix(), now.Unix(), a.Status, a.Duration.Milliseconds(), a.Error, d.ID, worker)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrWorkLost
		}
		if a.OK {
			_, err := tx.ExecContext(ctx, `UPDATE webhook_endpoints SET failures = 0, failing_since = 0 WHERE id = $1`, d.EndpointID)
			return err
		}
		var failures int
		var since int64
		err = tx.QueryRowContext(ctx, `UPDATE webhook_endpoints SET failures = failures + 1,
			failing_since = CASE WHEN failing_since = 0 THEN $1 ELSE failing_since END
			WHERE id = $2 RETURNING failures, failing_since`, now.Unix(), d.EndpointID).Scan(&failures, &since)
		if err == sql.ErrNoRows {
			return nil // deleted meanwhile
		}
		if err != nil || (failures < p.DisableAfter && now.Unix()-since < int64(p.GiveUp/time.Second)) {
			return err
		}
		why := fmt.Sprintf("Turned off after %d failed attempts in a row since %s; the last: %s.",
			failures, time.Unix(since, 0).UTC().Format(time.RFC3339), attemptSummary(a))
		res, err = tx.ExecContext(ctx, `UPDATE webhook_endpoints SET enabled = 0, disabled_reason = $1 WHERE id = $2 AND enabled = 1`,
			why, d.EndpointID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		disabled = true
		_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (at, user_id, email, action, subject, detail, address)
			VALUES ($1, NULL, '', 'webhook.disabled', $2, $3, '')`, now.Unix(), "webhook:"+strconv.FormatInt(d.EndpointID, 10)+" "+w.Endpoint.URL, why)
		return err
	})
	if err != nil && err != ErrWorkLost {
		return false, fmt.Errorf("store.FinishDelivery: %w", err)
	}
	return disabled, err
}

func attemptSummary(a Attempt) string {
	if a.Status != 0 {
		return "HTTP " + strconv.Itoa(a.Status)
	}
	return a.Error
}

// PruneWebhooks forgets deliveries that ended (delivered or failed) before
// since, and the events left with no delivery, so the queue does not grow
// with the site's age. It returns how many deliveries it removed.
func (s *Store) PruneWebhooks(ctx context.Context, since time.Time) (int64, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM webhook_deliveries WHERE state <> 'pending' AND last_at < $1`, since.Unix())
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		_, err = tx.ExecContext(ctx, `DELETE FROM webhook_events WHERE created_at < $1
			AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = webhook_events.id)`, since.Unix())
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store.PruneWebhooks: %w", err)
	}
	return n, nil
}
