package api

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"masthead/internal/news"
	"masthead/internal/problem"
	"masthead/internal/store"
)

// writeDoc sends v as JSON with a strong ETag of its bytes, answering 304
// when the client has it. Through the cache the cache does the same, and
// adds Cache-Control and Surrogate-Key.
func writeDoc(w http.ResponseWriter, r *http.Request, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		problem.Write(w, problem.New(http.StatusInternalServerError, "Something went wrong on our side."))
		return
	}
	sum := sha256.Sum256(body)
	etag := `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
	h := w.Header()
	h.Set("ETag", etag)
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "public, max-age=0, s-maxage=60, stale-while-revalidate=30")
	}
	if strings.Contains(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(append(body, '\n'))
}

// badRequest answers query parameters that cannot be read (a limit that is
// not a number, a cursor not ours) with one problem naming each.
func badRequest(w http.ResponseWriter, errs []problem.FieldError) {
	p := problem.FromError(news.Errorf(news.EMALFORMED, "%s", errs[0].Message))
	p.Errors = errs
	w.Header().Set("Cache-Control", "no-store")
	problem.Write(w, p)
}

// errNoRoute is the failure of an address under /api/v1 that is no route.
var errNoRoute = news.Errorf(news.ENOTFOUND, "There is no such API route.")

func (a *API) notFound(w http.ResponseWriter, r *http.Request) { a.fail(w, r, errNoRoute) }

// articles lists published articles, newest first, a page at a time.
func (a *API) articles(w http.ResponseWriter, r *http.Request) {
	f, errs := parseFilters(r.URL.Query())
	if len(errs) > 0 {
		badRequest(w, errs)
		return
	}
	q := store.ArticleQuery{UpdatedSince: f.updatedSince, PublishedBefore: f.publishedBefore, Limit: f.limit + 1}
	if f.after != nil {
		q.AfterPublished, q.AfterID = f.after.published, f.after.id
	}
	var err error
	if q.SectionID, q.TagID, q.AuthorID, err = a.resolve(r, f); err != nil {
		a.fail(w, r, err)
		return
	}
	list, err := a.store.ArticlePage(r.Context(), q)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	doc := listDoc[summaryDoc]{Items: []summaryDoc{}}
	if len(list) > f.limit {
		list = list[:f.limit]
		last := list[len(list)-1]
		doc.Next = cursor{published: last.PublishedAt, id: last.ID}.encode()
	}
	for _, t := range list {
		doc.Items = append(doc.Items, a.summary(t))
	}
	writeDoc(w, r, doc)
}

// resolve turns the section, tag and author slugs of f into IDs; an
// unknown one is an error naming its field.
func (a *API) resolve(r *http.Request, f filters) (section, tag, author int64, err error) {
	ctx := r.Context()
	if f.section != "" {
		s, err := a.store.SectionBySlug(ctx, f.section)
		if err != nil {
			return 0, 0, 0, unknown("section", err)
		}
		section = s.ID
	}
	if f.tag != "" {
		t, err := a.store.TagBySlug(ctx, f.tag)
		if err != nil {
			return 0, 0, 0, unknown("tag", err)
		}
		tag = t.ID
	}
	if f.author != "" {
		au, err := a.store.AuthorBySlug(ctx, f.author)
		if err != nil {
			return 0, 0, 0, unknown("author", err)
		}
		author = au.ID
	}
	return section, tag, author, nil
}

// unknown turns a slug that finds nothing into a 422 naming the filter.
func unknown(field string, err error) error {
	if news.ErrorCode(err) == news.ENOTFOUND {
		return news.FieldError(field, "There is no %s with that slug.", field)
	}
	return err
}

// articleByID sends a published article whole; a draft is as absent as an
// article that never was, and an unpublished one is gone (410).
func (a *API) articleByID(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		a.fail(w, r, news.Errorf(news.ENOTFOUND, "There is no such article."))
		return
	}
	art, err := a.store.ArticleByID(r.Context(), id)
	switch {
	case err != nil:
		a.fail(w, r, err)
	case art.Status == news.Unpublished:
		a.fail(w, r, news.Errorf(news.EGONE, "This article was withdrawn."))
	case art.Status != news.Published:
		a.fail(w, r, news.Errorf(news.ENOTFOUND, "There is no such article."))
	default:
		writeDoc(w, r, a.article(art))
	}
}
