package blocks

import (
	"html"
	"net/url"
	"path"
	"strings"
	"testing"
)

// FuzzURLs checks the rules for addresses in a body against any string: a
// link that SafeURL passes is http, https or mailto with nothing a browser
// would strip or read differently (control characters, spaces, backslashes,
// a user:password@ part, a host that %-escapes change), and once rendered
// its href is still safe and goes to the same scheme and host; a /media/
// path that validSrc passes stays under /media/ whatever its escapes decode
// to; and a page address that PageURL passes as a path stays on the site.
func FuzzURLs(f *testing.F) {
	for _, s := range []string{"https://example.com/a/b?c=d&e=f#g", "HTTPS://EXAMPLE.COM/", "https://münchen.de/",
		"https://example.com/search?q=a|b&x[]=1", `https://example.com/"quoted"`, "mailto:desk@example.com?subject=Hi",
		"javascript:alert(1)", "java\tscript:alert(1)", "https://user:pw@example.com/", "https://exa%6dple.com/",
		"https://example.com\\@evil.example/", "//evil.example/", "/\\evil.example", "/%2F%5Cevil.example",
		"https://0x7f.1/", "https://127.0.0.1:8080/", "https://[::1]/", "/media/a%20b.jpg", "/media/%2e%2e/secret",
		"/media/a/../../etc/passwd", "/media/..%2fx", "https://example.com/#a#b", "https://xn--mnchen-3ya.de/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, u string) {
		if SafeURL(u) {
			checkSafeURL(t, u)
		}
		if mediaPath(u) {
			unescaped, err := url.PathUnescape(u)
			clean := path.Clean(unescaped) // "/media/." is the folder itself
			if err != nil || clean != "/media" && !strings.HasPrefix(clean, "/media/") || strings.Contains(unescaped, "..") {
				t.Fatalf("mediaPath(%q) passed, but it decodes to %q (%v)", u, unescaped, err)
			}
		}
		if PageURL(u) && strings.HasPrefix(u, "/") {
			base, _ := url.Parse("https://news.example/section/")
			ref, err := url.Parse(u)
			if err == nil && base.ResolveReference(ref).Host != "news.example" {
				t.Fatalf("PageURL(%q) passed a path that leaves the site for %q", u, base.ResolveReference(ref).Host)
			}
			if strings.ContainsAny(u, "\\\t\n\r ") {
				t.Fatalf("PageURL(%q) passed a path a browser would rewrite", u)
			}
		}
	})
}

func checkSafeURL(t *testing.T, u string) {
	p, err := url.Parse(u)
	if err != nil {
		t.Fatalf("SafeURL(%q) passed what url.Parse refuses: %v", u, err)
	}
	if p.Scheme != "http" && p.Scheme != "https" && p.Scheme != "mailto" {
		t.Fatalf("SafeURL(%q) passed scheme %q", u, p.Scheme)
	}
	for _, c := range []byte(u) {
		if c <= ' ' || c == 0x7f || c == '\\' {
			t.Fatalf("SafeURL(%q) passed byte %q", u, c)
		}
	}
	if p.Scheme != "mailto" && (p.User != nil || p.Host == "" || !strings.Contains(strings.ToLower(u), "//"+strings.ToLower(p.Host))) {
		t.Fatalf("SafeURL(%q) passed a host that is not plainly written: %q, user %v", u, p.Host, p.User)
	}
	if !linkable(u) {
		t.Fatalf("SafeURL(%q) passed what the renderer will not link", u)
	}
	out := string(Document{P(L("x", u))}.HTML())
	if err := checkMarkup(out); err != nil {
		t.Fatalf("the link to %q renders as %s: %v", u, out, err)
	}
	_, rest, _ := strings.Cut(out, `href="`)
	href, _, _ := strings.Cut(rest, `"`)
	rp, err := url.Parse(html.UnescapeString(href))
	if err != nil || !strings.EqualFold(rp.Scheme, p.Scheme) || !strings.EqualFold(rp.Host, p.Host) {
		t.Fatalf("the link to %q renders as href %q, which goes elsewhere (%v)", u, href, err)
	}
}
