-- The newsroom's article list: every article, most recently changed first,
-- paged by (updated_at, id) rather than by OFFSET, filtered by stage or
-- section. These indexes let each of those walk in list order and stop at
-- a page.
CREATE INDEX articles_changed ON articles (updated_at DESC, id DESC);
CREATE INDEX articles_status_changed ON articles (status, updated_at DESC, id DESC);
CREATE INDEX articles_section_changed ON articles (section_id, updated_at DESC, id DESC);

-- The staff's search index: the articles readers cannot see (drafts,
-- scheduled, unpublished), so that the newsroom's search finds them while
-- the readers' index (article_search) keeps holding published articles
-- only. The store moves an article between the two in the transaction that
-- saves it; `masthead reindex` rebuilds both. Here each is started with its
-- headline and standfirst (the body is JSON blocks, which SQL cannot read);
-- `masthead reindex` adds the rest.

-- sqlite-only
CREATE VIRTUAL TABLE article_search_staff USING fts5(
	headline, standfirst, tags, body, bylines,
	tokenize = 'porter unicode61 remove_diacritics 2'
);

-- sqlite-only
INSERT INTO article_search_staff (rowid, headline, standfirst, tags, body, bylines)
	SELECT id, headline, standfirst, '', '', '' FROM articles WHERE status <> 'published';

-- postgres-only
CREATE TABLE article_search_staff (
	article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	document   TSVECTOR NOT NULL
);

-- postgres-only
CREATE INDEX article_search_staff_document ON article_search_staff USING GIN (document);

-- postgres-only
INSERT INTO article_search_staff (article_id, document)
	SELECT id, setweight(to_tsvector('english', headline), 'A') || setweight(to_tsvector('english', standfirst), 'B')
	FROM articles WHERE status <> 'published';
