package news

import (
	"slices"
	"time"
)

// The events a webhook endpoint can subscribe to.
const (
	EventPublished   = "article.published"   // an article went public
	EventUpdated     = "article.updated"     // changes to a live article went live
	EventUnpublished = "article.unpublished" // a published article was taken down
	EventCorrection  = "correction.added"    // a correction was added to a live article
	EventMediaReady  = "media.ready"         // a picture's renditions are made
	// EventTest is what Send test event sends; no one subscribes to it.
	EventTest = "webhook.test"
)

// WebhookEvents lists the events an endpoint can subscribe to, in the order
// the newsroom shows them.
var WebhookEvents = []string{EventPublished, EventUpdated, EventUnpublished, EventCorrection, EventMediaReady}

// Webhook is an endpoint that is told of events by signed HTTP POSTs.
type Webhook struct {
	ID     int64
	URL    string
	Events []string
	// Secret signs every message (Standard Webhooks: whsec_ and base64).
	// OldSecret signs too until OldSecretUntil, after a rotation.
	Secret         string
	OldSecret      string
	OldSecretUntil time.Time
	Enabled        bool
	// DisabledReason says why the program turned the endpoint off, when
	// it did; it is empty when an admin did.
	DisabledReason string
	// Failures counts the failed attempts in a row, since FailingSince.
	Failures     int
	FailingSince time.Time
	CreatedAt    time.Time
}

// Secrets returns the secrets that sign a message sent at now: the current
// one and, within a rotation's grace period, the old one.
func (w Webhook) Secrets(now time.Time) []string {
	if w.OldSecret != "" && now.Before(w.OldSecretUntil) {
		return []string{w.Secret, w.OldSecret}
	}
	return []string{w.Secret}
}

// Validate checks the events an endpoint subscribes to; the address is
// checked by package webhook, which knows which hosts may be reached.
func (w Webhook) Validate() error {
	if len(w.Events) == 0 {
		return FieldError("events", "Choose at least one event to send.")
	}
	for _, e := range w.Events {
		if !slices.Contains(WebhookEvents, e) {
			return FieldError("events", "There is no event %q.", e)
		}
	}
	return nil
}

// The states of a delivery.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliveryFailed    = "failed"
)

// WebhookDelivery is one event sent (or to be sent) to one endpoint, with
// the outcome of its latest attempt.
type WebhookDelivery struct {
	ID         int64
	EndpointID int64
	EventID    int64
	MsgID      string
	Type       string
	State      string
	Attempts   int
	NextAt     time.Time
	LastAt     time.Time
	LastStatus int // the receiver's HTTP status, 0 when none came
	Duration   time.Duration
	LastError  string
	CreatedAt  time.Time
}
