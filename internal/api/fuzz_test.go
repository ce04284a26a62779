package api

import (
	"net/url"
	"testing"
	"time"
)

// FuzzCursor: any text given as a cursor is refused with an error or read
// as a cursor that encodes back to the same text; it never panics.
func FuzzCursor(f *testing.F) {
	f.Add(cursor{published: time.Date(2026, 12, 5, 9, 30, 0, 0, time.UTC), id: 42}.encode())
	f.Add("")
	f.Add("bm9wZQ")
	f.Add("djEuMTIzLjQ1")
	f.Add("djEuLTEuNQ")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := parseCursor(s)
		if err != nil {
			return
		}
		if c.id <= 0 || c.published.Unix() < 0 {
			t.Fatalf("%q read as %+v", s, c)
		}
		if got := c.encode(); got != s {
			t.Fatalf("%q read as %+v, which encodes as %q", s, c, got)
		}
	})
}

// FuzzFilters: any query string gives filters within their bounds, or
// errors naming known fields; it never panics.
func FuzzFilters(f *testing.F) {
	f.Add("section=harbour&tag=ferries&author=morwenna-quayle&limit=5")
	f.Add("updated_since=2026-12-05T09:30:00Z&published_before=2026-12-06T00:00:00%2B01:00")
	f.Add("cursor=djEuMTIzLjQ1&limit=0&page=-1")
	f.Add("q=%22harbour+wall%22&page=3")
	f.Fuzz(func(t *testing.T, raw string) {
		q, _ := url.ParseQuery(raw)
		flt, errs := parseFilters(q)
		for _, e := range errs {
			known := false
			for _, p := range queryParams {
				known = known || e.Field == p
			}
			if !known || e.Message == "" {
				t.Fatalf("%q: an error about %q: %q", raw, e.Field, e.Message)
			}
		}
		if flt.limit < 1 || flt.limit > maxLimit || flt.page < 1 || len(flt.section) > maxParam || len(flt.q) > maxParam {
			t.Fatalf("%q: out of bounds: %+v", raw, flt)
		}
	})
}
