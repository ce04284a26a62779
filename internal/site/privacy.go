package site

import (
	"context"
	"net/http"
	"strings"
)

// purpose is something the site may do only with a reader's consent. The
// site turns purposes on with the setting privacy.purposes, a comma list of
// their keys; with none (the default) a reader gets no banner, no cookie and
// no request to anyone else, and the page carries no consent script.
type purpose struct {
	Key         string
	Name        string
	Description string // plain words, for the banner and the privacy page
	// GPC is true for purposes the Global Privacy Control signal covers
	// (selling or sharing personal data, as advertising does): a browser
	// that sends it keeps them off, whatever else the reader chooses.
	GPC bool
}

// purposes are the purposes a site can turn on, in the order the banner
// lists them.
var purposes = []purpose{
	{Key: "embeds", Name: "Videos and posts from other sites",
		Description: "Show videos and social media posts from YouTube, Vimeo, X, Instagram, TikTok and others inside our articles. When one loads, that company learns that you visited the page and may set cookies."},
	{Key: "analytics", Name: "Audience measurement with cookies",
		Description: "Let a measurement service set a cookie so that it can tell whether you have visited before. Our own counts of how often each article is read use no cookies and do not need this."},
	{Key: "advertising", Name: "Advertising",
		Description: "Let advertising companies show you adverts and remember what you read, to choose adverts for you and to measure them.", GPC: true},
}

// privacySettings is the site's privacy setup: the same for every reader,
// so it may be part of a cached page.
type privacySettings struct {
	Purposes      []purpose // turned on, in banner order
	PolicyVersion string    // changing it asks every reader again
	Contact       string    // who to write to about privacy; may be empty
}

// Enabled reports whether the purpose with key is turned on.
func (p privacySettings) Enabled(key string) bool {
	for _, x := range p.Purposes {
		if x.Key == key {
			return true
		}
	}
	return false
}

// privacy reads the privacy settings. An unknown purpose in the setting is
// logged and ignored, so a typing mistake never hides the banner's real
// purposes or shows one the site cannot describe.
func (s *Site) privacy(ctx context.Context) (privacySettings, error) {
	p := privacySettings{PolicyVersion: "1"}
	set, err := s.store.SettingsWithPrefix(ctx, "privacy.")
	if err != nil {
		return p, err
	}
	if v := strings.TrimSpace(set["privacy.policy_version"]); v != "" {
		p.PolicyVersion = v
	}
	p.Contact = strings.TrimSpace(set["privacy.contact"])
	on := map[string]bool{}
	for _, key := range strings.Split(set["privacy.purposes"], ",") {
		if key = strings.ToLower(strings.TrimSpace(key)); key != "" {
			on[key] = true
		}
	}
	for _, x := range purposes {
		if on[x.Key] {
			p.Purposes = append(p.Purposes, x)
			delete(on, x.Key)
		}
	}
	for key := range on {
		s.log.Warn("privacy.purposes names an unknown purpose; use embeds, analytics or advertising", "purpose", key)
	}
	return p, nil
}

// privacyPage is the /privacy page, written from the settings so that it
// always says what the site really does.
type privacyPage struct {
	chrome
}

// handlePrivacy explains what the site collects, why, for how long, and
// which purposes need consent; with JavaScript it also reopens the choices.
func (s *Site) handlePrivacy(w http.ResponseWriter, r *http.Request) {
	c, err := s.chrome(r.Context(), "Privacy", "/privacy")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c.Current = "/privacy"
	c.Description = "What " + c.SiteName + " collects about its readers, why, and for how long."
	s.render(w, r, http.StatusOK, "privacy", privacyPage{chrome: c})
}
