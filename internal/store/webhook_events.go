package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"masthead/internal/news"
)

// Events are written by the transaction that makes the change they announce
// (saveArticleTx, changeNotes, FinishAssetWork), together with a delivery
// to every enabled endpoint subscribed to them: once the change is
// committed its deliveries are too, whatever happens to the node after.

// EventData is what an event says of its subject. URL and APIURL are paths
// on the site; the delivering node makes them absolute with its base URL.
// It never carries a draft's text or anyone's e-mail address.
type EventData struct {
	ID       int64  `json:"id"`
	Headline string `json:"headline,omitempty"`
	URL      string `json:"url,omitempty"`
	APIURL   string `json:"api_url,omitempty"`
	// For media.ready: the picture's type, size and alt text.
	Type   string `json:"type,omitempty"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
	Alt    string `json:"alt,omitempty"`
	// For correction.added: the correction's words.
	Correction string `json:"correction,omitempty"`
}

// articleEvent names the event a save from state before to after makes, if
// any: going public, changes going live on a public article, coming down.
func articleEvent(before, after publicState) string {
	switch {
	case after.published && !before.published:
		return news.EventPublished
	case after.published:
		return news.EventUpdated
	case before.published:
		return news.EventUnpublished
	}
	return ""
}

// articleEventData describes article a for an event, reading its section's
// slug in tx for its canonical path.
func articleEventData(ctx context.Context, tx *sql.Tx, a news.Article) (EventData, error) {
	if a.Section.Slug == "" {
		if err := tx.QueryRowContext(ctx, `SELECT slug FROM sections WHERE id = $1`, a.Section.ID).Scan(&a.Section.Slug); err != nil {
			return EventData{}, err
		}
	}
	return EventData{ID: a.ID, Headline: a.Headline, URL: a.URL(),
		APIURL: "/api/v1/articles/" + strconv.FormatInt(a.ID, 10)}, nil
}

// queueEvent writes an event of type typ and a delivery to each enabled
// endpoint subscribed to it, in tx. With no such endpoint it writes nothing.
func (s *Store) queueEvent(ctx context.Context, tx *sql.Tx, ch *changes, typ string, data EventData) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, events FROM webhook_endpoints WHERE enabled = 1 ORDER BY id`)
	if err != nil {
		return err
	}
	var to []int64
	for rows.Next() {
		var id int64
		var events string
		if err := rows.Scan(&id, &events); err != nil {
			rows.Close()
			return err
		}
		if slices.Contains(strings.Fields(events), typ) {
			to = append(to, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(to) == 0 {
		return err
	}
	event, err := s.insertEvent(ctx, tx, typ, data)
	if err != nil {
		return err
	}
	for _, endpoint := range to {
		if _, err := s.insertDelivery(ctx, tx, event, endpoint); err != nil {
			return err
		}
	}
	ch.webhooks = true
	return nil
}

func (s *Store) insertEvent(ctx context.Context, tx *sql.Tx, typ string, data EventData) (int64, error) {
	payload, err := json.Marshal(data)
	if err != nil {
		return 0, err
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO webhook_events (msg_id, type, payload, created_at)
		VALUES ($1, $2, $3, $4) RETURNING id`, newMsgID(), typ, string(payload), s.Now().Unix()).Scan(&id)
	return id, err
}

func (s *Store) insertDelivery(ctx context.Context, tx *sql.Tx, event, endpoint int64) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO webhook_deliveries (event_id, endpoint_id, next_at, created_at)
		VALUES ($1, $2, $3, $3) RETURNING id`, event, endpoint, s.Now().Unix()).Scan(&id)
	return id, err
}

// newMsgID makes a message id in the form the Standard Webhooks examples
// use: msg_ and random letters, unique across nodes without asking the
// database.
func newMsgID() string {
	var b [15]byte
	_, _ = rand.Read(b[:])
	return "msg_" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
}

// wakeWebhooks tells this node's webhook worker that deliveries are due.
func (s *Store) wakeWebhooks() {
	select {
	case s.webhookWake <- struct{}{}:
	default:
	}
}

// WebhooksQueued receives a value when a transaction on this node has
// queued webhook deliveries; other nodes find them by polling.
func (s *Store) WebhooksQueued() <-chan struct{} { return s.webhookWake }

// SendTestEvent queues a webhook.test event for one endpoint, whatever it
// subscribes to, and returns its message id.
func (s *Store) SendTestEvent(ctx context.Context, endpoint int64) (string, error) {
	var msg string
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		if err := endpointExists(ctx, tx, endpoint); err != nil {
			return err
		}
		event, err := s.insertEvent(ctx, tx, news.EventTest, EventData{ID: endpoint})
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT msg_id FROM webhook_events WHERE id = $1`, event).Scan(&msg); err != nil {
			return err
		}
		ch.webhooks = true
		_, err = s.insertDelivery(ctx, tx, event, endpoint)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("store.SendTestEvent: %w", err)
	}
	return msg, nil
}

// ResendDelivery queues the event of a delivery to its endpoint again, as a
// new delivery with the same message id, so a receiver that kept it can
// tell it is the same message. It returns the new delivery's id.
func (s *Store) ResendDelivery(ctx context.Context, endpoint, delivery int64) (int64, error) {
	var id int64
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		var event int64
		err := tx.QueryRowContext(ctx, `SELECT event_id FROM webhook_deliveries WHERE id = $1 AND endpoint_id = $2`,
			delivery, endpoint).Scan(&event)
		if err == sql.ErrNoRows {
			return news.Errorf(news.ENOTFOUND, "There is no delivery %d to this endpoint.", delivery)
		}
		if err != nil {
			return err
		}
		ch.webhooks = true
		id, err = s.insertDelivery(ctx, tx, event, endpoint)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store.ResendDelivery: %w", err)
	}
	return id, nil
}

func endpointExists(ctx context.Context, tx *sql.Tx, id int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM webhook_endpoints WHERE id = $1`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return news.Errorf(news.ENOTFOUND, "There is no webhook endpoint %d.", id)
	}
	return nil
}
