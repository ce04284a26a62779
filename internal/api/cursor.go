package api

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"masthead/internal/news"
)

// cursor is where a page of articles ends: the publication time and ID of
// its last article. The next page starts strictly after it in (published_at
// DESC, id DESC) order, so stories published meanwhile shift nothing.
type cursor struct {
	published time.Time
	id        int64
}

// cursorVersion starts every cursor, so their form can change later and old
// ones are told apart.
const cursorVersion = "v1"

// encode makes the cursor opaque to clients: they pass it back as given.
func (c cursor) encode() string {
	raw := cursorVersion + "." + strconv.FormatInt(c.published.Unix(), 10) + "." + strconv.FormatInt(c.id, 10)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// maxCursorLen bounds what is decoded at all.
const maxCursorLen = 64

// parseCursor reads a cursor made by encode, refusing anything else with an
// error naming the field.
func parseCursor(s string) (cursor, error) {
	bad := news.FieldError("cursor", "That cursor is not one this API gave out; start again from the first page.")
	if len(s) > maxCursorLen {
		return cursor{}, bad
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil {
		return cursor{}, bad
	}
	parts := strings.Split(string(raw), ".")
	if len(parts) != 3 || parts[0] != cursorVersion {
		return cursor{}, bad
	}
	at, err1 := strconv.ParseInt(parts[1], 10, 64)
	id, err2 := strconv.ParseInt(parts[2], 10, 64)
	// Times from the year 1970 to 9999, IDs from 1: nothing else was ever given out.
	if err1 != nil || err2 != nil || at < 0 || at > 253402300799 || id <= 0 ||
		parts[1] != strconv.FormatInt(at, 10) || parts[2] != strconv.FormatInt(id, 10) {
		return cursor{}, bad
	}
	c := cursor{published: time.Unix(at, 0).UTC(), id: id}
	// The decoder passes over line breaks and loose trailing bits: only the
	// one text encode gives for a cursor is that cursor.
	if c.encode() != s {
		return cursor{}, bad
	}
	return c, nil
}
