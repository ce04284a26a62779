package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"masthead/internal/news"
	"masthead/internal/store"
)

// The article list: every article the person may see, most recently
// changed first, searched and filtered by plain GET parameters, so that a
// filtered list works without JavaScript and can be bookmarked.

// articlesPerPage is one page of the list.
const articlesPerPage = 50

// listQuery is the list's query string, as typed: echoed in the form, and
// carried by the next page's link and the bulk actions.
type listQuery struct {
	Text, Stage, Section, Author, Tag, From, To, After string
	Mine                                               bool
}

type articleListData struct {
	Q        listQuery
	Page     store.ArticlePage
	Next     string // the next page's address, or ""
	Stages   []news.Stage
	Sections []news.Section
	Authors  []news.Author
	Bulk     []bulkChoice // the bulk actions the person's role may take
	Back     string       // this list's address, for coming back to it
}

func (a *Admin) articleList(w http.ResponseWriter, r *http.Request, u *news.User) {
	v := r.URL.Query()
	q := listQuery{Text: v.Get("q"), Stage: v.Get("stage"), Section: v.Get("section"), Author: v.Get("author"),
		Tag: strings.TrimSpace(v.Get("tag")), From: v.Get("from"), To: v.Get("to"), After: v.Get("after"), Mine: v.Get("mine") == "1"}
	d := articleListData{Q: q, Stages: news.Stages, Back: r.URL.RequestURI()}
	var err error
	if d.Sections, err = a.store.Sections(r.Context()); err == nil {
		d.Authors, err = a.store.Authors(r.Context())
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	d.Bulk = bulkChoices(u.Role)
	p := page{Title: "Articles", User: u, Data: &d}
	f, errs := a.parseFilter(r.Context(), q)
	if len(errs) > 0 {
		p.Errors, p.Error = errs, "The list could not be filtered that way; see the fields marked below."
		a.render(w, r, http.StatusBadRequest, "articles", p)
		return
	}
	if !seesEveryArticle(u.Role) || q.Mine {
		f.Mine, f.MineAuthor = u.ID, u.AuthorID
	}
	f.Limit = articlesPerPage
	if d.Page, err = a.store.ArticleList(r.Context(), f); refusal(err) {
		p.Errors, p.Error = fieldErrors(err), "The list could not be filtered that way; see the fields marked below."
		a.render(w, r, news.HTTPStatus(err), "articles", p)
		return
	} else if err != nil {
		a.serverError(w, r, err)
		return
	}
	if n := d.Page.Next; n != (store.ListCursor{}) {
		next := r.URL.Query()
		next.Set("after", strconv.FormatInt(n.Changed, 10)+"-"+strconv.FormatInt(n.ID, 10))
		d.Next = "/admin/articles?" + next.Encode()
	}
	a.render(w, r, http.StatusOK, "articles", p)
}

// seesEveryArticle reports whether the rule table lets role open other
// people's articles in every stage; a role that may not sees only its own.
func seesEveryArticle(role news.Role) bool {
	for _, st := range news.Stages {
		if !news.Allowed(role, false, news.ActView, st) {
			return false
		}
	}
	return true
}

// parseFilter reads the list's parameters, with a message for each field
// that cannot be used.
func (a *Admin) parseFilter(ctx context.Context, q listQuery) (store.ArticleFilter, map[string]string) {
	f := store.ArticleFilter{Text: strings.TrimSpace(q.Text), Stage: news.Stage(q.Stage)}
	errs := map[string]string{}
	if len([]rune(f.Text)) > 200 {
		errs["q"] = "Search for at most 200 characters."
	}
	if q.Stage != "" {
		if _, ok := stageWords[f.Stage]; !ok {
			errs["stage"] = "Choose a status from the list."
		}
	}
	id := func(field, value string, into *int64) {
		if value == "" {
			return
		}
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil || n <= 0 {
			errs[field] = "Choose a " + field + " from the list."
			return
		}
		*into = n
	}
	id("section", q.Section, &f.SectionID)
	id("author", q.Author, &f.AuthorID)
	if q.Tag != "" {
		t, err := a.store.TagBySlug(ctx, news.Slugify(q.Tag))
		switch {
		case news.ErrorCode(err) == news.ENOTFOUND:
			errs["tag"] = "No article has the tag “" + q.Tag + "”. Check its spelling on the Tags page."
		case err != nil:
			errs["tag"] = "The tag could not be looked up just now; try again."
		default:
			f.TagID = t.ID
		}
	}
	loc := a.location(ctx)
	day := func(field, value string) time.Time {
		if value == "" {
			return time.Time{}
		}
		t, err := time.ParseInLocation("2006-01-02", value, loc)
		if err != nil || t.Year() < 1900 || t.Year() > 9999 {
			errs[field] = "Give a date as year-month-day, such as 2026-12-05."
			return time.Time{}
		}
		return t
	}
	f.From = day("from", q.From)
	if to := day("to", q.To); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1) // the whole of the last day
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		errs["to"] = "The end date is before the start date."
	}
	if q.After != "" {
		c, i, ok := strings.Cut(q.After, "-")
		changed, err1 := strconv.ParseInt(c, 10, 64)
		id, err2 := strconv.ParseInt(i, 10, 64)
		if !ok || err1 != nil || err2 != nil || id <= 0 {
			errs["after"] = "That page of the list does not exist; start again from the first page."
		}
		f.After = store.ListCursor{Changed: changed, ID: id}
	}
	return f, errs
}

// listLink is the article list's address with these filters.
func listLink(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return "/admin/articles?" + v.Encode()
}

// stageNames are the stages as the list shows them.
var stageNames = map[news.Stage]string{
	news.StageDraft: "Draft", news.StageSubmitted: "Waiting for review", news.StageScheduled: "Scheduled",
	news.StagePublished: "Published", news.StagePending: "Published, with changes not yet live", news.StageUnpublished: "Unpublished",
}

func stageName(st news.Stage) string { return stageNames[st] }

// listFirst is a list's address without its page: the first page of the
// same filters.
func listFirst(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return "/admin/articles"
	}
	q := u.Query()
	q.Del("after")
	return "/admin/articles?" + q.Encode()
}
