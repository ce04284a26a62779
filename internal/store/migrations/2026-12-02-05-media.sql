-- The media library: each uploaded picture (its original kept private in media
-- storage under originals/) and the renditions the site serves under r/.
-- state is the background worker's progress; claimed_by and claimed_until let
-- any node take unfinished work, and take it over from a node that died.
CREATE TABLE media_assets (
	id            {{pk}},
	name          TEXT NOT NULL DEFAULT '',
	content_type  TEXT NOT NULL,
	bytes         BIGINT NOT NULL,
	original_key  TEXT NOT NULL,
	width         INTEGER NOT NULL,
	height        INTEGER NOT NULL,
	alt           TEXT NOT NULL DEFAULT '',
	caption       TEXT NOT NULL DEFAULT '',
	credit        TEXT NOT NULL DEFAULT '',
	focus_x       DOUBLE PRECISION NOT NULL DEFAULT 0.5,
	focus_y       DOUBLE PRECISION NOT NULL DEFAULT 0.5,
	state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'ready', 'failed')),
	claimed_by    TEXT NOT NULL DEFAULT '',
	claimed_until BIGINT NOT NULL DEFAULT 0,
	attempts      INTEGER NOT NULL DEFAULT 0,
	error         TEXT NOT NULL DEFAULT '',
	created_at    BIGINT NOT NULL,
	updated_at    BIGINT NOT NULL
);
CREATE INDEX media_assets_state ON media_assets (state, id);
CREATE INDEX media_assets_created ON media_assets (created_at DESC, id DESC);

CREATE TABLE media_renditions (
	asset_id BIGINT NOT NULL REFERENCES media_assets (id) ON DELETE CASCADE,
	crop     TEXT NOT NULL DEFAULT '',
	format   TEXT NOT NULL CHECK (format IN ('jpeg', 'webp')),
	width    INTEGER NOT NULL,
	height   INTEGER NOT NULL,
	key      TEXT NOT NULL,
	bytes    BIGINT NOT NULL,
	PRIMARY KEY (asset_id, crop, format, width)
);
