package admin

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"masthead/internal/auth"
	"masthead/internal/news"
	"masthead/internal/store"
)

type dashboardData struct {
	Drafts, Submitted, Scheduled, Pending, Published []store.Draft
	Mine                                             bool // the lists are the person's own work
	// MostRead are the articles most read in the last 7 days, for those
	// who may open anyone's.
	MostRead []news.Teaser
	// Views are the readers of each published article in the last 24 hours
	// and 7 days, counted without cookies (see docs/privacy.md).
	Views24h, Views7d map[int64]int64
	// LastBackup is when a scheduled backup last succeeded (zero: never).
	LastBackup time.Time
	// OffWebhooks are the webhook endpoints turned off for failing, shown
	// to admins so that a partner is not left uninformed unnoticed.
	OffWebhooks []news.Webhook
}

// dashboard shows the work in each stage: one's own for authors and
// contributors, everyone's for editors; and what was published last.
func (a *Admin) dashboard(w http.ResponseWriter, r *http.Request, u *news.User) {
	var d dashboardData
	var mine int64
	var published int64 // a contributor sees only their own work, even published
	if !u.Role.AtLeast(news.RoleEditor) {
		mine, d.Mine = u.ID, true
	}
	if u.Role == news.RoleContributor {
		published = u.ID
	}
	for _, l := range []struct {
		stage string
		into  *[]store.Draft
		mine  int64
		n     int
	}{{"draft", &d.Drafts, mine, 30}, {"submitted", &d.Submitted, mine, 30}, {"scheduled", &d.Scheduled, mine, 30},
		{"pending", &d.Pending, mine, 30}, {"published", &d.Published, published, 15}} {
		list, err := a.store.ArticlesInStage(r.Context(), l.stage, l.mine, u.AuthorID, l.n)
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		*l.into = list
	}
	now := a.store.Now()
	var err error
	if seesEveryArticle(u.Role) {
		if d.MostRead, err = a.store.MostRead(r.Context(), now.Add(-7*24*time.Hour), 10); err != nil {
			a.serverError(w, r, err)
			return
		}
	}
	ids := make([]int64, 0, len(d.Published)+len(d.MostRead))
	for _, p := range d.Published {
		ids = append(ids, p.ID)
	}
	for _, t := range d.MostRead {
		ids = append(ids, t.ID)
	}
	if d.Views24h, err = a.store.ArticleViews(r.Context(), ids, now.Add(-24*time.Hour)); err == nil {
		d.Views7d, err = a.store.ArticleViews(r.Context(), ids, now.Add(-7*24*time.Hour))
	}
	if err == nil {
		d.LastBackup, err = a.store.LastBackup(r.Context())
	}
	if err == nil && u.Role == news.RoleAdmin {
		d.OffWebhooks, err = a.store.DisabledWebhooks(r.Context())
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.render(w, r, http.StatusOK, "dashboard", page{Title: "Newsroom", User: u, Data: d})
}

type peopleData struct {
	Users      []news.User
	Roles      []news.Role
	Authors    []news.Author
	Invites    []store.Invitation
	InviteLink string
	Self       int64 // the admin looking, who cannot deactivate themselves here
}

func (a *Admin) people(w http.ResponseWriter, r *http.Request, u *news.User) {
	a.peoplePage(w, r, u, http.StatusOK, page{})
}

func (a *Admin) peoplePage(w http.ResponseWriter, r *http.Request, u *news.User, status int, p page) {
	users, err := a.store.Users(r.Context())
	var authors []news.Author
	var invites []store.Invitation
	if err == nil {
		authors, err = a.store.Authors(r.Context())
	}
	if err == nil {
		invites, err = a.store.PendingInvites(r.Context())
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	d, _ := p.Data.(peopleData)
	d.Users, d.Roles, d.Authors, d.Invites, d.Self = users, news.Roles, authors, invites, u.ID
	if p.Fields == nil {
		// A new invitation is for a contributor unless the admin chooses
		// more: the least power is the safe default.
		p.Fields = map[string]string{"role": string(news.RoleContributor)}
	}
	p.Title, p.User, p.Data = "People", u, d
	a.render(w, r, status, "people", p)
}

// invite makes a one-time link that lets its holder create an account with
// the role chosen here, for three days, and mails it to them through the
// outbox. The link is also shown once, to the admin who made it, to pass on
// when no mail server is set; only its hash is kept.
func (a *Admin) invite(w http.ResponseWriter, r *http.Request, u *news.User) {
	email, role := r.PostFormValue("email"), news.Role(r.PostFormValue("role"))
	a.makeInvite(w, r, u, email, role, "", map[string]string{"email": email, "role": string(role)})
}

// makeInvite stores and mails a new invitation (replacing the pending one
// whose hash is old, when given) and shows its link.
func (a *Admin) makeInvite(w http.ResponseWriter, r *http.Request, u *news.User, email string, role news.Role, old string, fields map[string]string) {
	token := auth.NewToken()
	link := a.absURL("/admin/invite/" + token)
	err := a.store.CreateInvite(r.Context(), auth.TokenHash(token), email, role, u.ID, inviteTTL, a.inviteMail(r.Context(), link, string(role)))
	if refusal(err) {
		a.peoplePage(w, r, u, news.HTTPStatus(err), page{Fields: fields, Errors: fieldErrors(err)})
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if old != "" {
		if _, err := a.store.RevokeInvite(r.Context(), old); err != nil && news.ErrorCode(err) != news.ENOTFOUND {
			a.serverError(w, r, err)
			return
		}
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "user.invite", Subject: news.NormalizeEmail(email), Detail: "as " + string(role)})
	sent := "It is in the mail to them"
	if !a.cfg.MailServer {
		sent = "No mail server is set, so it was not mailed: send them the link below yourself"
	}
	a.peoplePage(w, r, u, http.StatusOK, page{Message: "Invitation made for " + news.NormalizeEmail(email) + ". " + sent +
		"; it works once, for " + strconv.Itoa(int(inviteTTL.Hours())) + " hours.",
		Data: peopleData{InviteLink: link}})
}

type inviteData struct{ Email, Role string }

func (a *Admin) inviteForm(w http.ResponseWriter, r *http.Request) {
	email, role, err := a.store.Invite(r.Context(), auth.TokenHash(r.PathValue("token")))
	if err != nil {
		a.failPage(w, r, nil, "Invitation", err)
		return
	}
	a.render(w, r, http.StatusOK, "invite", page{Title: "Join the newsroom", Data: inviteData{email, string(role)}})
}

// acceptInvite creates the invited account and signs its owner in.
// Links that match no invitation count towards the address's sign-in limit.
func (a *Admin) acceptInvite(w http.ResponseWriter, r *http.Request) {
	if limited, err := a.overLimit(w, r, ""); err != nil {
		a.serverError(w, r, err)
		return
	} else if limited {
		a.render(w, r, http.StatusTooManyRequests, "error", page{Title: "Invitation", Message: limitedMessage})
		return
	}
	hash := auth.TokenHash(r.PathValue("token"))
	email, role, err := a.store.Invite(r.Context(), hash)
	if news.ErrorCode(err) == news.ENOTFOUND {
		a.failed(r, news.User{}, "", "invitation link") // a guessed link counts towards the limit
	}
	if err != nil {
		a.failPage(w, r, nil, "Invitation", err)
		return
	}
	name, pw := r.PostFormValue("name"), r.PostFormValue("password")
	again := func(err error) {
		a.render(w, r, news.HTTPStatus(err), "invite", page{Title: "Join the newsroom", Data: inviteData{email, string(role)},
			Fields: map[string]string{"name": name}, Errors: fieldErrors(err)})
	}
	if err := auth.CheckPassword(pw, email, name); err != nil {
		again(err)
		return
	}
	u, err := a.store.AcceptInvite(r.Context(), hash, name, auth.HashPassword(pw))
	if refusal(err) {
		again(err)
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "user.join", Subject: u.Email, Detail: "as " + string(u.Role)})
	a.startSession(w, r, u, "/admin")
}

// fieldErrors puts an error's message at its field ("form" when it names none).
func fieldErrors(err error) map[string]string {
	var field string
	if e := (*news.Error)(nil); errors.As(err, &e) {
		field = e.Field
	}
	if field == "" {
		field = "form"
	}
	return map[string]string{field: news.ErrorMessage(err)}
}

type auditData struct {
	Entries  []news.AuditEntry
	Page     int
	Previous int
	Next     int
}

const auditPerPage = 100

func (a *Admin) auditLog(w http.ResponseWriter, r *http.Request, u *news.User) {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 || n > 100000 {
		n = 1
	}
	entries, err := a.store.AuditLog(r.Context(), auditPerPage+1, (n-1)*auditPerPage)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	d := auditData{Entries: entries, Page: n, Previous: n - 1}
	if len(entries) > auditPerPage {
		d.Entries, d.Next = entries[:auditPerPage], n+1
	}
	a.render(w, r, http.StatusOK, "audit", page{Title: "Audit log", User: u, Data: d})
}

// absURL resolves a newsroom path against the site's base URL, for links
// that leave the site (an invitation sent by mail).
func (a *Admin) absURL(path string) string {
	base, err := url.Parse(a.cfg.BaseURL)
	if err != nil {
		return path
	}
	ref, err := url.Parse(path)
	if err != nil {
		return path
	}
	return base.ResolveReference(ref).String()
}
