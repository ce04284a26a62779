-- PostgreSQL's search finds and ranks the newest matches of a common word
-- without visiting every match (search_postgres.go):
--
-- lead_document is the weighted tsvector of headline, standfirst, tags and
-- bylines alone (weights A to C, the body's D left out). It is small enough
-- to stay in the table's own rows, so ranking reads no TOAST; the body, whose
-- tsvector lives in TOAST, only decides whether an article matches.
--
-- document gains one lexeme naming the week the article was published in
-- ('~w' and the Unix time divided by 604800; no parser makes a lexeme with a
-- '~'), so one GIN scan can ask for a word in the newest weeks only.
--
-- The GIN index is dropped first and built again by the next migration, in
-- its own transaction: updating it row by row costs more than building it
-- once, and built in this transaction it would index every document twice,
-- the old versions this UPDATE replaces too (88 MB for 54 MB at 100,000
-- articles, and a scan of a word and some weeks 50 times slower).
-- postgres-only
DROP INDEX article_search_document;

-- postgres-only
ALTER TABLE article_search ADD COLUMN lead_document TSVECTOR NOT NULL DEFAULT '';

-- postgres-only
UPDATE article_search SET lead_document = ts_filter(document, '{a,b,c}'),
	document = document || array_to_tsvector(ARRAY['~w' || (published_at / 604800)]);

-- postgres-only
ALTER TABLE article_search ALTER COLUMN lead_document DROP DEFAULT;
