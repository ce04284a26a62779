package api

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"masthead/internal/problem"
)

// queryParams are the query parameters the API reads; the cache drops any
// other before the request reaches a handler, so they cannot multiply the
// cached copies of one answer.
var queryParams = []string{"section", "tag", "author", "updated_since", "published_before", "cursor", "limit", "q", "page"}

// filters are a list request's parameters, checked.
type filters struct {
	section, tag, author string
	updatedSince         time.Time
	publishedBefore      time.Time
	after                *cursor
	limit                int
	q                    string
	page                 int
}

// maxLimit bounds a page of results.
const maxLimit = 100

// maxParam bounds a slug or search text.
const maxParam = 200

// parseFilters reads q, naming every field at fault.
func parseFilters(q url.Values) (filters, []problem.FieldError) {
	f := filters{limit: 20, page: 1}
	var errs []problem.FieldError
	bad := func(field, msg string) { errs = append(errs, problem.FieldError{Field: field, Message: msg}) }
	for _, name := range []string{"section", "tag", "author", "q"} {
		v := strings.TrimSpace(q.Get(name))
		if len(v) > maxParam {
			bad(name, "Too long: at most "+strconv.Itoa(maxParam)+" bytes.")
			continue
		}
		switch name {
		case "section":
			f.section = v
		case "tag":
			f.tag = v
		case "author":
			f.author = v
		case "q":
			f.q = v
		}
	}
	for _, t := range []struct {
		name string
		into *time.Time
	}{{"updated_since", &f.updatedSince}, {"published_before", &f.publishedBefore}} {
		v := q.Get(t.name)
		if v == "" {
			continue
		}
		at, err := time.Parse(time.RFC3339, v)
		if err != nil || at.Year() < 1970 || at.Year() > 9999 {
			bad(t.name, "Give a date and time in RFC 3339 form, such as 2026-12-05T09:30:00Z.")
			continue
		}
		*t.into = at.UTC()
	}
	for _, n := range []struct {
		name     string
		into     *int
		min, max int
	}{{"limit", &f.limit, 1, maxLimit}, {"page", &f.page, 1, 1000}} {
		v := q.Get(n.name)
		if v == "" {
			continue
		}
		i, err := strconv.Atoi(v)
		if err != nil || i < n.min || i > n.max {
			bad(n.name, "Give a whole number from "+strconv.Itoa(n.min)+" to "+strconv.Itoa(n.max)+".")
			continue
		}
		*n.into = i
	}
	if v := q.Get("cursor"); v != "" {
		c, err := parseCursor(v)
		if err != nil {
			bad("cursor", "That cursor is not one this API gave out; start again from the first page.")
		} else {
			f.after = &c
		}
	}
	return f, errs
}
