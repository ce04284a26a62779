-- The site's language now chooses the search index's stemmer. A site whose
-- language was set to another than English before this has an English
-- index: a rebuild in its language is queued, which the first node to run
-- `masthead serve` carries out in the background (search_language.go).
INSERT INTO settings (key, value)
	SELECT 'search.rebuild_language', value FROM settings WHERE key = 'site.language' AND value NOT LIKE 'en%';

INSERT INTO settings (key, value)
	SELECT 'search.rebuild_after', '0' FROM settings WHERE key = 'site.language' AND value NOT LIKE 'en%';

INSERT INTO jobs (kind, run_at, created_at)
	SELECT 'reindex', 0, 0 FROM settings WHERE key = 'site.language' AND value NOT LIKE 'en%';
