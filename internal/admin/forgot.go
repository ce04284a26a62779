package admin

import (
	"fmt"
	"net/http"
	"time"

	"masthead/internal/auth"
	"masthead/internal/news"
)

const (
	resetTTL = time.Hour
	// Reset requests per address asked for and per network address, over
	// failureWindow: enough for a person who mistyped, too few to flood
	// someone's mailbox.
	maxResetsPerAccount = 3
	maxResetsPerAddress = 10
)

func (a *Admin) forgotForm(w http.ResponseWriter, r *http.Request) {
	a.render(w, r, http.StatusOK, "forgot", page{Title: "Forgot your password?", Fields: map[string]string{}})
}

// forgot mails a one-time link to set a new password. Its answer is the
// same whether or not the address has an account, and so is its work but
// for the rows written, so neither the words nor the time tell.
func (a *Admin) forgot(w http.ResponseWriter, r *http.Request) {
	email := news.NormalizeEmail(r.PostFormValue("email"))
	fields := map[string]string{"email": email}
	if err := (&news.User{Email: email, Name: "-", Role: news.RoleContributor}).Validate(); err != nil {
		a.render(w, r, news.HTTPStatus(err), "forgot", page{Title: "Forgot your password?", Fields: fields,
			Errors: map[string]string{"email": "Give the e-mail address you sign in with, such as name@example.com."}})
		return
	}
	addr := address(r)
	byEmail, byAddr, err := a.store.ActionCount(r.Context(), "password.reset.asked", email, addr, a.store.Now().Add(-failureWindow))
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if byEmail >= maxResetsPerAccount || byAddr >= maxResetsPerAddress {
		a.audit(r, news.AuditEntry{Email: email, Action: "signin.limited", Subject: email, Address: addr, Detail: r.URL.Path})
		w.Header().Set("Retry-After", fmt.Sprint(int(failureWindow.Seconds())))
		a.render(w, r, http.StatusTooManyRequests, "forgot", page{Title: "Forgot your password?", Fields: fields,
			Error: fmt.Sprintf("Too many links were asked for. Wait %d minutes and look in your mail (and its spam folder) first.", int(failureWindow.Minutes()))})
		return
	}
	a.audit(r, news.AuditEntry{Email: email, Action: "password.reset.asked", Subject: email, Address: addr})
	token := auth.NewToken()
	if _, err := a.store.CreatePasswordReset(r.Context(), email, auth.TokenHash(token), resetTTL,
		a.resetMail(r.Context(), a.absURL("/admin/reset/"+token))); err != nil {
		a.serverError(w, r, err)
		return
	}
	a.render(w, r, http.StatusOK, "forgot", page{Title: "Forgot your password?", Fields: map[string]string{"sent": email},
		Message: "If " + email + " has an account here, a link to set a new password is on its way to it. " +
			"It works once, for one hour. Look in your spam folder too; if nothing comes, ask an admin of your newsroom."})
}

type resetData struct{ Email string }

// resetForm asks for the new password. A link that matches no usable
// reset counts towards the address's sign-in limit, like a wrong password.
func (a *Admin) resetForm(w http.ResponseWriter, r *http.Request) {
	u, ok := a.resetUser(w, r)
	if !ok {
		return
	}
	a.render(w, r, http.StatusOK, "reset", page{Title: "Set a new password", Data: resetData{u.Email}})
}

// resetUser returns the account of the link's reset, within the sign-in
// limits, or answers.
func (a *Admin) resetUser(w http.ResponseWriter, r *http.Request) (news.User, bool) {
	if limited, err := a.overLimit(w, r, ""); err != nil {
		a.serverError(w, r, err)
		return news.User{}, false
	} else if limited {
		a.render(w, r, http.StatusTooManyRequests, "error", page{Title: "Set a new password", Message: limitedMessage})
		return news.User{}, false
	}
	u, err := a.store.PasswordReset(r.Context(), auth.TokenHash(r.PathValue("token")))
	if news.ErrorCode(err) == news.ENOTFOUND {
		a.failed(r, news.User{}, "", "password reset link") // a guessed link counts towards the limit
		err = notFoundf("%s (You can ask for one at %s.)", news.ErrorMessage(err), a.absURL("/admin/forgot"))
	}
	if err != nil {
		a.failPage(w, r, nil, "Set a new password", err)
		return u, false
	}
	return u, true
}

// reset sets the new password, spends the link, and signs the account out
// everywhere; its owner then signs in with the new password (and their
// second factor, which a reset does not bypass).
func (a *Admin) reset(w http.ResponseWriter, r *http.Request) {
	u, ok := a.resetUser(w, r)
	if !ok {
		return
	}
	pw := r.PostFormValue("password")
	if err := auth.CheckPassword(pw, u.Email, u.Name); err != nil {
		a.render(w, r, news.HTTPStatus(err), "reset", page{Title: "Set a new password", Data: resetData{u.Email}, Errors: fieldErrors(err)})
		return
	}
	_, err := a.store.ResetPassword(r.Context(), auth.TokenHash(r.PathValue("token")), auth.HashPassword(pw),
		a.noticeMail(r.Context(), "the password was changed through a reset link"))
	if err != nil {
		a.failPage(w, r, nil, "Set a new password", err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "password.reset", Subject: u.Email, Address: address(r)})
	a.setCookie(w, r, SessionCookie, "", 0)
	a.render(w, r, http.StatusOK, "signin", page{Title: "Sign in", Message: "Your new password is set, and every session of your account has ended. Sign in with it.",
		Fields: map[string]string{"next": "/admin", "email": u.Email}})
}
