package site

import (
	"html"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"masthead/internal/news"
	"masthead/internal/store"
)

// searchPage is what the search template shows.
type searchPage struct {
	chrome
	Form     searchForm
	Authors  []news.Author
	Searched bool // a query with words was given
	Hits     []searchHit
	Total    int
	More     bool // more than Total
	Pager    pager
	// ArchiveURL is this year's archive, offered when nothing is found.
	ArchiveURL string
}

// searchHit is a found article with its snippet ready to show.
type searchHit struct {
	news.Teaser
	Snippet template.HTML
}

// handleSearch serves /search: the form alone, or the form with one page of
// results. Result pages are endless and say nothing new, so none is indexed.
func (s *Site) handleSearch(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	form, err := s.parseSearchForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := "Search"
	if form.Q != "" {
		title = "Search: " + form.Q
	}
	c, err := s.chrome(ctx, pageTitle(title, form.Page), "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c.Noindex = true
	p := searchPage{chrome: c, Form: form, Searched: form.Q != "",
		ArchiveURL: "/archive/" + strconv.Itoa(s.store.Now().In(s.location()).Year())}
	if p.Authors, err = s.store.Authors(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Searched {
		res, err := s.store.Search(ctx, form.query)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Total, p.More = res.Total, res.More
		for _, h := range res.Hits {
			p.Hits = append(p.Hits, searchHit{Teaser: h.Teaser, Snippet: highlight(h.Snippet)})
		}
		p.Pager = pager{Page: form.Page, HasNext: res.HasNext, PrevLabel: "Previous results", NextLabel: "More results",
			Pages: (res.Ranked + perPage - 1) / perPage}
		if form.Page > 1 {
			p.Pager.Previous = form.pageURL(form.Page - 1)
		}
		if res.HasNext {
			p.Pager.Next = form.pageURL(form.Page + 1)
		}
	}
	s.render(w, r, http.StatusOK, "search", p)
}

// highlight escapes a snippet and turns the store's match markers into
// <mark> elements, balanced whatever the markers say; any other control
// character is dropped, as HTML does not allow it.
func highlight(snippet string) template.HTML {
	var b strings.Builder
	open := false
	for _, part := range strings.SplitAfter(snippet, "") {
		switch {
		case part == store.MarkStart && !open:
			b.WriteString("<mark>")
			open = true
		case part == store.MarkStop && open:
			b.WriteString("</mark>")
			open = false
		case len(part) == 1 && part[0] < 0x20 && part != "\n" && part != "\t":
		default:
			b.WriteString(html.EscapeString(part))
		}
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String())
}
