-- A rendition's key is a hash of its bytes, so pictures uploaded from the
-- same file share files: before a deleted or replaced picture's files are
-- removed from media storage, the store asks whether any other picture's
-- renditions still name them.
CREATE INDEX media_renditions_key ON media_renditions (key);
