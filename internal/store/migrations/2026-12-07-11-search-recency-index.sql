-- The GIN index of article_search, built again after the previous
-- migration rewrote every document (see there).
-- postgres-only
CREATE INDEX article_search_document ON article_search USING GIN (document);
