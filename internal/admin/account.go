package admin

import (
	"net/http"

	"masthead/internal/auth"
	"masthead/internal/news"
	"masthead/internal/redirect"
)

type accountData struct {
	Enrolling     bool
	Secret        string
	URL           string
	RecoveryCodes []string
}

func (a *Admin) account(w http.ResponseWriter, r *http.Request, u *news.User) {
	a.render(w, r, http.StatusOK, "account", page{Title: "Your account", User: u, Data: accountData{}})
}

// startTOTP makes a secret for the person's authenticator app; it is not
// on until they prove the app has it with a code.
func (a *Admin) startTOTP(w http.ResponseWriter, r *http.Request, u *news.User) {
	if u.TOTP {
		redirect.To(w, r, "/admin/account", http.StatusSeeOther)
		return
	}
	secret, url, err := auth.NewTOTP(a.cfg.SiteName(r.Context()), u.Email)
	if err == nil {
		err = a.store.StartTOTP(r.Context(), u.ID, secret)
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.render(w, r, http.StatusOK, "account", page{Title: "Your account", User: u, Data: accountData{Enrolling: true, Secret: secret, URL: url}})
}

func (a *Admin) confirmTOTP(w http.ResponseWriter, r *http.Request, u *news.User) {
	secret, _, err := a.store.TOTPSecret(r.Context(), u.ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if secret == "" || u.TOTP {
		redirect.To(w, r, "/admin/account", http.StatusSeeOther)
		return
	}
	if limited, err := a.overLimit(w, r, u.Email); err != nil {
		a.serverError(w, r, err)
		return
	} else if limited {
		a.render(w, r, http.StatusTooManyRequests, "account", page{Title: "Your account", User: u,
			Data: accountData{Enrolling: true, Secret: secret}, Error: limitedMessage})
		return
	}
	step, ok := auth.TOTPStep(secret, r.PostFormValue("code"), a.store.Now())
	if !ok {
		a.failed(r, *u, u.Email, "two-step enrolment code")
		a.render(w, r, http.StatusUnprocessableEntity, "account", page{Title: "Your account", User: u,
			Data:   accountData{Enrolling: true, Secret: secret},
			Errors: map[string]string{"code": "That code is not right. Check the app shows Masthead's entry, and type the six digits it shows now."}})
		return
	}
	codes := auth.NewRecoveryCodes(10)
	hashes := make([]string, len(codes))
	for i, c := range codes {
		hashes[i] = auth.TokenHash(c)
	}
	if err := a.store.EnableTOTP(r.Context(), u.ID, step, hashes, a.noticeMail(r.Context(), "two-step sign-in was turned on")); err != nil {
		a.serverError(w, r, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "totp.on", Subject: u.Email})
	u.TOTP = true
	a.render(w, r, http.StatusOK, "account", page{Title: "Your account", User: u,
		Message: "Two-step sign-in is on. Keep these recovery codes somewhere safe: each signs you in once without your phone, and they are not shown again.",
		Data:    accountData{RecoveryCodes: codes}})
}

// disableTOTP asks for the password again, within the sign-in limits: a
// stolen session must not become a way to guess it.
func (a *Admin) disableTOTP(w http.ResponseWriter, r *http.Request, u *news.User) {
	if limited, err := a.overLimit(w, r, u.Email); err != nil {
		a.serverError(w, r, err)
		return
	} else if limited {
		a.render(w, r, http.StatusTooManyRequests, "account", page{Title: "Your account", User: u, Data: accountData{}, Error: limitedMessage})
		return
	}
	_, hash, err := a.store.UserByEmail(r.Context(), u.Email)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if !auth.VerifyPassword(hash, r.PostFormValue("password")) {
		a.failed(r, *u, u.Email, "password to turn off two-step sign-in")
		a.render(w, r, http.StatusUnprocessableEntity, "account", page{Title: "Your account", User: u, Data: accountData{},
			Errors: map[string]string{"password": "That is not your password."}})
		return
	}
	if err := a.store.DisableTOTP(r.Context(), u.ID, a.noticeMail(r.Context(), "two-step sign-in was turned off")); err != nil {
		a.serverError(w, r, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "totp.off", Subject: u.Email})
	u.TOTP = false
	a.render(w, r, http.StatusOK, "account", page{Title: "Your account", User: u, Message: "Two-step sign-in is off.", Data: accountData{}})
}
