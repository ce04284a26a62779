package admin

import (
	"context"
	"net/http"
	"strings"

	"masthead/internal/auth"
	"masthead/internal/news"
)

// keyScopes is the one table of what an API key needs for each newsroom
// route it may call: the editor's JSON API and the media library's upload
// and alt text. A route not listed refuses keys (403). Once past this, the
// key acts with the role its scopes grant (news.KeyRole), and the handler
// asks the rule table (news.Allowed) like for anyone.
var keyScopes = map[string]news.Scope{
	"POST /admin/api/articles":                         news.ScopeArticlesWrite,
	"GET /admin/api/articles/{id}":                     news.ScopeArticlesWrite,
	"PUT /admin/api/articles/{id}":                     news.ScopeArticlesWrite,
	"POST /admin/api/articles/{id}/{action}":           news.ScopeArticlesWrite,
	"POST /admin/api/articles/{id}/note":               news.ScopeArticlesPublish,
	"PUT /admin/api/articles/{id}/notes/{note}":        news.ScopeArticlesPublish,
	"GET /admin/api/articles/{id}/revisions":           news.ScopeArticlesWrite,
	"GET /admin/api/articles/{id}/revisions/{version}": news.ScopeArticlesWrite,
	"POST /admin/media":                                news.ScopeMediaWrite,
	"GET /admin/media/{id}":                            news.ScopeMediaWrite,
	"POST /admin/media/{id}":                           news.ScopeMediaWrite,
}

// KeyScope returns the scope a key needs for the newsroom route pattern, and
// whether keys may call it at all.
func KeyScope(pattern string) (news.Scope, bool) {
	s, ok := keyScopes[pattern]
	return s, ok
}

// bearerToken returns the token of an Authorization: Bearer header, or "".
func bearerToken(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "Bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

type keyUserKey struct{}

// keyCall runs h for an API key's call: a missing, revoked or expired key
// gets 401, a key without the route's scope 403. CSRF protection does not
// apply (see Handler): a browser never adds a bearer token by itself.
func (a *Admin) keyCall(w http.ResponseWriter, r *http.Request, min news.Role, h func(http.ResponseWriter, *http.Request, *news.User)) {
	k, u, err := a.store.APIKeyByToken(r.Context(), auth.TokenHash(bearerToken(r)))
	switch {
	case news.ErrorCode(err) == news.ENOTFOUND:
		unauthorized(w, "That API key is not known.")
		return
	case err != nil:
		a.apiFail(w, r, err)
		return
	case !k.RevokedAt.IsZero():
		unauthorized(w, "That API key was revoked.")
		return
	case !k.Live(a.store.Now()):
		unauthorized(w, "That API key has expired.")
		return
	}
	need, ok := keyScopes[r.Pattern]
	if !ok {
		writeJSON(w, http.StatusForbidden, apiError{Error: "API keys cannot use " + r.Pattern + "."})
		return
	}
	if !news.HasScope(k.Scopes, need) {
		writeJSON(w, http.StatusForbidden, apiError{Error: "This key lacks the scope " + string(need) + "."})
		return
	}
	if !u.Role.AtLeast(min) {
		writeJSON(w, http.StatusForbidden, apiError{Error: "This key's scopes do not allow this."})
		return
	}
	h(w, r.WithContext(context.WithValue(r.Context(), keyUserKey{}, &u)), &u)
}

func unauthorized(w http.ResponseWriter, msg string) {
	w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
	writeJSON(w, http.StatusUnauthorized, apiError{Error: msg})
}
