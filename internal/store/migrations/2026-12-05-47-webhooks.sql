-- Webhooks: endpoints an admin subscribes to events. events is the list of
-- event types, space-separated. secret is the Standard Webhooks secret
-- (whsec_ + base64); during a rotation old_secret also signs until
-- old_secret_until, so a receiver can switch without losing a message.
-- failures counts failed attempts in a row and failing_since is when that
-- run began: an endpoint that keeps failing is turned off (enabled = 0) and
-- disabled_reason says why, for the webhooks screen and the dashboard.
CREATE TABLE webhook_endpoints (
	id               {{pk}},
	url              TEXT NOT NULL,
	events           TEXT NOT NULL,
	secret           TEXT NOT NULL,
	old_secret       TEXT NOT NULL DEFAULT '',
	old_secret_until BIGINT NOT NULL DEFAULT 0,
	enabled          INTEGER NOT NULL DEFAULT 1,
	disabled_reason  TEXT NOT NULL DEFAULT '',
	failures         INTEGER NOT NULL DEFAULT 0,
	failing_since    BIGINT NOT NULL DEFAULT 0,
	created_by       BIGINT REFERENCES users (id) ON DELETE SET NULL,
	created_at       BIGINT NOT NULL
);

-- Events, written in the same transaction as the change they announce, so
-- a crash cannot lose one. msg_id is the webhook-id receivers see: the same
-- on every retry and resend, so they can drop a duplicate. payload is the
-- event's data as JSON, with paths the delivering node makes absolute.
CREATE TABLE webhook_events (
	id         {{pk}},
	msg_id     TEXT NOT NULL UNIQUE,
	type       TEXT NOT NULL,
	payload    TEXT NOT NULL,
	created_at BIGINT NOT NULL
);

-- One event to one endpoint: written with the event for every endpoint
-- subscribed to it. Any node may claim a due delivery for a lease; its
-- outcome is written only while the claim is still its own, so each is
-- delivered once even with several nodes. state is pending (next_at says
-- when to try), delivered or failed (given up after 24 hours).
CREATE TABLE webhook_deliveries (
	id            {{pk}},
	event_id      BIGINT NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
	endpoint_id   BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
	state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
	attempts      INTEGER NOT NULL DEFAULT 0,
	next_at       BIGINT NOT NULL,
	claimed_by    TEXT NOT NULL DEFAULT '',
	claimed_until BIGINT NOT NULL DEFAULT 0,
	last_at       BIGINT NOT NULL DEFAULT 0,
	last_status   INTEGER NOT NULL DEFAULT 0,
	last_ms       INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT NOT NULL DEFAULT '',
	created_at    BIGINT NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);
