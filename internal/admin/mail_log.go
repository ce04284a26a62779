package admin

import (
	"net/http"
	"strconv"

	"masthead/internal/news"
	"masthead/internal/store"
)

type mailLogData struct {
	Mails      []store.Mail
	MailServer bool
	Page       int
	Previous   int
	Next       int
}

const mailPerPage = 100

// mailLog shows the outbox, newest first: what went to whom, and what has
// not gone yet and why. Without a mail server the unsent mails' text is
// shown, so an admin can pass an invitation or reset link on by hand.
func (a *Admin) mailLog(w http.ResponseWriter, r *http.Request, u *news.User) {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 || n > 100000 {
		n = 1
	}
	mails, err := a.store.MailLog(r.Context(), mailPerPage+1, (n-1)*mailPerPage)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	d := mailLogData{Mails: mails, MailServer: a.cfg.MailServer, Page: n, Previous: n - 1}
	if len(mails) > mailPerPage {
		d.Mails, d.Next = mails[:mailPerPage], n+1
	}
	a.render(w, r, http.StatusOK, "mail", page{Title: "Mail", User: u, Data: d})
}
