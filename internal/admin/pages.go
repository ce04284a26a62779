package admin

import (
	"cmp"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"masthead/internal/blocks"
	"masthead/internal/news"
	"masthead/internal/redirect"
)

// pagesPage lists every static page, published or not, with where it is
// linked from.
func (a *Admin) pagesPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	list, err := a.store.AllPages(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	p := page{Title: "Pages", User: u, Data: list}
	switch r.URL.Query().Get("done") {
	case "published":
		p.Message = "Published: readers see the page now."
	case "unpublished":
		p.Message = "Unpublished: the page's address answers “not found” and it left the footer and the menu."
	}
	a.render(w, r, http.StatusOK, "pages", p)
}

// pageEditData is what the page editor shows.
type pageEditData struct {
	Page news.Page
	// Base is the version the form was opened on.
	Base  int
	Body  string // the block document as JSON, for the editor
	Style string
}

// newPage shows an empty page editor.
func (a *Admin) newPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	a.renderPageEditor(w, r, u, http.StatusOK, page{}, news.Page{InFooter: true}, 0)
}

// editPage shows a page in the page editor.
func (a *Admin) editPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	pg, ok := a.loadPage(w, r, u)
	if !ok {
		return
	}
	p := page{}
	if r.URL.Query().Get("done") == "saved" {
		p.Message = "Saved (version " + strconv.Itoa(pg.Version) + "). It is not published yet."
		if pg.Published {
			p.Message = "Saved (version " + strconv.Itoa(pg.Version) + "). Readers see it now."
		}
	}
	a.renderPageEditor(w, r, u, http.StatusOK, p, pg, pg.Version)
}

func (a *Admin) loadPage(w http.ResponseWriter, r *http.Request, u *news.User) (news.Page, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.failPage(w, r, u, "", notFoundf("There is no such page."))
		return news.Page{}, false
	}
	pg, err := a.store.PageByID(r.Context(), id)
	if err != nil {
		a.failPage(w, r, u, "", err)
		return pg, false
	}
	return pg, true
}

func (a *Admin) renderPageEditor(w http.ResponseWriter, r *http.Request, u *news.User, status int, p page, pg news.Page, base int) {
	body, err := json.Marshal(pg.Body)
	if err != nil || pg.Body == nil {
		body = []byte("[]")
	}
	p.Title, p.User = "New page", u
	if pg.ID != 0 {
		p.Title = "Edit: " + pg.Title
	}
	p.Data = pageEditData{Page: pg, Base: base, Body: string(body), Style: editorStyle.path}
	a.render(w, r, status, "page", p)
}

// pageForm reads the page editor's form into pg.
func pageForm(r *http.Request, pg *news.Page) error {
	f := r.PostForm
	pg.Title, pg.Slug = f.Get("title"), strings.TrimSpace(f.Get("slug"))
	pg.InFooter, pg.InMenu = f.Get("in_footer") != "", f.Get("in_menu") != ""
	pg.Position = 0
	if v := strings.TrimSpace(f.Get("position")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return news.FieldError("position", "The order is a whole number, such as 10.")
		}
		pg.Position = n
	}
	var doc blocks.Document
	if err := json.Unmarshal([]byte(cmp.Or(f.Get("body"), "[]")), &doc); err != nil {
		return news.FieldError("body", "The text could not be read, so nothing was saved. Reload the page and try again.")
	}
	pg.Body = doc
	return nil
}

// createPage saves a new page, unpublished, and opens it in the editor.
func (a *Admin) createPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	pg := news.Page{SavedBy: u.ID}
	err := pageForm(r, &pg)
	if err == nil {
		err = a.store.CreatePage(r.Context(), &pg)
	}
	if a.pageRefused(w, r, u, err, pg, 0) {
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "page.create", Subject: "page:" + strconv.FormatInt(pg.ID, 10), Detail: pg.Title})
	redirect.To(w, r, "/admin/pages/"+strconv.FormatInt(pg.ID, 10)+"?done=saved", http.StatusSeeOther)
}

// savePage saves the page editor's form as the page's next version.
func (a *Admin) savePage(w http.ResponseWriter, r *http.Request, u *news.User) {
	pg, ok := a.loadPage(w, r, u)
	if !ok {
		return
	}
	base, _ := strconv.Atoi(r.PostFormValue("base"))
	pg.SavedBy = u.ID
	err := pageForm(r, &pg)
	if err == nil {
		err = a.store.SavePage(r.Context(), &pg, base)
	}
	if a.pageRefused(w, r, u, err, pg, base) {
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "page.save", Subject: "page:" + strconv.FormatInt(pg.ID, 10),
		Detail: "version " + strconv.Itoa(pg.Version)})
	redirect.To(w, r, "/admin/pages/"+strconv.FormatInt(pg.ID, 10)+"?done=saved", http.StatusSeeOther)
}

// pageRefused answers a refused save with the form as sent and the field
// named (422, 409 for a slug taken or a stale version, 404), and reports
// whether it did.
func (a *Admin) pageRefused(w http.ResponseWriter, r *http.Request, u *news.User, err error, pg news.Page, base int) bool {
	switch {
	case err == nil:
		return false
	case refusal(err):
		a.renderPageEditor(w, r, u, news.HTTPStatus(err), page{Errors: fieldErrors(err),
			Error: "Nothing was saved: " + news.ErrorMessage(err)}, pg, base)
	default:
		a.serverError(w, r, err)
	}
	return true
}

// publishPage makes a page public, or takes it down, at once on every
// page that links it.
func (a *Admin) publishPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	pg, ok := a.loadPage(w, r, u)
	if !ok {
		return
	}
	publish := r.PathValue("action") == "publish"
	if !publish && r.PathValue("action") != "unpublish" {
		a.failPage(w, r, u, "", notFoundf("A page can be published or unpublished."))
		return
	}
	if err := a.store.SetPagePublished(r.Context(), pg.ID, publish); err != nil {
		a.serverError(w, r, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "page." + r.PathValue("action"),
		Subject: "page:" + strconv.FormatInt(pg.ID, 10), Detail: pg.Title})
	redirect.To(w, r, "/admin/pages?done="+r.PathValue("action")+"ed", http.StatusSeeOther)
}

// pageRevisionsData is what the page's revisions screen shows.
type pageRevisionsData struct {
	Page      news.Page
	Revisions []news.PageRevision
}

// pageRevisions lists every saved version of a page, each readable.
func (a *Admin) pageRevisions(w http.ResponseWriter, r *http.Request, u *news.User) {
	pg, ok := a.loadPage(w, r, u)
	if !ok {
		return
	}
	revs, err := a.store.PageRevisions(r.Context(), pg.ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.render(w, r, http.StatusOK, "page_revisions", page{Title: "Revisions of " + pg.Title, User: u,
		Data: pageRevisionsData{Page: pg, Revisions: revs}})
}

// restorePage saves an earlier version's title and text as the page's
// next version; its address and placement stay as they are.
func (a *Admin) restorePage(w http.ResponseWriter, r *http.Request, u *news.User) {
	pg, ok := a.loadPage(w, r, u)
	if !ok {
		return
	}
	v, _ := strconv.Atoi(r.PostFormValue("version"))
	revs, err := a.store.PageRevisions(r.Context(), pg.ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	for _, rev := range revs {
		if rev.Version != v {
			continue
		}
		base := pg.Version
		pg.Title, pg.Body, pg.SavedBy = rev.Title, rev.Body, u.ID
		if a.pageRefused(w, r, u, a.store.SavePage(r.Context(), &pg, base), pg, base) {
			return
		}
		a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "page.restore",
			Subject: "page:" + strconv.FormatInt(pg.ID, 10), Detail: "version " + strconv.Itoa(v)})
		redirect.To(w, r, "/admin/pages/"+strconv.FormatInt(pg.ID, 10)+"?done=saved", http.StatusSeeOther)
		return
	}
	a.failPage(w, r, u, "", notFoundf("This page has no version %d.", v))
}
