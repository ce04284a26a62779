-- The foundation: sections, authors, tags, articles and their parts, pages.
-- Times are Unix seconds in BIGINT columns on both engines: one code path, exact
-- ordering, and no driver guessing at time zones. {{pk}} is the engine's
-- auto-numbered primary key (see dialect.schema).

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE sections (
	id          {{pk}},
	slug        TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	position    INTEGER NOT NULL DEFAULT 0
);

-- email is private to the newsroom: no public query selects it.
CREATE TABLE authors (
	id         {{pk}},
	slug       TEXT NOT NULL UNIQUE,
	name       TEXT NOT NULL,
	bio        TEXT NOT NULL DEFAULT '',
	email      TEXT NOT NULL DEFAULT '',
	photo      TEXT
);

CREATE TABLE tags (
	id   {{pk}},
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL
);

-- body is the block document as JSON; lead_image is a JSON object or NULL.
-- version counts saves, for refusing stale ones.
CREATE TABLE articles (
	id           {{pk}},
	slug         TEXT NOT NULL UNIQUE,
	headline     TEXT NOT NULL,
	standfirst   TEXT NOT NULL DEFAULT '',
	body         TEXT NOT NULL DEFAULT '[]',
	status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'unpublished')),
	section_id   BIGINT NOT NULL REFERENCES sections (id),
	lead_image   TEXT,
	published_at BIGINT,
	updated_at   BIGINT NOT NULL,
	created_at   BIGINT NOT NULL,
	version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX articles_published ON articles (status, published_at DESC);
CREATE INDEX articles_section ON articles (section_id, status, published_at DESC);

CREATE TABLE article_authors (
	article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	author_id  BIGINT NOT NULL REFERENCES authors (id),
	position   INTEGER NOT NULL,
	PRIMARY KEY (article_id, author_id)
);
CREATE INDEX article_authors_author ON article_authors (author_id, article_id);

CREATE TABLE article_tags (
	article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	tag_id     BIGINT NOT NULL REFERENCES tags (id),
	PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag ON article_tags (tag_id, article_id);

CREATE TABLE article_sources (
	article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	position   INTEGER NOT NULL,
	name       TEXT NOT NULL,
	url        TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (article_id, position)
);

-- Corrections and updates: dated entries of their own, never silent edits.
CREATE TABLE article_notes (
	id         {{pk}},
	article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL CHECK (kind IN ('correction', 'update')),
	at         BIGINT NOT NULL,
	text       TEXT NOT NULL
);
CREATE INDEX article_notes_article ON article_notes (article_id, at);

-- Slugs an article had before, so its old URLs answer 301.
CREATE TABLE article_old_slugs (
	slug       TEXT PRIMARY KEY,
	article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);

-- The salient words of each published article, for related articles: weight is
-- the word's share of the article's text (headline and standfirst count more).
CREATE TABLE article_terms (
	article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	term       TEXT NOT NULL,
	weight     REAL NOT NULL,
	PRIMARY KEY (article_id, term)
);
CREATE INDEX article_terms_term ON article_terms (term, article_id);

CREATE TABLE pages (
	id         {{pk}},
	slug       TEXT NOT NULL UNIQUE,
	title      TEXT NOT NULL,
	body       TEXT NOT NULL DEFAULT '[]',
	updated_at BIGINT NOT NULL
);

-- Related articles, computed when an article is published (and refreshed for
-- the articles it relates to), so an article page reads them with one query.
CREATE TABLE article_related (
	article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	related_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	score      REAL NOT NULL,
	PRIMARY KEY (article_id, related_id)
);
