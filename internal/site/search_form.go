package site

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"masthead/internal/news"
	"masthead/internal/store"
)

// searchForm is the search page's query string, as typed and as understood.
type searchForm struct {
	Q, Section, Author, From, To string // as the reader sent them, to refill the form
	When                         string // "", "day", "week", "month" or "year": published within that much of now
	Page                         int
	query                        store.SearchQuery
}

// parseSearchForm reads /search?q=…&section=…&author=…&from=…&to=…&page=N.
// A filter that names nothing (an unknown section, a date that is no date) is
// refused with a message rather than quietly ignored.
func (s *Site) parseSearchForm(r *http.Request) (searchForm, error) {
	v := r.URL.Query()
	f := searchForm{Q: strings.TrimSpace(v.Get("q")), Section: v.Get("section"), Author: v.Get("author"),
		From: v.Get("from"), To: v.Get("to"), When: v.Get("when")}
	f.query.Text = f.Q
	var err error
	if f.Page, err = parsePage(r); err != nil {
		return f, err
	}
	if f.Section != "" {
		sec, err := s.store.SectionBySlug(r.Context(), f.Section)
		if news.ErrorCode(err) == news.ENOTFOUND {
			return f, news.FieldError("section", "There is no section %q to search in.", f.Section)
		} else if err != nil {
			return f, err
		}
		f.query.SectionID = sec.ID
	}
	if f.Author != "" {
		au, err := s.store.AuthorBySlug(r.Context(), f.Author)
		if news.ErrorCode(err) == news.ENOTFOUND {
			return f, news.FieldError("author", "There is no author %q to search by.", f.Author)
		} else if err != nil {
			return f, err
		}
		f.query.AuthorID = au.ID
	}
	if f.query.From, err = parseDay("from", f.From); err != nil {
		return f, err
	}
	if f.query.To, err = parseDay("to", f.To); err != nil {
		return f, err
	}
	if f.When != "" {
		within, ok := searchPeriods[f.When]
		if !ok {
			return f, news.Errorf(news.EMALFORMED, "The time %q is not one of day, week, month or year.", f.When)
		}
		if since := s.store.Now().Add(-within); since.After(f.query.From) {
			f.query.From = since
		}
	}
	if !f.query.To.IsZero() {
		f.query.To = f.query.To.AddDate(0, 0, 1) // "to" names the last day included
	}
	f.query.Limit, f.query.Offset = perPage, (f.Page-1)*perPage
	return f, nil
}

// searchPeriods are the search form's "When" choices: how far back each reaches.
var searchPeriods = map[string]time.Duration{
	"day": 24 * time.Hour, "week": 7 * 24 * time.Hour, "month": 31 * 24 * time.Hour, "year": 366 * 24 * time.Hour,
}

// Filtered reports whether anything but the words narrows the search.
func (f searchForm) Filtered() bool {
	return f.Section != "" || f.Author != "" || f.From != "" || f.To != "" || f.When != ""
}

// Unfiltered is the address of the same words searched everywhere, at any time.
func (f searchForm) Unfiltered() string { return "/search?" + url.Values{"q": {f.Q}}.Encode() }

// parseDay reads a YYYY-MM-DD date input; empty means no limit.
func parseDay(name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return t, news.Errorf(news.EMALFORMED, "The %q date %q is not a date written as YYYY-MM-DD.", name, v)
	}
	return t, nil
}

// pageURL is the address of page n of the same search.
func (f searchForm) pageURL(n int) string {
	v := url.Values{"q": {f.Q}}
	for name, val := range map[string]string{"section": f.Section, "author": f.Author, "from": f.From, "to": f.To, "when": f.When} {
		if val != "" {
			v.Set(name, val)
		}
	}
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	return "/search?" + v.Encode()
}
