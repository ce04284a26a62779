-- PostgreSQL's search ranks its window of matches without TOAST and asks the
-- GIN index for a section's matches and for any run of weeks cheaply
-- (search_postgres.go):
--
-- lead_document moves into the row (STORAGE MAIN). Ranking the newest 2,000
-- matches read each one's lead document from TOAST, four buffers apiece
-- (8,000 of a search's 8,300 for council at 100,000 articles); in the row it
-- comes with the match the GIN index found. The row is about 400 bytes
-- wider (48 MB for 11 MB), which the weeks below keep from mattering: a
-- search reads the rows of its newest matches, not of all of them.
--
-- document gains a lexeme naming the article's section ('~s' and its ID), so
-- that a search in one section is one GIN scan of its words and the section
-- rather than a look at every match of its words; and lexemes naming the
-- blocks of 2, 4, … 256 weeks its week lies in ('~w3.371': the eight weeks
-- from 2968), so that a run of 150 weeks is a few blocks ORed rather than
-- 150 weeks (whose scan cost more than listing every match).
--
-- The table is written anew, in publication order, as 2026-12-07-10 did and
-- for the same reasons (an UPDATE of every row would bloat the table and its
-- GIN index).
--
-- A node of an earlier release cannot keep serving through it: it writes
-- documents without these lexemes, which a search in a section or a search
-- of a common word would then miss (docs/operations.md says to stop every
-- node for this release).
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
ALTER TABLE article_search_rebuilt ALTER COLUMN lead_document SET STORAGE MAIN;

-- postgres-only
INSERT INTO article_search_rebuilt (article_id, snippet_text, document, published_at, section_id, lead_document)
	SELECT article_id, snippet_text,
		document || array_to_tsvector(ARRAY(SELECT '~w' || l || '.' || ((published_at / 604800) >> l) FROM generate_series(1, 8) l)
			|| ('~s' || section_id)),
		published_at, section_id, lead_document
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

-- postgres-only
ANALYZE article_search;
