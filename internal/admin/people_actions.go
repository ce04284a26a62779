package admin

import (
	"net/http"
	"strconv"

	"masthead/internal/news"
	"masthead/internal/redirect"
	"masthead/internal/store"
)

// personFor returns the account named in the path, or answers 404.
func (a *Admin) personFor(w http.ResponseWriter, r *http.Request, u *news.User) (news.User, bool) {
	var p news.User
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err == nil && id > 0 {
		p, err = a.store.UserByID(r.Context(), id)
	} else {
		err = news.Errorf(news.ENOTFOUND, "There is no such account.")
	}
	if news.ErrorCode(err) == news.ENOTFOUND {
		err = notFoundf("There is no such account.")
	}
	if err != nil {
		a.failPage(w, r, u, "", err)
		return p, false
	}
	return p, true
}

// refused shows the people page again with what was wrong with a change.
func (a *Admin) refused(w http.ResponseWriter, r *http.Request, u *news.User, err error) {
	if !refusal(err) {
		a.serverError(w, r, err)
		return
	}
	a.peoplePage(w, r, u, news.HTTPStatus(err), page{Error: news.ErrorMessage(err)})
}

// setRole changes someone's role; the last active admin keeps theirs.
func (a *Admin) setRole(w http.ResponseWriter, r *http.Request, u *news.User) {
	p, ok := a.personFor(w, r, u)
	if !ok {
		return
	}
	role := news.Role(r.PostFormValue("role"))
	if role == p.Role {
		a.peoplePage(w, r, u, http.StatusOK, page{Message: p.Name + " is " + string(role) + " already."})
		return
	}
	if err := a.store.SetRole(r.Context(), p.ID, role); err != nil {
		a.refused(w, r, u, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "user.role", Subject: p.Email, Detail: string(p.Role) + " → " + string(role)})
	a.peoplePage(w, r, u, http.StatusOK, page{Message: p.Name + " is now " + string(role) + "."})
}

type deactivateData struct{ Person news.User }

// deactivateForm asks first, and says what deactivation does.
func (a *Admin) deactivateForm(w http.ResponseWriter, r *http.Request, u *news.User) {
	p, ok := a.personFor(w, r, u)
	if !ok {
		return
	}
	a.render(w, r, http.StatusOK, "deactivate", page{Title: "Deactivate " + p.Name + "?", User: u, Data: deactivateData{p}})
}

// deactivate ends the person's sessions at once and refuses their sign-ins
// from now on; their bylines and work stay.
func (a *Admin) deactivate(w http.ResponseWriter, r *http.Request, u *news.User) {
	p, ok := a.personFor(w, r, u)
	if !ok {
		return
	}
	if err := a.store.SetDisabled(r.Context(), p.ID, true); err != nil {
		a.refused(w, r, u, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "user.deactivate", Subject: p.Email})
	if p.ID == u.ID {
		a.setCookie(w, r, SessionCookie, "", 0)
		redirect.To(w, r, "/admin/signin", http.StatusSeeOther)
		return
	}
	a.peoplePage(w, r, u, http.StatusOK, page{Message: p.Name + " is deactivated and signed out everywhere. Their bylines stay."})
}

func (a *Admin) reactivate(w http.ResponseWriter, r *http.Request, u *news.User) {
	p, ok := a.personFor(w, r, u)
	if !ok {
		return
	}
	if err := a.store.SetDisabled(r.Context(), p.ID, false); err != nil {
		a.refused(w, r, u, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "user.reactivate", Subject: p.Email})
	a.peoplePage(w, r, u, http.StatusOK, page{Message: p.Name + " can sign in again, with their old password."})
}

// linkAuthor links an account to the author profile its bylines use (or
// unlinks it with 0): an author may then publish the stories they are on.
func (a *Admin) linkAuthor(w http.ResponseWriter, r *http.Request, u *news.User) {
	p, ok := a.personFor(w, r, u)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PostFormValue("author"), 10, 64)
	if err != nil || id < 0 {
		a.refused(w, r, u, news.FieldError("author", "Choose an author profile from the list, or none."))
		return
	}
	if err := a.store.LinkAuthor(r.Context(), p.ID, id); err != nil {
		a.refused(w, r, u, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "user.author", Subject: p.Email, Detail: "author:" + strconv.FormatInt(id, 10)})
	msg := p.Name + " is linked to no byline."
	if id != 0 {
		msg = p.Name + "'s account is linked to the byline."
	}
	a.peoplePage(w, r, u, http.StatusOK, page{Message: msg})
}

// pendingInvite finds the pending invitation the form names by its hash.
func (a *Admin) pendingInvite(w http.ResponseWriter, r *http.Request, u *news.User) (store.Invitation, bool) {
	hash := r.PostFormValue("invite")
	invites, err := a.store.PendingInvites(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return store.Invitation{}, false
	}
	for _, in := range invites {
		if in.TokenHash == hash {
			return in, true
		}
	}
	a.refused(w, r, u, news.Errorf(news.ENOTFOUND, "That invitation was used, revoked or has expired."))
	return store.Invitation{}, false
}

func (a *Admin) revokeInvite(w http.ResponseWriter, r *http.Request, u *news.User) {
	in, ok := a.pendingInvite(w, r, u)
	if !ok {
		return
	}
	if _, err := a.store.RevokeInvite(r.Context(), in.TokenHash); err != nil {
		a.refused(w, r, u, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "user.invite.revoke", Subject: in.Email})
	a.peoplePage(w, r, u, http.StatusOK, page{Message: "The invitation for " + in.Email + " is revoked; its link no longer works."})
}

// renewInvite replaces a pending invitation with a new link, mailed and
// shown: only the hash of the old one was kept, so it cannot be shown again.
func (a *Admin) renewInvite(w http.ResponseWriter, r *http.Request, u *news.User) {
	in, ok := a.pendingInvite(w, r, u)
	if !ok {
		return
	}
	a.makeInvite(w, r, u, in.Email, in.Role, in.TokenHash, nil)
}
