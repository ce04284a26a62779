-- Static pages written in the newsroom: a page is public only while
-- published, and may be linked from the footer and the menu, in position
-- order. version counts its saves, so a stale save is refused; every save
-- is kept in page_revisions. Pages made before this stay public in the
-- footer, as they were.
ALTER TABLE pages ADD COLUMN published INTEGER NOT NULL DEFAULT 1;
ALTER TABLE pages ADD COLUMN in_footer INTEGER NOT NULL DEFAULT 1;
ALTER TABLE pages ADD COLUMN in_menu INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pages ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pages ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE page_revisions (
	page_id  BIGINT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
	version  INTEGER NOT NULL,
	title    TEXT NOT NULL,
	slug     TEXT NOT NULL,
	body     TEXT NOT NULL,
	saved_at BIGINT NOT NULL,
	user_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
	PRIMARY KEY (page_id, version)
);
