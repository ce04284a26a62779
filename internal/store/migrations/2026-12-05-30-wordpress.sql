-- Redirects: old addresses (a WordPress permalink, /?p=123, an upload) that
-- answer 301 with a same-origin path. path is the decoded request path, or
-- "/?p=ID" and "/?page_id=ID" for WordPress's query addresses. origin says
-- who made it: 'wordpress' for an import, 'newsroom' for one added by hand.
CREATE TABLE redirects (
	path       TEXT PRIMARY KEY,
	target     TEXT NOT NULL,
	origin     TEXT NOT NULL DEFAULT 'newsroom',
	created_at BIGINT NOT NULL
);

-- What each imported WordPress item became, so an import run again updates
-- instead of duplicating and an interrupted one goes on where it stopped.
-- site is the export's base_site_url (two sites' IDs may collide); kind is
-- post, page, attachment, author or term; target_id the article, page,
-- picture, author, section or tag it became; hash is of what the item was
-- turned into, so an unchanged item is left alone; version is the
-- article's version the import wrote, so an article the newsroom has edited
-- since is not overwritten by a later run.
CREATE TABLE wordpress_items (
	site      TEXT NOT NULL,
	kind      TEXT NOT NULL,
	wp_id     BIGINT NOT NULL,
	guid      TEXT NOT NULL DEFAULT '',
	target_id BIGINT NOT NULL,
	hash      TEXT NOT NULL DEFAULT '',
	version   INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (site, kind, wp_id)
);
CREATE INDEX wordpress_items_guid ON wordpress_items (guid);

-- Imports started from the newsroom's upload screen. The export (and the
-- uploads folder unpacked from a zip) wait under the data directory of the
-- node that took the upload, which runs the import as a background job: a
-- claim is a lease, renewed as the import goes, so after a restart the
-- run is claimed again and, being keyed on WordPress IDs, goes on where it
-- stopped.
CREATE TABLE wordpress_imports (
	id              {{pk}},
	file            TEXT NOT NULL,
	uploads         TEXT NOT NULL DEFAULT '',
	default_section TEXT NOT NULL DEFAULT '',
	state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
	progress        TEXT NOT NULL DEFAULT '',
	report          TEXT NOT NULL DEFAULT '',
	claimed_by      TEXT NOT NULL DEFAULT '',
	claimed_until   BIGINT NOT NULL DEFAULT 0,
	created_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
	created_at      BIGINT NOT NULL,
	finished_at     BIGINT
);
