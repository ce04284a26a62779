package news

import (
	"strings"
	"testing"
)

// FuzzSettingsValidate: whatever the settings form sends, Validate never
// panics, and settings it accepts are accepted again unchanged (it tidies
// once), hold only https profiles and footer links on the site or https.
func FuzzSettingsValidate(f *testing.F) {
	f.Add("The Courier", "en-GB", "Europe/London", "embeds", "About", "/about", "https://mastodon.social/@c", "a@b.example")
	f.Add(" ", "xx", "Mars/Olympus", "tracking", "", "javascript:alert(1)", "http://x", "not an address")
	f.Add("N", "de", "UTC", "", "Home", "//evil.example", "https://", "<a@b>")
	f.Fuzz(func(t *testing.T, name, lang, zone, purpose, label, link, profile, from string) {
		s := Settings{Name: name, Language: lang, TimeZone: zone, Purposes: []string{purpose},
			FooterLinks: []Link{{Label: label, URL: link}}, OrgProfiles: strings.Split(profile, "\n"), MailFrom: from}
		if s.Validate() != nil {
			return
		}
		again := s
		again.FooterLinks = append([]Link(nil), s.FooterLinks...)
		again.OrgProfiles = append([]string(nil), s.OrgProfiles...)
		if err := again.Validate(); err != nil {
			t.Fatalf("accepted settings refused the second time: %v", err)
		}
		for _, p := range s.OrgProfiles {
			if !strings.HasPrefix(p, "https://") {
				t.Fatalf("profile %q accepted", p)
			}
		}
		for _, l := range s.FooterLinks {
			if !strings.HasPrefix(l.URL, "https://") && (!strings.HasPrefix(l.URL, "/") || strings.HasPrefix(l.URL, "//")) {
				t.Fatalf("footer link %q accepted", l.URL)
			}
		}
	})
}
