-- related_at is when an article's related articles were last worked out by the
-- search engine; NULL means never, and the first reader of the page has them
-- worked out then. A bulk import of a large archive only does the newest at
-- once instead of spending an hour on stories nobody may open.
ALTER TABLE articles ADD COLUMN related_at BIGINT;
