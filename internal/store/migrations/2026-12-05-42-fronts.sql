-- The fronts: stories editors pin to the home page (section_id 0: the lead
-- first, then the top stories) and to each section's front, in order. A pin
-- with until_at drops out by itself at that time. A pinned article that is
-- not published is kept but not shown, so republishing it restores the pin.
CREATE TABLE front_pins (
	section_id BIGINT NOT NULL,
	position   INTEGER NOT NULL,
	article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	until_at   BIGINT,
	pinned_by  BIGINT NOT NULL DEFAULT 0,
	pinned_at  BIGINT NOT NULL,
	PRIMARY KEY (section_id, article_id)
);

-- The expiry job looks for the next pin to run out.
CREATE INDEX front_pins_until ON front_pins (until_at);

-- A section hidden from the header menu keeps its page and its articles.
ALTER TABLE sections ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
