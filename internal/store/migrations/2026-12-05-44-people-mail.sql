-- People management and mail: invitations can be revoked, forgotten
-- passwords are reset through a one-time link kept only as a hash, and mail
-- leaves through a durable outbox.

ALTER TABLE invites ADD COLUMN revoked_at BIGINT;

CREATE TABLE password_resets (
	token_hash  TEXT PRIMARY KEY, -- SHA-256 of the link's token; the token itself is only mailed
	user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at  BIGINT NOT NULL,
	expires_at  BIGINT NOT NULL,
	used_at     BIGINT
);
CREATE INDEX password_resets_user ON password_resets (user_id);

-- The outbox: a mail is written in the transaction of what causes it, and a
-- worker on any node claims it (claimed_by, claimed_until), sends it and
-- sets sent_at. A failed attempt is tried again at next_at, later each
-- time. The body of a sent mail is emptied: it may hold a one-time link.
CREATE TABLE mail_outbox (
	id             {{pk}},
	kind           TEXT NOT NULL, -- invite, reset, notice
	to_addr        TEXT NOT NULL,
	subject        TEXT NOT NULL,
	body           TEXT NOT NULL,
	created_at     BIGINT NOT NULL,
	next_at        BIGINT NOT NULL,
	attempts       INTEGER NOT NULL DEFAULT 0,
	claimed_by     TEXT NOT NULL DEFAULT '',
	claimed_until  BIGINT NOT NULL DEFAULT 0,
	last_error     TEXT NOT NULL DEFAULT '',
	sent_at        BIGINT,
	given_up_at    BIGINT -- the server refused it for good (a 5xx reply)
);
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, given_up_at, next_at);
CREATE INDEX mail_outbox_created ON mail_outbox (created_at);
