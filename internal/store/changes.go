package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"masthead/internal/cachekey"
)

// Every write that changes what a reader can see names the cache keys it
// touches (see package cachekey). The writing node tells its own subscribers
// once the transaction commits; on PostgreSQL the same keys go out with
// pg_notify inside the transaction, so every other node hears of the change
// exactly when it becomes visible to them, and never of one rolled back.

// maxNotifyPayload keeps a notification under PostgreSQL's 8000-byte limit;
// a bigger change is announced as a change to everything.
const maxNotifyPayload = 7000

// changeHub fans changes out to the node's subscribers.
type changeHub struct {
	node    string // random, so a node can ignore the echo of its own notifications
	channel string // the LISTEN channel: one per database and schema
	mu      sync.RWMutex
	subs    []func(keys []string, local bool)
	// listening is true while the PostgreSQL listener is connected.
	listening bool
}

func newChangeHub(dsn string) *changeHub {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return &changeHub{node: hex.EncodeToString(b[:]), channel: changeChannel(dsn)}
}

// changeChannel names the notification channel. Notifications are scoped to a
// database, so sites kept in separate schemas of one database (as the tests
// do) get a channel each.
func changeChannel(dsn string) string {
	name := "masthead_changes"
	if u, err := url.Parse(dsn); err == nil {
		if schema := u.Query().Get("search_path"); schema != "" {
			name += "_" + strings.Map(func(r rune) rune {
				if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
					return r
				}
				return '_'
			}, strings.ToLower(schema))
		}
	}
	if len(name) > 63 {
		name = name[:63]
	}
	return name
}

// Subscribe calls fn with the keys of every change to the site, made on this
// node (local is true) or, on PostgreSQL while Listen runs, on any other. The
// key "*" (cachekey.Everything) means anything may have changed. fn runs on
// the writer's goroutine or the listener's and must be quick.
func (s *Store) Subscribe(fn func(keys []string, local bool)) {
	s.changes.mu.Lock()
	s.changes.subs = append(s.changes.subs, fn)
	s.changes.mu.Unlock()
}

func (s *Store) deliver(keys []string, local bool) {
	if len(keys) == 0 {
		return
	}
	s.changes.mu.RLock()
	subs := s.changes.subs
	s.changes.mu.RUnlock()
	for _, fn := range subs {
		fn(keys, local)
	}
}

// changes collects the keys a write transaction touches, and whether it
// queued webhook deliveries.
type changes struct {
	keys     []string
	webhooks bool
}

func (c *changes) add(keys ...string) { c.keys = append(c.keys, keys...) }

// changeTx runs fn in a write transaction, announces the keys fn collected
// to other nodes in the same transaction, and to this node's subscribers
// after it commits.
func (s *Store) changeTx(ctx context.Context, fn func(tx *sql.Tx, ch *changes) error) error {
	ch := &changes{}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := fn(tx, ch); err != nil {
			return err
		}
		return s.notify(ctx, tx, ch.keys)
	})
	if err != nil {
		return err
	}
	s.deliver(dedupe(ch.keys), true)
	if ch.webhooks {
		s.wakeWebhooks()
	}
	return nil
}

type notification struct {
	Node string   `json:"n"`
	Keys []string `json:"k"`
}

func (s *Store) notify(ctx context.Context, tx *sql.Tx, keys []string) error {
	if s.dialect != postgres || len(keys) == 0 {
		return nil
	}
	payload, err := json.Marshal(notification{Node: s.changes.node, Keys: dedupe(keys)})
	if err != nil {
		return err
	}
	if len(payload) > maxNotifyPayload {
		payload, _ = json.Marshal(notification{Node: s.changes.node, Keys: []string{cachekey.Everything}})
	}
	_, err = tx.ExecContext(ctx, "SELECT pg_notify($1, $2)", s.changes.channel, string(payload))
	return err
}

func dedupe(keys []string) []string {
	seen := make(map[string]bool, len(keys))
	out := keys[:0:0]
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// Listen receives the changes other nodes make and hands them to this node's
// subscribers, until ctx ends. It holds one PostgreSQL connection of its own;
// when that connection is lost it reconnects, and then announces a change to
// everything, since notifications sent meanwhile are gone. On SQLite, which
// serves a single node, it returns at once.
func (s *Store) Listen(ctx context.Context, log *slog.Logger) {
	if s.dialect != postgres {
		return
	}
	backoff := 100 * time.Millisecond
	for connected := false; ctx.Err() == nil; {
		err := s.listenOnce(ctx, func() {
			if connected {
				log.Warn("change listener reconnected: purging all cached pages")
				s.deliver([]string{cachekey.Everything}, false)
			}
			connected = true
			backoff = 100 * time.Millisecond
		})
		s.setListening(false)
		if ctx.Err() != nil {
			return
		}
		log.Warn("change listener lost its connection; retrying", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 5*time.Second)
	}
}

func (s *Store) listenOnce(ctx context.Context, connected func()) error {
	conn, err := pgx.Connect(ctx, s.dsn)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{s.changes.channel}.Sanitize()); err != nil {
		return err
	}
	s.setListening(true)
	connected()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		var msg notification
		if err := json.Unmarshal([]byte(n.Payload), &msg); err != nil {
			return fmt.Errorf("change notification %q: %w", n.Payload, err)
		}
		if msg.Node != s.changes.node {
			s.deliver(msg.Keys, false)
		}
	}
}

func (s *Store) setListening(v bool) {
	s.changes.mu.Lock()
	s.changes.listening = v
	s.changes.mu.Unlock()
}

// Listening reports whether this node hears other nodes' changes: always on
// SQLite, and on PostgreSQL while Listen holds its connection. A node that
// does not cannot promise fresh pages, so it is not ready for readers.
func (s *Store) Listening() bool {
	if s.dialect != postgres {
		return true
	}
	s.changes.mu.RLock()
	defer s.changes.mu.RUnlock()
	return s.changes.listening
}
