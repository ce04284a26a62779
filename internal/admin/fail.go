package admin

import (
	"net/http"

	"masthead/internal/news"
)

// refusal reports whether err refuses a request for a reason the person can
// act on: input that breaks a rule or cannot be read, a value taken or a
// copy gone stale, a thing that is not (or no longer) there. A page shows
// it, at its field when it names one, with the status news.HTTPStatus gives
// its code. Any other error is the server's, for serverError (503 when the
// node cannot save for now, 500 otherwise).
func refusal(err error) bool {
	switch news.ErrorCode(err) {
	case news.EINVALID, news.EMALFORMED, news.ECONFLICT, news.ENOTFOUND, news.EGONE:
		return true
	}
	return false
}

// refusalTitles head the error page of each refusal, unless the caller
// names the page.
var refusalTitles = map[string]string{
	news.ENOTFOUND: "Not found",
	news.EGONE:     "Gone",
}

// failPage answers err with the newsroom's error page: a refusal with the
// status news.HTTPStatus gives it and its safe message, under title (or the
// code's own title when title is empty); any other error as serverError.
func (a *Admin) failPage(w http.ResponseWriter, r *http.Request, u *news.User, title string, err error) {
	if !refusal(err) {
		a.serverError(w, r, err)
		return
	}
	if title == "" {
		title = refusalTitles[news.ErrorCode(err)]
	}
	if title == "" {
		title = "Not done"
	}
	a.render(w, r, news.HTTPStatus(err), "error", page{Title: title, User: u, Message: news.ErrorMessage(err)})
}

// notFoundf is the ENOTFOUND of an address that names nothing, for failPage
// and apiFail.
func notFoundf(format string, args ...any) error { return news.Errorf(news.ENOTFOUND, format, args...) }
