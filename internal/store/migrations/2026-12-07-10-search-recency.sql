-- PostgreSQL's search finds and ranks the newest matches of a common word
-- without visiting every match (search_postgres.go):
--
-- lead_document is the weighted tsvector of headline, standfirst, tags and
-- bylines alone (weights A to C, the body's D left out). Ranking reads it
-- rather than the whole document: about 400 bytes against 3,700 at 100,000
-- articles, read from TOAST in one piece. It is stored out of line all the
-- same (toast_tuple_target, EXTERNAL): kept in the row, it made the table
-- five times as wide, and listing every match of a word reads a row each.
--
-- document gains one lexeme naming the week the article was published in
-- ('~w' and the Unix time divided by 604800; no parser makes a lexeme with a
-- '~'), so one GIN scan can ask for a word in the newest weeks only.
--
-- The table is written anew rather than updated, in publication order: an
-- UPDATE of every row would leave the old versions' space behind and, in
-- this transaction, in the GIN index too (88 MB for 54 MB, and a scan of a
-- word in some weeks 50 times slower).
--
-- A node of the release before this one cannot keep serving through it: it
-- writes documents without the week's lexeme, which searches of a common
-- word would then miss (docs/operations.md says to stop every node for
-- this release). lead_document's default only keeps such a node's save
-- from failing.
-- postgres-only
CREATE TABLE article_search_rebuilt (
	article_id    BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	snippet_text  TEXT NOT NULL,
	document      TSVECTOR NOT NULL,
	published_at  BIGINT NOT NULL DEFAULT 0,
	section_id    BIGINT NOT NULL DEFAULT 0,
	lead_document TSVECTOR NOT NULL DEFAULT ''
) WITH (toast_tuple_target = 128);

-- postgres-only
ALTER TABLE article_search_rebuilt ALTER COLUMN lead_document SET STORAGE EXTERNAL;

-- postgres-only
INSERT INTO article_search_rebuilt (article_id, snippet_text, document, published_at, section_id, lead_document)
	SELECT article_id, snippet_text, document || array_to_tsvector(ARRAY['~w' || (published_at / 604800)]),
		published_at, section_id, ts_filter(document, '{a,b,c}')
	FROM article_search ORDER BY published_at, article_id;

-- postgres-only
DROP TABLE article_search;

-- postgres-only
ALTER TABLE article_search_rebuilt RENAME TO article_search;

-- postgres-only
ALTER INDEX article_search_rebuilt_pkey RENAME TO article_search_pkey;

-- postgres-only
ALTER TABLE article_search RENAME CONSTRAINT article_search_rebuilt_article_id_fkey TO article_search_article_id_fkey;

-- postgres-only
CREATE INDEX article_search_document ON article_search USING GIN (document);

-- The table is new, so the planner has no statistics of it until autovacuum
-- comes round; the first searches after the migration would be planned blind.
-- postgres-only
ANALYZE article_search;
