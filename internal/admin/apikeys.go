package admin

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"masthead/internal/auth"
	"masthead/internal/news"
)

// keyTokenPrefix starts every API key's token, so a leaked one is easy to
// recognise (and to search for in a code host).
const keyTokenPrefix = "mh_"

type apiKeysData struct {
	Keys   []news.APIKey
	Scopes []news.Scope
	Now    time.Time
	// Token is the key just made, shown this once.
	Token string
}

func (a *Admin) apiKeysPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	a.renderAPIKeys(w, r, u, http.StatusOK, page{})
}

func (a *Admin) renderAPIKeys(w http.ResponseWriter, r *http.Request, u *news.User, status int, p page) {
	keys, err := a.store.APIKeys(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	d, _ := p.Data.(apiKeysData)
	d.Keys, d.Scopes, d.Now = keys, news.Scopes, a.store.Now()
	p.Title, p.User, p.Data = "API keys", u, d
	a.render(w, r, status, "apikeys", p)
}

// createAPIKey makes a key with the name, scopes and expiry given, and shows
// its token once; only the token's hash is kept.
func (a *Admin) createAPIKey(w http.ResponseWriter, r *http.Request, u *news.User) {
	fields := map[string]string{"name": r.PostFormValue("name"), "expires": r.PostFormValue("expires"),
		"scopes": strings.Join(r.PostForm["scopes"], " ")}
	k := news.APIKey{Name: r.PostFormValue("name"), CreatedBy: u.ID}
	scopes, err := news.ParseScopes(r.PostForm["scopes"])
	if err == nil {
		k.Scopes = scopes
		k.ExpiresAt, err = a.keyExpiry(r, fields["expires"])
	}
	token := keyTokenPrefix + auth.NewToken()
	k.Prefix = token[:len(keyTokenPrefix)+6]
	if err == nil {
		err = a.store.CreateAPIKey(r.Context(), &k, auth.TokenHash(token))
	}
	if _, perr := time.Parse("2006-01-02", fields["expires"]); perr != nil {
		fields["expires"] = "" // a date field shows only a date; the error says what was wrong
	}
	if refusal(err) {
		a.renderAPIKeys(w, r, u, news.HTTPStatus(err), page{Fields: fields, Errors: fieldErrors(err)})
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "apikey.create", Subject: "apikey:" + strconv.FormatInt(k.ID, 10),
		Detail: k.Name + " (" + news.JoinScopes(k.Scopes) + ")"})
	a.renderAPIKeys(w, r, u, http.StatusCreated, page{Message: "Key made for " + k.Name +
		". Copy it now: it is shown only this once.", Data: apiKeysData{Token: token}})
}

// keyExpiry reads the optional expiry date (YYYY-MM-DD, the end of that day
// in the site's time zone).
func (a *Admin) keyExpiry(r *http.Request, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	loc, err := a.store.TimeZone(r.Context())
	if err != nil {
		loc = time.UTC
	}
	day, err := time.ParseInLocation("2006-01-02", s, loc)
	if err != nil {
		return time.Time{}, news.FieldError("expires", "Give the expiry as a date (such as 2027-06-30), or leave it empty.")
	}
	end := day.AddDate(0, 0, 1)
	if !end.After(a.store.Now()) {
		return time.Time{}, news.FieldError("expires", "That date has passed; give a later one, or leave it empty.")
	}
	return end.UTC(), nil
}

// revokeAPIKey stops a key at once, on every node: the next call with it
// gets 401.
func (a *Admin) revokeAPIKey(w http.ResponseWriter, r *http.Request, u *news.User) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.notFound(w, r)
		return
	}
	k, err := a.store.RevokeAPIKey(r.Context(), id)
	if err != nil {
		a.failPage(w, r, u, "", err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "apikey.revoke", Subject: "apikey:" + strconv.FormatInt(k.ID, 10), Detail: k.Name})
	a.renderAPIKeys(w, r, u, http.StatusOK, page{Message: "Key " + k.Name + " revoked."})
}
