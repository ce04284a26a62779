package admin

import (
	"strconv"
	"testing"
	"time"
)

// FuzzFrontForm: what the Fronts screen's forms send (a front's name, a
// typed story, an until time) is read without panicking; a time read back
// as the screen shows it reads back the same, and a story number is
// only ever found from "#digits" at the end of what was typed.
func FuzzFrontForm(f *testing.F) {
	for _, s := range []string{"home", "12", "-3", "Harbour fees rise (#42)", "#7", "2026-12-24T18:00",
		"2026-12-24T18:00:30", "tomorrow", "", "(#)", "#99999999999999999999"} {
		f.Add(s)
	}
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		f.Skip("no time zone database:", err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if id, ok := frontID(s); ok && id < 0 {
			t.Errorf("frontID(%q) = %d", s, id)
		}
		if m := storyNumber.FindStringSubmatch(s); m != nil {
			if _, err := strconv.ParseUint(m[1], 10, 64); err != nil && len(m[1]) < 19 {
				t.Errorf("storyNumber found %q in %q", m[1], s)
			}
		}
		until, err := parseUntil(s, loc)
		if err != nil || until.IsZero() {
			return
		}
		// What the screen shows back (the until field's value) reads as the
		// same instant again, so saving an untouched form changes nothing.
		shown := until.In(loc).Format("2006-01-02T15:04")
		if again, err := parseUntil(shown, loc); err != nil || !again.Equal(until.Truncate(time.Minute)) {
			t.Errorf("parseUntil(%q) = %s, shown as %q, read again as %s (%v)", s, until, shown, again, err)
		}
	})
}
