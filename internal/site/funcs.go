package site

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/news"
)

// funcs are the helpers templates may call.
func (s *Site) funcs() template.FuncMap {
	return template.FuncMap{
		"asset":     s.assets.url,
		"integrity": s.assets.integrity,
		"abs":       s.absURL,
		"absImage":  s.absImage,
		"date":      func(t time.Time) string { return t.In(s.location()).Format("2 January 2006") },
		"datetime":  func(t time.Time) string { return t.In(s.location()).Format("2 January 2006, 15:04 MST") },
		"isotime":   isoTime,
		"shortdate": func(t time.Time) string { return t.In(s.location()).Format("2 Jan 2006") },
		"card": func(t news.Teaser, heading int, withPicture bool) template.HTML {
			return cardIn(t, heading, withPicture, s.location())
		},
		"names":    names,
		"portrait": portrait,
		"updated":  updatedLater,
		"add":      func(a, b int) int { return a + b },
		"count":    grouped,
		"last":     func(i, n int) bool { return i == n-1 },
		"contains": strings.Contains,
		// The lead picture and those in the body are as wide as the column.
		"columnSizes": func() string { return blocks.ColumnSizes },
	}
}

// grouped writes a count as a reader reads it, its thousands apart:
// "More than 2,000 results", not "2000".
func grouped(n int) string {
	digits := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return sign + b.String()
}

func isoTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// location is the site's time zone, in which pages show dates (their
// <time datetime> stays UTC), as the shared chrome last loaded it.
func (s *Site) location() *time.Location {
	if loc := s.loc.Load(); loc != nil {
		return loc
	}
	return time.UTC
}
func shortDate(t time.Time) string { return t.UTC().Format("2 Jan 2006") }

// names joins display names as a byline reads: "A", "A and B", "A, B and C".
func names(authors []news.Author) string {
	list := make([]string, len(authors))
	for i, a := range authors {
		list[i] = a.Name
	}
	switch len(list) {
	case 0:
		return ""
	case 1:
		return list[0]
	}
	return strings.Join(list[:len(list)-1], ", ") + " and " + list[len(list)-1]
}

// updatedLater reports whether an update time is worth showing: a reader
// needs "updated" only when it is meaningfully after publication.
func updatedLater(published, updated time.Time) bool {
	return updated.Sub(published) >= time.Minute
}
