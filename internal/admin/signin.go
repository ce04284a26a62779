package admin

import (
	"fmt"
	"net/http"
	"strings"

	"masthead/internal/auth"
	"masthead/internal/news"
	"masthead/internal/redirect"
)

func (a *Admin) signinForm(w http.ResponseWriter, r *http.Request) {
	if u, err := a.signedIn(r); err == nil && u != nil {
		redirect.To(w, r, "/admin", http.StatusSeeOther)
		return
	}
	a.render(w, r, http.StatusOK, "signin", page{Title: "Sign in", Fields: map[string]string{"next": safeNext(r.URL.Query().Get("next"))}})
}

// safeNext keeps a return path inside the newsroom, so a crafted link cannot
// send someone who signs in to another site or to a public page.
func safeNext(next string) string {
	inside := next == "/admin" || strings.HasPrefix(next, "/admin/") || strings.HasPrefix(next, "/admin?")
	if !inside || redirect.Check(next) != nil {
		return "/admin"
	}
	return next
}

// signin checks the password, within the rate limits, and either signs the
// person in or asks for their second factor.
func (a *Admin) signin(w http.ResponseWriter, r *http.Request) {
	email, pw := news.NormalizeEmail(r.PostFormValue("email")), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	fields := map[string]string{"email": email, "next": next}
	again := func(status int, msg string) {
		a.render(w, r, status, "signin", page{Title: "Sign in", Error: msg, Fields: fields})
	}
	if email == "" || pw == "" {
		again(http.StatusBadRequest, "Give your e-mail address and your password.")
		return
	}
	limited, err := a.overLimit(w, r, email)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if limited {
		again(http.StatusTooManyRequests, fmt.Sprintf("Too many failed sign-ins. Wait %d minutes and try again, or ask an admin to help.", int(failureWindow.Minutes())))
		return
	}
	u, hash, err := a.store.UserByEmail(r.Context(), email)
	if err != nil && news.ErrorCode(err) != news.ENOTFOUND {
		a.serverError(w, r, err)
		return
	}
	if err != nil {
		auth.WasteTime(pw)
	}
	if err != nil || !auth.VerifyPassword(hash, pw) || u.Disabled {
		a.failed(r, u, email, "")
		again(http.StatusUnauthorized, "That e-mail address and password do not match an account.")
		return
	}
	token := auth.NewToken()
	if u.TOTP {
		if err := a.store.CreateSession(r.Context(), u.ID, auth.TokenHash(token), r.UserAgent(), pendingTTL, true); err != nil {
			a.serverError(w, r, err)
			return
		}
		a.setCookie(w, r, pendingCookie, token, pendingTTL)
		a.render(w, r, http.StatusOK, "code", page{Title: "Your second factor", Fields: map[string]string{"next": next}})
		return
	}
	a.startSession(w, r, u, next)
}

func (a *Admin) startSession(w http.ResponseWriter, r *http.Request, u news.User, next string) {
	token := auth.NewToken()
	if err := a.store.CreateSession(r.Context(), u.ID, auth.TokenHash(token), r.UserAgent(), sessionTTL, false); err != nil {
		a.serverError(w, r, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "signin", Subject: u.Email, Address: address(r)})
	a.setCookie(w, r, SessionCookie, token, sessionTTL)
	redirect.To(w, r, next, http.StatusSeeOther)
}

// signinCode takes the authenticator's code or a recovery code.
func (a *Admin) signinCode(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(pendingCookie)
	if err != nil {
		redirect.To(w, r, "/admin/signin", http.StatusSeeOther)
		return
	}
	next := safeNext(r.PostFormValue("next"))
	u, err := a.store.SessionUser(r.Context(), auth.TokenHash(c.Value), pendingTTL, true)
	if news.ErrorCode(err) == news.ENOTFOUND {
		a.render(w, r, http.StatusUnauthorized, "signin", page{Title: "Sign in", Error: "That took too long; sign in again.",
			Fields: map[string]string{"next": next}})
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if limited, err := a.overLimit(w, r, u.Email); err != nil {
		a.serverError(w, r, err)
		return
	} else if limited {
		a.render(w, r, http.StatusTooManyRequests, "code", page{Title: "Your second factor", Fields: map[string]string{"next": next},
			Error: limitedMessage})
		return
	}
	ok, err := a.checkSecondFactor(r, u, r.PostFormValue("code"))
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if !ok {
		a.failed(r, u, u.Email, "second factor")
		a.render(w, r, http.StatusUnauthorized, "code", page{Title: "Your second factor", Fields: map[string]string{"next": next},
			Errors: map[string]string{"code": "That code is not right, or was used already. Codes change every 30 seconds."}})
		return
	}
	_ = a.store.DeleteSession(r.Context(), auth.TokenHash(c.Value))
	a.setCookie(w, r, pendingCookie, "", 0)
	a.startSession(w, r, u, next)
}

// checkSecondFactor accepts a current TOTP code not used before, or an
// unused recovery code.
func (a *Admin) checkSecondFactor(r *http.Request, u news.User, code string) (bool, error) {
	code = strings.TrimSpace(code)
	if strings.Contains(code, "-") {
		return a.store.UseRecoveryCode(r.Context(), u.ID, auth.TokenHash(auth.NormalizeRecoveryCode(code)))
	}
	secret, last, err := a.store.TOTPSecret(r.Context(), u.ID)
	if err != nil {
		return false, err
	}
	step, ok := auth.TOTPStep(secret, code, a.store.Now())
	if !ok || step <= last {
		return false, nil
	}
	return a.store.UseTOTPStep(r.Context(), u.ID, step)
}

// signout ends this session wherever it is stored: the row goes, so no node
// accepts the cookie again.
func (a *Admin) signout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		if u, _ := a.signedIn(r); u != nil {
			a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "signout", Subject: u.Email})
		}
		if err := a.store.DeleteSession(r.Context(), auth.TokenHash(c.Value)); err != nil {
			a.serverError(w, r, err)
			return
		}
	}
	a.setCookie(w, r, SessionCookie, "", 0)
	a.render(w, r, http.StatusOK, "signin", page{Title: "Sign in", Message: "You are signed out.", Fields: map[string]string{"next": "/admin"}})
}

func (a *Admin) signoutEverywhere(w http.ResponseWriter, r *http.Request, u *news.User) {
	if err := a.store.DeleteUserSessions(r.Context(), u.ID); err != nil {
		a.serverError(w, r, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "signout.everywhere", Subject: u.Email})
	a.setCookie(w, r, SessionCookie, "", 0)
	a.render(w, r, http.StatusOK, "signin", page{Title: "Sign in", Message: "You are signed out on every device.", Fields: map[string]string{"next": "/admin"}})
}

func (a *Admin) notFound(w http.ResponseWriter, r *http.Request) {
	u, _ := a.signedIn(r)
	a.failPage(w, r, u, "", notFoundf("There is no such page in the newsroom."))
}
