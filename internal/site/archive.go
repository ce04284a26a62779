package site

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"masthead/internal/news"
	"masthead/internal/redirect"
	"masthead/internal/store"
)

// monthLink is one month in a year's archive.
type monthLink struct {
	Name  string
	URL   string
	Count int
}

// handleArchiveYear lists the months of a year that have articles.
func (s *Site) handleArchiveYear(w http.ResponseWriter, r *http.Request) {
	year, err := archiveNumber(r.PathValue("year"), 1900, 9999, "year")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	path := fmt.Sprintf("/archive/%04d", year)
	if r.URL.Path != path {
		redirect.To(w, r, path, http.StatusMovedPermanently)
		return
	}
	months, err := s.store.ArchiveMonths(ctx, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(months) == 0 {
		s.notFound(w, r)
		return
	}
	heading := fmt.Sprintf("Archive: %d", year)
	c, err := s.chrome(ctx, heading, path)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c.Description = fmt.Sprintf("Everything %s published in %d, month by month.", c.SiteName, year)
	p := indexPage{chrome: c, Heading: heading, Kicker: "Archive"}
	for _, m := range months {
		p.Months = append(p.Months, monthLink{Name: m.Month.String(), Count: m.Count,
			URL: fmt.Sprintf("/archive/%04d/%02d", year, int(m.Month))})
	}
	s.render(w, r, http.StatusOK, "archive", p)
}

// handleArchiveDays lists the articles of one month or one day, paged.
func (s *Site) handleArchiveDays(w http.ResponseWriter, r *http.Request) {
	year, err := archiveNumber(r.PathValue("year"), 1900, 9999, "year")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	month, err := archiveNumber(r.PathValue("month"), 1, 12, "month")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	from := time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 1, 0)
	path := fmt.Sprintf("/archive/%04d/%02d", year, month)
	heading := from.Format("January 2006")
	if v := r.PathValue("day"); v != "" {
		day, err := archiveNumber(v, 1, 31, "day")
		if err != nil {
			s.fail(w, r, err)
			return
		}
		from = time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
		if from.Month() != time.Month(month) {
			s.notFound(w, r)
			return
		}
		to = from.AddDate(0, 0, 1)
		path += fmt.Sprintf("/%02d", day)
		heading = from.Format("Monday 2 January 2006")
	}
	if r.URL.Path != path {
		redirect.To(w, r, pagePathQuery(path, r.URL.RawQuery), http.StatusMovedPermanently)
		return
	}
	s.renderIndex(w, r, indexPage{Heading: heading, Kicker: "Archive",
		Description: "Articles published " + heading + "."}, path, store.TeaserQuery{From: from, To: to})
}

// archiveNumber reads one number of an archive path.
func archiveNumber(v string, min, max int, what string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		return 0, news.Errorf(news.EMALFORMED, "%q is not a %s (%d to %d).", v, what, min, max)
	}
	return n, nil
}

func pagePathQuery(path, query string) string {
	if query != "" {
		return path + "?" + query
	}
	return path
}
