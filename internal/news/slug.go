package news

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldings spells letters that do not decompose into an ASCII base letter plus
// accents (ß, æ, ø, ł, …) the way English-language newspapers transliterate them.
var foldings = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th",
	'ı': "i", '&': "and",
}

// elided are marks that join a word rather than separate two: "Russia’s" is one
// word, so its slug is "russias", never "russia-s".
var elided = map[rune]bool{'\'': true, '’': true, '‘': true, 'ʼ': true, '`': true, '´': true}

// Slugify folds s to a URL slug of lower-case ASCII letters, digits and single
// hyphens: "Russia’s Court — Day 2" becomes "russias-court-day-2". It returns ""
// when s has nothing to keep; callers then ask for a slug.
func Slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r) || elided[r]:
			// accents left by decomposition, and apostrophes inside words
		case foldings[r] != "":
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteString(foldings[r])
		default:
			hyphen = true
		}
		if b.Len() > 100 {
			break
		}
	}
	return strings.Trim(truncateSlug(b.String(), 100), "-")
}

// NumberedSlug is slug with "-n" added, as a second story of the same
// headline gets, cut at a word first where the number would take it past the
// 100 characters a slug may have.
func NumberedSlug(slug string, n int) string {
	suffix := "-" + strconv.Itoa(n)
	return strings.Trim(truncateSlug(slug, 100-len(suffix)), "-") + suffix
}

// truncateSlug cuts a long slug at the last hyphen before max, so it ends on a
// whole word.
func truncateSlug(s string, max int) string {
	if len(s) <= max {
		return s
	}
	s = s[:max]
	if i := strings.LastIndexByte(s, '-'); i > 0 {
		s = s[:i]
	}
	return s
}

// validateSlug checks a slug given by hand.
func validateSlug(slug string) error {
	if slug == "" {
		return FieldError("slug", "The slug is empty; give one made of letters or digits.")
	}
	if len(slug) > 100 {
		return FieldError("slug", "The slug is longer than 100 characters.")
	}
	for i, r := range slug {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' && i > 0 && i < len(slug)-1
		if !ok {
			return FieldError("slug", "%q: a slug holds only a–z, 0–9 and single hyphens inside.", slug)
		}
	}
	if strings.Contains(slug, "--") {
		return FieldError("slug", "%q: a slug holds only single hyphens.", slug)
	}
	return nil
}

// SitePaths are the first path segments the site serves itself: its pages,
// feeds, files and endpoints, the newsroom and the node's own. It is the one
// list both sides use: a section or page may not take one as its slug, and
// internal/site and internal/server refuse to register a route whose first
// segment is missing here (their tests walk every route).
var SitePaths = []string{
	"admin", "api", "archive", "author", "draft", "feed", "feed.atom", "feed.json", "feed.xml", "feeds",
	"healthz", "media", "metrics", "preview", "privacy", "readyz", "robots", "robots.txt", "search",
	"sitemap", "sitemap.xml", "sitemaps", "static", "tag",
}

var sitePaths = func() map[string]bool {
	m := make(map[string]bool, len(SitePaths))
	for _, p := range SitePaths {
		m[p] = true
	}
	return m
}()

// IsSitePath reports whether segment is one of SitePaths.
func IsSitePath(segment string) bool { return sitePaths[segment] }

// ValidateRootSlug checks a slug that will sit at the root of the site (a
// section or a static page).
func ValidateRootSlug(slug string) error {
	if err := validateSlug(slug); err != nil {
		return err
	}
	if sitePaths[slug] {
		return FieldError("slug", "%q is a path the site uses for itself; choose another slug.", slug)
	}
	return nil
}

// CheckRoute returns an error when a ServeMux pattern ("GET /feed.xml",
// "/admin/") starts with a literal path segment missing from SitePaths, so
// that a new route cannot be shadowed by a section or page slug.
func CheckRoute(pattern string) error {
	path := pattern
	if i := strings.IndexByte(path, ' '); i >= 0 {
		path = strings.TrimLeft(path[i:], " ")
	}
	if i := strings.IndexByte(path, '/'); i > 0 {
		path = path[i:] // a host in the pattern
	}
	seg, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	if seg == "" || strings.HasPrefix(seg, "{") || sitePaths[seg] {
		return nil
	}
	return Errorf(EINTERNAL, "the route %q starts with /%s, which news.SitePaths lacks: add it there, so no section or page can take it", pattern, seg)
}
