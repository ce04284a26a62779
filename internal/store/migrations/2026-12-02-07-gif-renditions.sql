-- Animated GIFs keep their animation: the media worker makes GIF renditions
-- of an animated GIF beside its still JPEG and WebP ones, so a rendition's
-- format may be 'gif'.

-- SQLite cannot change a CHECK constraint: the table is made again with the
-- new one and its rows copied over. Nothing references it.
-- sqlite-only
CREATE TABLE media_renditions_new (
	asset_id BIGINT NOT NULL REFERENCES media_assets (id) ON DELETE CASCADE,
	crop     TEXT NOT NULL DEFAULT '',
	format   TEXT NOT NULL CHECK (format IN ('jpeg', 'webp', 'gif')),
	width    INTEGER NOT NULL,
	height   INTEGER NOT NULL,
	key      TEXT NOT NULL,
	bytes    BIGINT NOT NULL,
	PRIMARY KEY (asset_id, crop, format, width)
);

-- sqlite-only
INSERT INTO media_renditions_new (asset_id, crop, format, width, height, key, bytes)
SELECT asset_id, crop, format, width, height, key, bytes FROM media_renditions;

-- sqlite-only
DROP TABLE media_renditions;

-- sqlite-only
ALTER TABLE media_renditions_new RENAME TO media_renditions;

-- PostgreSQL named the column's CHECK constraint after the table and column.
-- postgres-only
ALTER TABLE media_renditions DROP CONSTRAINT media_renditions_format_check;

-- postgres-only
ALTER TABLE media_renditions ADD CONSTRAINT media_renditions_format_check
	CHECK (format IN ('jpeg', 'webp', 'gif'));
