package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Consent is one choice a reader made about the purposes that need consent.
// It holds nothing that identifies the reader: a random ID, what was
// allowed, under which version of the privacy policy, and when.
type Consent struct {
	ID            string
	Purposes      []string // allowed; empty when everything was rejected or withdrawn
	PolicyVersion string
	GPC           bool // the browser sent Global Privacy Control
	At            time.Time
}

// RecordConsent stores a reader's choice under a new random ID, which it
// sets in c along with the time.
func (s *Store) RecordConsent(ctx context.Context, c *Consent) error {
	var b [16]byte
	_, _ = rand.Read(b[:])
	c.ID = hex.EncodeToString(b[:])
	c.At = s.Now()
	gpc := 0
	if c.GPC {
		gpc = 1
	}
	_, err := s.write.ExecContext(ctx, `INSERT INTO consents (id, purposes, policy_version, gpc, created_at)
		VALUES ($1, $2, $3, $4, $5)`, c.ID, strings.Join(c.Purposes, ","), c.PolicyVersion, gpc, c.At.Unix())
	if err != nil {
		return fmt.Errorf("store.RecordConsent: %w", err)
	}
	return nil
}

// Consents returns the newest recorded choices, newest first, for the
// newsroom to show what readers agreed to.
func (s *Store) Consents(ctx context.Context, limit int) ([]Consent, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, purposes, policy_version, gpc, created_at
		FROM consents ORDER BY created_at DESC, id LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("store.Consents: %w", err)
	}
	defer rows.Close()
	var out []Consent
	for rows.Next() {
		var c Consent
		var purposes string
		var gpc int
		var at int64
		if err := rows.Scan(&c.ID, &purposes, &c.PolicyVersion, &gpc, &at); err != nil {
			return nil, fmt.Errorf("store.Consents: %w", err)
		}
		if purposes != "" {
			c.Purposes = strings.Split(purposes, ",")
		}
		c.GPC, c.At = gpc == 1, time.Unix(at, 0).UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}
