-- The editorial workflow. An article's status stays what readers see (draft,
-- published, unpublished); where a draft stands in the newsroom is kept
-- beside it: submitted_at while it waits for review, publish_at while it is
-- scheduled (or embargoed) to go out.
ALTER TABLE articles ADD COLUMN submitted_at BIGINT;
ALTER TABLE articles ADD COLUMN publish_at BIGINT;

-- Every save is a revision: the whole article as it was saved, by whom, when.
CREATE TABLE article_revisions (
	id          {{pk}},
	article_id  BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	version     INTEGER NOT NULL,
	saved_at    BIGINT NOT NULL,
	user_id     BIGINT REFERENCES users (id) ON DELETE SET NULL,
	note        TEXT NOT NULL DEFAULT '',
	content     TEXT NOT NULL, -- the article as JSON
	UNIQUE (article_id, version)
);

-- Durable jobs: scheduled publishing and embargoes. A node claims due jobs
-- for a minute; the job's effect and done_at are written in one transaction
-- that first checks done_at is still NULL, so a job takes effect once even
-- when two nodes race for it or a claim runs out.
CREATE TABLE jobs (
	id            {{pk}},
	kind          TEXT NOT NULL,
	article_id    BIGINT REFERENCES articles (id) ON DELETE CASCADE,
	run_at        BIGINT NOT NULL,
	claimed_by    TEXT NOT NULL DEFAULT '',
	claimed_until BIGINT NOT NULL DEFAULT 0,
	done_at       BIGINT,
	created_by    BIGINT REFERENCES users (id) ON DELETE SET NULL,
	created_at    BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE done_at IS NULL;

-- created_by is the account that made the article: an author may publish
-- and a contributor may edit only their own work (or work with their byline).
ALTER TABLE articles ADD COLUMN created_by BIGINT REFERENCES users (id) ON DELETE SET NULL;

-- Who has an article open in the editor, as last seen; rows older than a
-- minute mean nothing and are cleared as new ones come.
CREATE TABLE article_presence (
	article_id  BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	seen_at     BIGINT NOT NULL,
	PRIMARY KEY (article_id, user_id)
);

-- What search engines and sharing show, when the newsroom wants other words
-- than the headline and standfirst, or another picture than the lead.
ALTER TABLE articles ADD COLUMN seo_title TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN seo_description TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN social_image TEXT;
