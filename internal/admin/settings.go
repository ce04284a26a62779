package admin

import (
	"net/http"
	"strconv"
	"strings"

	"masthead/internal/news"
	"masthead/internal/store"
)

// footerLinkRows is how many footer link rows the settings form offers
// beyond those the site has: enough to add a few at a time.
const footerLinkRows = 3

// logoChoices bounds the pictures offered as the logo: the newest, with
// the current logo always among them.
const logoChoices = 60

// settingsData is what the settings screen shows.
type settingsData struct {
	Settings  news.Settings
	Languages []news.Language
	Purposes  []string
	Pictures  []news.Asset
	// LogoID is the logo field as given, kept when the form is refused.
	LogoID   string
	Links    []news.Link
	Profiles string
	// Search is the search index's language and how far its rebuild has
	// got after a change of language.
	Search         store.SearchRebuild
	SearchLanguage string // its name
}

// HasPurpose reports whether the purpose is turned on.
func (d settingsData) HasPurpose(key string) bool {
	for _, p := range d.Settings.Purposes {
		if p == key {
			return true
		}
	}
	return false
}

// settingsPage shows the site's settings for an admin to change.
func (a *Admin) settingsPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	st, err := a.store.SiteSettings(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.renderSettings(w, r, u, http.StatusOK, page{}, st)
}

func (a *Admin) renderSettings(w http.ResponseWriter, r *http.Request, u *news.User, status int, p page, st news.Settings) {
	pics, err := a.store.SearchAssets(r.Context(), "", logoChoices, 0)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if st.Logo != 0 && !containsAsset(pics, st.Logo) {
		if logo, err := a.store.Asset(r.Context(), st.Logo); err == nil {
			pics = append([]news.Asset{logo}, pics...)
		}
	}
	d := settingsData{Settings: st, Languages: news.Languages, Purposes: news.PrivacyPurposes, Pictures: pics,
		Links: append(st.FooterLinks, make([]news.Link, footerLinkRows)...), Profiles: strings.Join(st.OrgProfiles, "\n")}
	if st.Logo != 0 {
		d.LogoID = strconv.FormatInt(st.Logo, 10)
	}
	if d.Search, err = a.store.SearchRebuildStatus(r.Context()); err != nil {
		a.serverError(w, r, err)
		return
	}
	d.SearchLanguage = d.Search.Language
	for _, l := range news.Languages {
		if l.Tag == d.Search.Language {
			d.SearchLanguage = l.Name
		}
	}
	p.Title, p.User, p.Data = "Settings", u, d
	a.render(w, r, status, "settings", p)
}

func containsAsset(list []news.Asset, id int64) bool {
	for _, x := range list {
		if x.ID == id {
			return true
		}
	}
	return false
}

// saveSettings checks and saves the whole settings form at once: a refused
// field saves nothing, and the form comes back as sent with the field named.
func (a *Admin) saveSettings(w http.ResponseWriter, r *http.Request, u *news.User) {
	f := r.PostForm
	st := news.Settings{
		Name: f.Get("name"), Tagline: f.Get("tagline"), Language: f.Get("language"), TimeZone: f.Get("timezone"),
		Purposes: f["purposes"], NotesOnTop: f.Get("notes") == "top", SummaryFeeds: f.Get("feeds") == "summary",
		FooterText: f.Get("footer_text"), OrgName: f.Get("org_name"), MailFrom: f.Get("mail_from"),
		OrgProfiles: strings.Split(f.Get("org_profiles"), "\n"),
	}
	if f.Get("logo") != "" {
		id, err := strconv.ParseInt(f.Get("logo"), 10, 64)
		if err != nil || id <= 0 {
			err = news.FieldError("logo", "Choose the logo from the list of pictures.")
			a.renderSettings(w, r, u, news.HTTPStatus(err), page{Errors: fieldErrors(err)}, st)
			return
		}
		st.Logo = id
	}
	labels, urls := f["footer_label"], f["footer_url"]
	for i := range max(len(labels), len(urls)) {
		var l news.Link
		if i < len(labels) {
			l.Label = labels[i]
		}
		if i < len(urls) {
			l.URL = urls[i]
		}
		st.FooterLinks = append(st.FooterLinks, l)
	}
	changed, err := a.store.SaveSiteSettings(r.Context(), &st, news.AuditEntry{UserID: u.ID, Email: u.Email,
		Action: "settings.save", Subject: "settings"})
	if refusal(err) {
		a.renderSettings(w, r, u, news.HTTPStatus(err), page{Errors: fieldErrors(err),
			Error: "Nothing was saved: " + news.ErrorMessage(err)}, st)
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	msg := "Nothing had changed."
	if len(changed) > 0 {
		msg = "Saved. Every page of the site shows the change now."
	}
	a.renderSettings(w, r, u, http.StatusOK, page{Message: msg}, st)
}
