package admin_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// settingsForm is a settings form as an admin sends it, with every field
// right; a case changes what it tests.
func settingsForm() url.Values {
	return url.Values{
		"name": {"The Saltmere Courier"}, "tagline": {"News from the harbour coast"}, "logo": {""},
		"language": {"de"}, "timezone": {"Europe/Berlin"}, "notes": {"top"}, "feeds": {"summary"},
		"purposes":    {"embeds"},
		"footer_text": {"Harbour Street 1, Saltmere"}, "footer_label": {"Contact us", ""}, "footer_url": {"/contact", ""},
		"org_name": {"Courier Media Ltd"}, "org_profiles": {"https://mastodon.social/@courier\r\nhttps://bsky.app/profile/courier.example"},
		"mail_from": {`"The Courier" <newsroom@courier.example>`},
	}
}

// TestSettingsScreen: only admins change the settings; every field refuses
// bad input with a 422 naming it and saves nothing of the form; a good
// save is audited and shows at once on the public pages a reader already
// had from the cache: name, tagline, language, logo, footer, organisation,
// privacy purposes, feeds.
func TestSettingsScreen(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		n := newNewsroom(t, st)
		for _, role := range []news.Role{news.RoleEditor, news.RoleContributor} {
			c := n.browser()
			n.signIn(c, role)
			if a := n.do(c, "GET", "/admin/settings", nil); a.status != http.StatusForbidden {
				t.Errorf("GET /admin/settings as %s = %d, want 403", role, a.status)
			}
			if a := n.do(c, "POST", "/admin/settings", settingsForm()); a.status != http.StatusForbidden {
				t.Errorf("POST /admin/settings as %s = %d, want 403", role, a.status)
			}
		}
		admin := n.browser()
		n.signIn(admin, news.RoleAdmin)
		if a := n.do(admin, "GET", "/admin/settings", nil); a.status != 200 || !strings.Contains(a.body, `value="Masthead"`) {
			t.Fatalf("GET /admin/settings: %d, want the form with the site's name", a.status)
		}
		up := n.uploadFiles(admin, true, map[string][]byte{"logo.jpg": jpegBytes(t, 400, 100)})
		var res struct{ Results []struct{ Asset news.Asset } }
		if err := json.Unmarshal([]byte(up.body), &res); err != nil || len(res.Results) != 1 {
			t.Fatalf("upload: %d %s", up.status, up.body)
		}
		if _, err := n.lib.ProcessPending(ctx); err != nil {
			t.Fatal(err)
		}
		logo := strconv.FormatInt(res.Results[0].Asset.ID, 10)
		home := n.do(n.browser(), "GET", "/", nil) // now in the page cache
		if !strings.Contains(home.body, `<html lang="en">`) || !strings.Contains(home.body, "Masthead") {
			t.Fatalf("the home page before: %.300s", home.body)
		}

		for _, bad := range []struct{ field, value, says string }{
			{"name", "  ", "needs a name"},
			{"name", strings.Repeat("n", 101), "limit is 100"},
			{"language", "xx-YY", `"xx-YY" is not a language`},
			{"language", "english", `"english" is not a language`},
			{"timezone", "Mars/Olympus", `"Mars/Olympus" is not a time zone`},
			{"timezone", "", "IANA name"},
			{"purposes", "tracking", `"tracking" is not a privacy purpose`},
			{"footer_url", "javascript:alert(1)", "needs an address on this site"},
			{"footer_url", "//evil.example/", "needs an address on this site"},
			{"footer_label", "", "needs words to show"},
			{"org_profiles", "http://mastodon.social/@courier", "is not an https:// address"},
			{"mail_from", "newsroom at courier", "is not an e-mail address"},
			{"logo", "999999", "no picture 999999"},
			{"logo", "the big one", "Choose the logo from the list"},
		} {
			f := settingsForm()
			f.Set("tagline", "A tagline that must not be saved")
			f.Set(bad.field, bad.value)
			a := n.do(admin, "POST", "/admin/settings", f)
			if a.status != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(a.body), bad.says) {
				t.Errorf("%s = %q: %d, want 422 saying %q", bad.field, bad.value, a.status, bad.says)
			}
			if !strings.Contains(a.body, `value="A tagline that must not be saved"`) {
				t.Errorf("%s = %q: the refused form does not come back as sent", bad.field, bad.value)
			}
		}
		if got, _ := st.SiteSettings(ctx); got.Tagline != "" || got.Name != "Masthead" {
			t.Fatalf("a refused form saved something: %+v", got)
		}

		f := settingsForm()
		f.Set("logo", logo)
		if a := n.do(admin, "POST", "/admin/settings", f); a.status != 200 || !strings.Contains(a.body, "Saved.") {
			t.Fatalf("save: %d %s", a.status, a.body)
		}
		if a := n.do(admin, "POST", "/admin/settings", f); !strings.Contains(a.body, "Nothing had changed.") {
			t.Errorf("saving again the same: %.200s, want “Nothing had changed.”", a.body)
		}
		log, err := st.AuditLog(ctx, 10, 0)
		if err != nil || len(log) == 0 || log[0].Action != "settings.save" || !strings.Contains(log[0].Detail, "site.name") ||
			!strings.Contains(log[0].Detail, "mail.from") {
			t.Errorf("audit log: %+v, want one settings.save naming the keys changed", log)
		}
		if loc, _ := st.TimeZone(ctx); loc.String() != "Europe/Berlin" {
			t.Errorf("time zone %s, want Europe/Berlin", loc)
		}
		if from, _ := st.Setting(ctx, "mail.from", ""); from != `"The Courier" <newsroom@courier.example>` {
			t.Errorf("mail.from = %q", from)
		}
		// The keys the article page and the feeds read (their effect is
		// tested with them: TestSummaryFeeds, the notes' position).
		for key, want := range map[string]string{"feeds.content": "summary", "site.notes_position": "top",
			"site.logo_media": logo, "privacy.purposes": "embeds", "site.language": "de"} {
			if got, _ := st.Setting(ctx, key, ""); got != want {
				t.Errorf("%s = %q, want %q", key, got, want)
			}
		}

		home = n.do(n.browser(), "GET", "/", nil)
		for _, want := range []string{
			`<html lang="de">`, "<title>The Saltmere Courier | News from the harbour coast</title>",
			`<img class="logo" src="/media/`, `<p class="footer-text">Harbour Street 1, Saltmere</p>`,
			`<a href="/contact">Contact us</a>`, `"name":"Courier Media Ltd"`,
			`"sameAs":["https://mastodon.social/@courier","https://bsky.app/profile/courier.example"]`,
			`"inLanguage":"de"`, "Privacy choices",
		} {
			if !strings.Contains(home.body, want) {
				t.Errorf("the home page after the save lacks %s", want)
			}
		}
		if strings.Contains(home.body, "logo.png") {
			t.Errorf("the organisation's logo is still the bundled one")
		}
		feed := n.do(n.browser(), "GET", "/feed.xml", nil)
		if !strings.Contains(feed.body, "<language>de</language>") || !strings.Contains(feed.body, "News from the harbour coast") {
			t.Errorf("the feed after the save: %.400s", feed.body)
		}
		// The time zone is checked against the system's zone database.
		if _, err := store.LoadTimeZone("Europe/Berlin"); err != nil {
			t.Fatal(err)
		}
	})
}

// TestSettingsLanguageRebuildsSearch: changing the site's language shows,
// on the settings screen, that the search index is being rebuilt in it,
// and once the background rebuild has run, that it is done.
func TestSettingsLanguageRebuildsSearch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNewsroom(t, st)
		admin := n.browser()
		n.signIn(admin, news.RoleAdmin)
		if a := n.do(admin, "GET", "/admin/settings", nil); !strings.Contains(a.body, "Search reads words as English does.") {
			t.Errorf("a new site's settings do not say search reads English: %.300s", a.body)
		}
		f := settingsForm()
		f.Set("language", "fr")
		a := n.do(admin, "POST", "/admin/settings", f)
		if a.status != 200 || !strings.Contains(a.body, "The search index is being rebuilt in French: 0 of ") {
			t.Fatalf("after changing the language: %d, want the rebuild shown running: %.2000s", a.status, a.body)
		}
		if ran, err := st.RunSearchRebuild(context.Background(), nil); err != nil || !ran {
			t.Fatalf("RunSearchRebuild = %v, %v", ran, err)
		}
		if a := n.do(admin, "GET", "/admin/settings", nil); !strings.Contains(a.body, "The search index was rebuilt in French on ") {
			t.Errorf("after the rebuild the settings do not say it is done")
		}
	})
}
