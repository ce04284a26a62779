package blocks

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxURL bounds every link and source. Real article links are far shorter;
// past about 2,000 characters some browsers, proxies and servers cut URLs off.
const maxURL = 2000

// SafeURL reports whether u is an absolute http, https or mailto URL that is
// well-formed: valid UTF-8, at most 2,000 bytes once the characters a URL may
// not hold raw (", <, |, a second #, …) are %-encoded as HTML writes them
// (so a link that passes still passes as rendered), with no spaces, control or
// invisible characters and no backslash (parsers disagree on what it means),
// and for http and https a plain host name with no user:password@ part (a
// classic way to disguise where a link goes). Relative and protocol-relative
// ("//host") URLs are refused: a body is shown on pages, in feeds and in the
// API, and a relative link would point somewhere different in each.
func SafeURL(u string) bool {
	if u == "" || len(u) > maxURL || !utf8.ValidString(u) {
		return false
	}
	n, fragment := len(u), false
	for i := 0; i < len(u); i++ {
		if mustPercent(u, i, &fragment) {
			n += 2
		}
	}
	if n > maxURL {
		return false
	}
	for _, r := range u {
		if r == ' ' || r == '\\' || !unicode.IsPrint(r) || nonCharacter(r) {
			return false
		}
	}
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch p.Scheme { // url.Parse lowercases the scheme
	case "http", "https":
		// Check the authority as written: url.Parse would decode %-escapes in it.
		rest := u[len(p.Scheme)+1:]
		if !strings.HasPrefix(rest, "//") {
			return false
		}
		rest = rest[2:]
		if i := strings.IndexAny(rest, "/?#"); i >= 0 {
			rest = rest[:i]
		}
		return validHost(rest)
	case "mailto":
		return p.Opaque != ""
	}
	return false
}

// validHost reports whether hostport is a DNS name with an optional numeric
// port, by the strict rules the URL standard and the HTML checker apply:
// labels of letters, digits and inner hyphens, no trailing dot, and a name
// whose last label is a number must be a plain dotted-decimal IPv4 address.
// IP-literal hosts ([::1]) are refused; no news link needs one.
func validHost(hostport string) bool {
	host := hostport
	if i := strings.LastIndexByte(hostport, ':'); i >= 0 {
		host = hostport[:i]
		for _, c := range []byte(hostport[i+1:]) {
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	if host == "" || len(host) > 253 {
		return false
	}
	labels := strings.Split(host, ".")
	if last := labels[len(labels)-1]; numericLabel(last) {
		return ipv4(labels)
	}
	for _, label := range labels {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' ||
			len(label) >= 4 && label[2:4] == "--" && !strings.HasPrefix(label, "xn--") {
			return false
		}
		for _, r := range label {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
				return false
			}
		}
	}
	return true
}

// numericLabel reports whether a host's last label makes the URL standard
// read the host as an IPv4 address: all digits, or 0x and hex digits.
func numericLabel(label string) bool {
	if rest, ok := strings.CutPrefix(strings.ToLower(label), "0x"); ok {
		label = rest
		for i := 0; i < len(label); i++ {
			if !isHex(label[i]) {
				return false
			}
		}
		return true
	}
	for i := 0; i < len(label); i++ {
		if label[i] < '0' || label[i] > '9' {
			return false
		}
	}
	return label != ""
}

// ipv4 reports whether labels are four decimal numbers from 0 to 255 with
// no leading zeros, the only IPv4 form the URL standard calls valid.
func ipv4(labels []string) bool {
	if len(labels) != 4 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 3 || len(l) > 1 && l[0] == '0' {
			return false
		}
		n := 0
		for i := 0; i < len(l); i++ {
			if l[i] < '0' || l[i] > '9' {
				return false
			}
			n = n*10 + int(l[i]-'0')
		}
		if n > 255 {
			return false
		}
	}
	return true
}

// validSrc reports whether s may be an image source: a path under /media/ on
// this site, or an https URL (never plain http, which would make the page
// mixed content).
func validSrc(s string) bool {
	if strings.HasPrefix(s, "https://") {
		return SafeURL(s)
	}
	return mediaPath(s)
}

// mediaPath reports whether s is a plain path under /media/: no "..", and only
// characters a file name needs, so that no escaping trick climbs out of the
// media directory.
func mediaPath(s string) bool {
	rest, ok := strings.CutPrefix(s, "/media/")
	if !ok || rest == "" || len(s) > maxURL || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '~', c == '/':
		case c == '%' && i+2 < len(rest) && isHex(rest[i+1]) && isHex(rest[i+2]):
			// An escaped dot, slash or backslash could rebuild a "..".
			b := unhex(rest[i+1])<<4 | unhex(rest[i+2])
			if b == '.' || b == '/' || b == '\\' || b == '%' || b < 0x20 || b == 0x7f {
				return false
			}
			i += 2
		default:
			return false
		}
	}
	return true
}

// provider names the service an embed comes from, as a reader knows it, or
// else the host name.
func provider(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "the original site"
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	switch {
	case under(host, "youtube.com"), under(host, "youtu.be"), under(host, "youtube-nocookie.com"):
		return "YouTube"
	case under(host, "vimeo.com"):
		return "Vimeo"
	case under(host, "x.com"), under(host, "twitter.com"):
		return "X/Twitter"
	case under(host, "instagram.com"):
		return "Instagram"
	case under(host, "tiktok.com"):
		return "TikTok"
	}
	return host
}

// under reports whether host is domain or one of its subdomains.
func under(host, domain string) bool {
	return host == domain || strings.HasSuffix(host, "."+domain)
}

// nonCharacter reports whether r is a Unicode noncharacter (U+FDD0–U+FDEF, or
// U+xFFFE/U+xFFFF), which HTML treats as a parse error.
func nonCharacter(r rune) bool {
	return (r >= 0xFDD0 && r <= 0xFDEF) || r&0xFFFE == 0xFFFE
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// SafeImageSrc reports whether s may be the address of a picture anywhere
// (a lead or sharing picture, an author's photo), by the rules of pictures
// in the body: a path under /media/ on this site, or an https URL that
// SafeURL accepts.
func SafeImageSrc(s string) bool { return validSrc(s) }
