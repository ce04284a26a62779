-- Staged updates: saved changes to a live article (published, or scheduled
-- to go out) wait here, as the whole article in JSON, until someone allowed
-- presses Update. Readers see only the articles row. update_at is when a
-- scheduled update goes live (its job is in jobs, kind 'update').
CREATE TABLE article_pending (
	article_id  BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	content     TEXT NOT NULL,
	saved_at    BIGINT NOT NULL,
	saved_by    BIGINT REFERENCES users (id) ON DELETE SET NULL,
	update_at   BIGINT
);

-- Autosaves by one person fold into one revision for ten minutes: started_at
-- is when the revision's first save was made, autosave says whether it is
-- still open to folding (explicit saves never are).
ALTER TABLE article_revisions ADD COLUMN started_at BIGINT;
ALTER TABLE article_revisions ADD COLUMN autosave INTEGER NOT NULL DEFAULT 0;

-- Saves refused as stale, kept whole, so that "keep mine" after a conflict
-- loses neither side and the newsroom can see who overrode whom.
CREATE TABLE article_refused (
	id              {{pk}},
	article_id      BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	base            INTEGER NOT NULL,
	current_version INTEGER NOT NULL,
	user_id         BIGINT REFERENCES users (id) ON DELETE SET NULL,
	saved_at        BIGINT NOT NULL,
	content         TEXT NOT NULL
);
CREATE INDEX article_refused_by ON article_refused (article_id, user_id);
