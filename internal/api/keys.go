package api

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"time"

	"masthead/internal/auth"
	"masthead/internal/news"
	"masthead/internal/problem"
	"masthead/internal/store"
)

// KeysRequiredSetting is the setting that, at "true", closes the content
// API to callers without a key of scope content:read.
const KeysRequiredSetting = "api.content_keys_required"

// keySetting remembers KeysRequiredSetting for a few seconds, so a cache
// hit costs no database read.
type keySetting struct {
	store *store.Store
	mu    sync.Mutex
	value bool
	read  time.Time
}

// settingTTL is how long a change of the setting may take to reach a node.
const settingTTL = 5 * time.Second

func (k *keySetting) required(ctx context.Context) (bool, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if time.Since(k.read) < settingTTL {
		return k.value, nil
	}
	v, err := k.store.Setting(ctx, KeysRequiredSetting, "false")
	if err != nil {
		return false, err
	}
	k.value, k.read = v == "true", time.Now()
	return k.value, nil
}

// bearer returns the token of an Authorization: Bearer header, or "".
func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "Bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// contentKey checks the caller's key when the content API asks for one:
// none, unknown, revoked or expired gets 401, one without content:read 403.
// keyed says a key was checked, so the answer must be kept private.
func (a *API) contentKey(w http.ResponseWriter, r *http.Request) (keyed, ok bool) {
	required, err := a.keys.required(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return false, false
	}
	if !required {
		return false, true
	}
	tok := bearer(r)
	if tok == "" {
		w.Header().Set("WWW-Authenticate", "Bearer")
		problem.Write(w, problem.New(http.StatusUnauthorized, "This site's content API needs a key: send it as Authorization: Bearer …"))
		return false, false
	}
	k, _, err := a.store.APIKeyByToken(r.Context(), auth.TokenHash(tok))
	switch {
	case news.ErrorCode(err) == news.ENOTFOUND || (err == nil && !k.Live(a.store.Now())):
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		problem.Write(w, problem.New(http.StatusUnauthorized, "That API key is unknown, revoked or expired."))
		return false, false
	case err != nil:
		a.fail(w, r, err)
		return false, false
	case !news.HasScope(k.Scopes, news.ScopeContentRead):
		problem.Write(w, problem.New(http.StatusForbidden, "This key lacks the scope content:read."))
		return false, false
	}
	return true, true
}

// fail answers with err's problem document, logging what the caller is not
// told.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	p := problem.FromError(err)
	if p.Status >= 500 {
		a.log.Error("api", "path", r.URL.Path, "err", err)
	}
	w.Header().Set("Cache-Control", "no-store")
	problem.Write(w, p)
}
