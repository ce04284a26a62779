-- SQLite's search filters and ranks its full-text matches by the article's
-- section, publication time and status, looked up by ID for each match. In
-- the articles table those columns come after the body, so each lookup read
-- the body's overflow pages too (12 ms for the 2,000 matches a search ranks,
-- at 100,000 articles); this narrow index answers them alone. PostgreSQL
-- keeps the same facts in article_search (2026-12-05-48).
-- sqlite-only
CREATE INDEX articles_search_facts ON articles (id, status, section_id, published_at);
