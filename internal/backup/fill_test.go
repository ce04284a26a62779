package backup_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"masthead/internal/auth"
	"masthead/internal/demo"
	"masthead/internal/news"
	"masthead/internal/store"
)

// t0 is the time every site of these tests lives at.
var t0 = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// person is an account the round trip must keep able to sign in.
type person struct {
	email, password, totpSecret string
	recoveryCode                string // one of the codes given with two-step sign-in
}

// fillSite gives st the demo paper (pictures with renditions, sections,
// staff, pages, articles with corrections and readership) and what the demo
// lacks: articles waiting for review, scheduled and unpublished, revisions,
// people with passwords, a second factor and recovery codes, sessions, an
// invitation, the audit log, a consent record and readers counted today.
func fillSite(t *testing.T, st *store.Store, dataDir string) []person {
	t.Helper()
	ctx := context.Background()
	if _, err := demo.Load(ctx, st, demo.New(demo.Options{Seed: 1, Now: t0, Articles: 60}), dataDir); err != nil {
		t.Fatal(err)
	}
	people := []person{{email: "chief@courier.example", password: "harbour lights at dawn 1882"},
		{email: "writer@courier.example", password: "seven gulls over the quay"}}
	var ids []int64
	for i, p := range people {
		u := news.User{Email: p.email, Name: "Person " + p.email, Role: news.RoleAdmin}
		if i == 1 {
			u.Role = news.RoleAuthor
		}
		if err := st.CreateUser(ctx, &u, auth.HashPassword(p.password)); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.ID)
		if err := st.CreateSession(ctx, u.ID, auth.TokenHash("session-of-"+p.email), "test browser", 24*time.Hour, false); err != nil {
			t.Fatal(err)
		}
	}
	secret, _, err := auth.NewTOTP("Courier", people[0].email)
	if err != nil {
		t.Fatal(err)
	}
	people[0].totpSecret = secret
	if err := st.StartTOTP(ctx, ids[0], secret); err != nil {
		t.Fatal(err)
	}
	var hashes []string
	codes := auth.NewRecoveryCodes(4)
	for _, c := range codes {
		hashes = append(hashes, auth.TokenHash(auth.NormalizeRecoveryCode(c)))
	}
	people[0].recoveryCode = codes[0]
	if err := st.EnableTOTP(ctx, ids[0], 1, hashes); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateInvite(ctx, auth.TokenHash("invite-token"), "new@courier.example", news.RoleContributor, ids[0], 72*time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := st.Audit(ctx, news.AuditEntry{At: t0, UserID: ids[0], Action: "signin", Address: "192.0.2.1"}); err != nil {
		t.Fatal(err)
	}
	if err := st.RecordConsent(ctx, &store.Consent{Purposes: []string{"embeds"}, PolicyVersion: "2026-11", At: t0}); err != nil {
		t.Fatal(err)
	}
	// An API key (its account with it): kept by a backup, so an
	// integration keeps working on the restored site.
	if err := st.CreateAPIKey(ctx, &news.APIKey{Name: "Partner app", Prefix: "mh_abcdef", Scopes: []news.Scope{news.ScopeContentRead},
		CreatedBy: ids[0], ExpiresAt: t0.Add(24 * time.Hour)}, auth.TokenHash("mh_abcdef-key")); err != nil {
		t.Fatal(err)
	}
	if err := st.SetSetting(ctx, "backup.test", "kept"); err != nil {
		t.Fatal(err)
	}
	// A webhook endpoint, with its secret, travels; its queue does not.
	hook := news.Webhook{URL: "https://partner.example/hooks", Events: []string{news.EventPublished},
		Secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}
	if err := st.SaveWebhook(ctx, &hook, ids[0]); err != nil {
		t.Fatal(err)
	}
	// Every newsroom state: waiting for review, scheduled (a job), and
	// withdrawn; each save is a revision.
	yes := true
	later := t0.Add(48 * time.Hour)
	// The fourth keeps its old slug, which answers 301.
	for i, e := range []store.Edit{{Submitted: &yes}, {PublishAt: &later}, {}, {}} {
		a, err := st.ArticleByID(ctx, int64(i+1))
		if err != nil {
			t.Fatal(err)
		}
		state, err := st.ArticleState(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if i < 2 {
			a.ID, a.Slug, a.Status, a.PublishedAt = 0, a.Slug+"-draft", news.Draft, time.Time{}
			a.Headline += " (draft)"
			state.Version = 0
		} else if i == 2 {
			a.Status = news.Unpublished
		} else {
			a.Slug += "-renamed"
		}
		e.Article, e.Base, e.By, e.Note = &a, state.Version, ids[1], "round trip"
		if _, err := st.SaveEdit(ctx, e); err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
	}
	a, err := st.ArticleByID(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Present(ctx, a.ID, ids[1]); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecordView(ctx, a.ID, "198.51.100.7", "reader"); err != nil {
		t.Fatal(err)
	}
	// A live story with changes not yet live, and a save refused as stale
	// whose text is kept.
	for i, e := range []store.Edit{{Pending: true}, {KeepIfStale: true}} {
		a, err := st.ArticleByID(ctx, int64(5+i))
		if err != nil {
			t.Fatal(err)
		}
		state, err := st.ArticleState(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		a.Headline += " (changed)"
		e.Article, e.Base, e.By = &a, state.Version, ids[1]
		if e.KeepIfStale {
			e.Base--
		}
		_, err = st.SaveEdit(ctx, e)
		if stale := (*store.StaleError)(nil); e.KeepIfStale != errors.As(err, &stale) {
			t.Fatalf("edit of article %d: %v", a.ID, err)
		}
	}
	// An old address, and what a WordPress import keeps of its items and runs.
	if err := st.AddRedirect(ctx, &news.Redirect{Path: "/2019/01/harbour-story", Target: a.URL(),
		Origin: news.RedirectFromNewsroom, CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveWordPressItem(ctx, "https://old.courier.example", "post",
		store.WordPressItem{WPID: 42, GUID: "https://old.courier.example/?p=42", TargetID: a.ID, Hash: "imported"}); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateImportRun(ctx, &store.ImportRun{File: "imports/courier.xml", State: "queued",
		CreatedBy: ids[0], CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	// The fronts: a lead until a time, and a section's pin.
	lead, err := st.ArticleByID(ctx, 20)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetFront(ctx, store.HomeFront, []store.Pin{{ArticleID: lead.ID, Until: t0.Add(72 * time.Hour)}}, ids[0]); err != nil {
		t.Fatal(err)
	}
	if err := st.SetFront(ctx, lead.Section.ID, []store.Pin{{ArticleID: lead.ID}}, ids[0]); err != nil {
		t.Fatal(err)
	}
	return people
}
