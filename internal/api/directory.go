package api

import (
	"html"
	"net/http"
	"strings"

	"masthead/internal/news"
	"masthead/internal/store"
)

// The site's directories: sections, authors, tags and static pages.

func (a *API) sections(w http.ResponseWriter, r *http.Request) {
	list, err := a.store.Sections(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	doc := listDoc[sectionDoc]{Items: []sectionDoc{}}
	for _, s := range list {
		doc.Items = append(doc.Items, a.section(s))
	}
	writeDoc(w, r, doc)
}

func (a *API) authors(w http.ResponseWriter, r *http.Request) {
	list, err := a.store.Authors(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	doc := listDoc[authorDoc]{Items: []authorDoc{}}
	for _, au := range list {
		doc.Items = append(doc.Items, a.author(au))
	}
	writeDoc(w, r, doc)
}

func (a *API) authorBySlug(w http.ResponseWriter, r *http.Request) {
	au, err := a.store.AuthorBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeDoc(w, r, a.author(au))
}

// maxTags bounds the tag directory's one answer.
const maxTags = 1000

func (a *API) tags(w http.ResponseWriter, r *http.Request) {
	list, err := a.store.AllTags(r.Context(), maxTags, 0)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	doc := listDoc[tagDoc]{Items: []tagDoc{}}
	for _, t := range list {
		d := a.tag(t.Tag)
		d.Articles = &t.Articles
		doc.Items = append(doc.Items, d)
	}
	writeDoc(w, r, doc)
}

type pageDoc struct {
	ID        int64   `json:"id"`
	Slug      string  `json:"slug"`
	Title     string  `json:"title"`
	URL       string  `json:"url"`
	UpdatedAt *string `json:"updated_at,omitempty"`
	Body      any     `json:"body,omitempty"`
	HTML      string  `json:"html,omitempty"`
	Text      string  `json:"text,omitempty"`
}

func (a *API) page(p news.Page, whole bool) pageDoc {
	d := pageDoc{ID: p.ID, Slug: p.Slug, Title: p.Title, URL: a.abs("/" + p.Slug)}
	if !p.UpdatedAt.IsZero() {
		s := p.UpdatedAt.UTC().Format("2006-01-02T15:04:05Z07:00")
		d.UpdatedAt = &s
	}
	if whole {
		d.Body, d.HTML, d.Text = p.Body, string(p.Body.HTML()), p.Body.Text()
	}
	return d
}

func (a *API) pages(w http.ResponseWriter, r *http.Request) {
	list, err := a.store.Pages(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	doc := listDoc[pageDoc]{Items: []pageDoc{}}
	for _, p := range list {
		doc.Items = append(doc.Items, a.page(p, false))
	}
	writeDoc(w, r, doc)
}

func (a *API) pageBySlug(w http.ResponseWriter, r *http.Request) {
	p, err := a.store.PageBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeDoc(w, r, a.page(p, true))
}

// searchDoc is a page of search results; Next is the page after, if any.
type searchDoc struct {
	Items []summaryDoc `json:"items"`
	Total int          `json:"total"`
	Next  int          `json:"next_page,omitempty"`
}

// search finds published articles by relevance, with snippets as HTML:
// the text escaped, the matched words in <mark>.
func (a *API) search(w http.ResponseWriter, r *http.Request) {
	f, errs := parseFilters(r.URL.Query())
	if len(errs) > 0 {
		badRequest(w, errs)
		return
	}
	if f.q == "" {
		a.fail(w, r, news.FieldError("q", "Give the words to search for."))
		return
	}
	section, _, author, err := a.resolve(r, filters{section: f.section, author: f.author})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	res, err := a.store.Search(r.Context(), store.SearchQuery{Text: f.q, SectionID: section, AuthorID: author,
		Limit: f.limit, Offset: (f.page - 1) * f.limit})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	doc := searchDoc{Items: []summaryDoc{}, Total: res.Total}
	if res.HasNext {
		doc.Next = f.page + 1
	}
	for _, h := range res.Hits {
		s := a.summary(h.Teaser)
		s.Snippet = strings.NewReplacer(store.MarkStart, "<mark>", store.MarkStop, "</mark>").Replace(html.EscapeString(h.Snippet))
		doc.Items = append(doc.Items, s)
	}
	writeDoc(w, r, doc)
}
