package admin

import (
	"context"
	"time"
)

// location is the site's time zone (the setting site.timezone, an IANA
// name; UTC when unset or unknown). Times are stored in UTC and shown in it.
func (a *Admin) location(ctx context.Context) *time.Location {
	loc, _ := a.store.TimeZone(ctx)
	return loc
}

// when says a time as the newsroom reads it: "Mon 8 Dec, 07:00
// Europe/London", with the year when it is not this year's.
func (a *Admin) when(ctx context.Context, t time.Time) string {
	loc := a.location(ctx)
	t = t.In(loc)
	layout := "Mon 2 Jan, 15:04 "
	if t.Year() != a.store.Now().In(loc).Year() {
		layout = "Mon 2 Jan 2006, 15:04 "
	}
	return t.Format(layout) + loc.String()
}
