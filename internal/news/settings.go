package news

import (
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Settings is how the newsroom runs its site, as the settings screen edits
// it. Every field is stored under its own key in the settings table (see
// store.SiteSettings), so features that read one key keep working.
type Settings struct {
	Name    string
	Tagline string
	// Logo is the media library picture shown as the site's logo and the
	// organisation's logo in structured data; 0 for none.
	Logo int64
	// Language is the site's language as a BCP 47 tag from Languages: the
	// pages' lang, the feeds' language and JSON-LD inLanguage.
	Language string
	// TimeZone is the IANA zone dates are shown in.
	TimeZone string
	// Purposes are the privacy purposes turned on (keys of
	// PrivacyPurposes); none means no banner and no cookie.
	Purposes []string
	// NotesOnTop puts corrections and updates above an article's text.
	NotesOnTop bool
	// SummaryFeeds makes feeds carry standfirsts only, not whole articles.
	SummaryFeeds bool
	FooterText   string
	FooterLinks  []Link
	// OrgName is the organisation's name in JSON-LD; empty for the site's.
	OrgName string
	// OrgProfiles are the organisation's social profiles (JSON-LD sameAs).
	OrgProfiles []string
	// MailFrom is the address the site's mail comes from; empty for none.
	MailFrom string
}

// Link is a link the newsroom adds to the footer.
type Link struct {
	Label string
	URL   string
}

// Language is one language a site can be written in.
type Language struct {
	Tag  string // BCP 47
	Name string
}

// Languages are the languages a site can choose, by name. The list is
// closed so that a typing mistake cannot put a tag no reader's software
// knows into every page.
var Languages = []Language{
	{"ca", "Catalan"}, {"hr", "Croatian"}, {"cs", "Czech"}, {"da", "Danish"}, {"nl", "Dutch"},
	{"en", "English"}, {"en-AU", "English (Australia)"}, {"en-GB", "English (United Kingdom)"},
	{"en-US", "English (United States)"}, {"et", "Estonian"}, {"fi", "Finnish"}, {"fr", "French"},
	{"de", "German"}, {"el", "Greek"}, {"hu", "Hungarian"}, {"is", "Icelandic"}, {"ga", "Irish"},
	{"it", "Italian"}, {"lv", "Latvian"}, {"lt", "Lithuanian"}, {"nb", "Norwegian Bokmål"},
	{"nn", "Norwegian Nynorsk"}, {"pl", "Polish"}, {"pt", "Portuguese"}, {"pt-BR", "Portuguese (Brazil)"},
	{"ro", "Romanian"}, {"sk", "Slovak"}, {"sl", "Slovenian"}, {"es", "Spanish"}, {"sv", "Swedish"},
	{"tr", "Turkish"}, {"cy", "Welsh"},
}

// KnownLanguage reports whether tag is one of Languages, exactly.
func KnownLanguage(tag string) bool {
	return slices.ContainsFunc(Languages, func(l Language) bool { return l.Tag == tag })
}

// PrivacyPurposes are the keys of the purposes a site can turn on; the
// public site describes each to readers.
var PrivacyPurposes = []string{"embeds", "analytics", "advertising"}

// Limits of the settings' text, in characters.
const (
	MaxSiteName    = 100
	MaxTagline     = 200
	MaxFooterText  = 1000
	MaxFooterLinks = 12
	MaxLinkLabel   = 60
	MaxURL         = 2000
	MaxProfiles    = 12
)

// Validate tidies the settings and checks every field, naming the first
// that is wrong. A setting that would break the site (no name, an unknown
// language or time zone) is refused.
func (s *Settings) Validate() error {
	s.Name = strings.TrimSpace(s.Name)
	s.Tagline = strings.TrimSpace(s.Tagline)
	s.Language = strings.TrimSpace(s.Language)
	s.TimeZone = strings.TrimSpace(s.TimeZone)
	s.FooterText = strings.TrimSpace(s.FooterText)
	s.OrgName = strings.TrimSpace(s.OrgName)
	s.MailFrom = strings.TrimSpace(s.MailFrom)
	if s.Name == "" {
		return FieldError("name", "The site needs a name: readers see it on every page.")
	}
	if err := firstError(
		tooLong("name", "The name", s.Name, MaxSiteName),
		tooLong("tagline", "The tagline", s.Tagline, MaxTagline),
		tooLong("footer_text", "The footer text", s.FooterText, MaxFooterText),
		tooLong("org_name", "The organisation's name", s.OrgName, MaxSiteName),
	); err != nil {
		return err
	}
	if s.Logo < 0 {
		return FieldError("logo", "Choose the logo from the media library.")
	}
	if !KnownLanguage(s.Language) {
		return FieldError("language", "%q is not a language this site knows: choose one from the list, such as en-GB.", s.Language)
	}
	if s.TimeZone == "" || s.TimeZone == "Local" {
		return FieldError("timezone", "Give a time zone by its IANA name, such as Europe/London or UTC.")
	}
	if _, err := time.LoadLocation(s.TimeZone); err != nil {
		return FieldError("timezone", "%q is not a time zone: give its IANA name, such as Europe/London or America/New_York.", s.TimeZone)
	}
	for _, p := range s.Purposes {
		if !slices.Contains(PrivacyPurposes, p) {
			return FieldError("purposes", "%q is not a privacy purpose: use embeds, analytics or advertising.", p)
		}
	}
	if err := s.validateLinks(); err != nil {
		return err
	}
	if s.MailFrom != "" {
		a, err := mail.ParseAddress(s.MailFrom)
		if err != nil || len(s.MailFrom) > MaxEmail || !strings.Contains(a.Address, "@") {
			return FieldError("mail_from", "%q is not an e-mail address: give one such as newsroom@example.com or \"The Courier\" <newsroom@example.com>.", s.MailFrom)
		}
	}
	return nil
}

func (s *Settings) validateLinks() error {
	links := s.FooterLinks[:0:0]
	for _, l := range s.FooterLinks {
		l.Label, l.URL = strings.TrimSpace(l.Label), strings.TrimSpace(l.URL)
		if l.Label == "" && l.URL == "" {
			continue
		}
		if l.Label == "" {
			return FieldError("footer_links", "The footer link to %s needs words to show.", l.URL)
		}
		if err := tooLong("footer_links", "A footer link's words", l.Label, MaxLinkLabel); err != nil {
			return err
		}
		if !footerURL(l.URL) {
			return FieldError("footer_links", "The footer link %q needs an address on this site (starting with /) or an https:// address.", l.Label)
		}
		links = append(links, l)
	}
	if len(links) > MaxFooterLinks {
		return FieldError("footer_links", "The footer has room for %d links; remove some.", MaxFooterLinks)
	}
	s.FooterLinks = links
	profiles := s.OrgProfiles[:0:0]
	for _, p := range s.OrgProfiles {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if !httpsURL(p) {
			return FieldError("org_profiles", "%q is not an https:// address: give each profile's full address, such as https://mastodon.social/@courier.", p)
		}
		profiles = append(profiles, p)
	}
	if len(profiles) > MaxProfiles {
		return FieldError("org_profiles", "Give at most %d profiles.", MaxProfiles)
	}
	s.OrgProfiles = profiles
	return nil
}

// httpsURL reports whether s is an absolute https URL with a host.
func httpsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && len(s) <= MaxURL && u.Scheme == "https" && u.Host != "" && u.User == nil
}

// footerURL reports whether s is a path on the site or an https URL.
func footerURL(s string) bool {
	if strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") {
		_, err := url.Parse(s)
		return err == nil && len(s) <= MaxURL && !strings.ContainsAny(s, "\\ \t\n")
	}
	return httpsURL(s)
}
