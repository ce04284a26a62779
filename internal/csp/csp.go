// Package csp builds the Content-Security-Policy of Masthead's pages. The
// policies are static (no per-response nonce), so a page cached as prepared
// bytes carries the same header as the page its handler wrote: a script
// runs only if the policy names the SHA-256 of its content and the script
// element carries the same hash as its integrity attribute.
package csp

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// Integrity returns the subresource-integrity value of a file's content
// ("sha256-…"), for a script element's integrity attribute.
func Integrity(content []byte) string {
	sum := sha256.Sum256(content)
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// Policy is what a surface's pages may load.
type Policy struct {
	// Scripts are the integrity values of the only scripts pages may run.
	Scripts []string
	// Frames are the origins frames may load from; none means no frames.
	Frames []string
}

// String renders the policy as the header's value.
//
// default-src 'self' covers what is not named: fetches, fonts, manifests
// and media go to the site alone. Styles come from the site's stylesheets
// only: no <style> element and no style attribute applies. Pictures come
// from the site (its media, local or on S3, are served under /media/) and
// from https addresses, since an article's lead picture or body picture
// may be "a picture from elsewhere"; no data: or blob: pictures are used.
// No page may be framed by another, and forms post to the site only.
func (p Policy) String() string {
	var b strings.Builder
	b.WriteString("default-src 'self'; script-src")
	if len(p.Scripts) == 0 {
		b.WriteString(" 'none'")
	}
	for _, s := range p.Scripts {
		b.WriteString(" '" + s + "'")
	}
	b.WriteString("; style-src 'self'; img-src 'self' https:; frame-src")
	if len(p.Frames) == 0 {
		b.WriteString(" 'none'")
	}
	for _, f := range p.Frames {
		b.WriteString(" " + f)
	}
	b.WriteString("; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'")
	return b.String()
}
