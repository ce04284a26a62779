-- PostgreSQL's search index keeps each article's publication time and section
-- beside its tsvector, so that a search counts, filters and orders its
-- matches from the GIN index and this table's narrow rows alone, and reads a
-- document (from TOAST) only to rank the newest matches. The store writes
-- them with the document on every save; SQLite's FTS5 index orders by rowid,
-- the article's ID, and needs nothing.
-- postgres-only
ALTER TABLE article_search ADD COLUMN published_at BIGINT NOT NULL DEFAULT 0,
	ADD COLUMN section_id BIGINT NOT NULL DEFAULT 0;

-- postgres-only
UPDATE article_search x SET published_at = COALESCE(a.published_at, 0), section_id = a.section_id
	FROM articles a WHERE a.id = x.article_id;
