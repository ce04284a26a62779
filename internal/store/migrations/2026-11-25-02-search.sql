-- Full-text search over published articles. The index holds one row per
-- published article and is kept in step by the store in the same transaction
-- that saves the article; `masthead reindex` rebuilds it.

-- SQLite: FTS5 with English stemming; the rowid is the article's id. An FTS5
-- table cannot reference articles, so the store deletes rows itself.
-- sqlite-only
CREATE VIRTUAL TABLE article_search USING fts5(
	headline, standfirst, tags, body, bylines,
	tokenize = 'porter unicode61 remove_diacritics 2'
);

-- PostgreSQL: a weighted tsvector with a GIN index. snippet_text keeps the
-- standfirst and body as plain text, because ts_headline needs the words
-- themselves and the articles table holds the body as JSON blocks.
-- postgres-only
CREATE TABLE article_search (
	article_id   BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	snippet_text TEXT NOT NULL,
	document     TSVECTOR NOT NULL
);

-- postgres-only
CREATE INDEX article_search_document ON article_search USING GIN (document);
