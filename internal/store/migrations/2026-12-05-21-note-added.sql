-- When a correction or update was added, as against the time it carries
-- (which the newsroom may set): its words may change for a short while after
-- it is added, then it is permanent. NULL for notes made before this column.
ALTER TABLE article_notes ADD COLUMN added_at BIGINT;
