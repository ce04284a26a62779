package news

import (
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

// reservedPaths are first path segments the site uses for itself, so no section
// or page may take them as a slug.
var reservedPaths = map[string]bool{
	"admin": true, "api": true, "archive": true, "author": true, "tag": true,
	"search": true, "static": true, "media": true, "feeds": true, "feed": true,
	"healthz": true, "readyz": true, "metrics": true, "sitemap": true, "sitemaps": true,
	"robots": true, "draft": true, "preview": true,
}

// ValidateRootSlug checks a slug that will sit at the root of the site (a
// section or a static page).
func ValidateRootSlug(slug string) error {
	if err := validateSlug(slug); err != nil {
		return err
	}
	if reservedPaths[slug] {
		return FieldError("slug", "%q is a path the site uses for itself; choose another slug.", slug)
	}
	return nil
}
