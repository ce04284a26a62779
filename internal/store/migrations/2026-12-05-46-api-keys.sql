-- API keys: a script or a partner's server acts through a key as a named
-- integration. Each key has an account of its own in users (no password,
-- never signs in) so revisions and the audit log name it like anyone else.
-- Only the SHA-256 hash of the token is kept; prefix is the token's first
-- characters, so an admin can tell keys apart.
CREATE TABLE api_keys (
	id           {{pk}},
	name         TEXT NOT NULL,
	prefix       TEXT NOT NULL,
	token_hash   TEXT NOT NULL UNIQUE,
	scopes       TEXT NOT NULL, -- space-separated
	user_id      BIGINT NOT NULL REFERENCES users (id),
	created_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
	created_at   BIGINT NOT NULL,
	expires_at   BIGINT,
	revoked_at   BIGINT,
	last_used_at BIGINT
);
CREATE INDEX api_keys_user ON api_keys (user_id);
