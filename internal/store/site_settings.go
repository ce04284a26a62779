package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// The settings keys the settings screen writes. Each feature reads its own
// key, so these names are shared with the code that reads them (the public
// site, the mail sender).
const (
	keyName         = "site.name"
	keyTagline      = "site.tagline"
	keyLogo         = "site.logo_media"
	keyLanguage     = "site.language"
	keyNotes        = "site.notes_position"
	keyFeedContent  = "feeds.content"
	keyPurposes     = "privacy.purposes"
	keyFooterText   = "footer.text"
	keyFooterLinks  = "footer.links"
	keyOrgName      = "org.name"
	keyOrgProfiles  = "org.profiles"
	keyMailFrom     = "mail.from"
	defaultSiteName = "Masthead"
	defaultLanguage = "en"
)

var siteSettingKeys = []string{keyName, keyTagline, keyLogo, keyLanguage, timeZoneKey, keyNotes,
	keyFeedContent, keyPurposes, keyFooterText, keyFooterLinks, keyOrgName, keyOrgProfiles, keyMailFrom}

var siteSettingArgs = func() []any {
	out := make([]any, len(siteSettingKeys))
	for i, k := range siteSettingKeys {
		out[i] = k
	}
	return out
}()

// SiteSettings returns the site's settings, with the defaults a new site
// has for those never set.
func (s *Store) SiteSettings(ctx context.Context) (news.Settings, error) {
	cachekey.Add(ctx, cachekey.Site)
	rows, err := s.readQuery(ctx, `SELECT key, value FROM settings WHERE key IN (`+
		placeholders(1, len(siteSettingKeys))+`)`, siteSettingArgs...)
	if err != nil {
		return news.Settings{}, fmt.Errorf("store.SiteSettings: %w", err)
	}
	defer rows.Close()
	v := map[string]string{}
	for rows.Next() {
		var k, val string
		if err := rows.Scan(&k, &val); err != nil {
			return news.Settings{}, fmt.Errorf("store.SiteSettings: %w", err)
		}
		v[k] = val
	}
	if err := rows.Err(); err != nil {
		return news.Settings{}, fmt.Errorf("store.SiteSettings: %w", err)
	}
	return settingsFrom(v), nil
}

// settingsFrom reads settings from their stored values, forgiving values
// stored by hand before the settings screen checked them.
func settingsFrom(v map[string]string) news.Settings {
	st := news.Settings{
		Name: cmp.Or(v[keyName], defaultSiteName), Tagline: v[keyTagline],
		Language: cmp.Or(v[keyLanguage], defaultLanguage), TimeZone: cmp.Or(v[timeZoneKey], "UTC"),
		NotesOnTop: v[keyNotes] == "top", SummaryFeeds: v[keyFeedContent] == "summary",
		FooterText: v[keyFooterText], OrgName: v[keyOrgName], MailFrom: v[keyMailFrom],
	}
	st.Logo, _ = strconv.ParseInt(v[keyLogo], 10, 64)
	for _, p := range strings.Split(v[keyPurposes], ",") {
		if p = strings.ToLower(strings.TrimSpace(p)); p != "" && !slices.Contains(st.Purposes, p) {
			st.Purposes = append(st.Purposes, p)
		}
	}
	_ = json.Unmarshal([]byte(cmp.Or(v[keyFooterLinks], "[]")), &st.FooterLinks)
	for _, p := range strings.Split(v[keyOrgProfiles], "\n") {
		if p = strings.TrimSpace(p); p != "" {
			st.OrgProfiles = append(st.OrgProfiles, p)
		}
	}
	return st
}

// SaveSiteSettings checks and stores every setting at once, with the audit
// entry e saying who changed which, in one transaction: a refused field
// leaves every setting as it was. Every page shows the change at once on
// every node (the key cachekey.Site).
func (s *Store) SaveSiteSettings(ctx context.Context, st *news.Settings, e news.AuditEntry) (changed []string, err error) {
	if err := st.Validate(); err != nil {
		return nil, err
	}
	links, err := json.Marshal(st.FooterLinks)
	if err != nil {
		return nil, fmt.Errorf("store.SaveSiteSettings: %w", err)
	}
	if st.FooterLinks == nil {
		links = []byte("[]")
	}
	values := map[string]string{
		keyName: st.Name, keyTagline: st.Tagline, keyLogo: "", keyLanguage: st.Language,
		timeZoneKey: st.TimeZone, keyNotes: "bottom", keyFeedContent: "full",
		keyPurposes: strings.Join(st.Purposes, ","), keyFooterText: st.FooterText, keyFooterLinks: string(links),
		keyOrgName: st.OrgName, keyOrgProfiles: strings.Join(st.OrgProfiles, "\n"), keyMailFrom: st.MailFrom,
	}
	if st.Logo != 0 {
		values[keyLogo] = strconv.FormatInt(st.Logo, 10)
	}
	if st.NotesOnTop {
		values[keyNotes] = "top"
	}
	if st.SummaryFeeds {
		values[keyFeedContent] = "summary"
	}
	err = s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		if st.Logo != 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM media_assets WHERE id = $1`, st.Logo).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return news.FieldError("logo", "There is no picture %d in the media library: choose the logo from the list.", st.Logo)
			}
		}
		old := map[string]string{}
		rows, err := tx.QueryContext(ctx, `SELECT key, value FROM settings WHERE key IN (`+
			placeholders(1, len(siteSettingKeys))+`)`, siteSettingArgs...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				rows.Close()
				return err
			}
			old[k] = v
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		changed = nil
		for _, k := range siteSettingKeys {
			if v, had := old[k]; had && v == values[k] || !had && values[k] == settingDefault(k) {
				continue
			}
			changed = append(changed, k)
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, values[k]); err != nil {
				return err
			}
		}
		if len(changed) == 0 {
			return nil
		}
		if slices.Contains(changed, keyLanguage) {
			if err := s.languageChanged(ctx, tx, st.Language, false); err != nil {
				return err
			}
		}
		ch.add(cachekey.Site)
		e.Detail = strings.Join(changed, ", ")
		err = s.auditIn(ctx, tx, e)
		return err
	})
	var ne *news.Error
	if errors.As(err, &ne) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("store.SaveSiteSettings: %w", err)
	}
	return changed, nil
}

// settingDefault is what a key means when it is not stored, so that saving
// the settings screen unchanged stores nothing.
func settingDefault(key string) string {
	switch key {
	case keyName:
		return defaultSiteName
	case keyLanguage:
		return defaultLanguage
	case timeZoneKey:
		return "UTC"
	case keyNotes:
		return "bottom"
	case keyFeedContent:
		return "full"
	case keyFooterLinks:
		return "[]"
	}
	return ""
}
