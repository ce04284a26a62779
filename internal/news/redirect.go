package news

import (
	"net/url"
	"strings"
	"time"
	"unicode"
)

// Redirect is an old address that answers 301 with a page of this site:
// a WordPress permalink after an import, or one the newsroom added.
type Redirect struct {
	Path      string // the old address: a path, or /?p=ID and /?page_id=ID
	Target    string // a path on this site
	Origin    string // "wordpress" or "newsroom"
	CreatedAt time.Time
}

// Where redirects come from.
const (
	RedirectFromWordPress = "wordpress"
	RedirectFromNewsroom  = "newsroom"
)

// maxRedirectPath bounds both ends of a redirect; WordPress permalinks are
// far shorter, and browsers and CDNs balk at much longer addresses.
const maxRedirectPath = 2000

// Validate checks both ends of a redirect: each must be a path on this site,
// so a redirect can never send a reader to another host.
func (r *Redirect) Validate() error {
	r.Path, r.Target = strings.TrimSpace(r.Path), strings.TrimSpace(r.Target)
	// The old address is matched as the site reads a request: decoded, and
	// without the trailing slash WordPress permalinks end with.
	if p, err := url.PathUnescape(r.Path); err == nil && !strings.Contains(r.Path, "?") {
		r.Path = p
	}
	if t := strings.TrimRight(r.Path, "/"); t != "" && !strings.Contains(r.Path, "?") {
		r.Path = t
	}
	if r.Origin == "" {
		r.Origin = RedirectFromNewsroom
	}
	if err := SameOriginPath(r.Path); err != nil {
		return FieldError("path", "The old address %s", err.Message)
	}
	if err := SameOriginPath(r.Target); err != nil {
		return FieldError("target", "The new address %s", err.Message)
	}
	if r.Path == r.Target {
		return FieldError("target", "The new address is the old one: a redirect to itself would never end.")
	}
	if strings.HasPrefix(r.Path, "/admin") || strings.HasPrefix(r.Path, "/static/") || strings.HasPrefix(r.Path, "/media/r/") {
		return FieldError("path", "The old address %q belongs to Masthead itself and cannot be redirected.", r.Path)
	}
	return nil
}

// SameOriginPath checks that p is a path on this site: it starts with one
// "/" (not "//" or "/\", which browsers read as another host), and has no
// control characters or spaces. The error's message completes "The address …".
func SameOriginPath(p string) *Error {
	switch {
	case p == "":
		return Errorf(EINVALID, "is empty.")
	case len(p) > maxRedirectPath:
		return Errorf(EINVALID, "is %d characters long; the limit is %d.", len(p), maxRedirectPath)
	case p[0] != '/':
		return Errorf(EINVALID, "%q must be a path on this site, starting with /.", p)
	case len(p) > 1 && (p[1] == '/' || p[1] == '\\'):
		return Errorf(EINVALID, "%q must start with a single /: with two it names another site.", p)
	}
	for _, r := range p {
		if unicode.IsControl(r) || unicode.IsSpace(r) || r == unicode.ReplacementChar {
			return Errorf(EINVALID, "%q has a space or control character in it.", p)
		}
	}
	return nil
}
