-- Privacy: the record of readers' consent choices, and cookieless readership.
-- Nothing in these tables can name a reader: no IP address, no user agent, no
-- cookie value.

-- One row per choice made on the consent banner. id is 32 random hex digits
-- the server makes up; the reader's browser keeps it beside the choice, so a
-- reader can quote it. purposes is a comma list of what was allowed ('' when
-- everything was rejected or withdrawn); gpc is 1 when the browser sent the
-- Global Privacy Control signal, which turned the purposes it covers off.
CREATE TABLE consents (
	id             TEXT PRIMARY KEY,
	purposes       TEXT NOT NULL DEFAULT '',
	policy_version TEXT NOT NULL,
	gpc            INTEGER NOT NULL DEFAULT 0,
	created_at     BIGINT NOT NULL
);
CREATE INDEX consents_created ON consents (created_at);

-- Today's random salt for counting a reader's repeat views once; day is the
-- Unix time of the UTC midnight it is for. A salt is deleted when the day
-- rolls over, after which yesterday's hashes can no longer be recomputed.
CREATE TABLE view_salts (
	day  BIGINT PRIMARY KEY,
	salt {{blob}} NOT NULL
);

-- The views seen today: hash(salt, IP address, user agent, article), which
-- without the salt says nothing about who read what. Deleted with the salt.
CREATE TABLE view_seen (
	day  BIGINT NOT NULL,
	hash {{blob}} NOT NULL,
	PRIMARY KEY (day, hash)
);

-- Page views of an article per hour (hour: Unix time of the hour's start).
CREATE TABLE article_views (
	article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	hour       BIGINT NOT NULL,
	views      BIGINT NOT NULL,
	PRIMARY KEY (article_id, hour)
);
CREATE INDEX article_views_hour ON article_views (hour, article_id);
