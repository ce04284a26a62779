// Package redirect builds and checks the target of every redirect Masthead
// sends, public site and newsroom alike, so that none can send a reader to
// another site: a browser reads "/\evil.example", "/\t/evil.example" and
// "//evil.example" all as addresses on evil.example.
package redirect

import (
	"net/http"
	"strings"

	"masthead/internal/news"
)

// Check returns nil when target is a path on this site that every browser
// reads as such: it starts with one "/" not followed by "/" or "\", holds
// only printable ASCII (so a path is given escaped, never decoded: no
// control characters, spaces or look-alike slashes), no "\" anywhere, and
// no "." or ".." segment, escaped or not (a browser resolves those itself).
func Check(target string) error {
	if target == "" || target[0] != '/' {
		return refused(target, "it does not start with /")
	}
	if len(target) > 1 && (target[1] == '/' || target[1] == '\\') {
		return refused(target, "a second slash would name another host")
	}
	for i := 0; i < len(target); i++ {
		c := target[i]
		if c <= ' ' || c >= 0x7f || c == '\\' {
			return refused(target, "it holds a character a path must carry escaped")
		}
		if c == '%' && (i+2 >= len(target) || !isHex(target[i+1]) || !isHex(target[i+2])) {
			return refused(target, "it holds a stray %")
		}
	}
	path := target
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	for seg := range strings.SplitSeq(path, "/") {
		if dots(seg) {
			return refused(target, "it holds a dot segment")
		}
	}
	return nil
}

// Local returns the target for an escaped path (r.URL.EscapedPath(), never
// r.URL.Path, whose %5C is already a backslash) and a raw query, or an error
// when the two do not make a safe target.
func Local(escapedPath, rawQuery string) (string, error) {
	target := escapedPath
	if rawQuery != "" {
		target += "?" + rawQuery
	}
	if err := Check(target); err != nil {
		return "", err
	}
	return target, nil
}

// To redirects to target, or answers 404 and logs nothing when target fails
// Check: a redirect the program cannot make safely is a page it does not
// have. Every redirect Masthead sends goes through here.
func To(w http.ResponseWriter, r *http.Request, target string, code int) {
	if Check(target) != nil {
		http.NotFound(w, r)
		return
	}
	http.Redirect(w, r, target, code)
}

// dots reports whether a path segment is "." or "..", with any of its dots
// written as %2E.
func dots(seg string) bool {
	n := 0
	for seg != "" {
		switch {
		case seg[0] == '.':
			seg = seg[1:]
		case len(seg) >= 3 && seg[0] == '%' && seg[1] == '2' && (seg[2] == 'e' || seg[2] == 'E'):
			seg = seg[3:]
		default:
			return false
		}
		n++
	}
	return n == 1 || n == 2
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func refused(target, why string) error {
	return news.Errorf(news.EINVALID, "%q is not a redirect target on this site: %s", target, why)
}
