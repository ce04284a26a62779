package admin

import (
	"net/http"
	"net/url"
	"strconv"

	"masthead/internal/news"
	"masthead/internal/store"
)

const redirectsPerPage = 50

// redirectsData is what the redirects page shows: one page of the list,
// filtered by the search words.
type redirectsData struct {
	Query     string
	List      store.RedirectPage
	Page      int
	Prev      string
	Next      string
	NewPath   string
	NewTarget string
}

// redirectsPage lists the redirects from old addresses (an import's, the
// newsroom's), searchable by either address.
func (a *Admin) redirectsPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	a.renderRedirects(w, r, u, http.StatusOK, page{})
}

func (a *Admin) renderRedirects(w http.ResponseWriter, r *http.Request, u *news.User, status int, p page) {
	q := r.FormValue("q")
	n, _ := strconv.Atoi(r.URL.Query().Get("page"))
	n = max(n, 1)
	list, err := a.store.Redirects(r.Context(), q, redirectsPerPage, (n-1)*redirectsPerPage)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	d, _ := p.Data.(redirectsData)
	d.Query, d.List, d.Page = q, list, n
	link := func(page int) string {
		v := url.Values{"page": {strconv.Itoa(page)}}
		if q != "" {
			v.Set("q", q)
		}
		return "/admin/redirects?" + v.Encode()
	}
	if n > 1 {
		d.Prev = link(n - 1)
	}
	if n*redirectsPerPage < list.Total {
		d.Next = link(n + 1)
	}
	p.Title, p.User, p.Data = "Redirects", u, d
	a.render(w, r, status, "redirects", p)
}

// addRedirect saves a redirect the newsroom adds by hand.
func (a *Admin) addRedirect(w http.ResponseWriter, r *http.Request, u *news.User) {
	rd := news.Redirect{Path: r.PostFormValue("path"), Target: r.PostFormValue("target"), Origin: news.RedirectFromNewsroom}
	err := a.store.AddRedirect(r.Context(), &rd)
	if refusal(err) {
		a.renderRedirects(w, r, u, news.HTTPStatus(err), page{Errors: fieldErrors(err),
			Data: redirectsData{NewPath: rd.Path, NewTarget: rd.Target}})
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "redirect.add", Subject: rd.Path, Detail: rd.Target})
	a.renderRedirects(w, r, u, http.StatusOK, page{Message: "Added: " + rd.Path + " now leads to " + rd.Target + "."})
}

// deleteRedirect removes one redirect; its old address answers 404 again.
func (a *Admin) deleteRedirect(w http.ResponseWriter, r *http.Request, u *news.User) {
	path := r.PostFormValue("path")
	err := a.store.DeleteRedirect(r.Context(), path)
	if refusal(err) {
		a.renderRedirects(w, r, u, news.HTTPStatus(err), page{Error: news.ErrorMessage(err)})
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "redirect.delete", Subject: path})
	a.renderRedirects(w, r, u, http.StatusOK, page{Message: "Deleted the redirect from " + path + "."})
}
