package news

import (
	"slices"
	"strings"
	"time"
)

// Scope is one thing an API key may do. A key holds one or more.
type Scope string

// The scopes an admin can give a key.
const (
	ScopeContentRead     Scope = "content:read"     // read the content API when it asks for keys
	ScopeArticlesWrite   Scope = "articles:write"   // create, save and submit articles
	ScopeArticlesPublish Scope = "articles:publish" // publish, schedule, update, unpublish, add notes
	ScopeMediaWrite      Scope = "media:write"      // upload pictures, set alt text
	ScopeAdmin           Scope = "admin"            // everything an admin account may do
)

// Scopes lists every scope, in the order the admin offers them.
var Scopes = []Scope{ScopeContentRead, ScopeArticlesWrite, ScopeArticlesPublish, ScopeMediaWrite, ScopeAdmin}

// Valid reports whether s is a known scope.
func (s Scope) Valid() bool { return slices.Contains(Scopes, s) }

// scopeRoles is the one table that turns a key's scopes into a role for the
// rule table (Allowed): a key acts as a member of staff of the highest role
// its scopes grant. articles:write alone writes and submits like a
// contributor (its own drafts only); articles:publish publishes anyone's,
// like an editor; admin is an admin. content:read and media:write grant no
// role over articles: such a key is a contributor that owns nothing.
var scopeRoles = map[Scope]Role{
	ScopeContentRead:     RoleContributor,
	ScopeMediaWrite:      RoleContributor,
	ScopeArticlesWrite:   RoleContributor,
	ScopeArticlesPublish: RoleEditor,
	ScopeAdmin:           RoleAdmin,
}

// KeyRole returns the role a key with scopes acts with.
func KeyRole(scopes []Scope) Role {
	role := RoleContributor
	for _, s := range scopes {
		if r, ok := scopeRoles[s]; ok && r.AtLeast(role) {
			role = r
		}
	}
	return role
}

// HasScope reports whether a key with scopes may do what need asks: the
// admin scope holds every other, and articles:publish holds articles:write.
func HasScope(scopes []Scope, need Scope) bool {
	for _, s := range scopes {
		if s == need || s == ScopeAdmin || (s == ScopeArticlesPublish && need == ScopeArticlesWrite) {
			return true
		}
	}
	return false
}

// ParseScopes reads a space-separated list of scopes, refusing unknown ones
// and an empty list.
func ParseScopes(list []string) ([]Scope, error) {
	var out []Scope
	for _, item := range list {
		for _, f := range strings.Fields(item) {
			s := Scope(f)
			if !s.Valid() {
				return nil, FieldError("scopes", "%.40q is not a scope: use %s.", f, JoinScopes(Scopes))
			}
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	if len(out) == 0 {
		return nil, FieldError("scopes", "Give the key at least one scope.")
	}
	slices.SortFunc(out, func(a, b Scope) int { return slices.Index(Scopes, a) - slices.Index(Scopes, b) })
	return out, nil
}

// JoinScopes writes scopes space-separated, as they are stored.
func JoinScopes(scopes []Scope) string {
	s := make([]string, len(scopes))
	for i, sc := range scopes {
		s[i] = string(sc)
	}
	return strings.Join(s, " ")
}

// MaxKeyName bounds an API key's name.
const MaxKeyName = 80

// APIKey is a key an integration calls the API with. Its token is shown once
// and kept only as a hash; UserID is the account it acts as.
type APIKey struct {
	ID         int64
	Name       string
	Prefix     string // the token's first characters, to tell keys apart
	Scopes     []Scope
	UserID     int64
	CreatedBy  int64
	CreatedAt  time.Time
	ExpiresAt  time.Time // zero: never
	RevokedAt  time.Time // zero: live
	LastUsedAt time.Time // zero: never used
}

// Validate checks what an admin types for a new key.
func (k *APIKey) Validate() error {
	k.Name = strings.TrimSpace(k.Name)
	if k.Name == "" {
		return FieldError("name", "Give the key a name, such as the app or partner that uses it.")
	}
	if err := tooLong("name", "The key's name", k.Name, MaxKeyName); err != nil {
		return err
	}
	if len(k.Scopes) == 0 {
		return FieldError("scopes", "Give the key at least one scope.")
	}
	return nil
}

// ActorName is how revisions and the audit log name what a key did.
func (k APIKey) ActorName() string { return "API key: " + k.Name }

// Live reports whether the key works at now: not revoked, not expired.
func (k APIKey) Live(now time.Time) bool {
	return k.RevokedAt.IsZero() && (k.ExpiresAt.IsZero() || now.Before(k.ExpiresAt))
}
