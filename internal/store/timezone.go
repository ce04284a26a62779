package store

import (
	"context"
	"strings"
	"time"

	"masthead/internal/news"
)

// timeZoneKey is the setting that holds the site's time zone.
const timeZoneKey = "site.timezone"

// TimeZone returns the site's time zone, in which the newsroom and the
// reader site show dates (times are stored in UTC): the IANA zone in the
// setting site.timezone, or UTC.
func (s *Store) TimeZone(ctx context.Context) (*time.Location, error) {
	name, err := s.Setting(ctx, timeZoneKey, "UTC")
	if err != nil {
		return time.UTC, err
	}
	loc, err := LoadTimeZone(name)
	if err != nil {
		return time.UTC, nil // a zone the system no longer knows: UTC rather than no page
	}
	return loc, nil
}

// SetTimeZone sets the site's time zone to an IANA name such as
// Europe/London, refusing a name the time zone database does not know.
func (s *Store) SetTimeZone(ctx context.Context, name string) error {
	loc, err := LoadTimeZone(name)
	if err != nil {
		return err
	}
	return s.SetSetting(ctx, timeZoneKey, loc.String())
}

// LoadTimeZone checks and loads an IANA time zone name.
func LoadTimeZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" || name == "Local" {
		return nil, news.FieldError("timezone", "Give a time zone by its IANA name, such as Europe/London or UTC.")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, news.FieldError("timezone", "%q is not a time zone: give its IANA name, such as Europe/London or America/New_York.", name)
	}
	return loc, nil
}
