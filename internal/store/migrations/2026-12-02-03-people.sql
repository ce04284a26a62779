-- The newsroom's people: accounts with a role, sessions kept in the database
-- (so any node serves any editor), one-time invitations, second factors and
-- the audit log. Secrets are never stored as given: passwords as argon2id
-- hashes, session, invitation and recovery tokens as SHA-256 hashes.

CREATE TABLE users (
	id            {{pk}},
	email         TEXT NOT NULL UNIQUE, -- lower-cased
	name          TEXT NOT NULL,
	role          TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'author', 'contributor')),
	password_hash TEXT NOT NULL,
	author_id     BIGINT REFERENCES authors (id),
	totp_secret   TEXT NOT NULL DEFAULT '', -- set while enrolling; active once totp_on = 1
	totp_on       INTEGER NOT NULL DEFAULT 0,
	totp_last     BIGINT NOT NULL DEFAULT 0, -- last time step used, so a code works once
	created_at    BIGINT NOT NULL,
	disabled_at   BIGINT
);

CREATE TABLE sessions (
	token_hash  TEXT PRIMARY KEY,
	user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at  BIGINT NOT NULL,
	seen_at     BIGINT NOT NULL,
	expires_at  BIGINT NOT NULL,
	user_agent  TEXT NOT NULL DEFAULT '',
	-- 1 while the password was right but the second factor is still due:
	-- such a session signs no one in.
	pending     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE invites (
	token_hash  TEXT PRIMARY KEY,
	email       TEXT NOT NULL,
	role        TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'author', 'contributor')),
	invited_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
	created_at  BIGINT NOT NULL,
	expires_at  BIGINT NOT NULL,
	used_at     BIGINT
);

CREATE TABLE recovery_codes (
	user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	code_hash  TEXT NOT NULL,
	used_at    BIGINT,
	PRIMARY KEY (user_id, code_hash)
);

-- The audit log: who did what to which thing, when. address is kept for
-- sign-in failures and rate limits (staff addresses only, never readers').
CREATE TABLE audit_log (
	id        {{pk}},
	at        BIGINT NOT NULL,
	user_id   BIGINT REFERENCES users (id) ON DELETE SET NULL,
	email     TEXT NOT NULL DEFAULT '',
	action    TEXT NOT NULL,
	subject   TEXT NOT NULL DEFAULT '',
	detail    TEXT NOT NULL DEFAULT '',
	address   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_failures ON audit_log (action, email, at);
CREATE INDEX audit_log_address ON audit_log (action, address, at);
