package admin

import (
	"fmt"
	"net/http"

	"masthead/internal/news"
)

// Every check of a password or a code (sign-in, the second factor, a
// recovery code, turning two-step sign-in on or off, an invitation's link)
// counts its failures as "signin.failed" in the audit log, and every one of
// them is refused while the account or the address has failed too often: a
// guesser who is refused at sign-in gains nothing by guessing elsewhere.

// limitedMessage is what a person told to wait reads.
var limitedMessage = fmt.Sprintf("Too many failed attempts. Wait %d minutes and try again, or ask an admin to help.",
	int(failureWindow.Minutes()))

// overLimit reports whether the account with email (none when empty) or the
// address r comes from has failed too often in the window; when it has, the
// refusal is audited and Retry-After is set for the 429 the caller answers.
func (a *Admin) overLimit(w http.ResponseWriter, r *http.Request, email string) (bool, error) {
	addr := address(r)
	byEmail, byAddr, err := a.store.SignInFailures(r.Context(), email, addr, a.store.Now().Add(-failureWindow))
	if err != nil {
		return false, err
	}
	if (email == "" || byEmail < maxAccountFailure) && byAddr < maxAddressFailure {
		return false, nil
	}
	a.audit(r, news.AuditEntry{Email: email, Action: "signin.limited", Subject: email, Address: addr, Detail: r.URL.Path})
	w.Header().Set("Retry-After", fmt.Sprint(int(failureWindow.Seconds())))
	return true, nil
}

// failed records a wrong password or code for the limits; detail says which
// check failed.
func (a *Admin) failed(r *http.Request, u news.User, email, detail string) {
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: email, Action: "signin.failed", Subject: email, Detail: detail, Address: address(r)})
}
