package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

func personPath(u news.User, action string) string {
	return "/admin/people/" + itoa(u.ID) + "/" + action
}

// TestRoleChangesAndDeactivation: an admin changes a role and it takes
// effect at once; the last admin can neither be demoted nor deactivated;
// deactivation asks first, ends the person's sessions at once, refuses
// their sign-in and keeps their byline; reactivation lets them back.
func TestRoleChangesAndDeactivation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNewsroom(t, st)
		ctx := context.Background()
		boss, editor := n.browser(), n.browser()
		n.signIn(boss, news.RoleAdmin)
		n.signIn(editor, news.RoleEditor)
		ed := n.users[news.RoleEditor]
		author := news.Author{Name: "Ed Itor", Slug: "ed-itor"}
		if err := st.CreateAuthor(ctx, &author); err != nil {
			t.Fatal(err)
		}
		if a := n.do(boss, "POST", personPath(ed, "author"), url.Values{"author": {itoa(author.ID)}}); a.status != 200 {
			t.Fatalf("linking the byline: %d", a.status)
		}
		if a := n.do(boss, "POST", personPath(ed, "author"), url.Values{"author": {"99999"}}); a.status != http.StatusUnprocessableEntity {
			t.Errorf("linking to no author: %d, want 422", a.status)
		}

		// A role change reaches the person's next request.
		if a := n.do(boss, "POST", personPath(ed, "role"), url.Values{"role": {"author"}}); a.status != 200 || !strings.Contains(a.body, "is now author") {
			t.Fatalf("role change: %d", a.status)
		}
		if a := n.do(editor, "GET", "/admin/sections", nil); a.status != http.StatusForbidden {
			t.Errorf("the demoted editor still opens sections (%d)", a.status)
		}
		if a := n.do(boss, "POST", personPath(ed, "role"), url.Values{"role": {"emperor"}}); a.status != http.StatusUnprocessableEntity {
			t.Errorf("an unknown role: %d, want 422", a.status)
		}
		if a := n.do(boss, "POST", "/admin/people/99999/role", url.Values{"role": {"author"}}); a.status != http.StatusNotFound {
			t.Errorf("no such person: %d, want 404", a.status)
		}

		// The last admin stays an admin, and active.
		me := n.users[news.RoleAdmin]
		if a := n.do(boss, "POST", personPath(me, "role"), url.Values{"role": {"editor"}}); a.status != http.StatusConflict || !strings.Contains(a.body, "last active admin") {
			t.Errorf("demoting the last admin: %d, want 409 saying why", a.status)
		}
		if a := n.do(boss, "POST", personPath(me, "deactivate"), url.Values{}); a.status != http.StatusConflict {
			t.Errorf("deactivating the last admin: %d, want 409", a.status)
		}
		if u, _ := st.UserByID(ctx, me.ID); u.Role != news.RoleAdmin || u.Disabled {
			t.Fatalf("the last admin became %s (disabled %v)", u.Role, u.Disabled)
		}

		// Deactivation asks first and says what happens.
		if a := n.do(boss, "GET", personPath(ed, "deactivate"), nil); a.status != 200 || !strings.Contains(a.body, "signed out at once") ||
			!strings.Contains(a.body, "bylines") {
			t.Errorf("the deactivation question: %d", a.status)
		}
		if u, _ := st.UserByID(ctx, ed.ID); u.Disabled {
			t.Fatal("asking deactivated the account")
		}
		if a := n.do(boss, "POST", personPath(ed, "deactivate"), url.Values{}); a.status != 200 || !strings.Contains(a.body, "deactivated") {
			t.Fatalf("deactivation: %d", a.status)
		}
		if a := n.do(editor, "GET", "/admin", nil); a.status != http.StatusSeeOther {
			t.Errorf("the deactivated person's session still works (%d)", a.status)
		}
		if a := n.do(n.browser(), "POST", "/admin/signin", url.Values{"email": {ed.Email}, "password": {goodPassword}}); a.status != http.StatusUnauthorized {
			t.Errorf("a deactivated account signs in (%d)", a.status)
		}
		if u, _ := st.UserByID(ctx, ed.ID); u.AuthorID != author.ID {
			t.Errorf("deactivation unlinked the byline: author %d, want %d", u.AuthorID, author.ID)
		}
		if _, err := st.AuthorByID(ctx, author.ID); err != nil {
			t.Errorf("the byline is gone: %v", err)
		}
		page := n.do(boss, "GET", "/admin/people", nil)
		if !strings.Contains(page.body, "Reactivate") {
			t.Error("the people page offers no reactivation")
		}
		if a := n.do(boss, "POST", personPath(ed, "reactivate"), url.Values{}); a.status != 200 {
			t.Fatalf("reactivation: %d", a.status)
		}
		n.signIn(n.browser(), news.RoleEditor)
		// With a second admin, the first may step down.
		if a := n.do(boss, "POST", personPath(ed, "role"), url.Values{"role": {"admin"}}); a.status != 200 {
			t.Fatalf("promotion: %d", a.status)
		}
		if a := n.do(boss, "POST", personPath(me, "role"), url.Values{"role": {"editor"}}); a.status != 200 {
			t.Errorf("demoting one of two admins: %d, want 200", a.status)
		}
	})
}

var invitePendingPattern = regexp.MustCompile(`name="invite" value="([0-9a-f]+)"`)

// TestInvitationsListedRevokedRenewed: a new invitation is for a
// contributor unless chosen otherwise, is listed with its expiry until used,
// and a revoked or replaced link stops working.
func TestInvitationsListedRevokedRenewed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNewsroom(t, st)
		boss := n.browser()
		n.signIn(boss, news.RoleAdmin)
		page := n.do(boss, "GET", "/admin/people", nil)
		form, _, _ := strings.Cut(page.body[strings.Index(page.body, `action="/admin/people/invite"`):], "</form>")
		if !strings.Contains(form, `<option value="contributor" selected>`) || strings.Count(form, " selected") != 1 {
			t.Error("the invitation's role does not default to contributor")
		}
		a := n.do(boss, "POST", "/admin/people/invite", url.Values{"email": {"stringer@courier.example"}, "role": {"contributor"}})
		link := linkPattern.FindString(a.body)
		if a.status != 200 || link == "" || !strings.Contains(a.body, "No mail server is set") || !strings.Contains(a.body, `data-copy="invite-link"`) {
			t.Fatalf("invite: %d, link %q", a.status, link)
		}
		page = n.do(boss, "GET", "/admin/people", nil)
		hashes := invitePendingPattern.FindAllStringSubmatch(page.body, -1)
		if len(hashes) != 2 || !strings.Contains(page.body, "stringer@courier.example") || !strings.Contains(page.body, "5 Dec 2026 10:00") {
			t.Fatalf("pending invitations: %d forms; want renew and revoke, with the expiry (5 Dec 2026 10:00)", len(hashes))
		}
		// A new link replaces the old.
		a = n.do(boss, "POST", "/admin/people/invites/renew", url.Values{"invite": {hashes[0][1]}})
		renewed := linkPattern.FindString(a.body)
		if a.status != 200 || renewed == "" || renewed == link {
			t.Fatalf("renewal: %d", a.status)
		}
		if a := n.do(n.browser(), "GET", link, nil); a.status != http.StatusNotFound {
			t.Errorf("the replaced link still works (%d)", a.status)
		}
		page = n.do(boss, "GET", "/admin/people", nil)
		hashes = invitePendingPattern.FindAllStringSubmatch(page.body, -1)
		if len(hashes) != 2 {
			t.Fatalf("after renewal %d invitation forms, want 2", len(hashes))
		}
		if a := n.do(boss, "POST", "/admin/people/invites/revoke", url.Values{"invite": {hashes[0][1]}}); a.status != 200 || !strings.Contains(a.body, "revoked") {
			t.Fatalf("revoke: %d", a.status)
		}
		if a := n.do(n.browser(), "GET", renewed, nil); a.status != http.StatusNotFound {
			t.Errorf("the revoked link still works (%d)", a.status)
		}
		if a := n.do(boss, "POST", "/admin/people/invites/revoke", url.Values{"invite": {hashes[0][1]}}); a.status != http.StatusNotFound {
			t.Errorf("revoking twice: %d, want 404", a.status)
		}
		if a := n.do(boss, "GET", "/admin/people", nil); strings.Contains(a.body, "stringer@courier.example") {
			t.Error("a revoked invitation is still listed")
		}
		// Both invitation mails wait in the outbox, visibly unsent.
		log := n.do(boss, "GET", "/admin/mail", nil)
		if log.status != 200 || strings.Count(log.body, "not sent: no mail server set") != 2 || !strings.Contains(log.body, renewed) {
			t.Errorf("mail log: %d; want two unsent invitations with their text", log.status)
		}
	})
}

var resetPattern = regexp.MustCompile(`http://[^\s]+/admin/reset/[A-Za-z0-9_-]+`)

// outboxLink returns the newest queued mail to the address and the reset
// link in it.
func outboxLink(t *testing.T, st *store.Store, to string) (store.Mail, string) {
	t.Helper()
	log, err := st.MailLog(context.Background(), 50, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range log {
		if m.To == to {
			return m, resetPattern.FindString(m.Body)
		}
	}
	return store.Mail{}, ""
}

// TestForgotPassword: the answer does not tell whether an address has an
// account; the link is mailed, works once, for an hour, ends the account's
// sessions and sends a notice; requests are rate-limited.
func TestForgotPassword(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNewsroom(t, st)
		au := n.users[news.RoleAuthor]
		old := n.browser()
		n.signIn(old, news.RoleAuthor)
		if a := n.do(n.browser(), "GET", "/admin/signin", nil); !strings.Contains(a.body, `href="/admin/forgot"`) {
			t.Error("the sign-in page does not offer a reset")
		}
		known := n.do(n.browser(), "POST", "/admin/forgot", url.Values{"email": {au.Email}})
		unknown := n.do(n.browser(), "POST", "/admin/forgot", url.Values{"email": {"nobody@courier.example"}})
		if known.status != 200 || unknown.status != 200 ||
			strings.ReplaceAll(known.body, au.Email, "X") != strings.ReplaceAll(unknown.body, "nobody@courier.example", "X") {
			t.Errorf("the answers differ: %d and %d", known.status, unknown.status)
		}
		if m, _ := outboxLink(t, st, "nobody@courier.example"); m.ID != 0 {
			t.Error("a mail was queued to an address with no account")
		}
		if a := n.do(n.browser(), "POST", "/admin/forgot", url.Values{"email": {"not an address"}}); a.status != http.StatusUnprocessableEntity || !strings.Contains(a.body, `aria-invalid="true"`) {
			t.Errorf("a malformed address: %d, want 422 with the field marked", a.status)
		}
		m, link := outboxLink(t, st, au.Email)
		if m.Kind != "reset" || link == "" {
			t.Fatalf("no reset mail queued: %+v", m)
		}
		path := strings.TrimPrefix(link, n.ts.URL)
		if a := n.do(n.browser(), "GET", path, nil); a.status != 200 || !strings.Contains(a.body, au.Email) {
			t.Fatalf("reset form: %d", a.status)
		}
		if a := n.do(n.browser(), "POST", path, url.Values{"password": {"short"}}); a.status != http.StatusUnprocessableEntity {
			t.Errorf("a bad new password: %d, want 422", a.status)
		}
		const newPassword = "harbour gull morning ferry"
		if a := n.do(n.browser(), "POST", path, url.Values{"password": {newPassword}}); a.status != 200 || !strings.Contains(a.body, "new password is set") {
			t.Fatalf("reset: %d", a.status)
		}
		if a := n.do(old, "GET", "/admin", nil); a.status != http.StatusSeeOther {
			t.Errorf("a session from before the reset still works (%d)", a.status)
		}
		if a := n.do(n.browser(), "POST", "/admin/signin", url.Values{"email": {au.Email}, "password": {newPassword}}); a.status != http.StatusSeeOther {
			t.Errorf("signing in with the new password: %d", a.status)
		}
		if a := n.do(n.browser(), "POST", path, url.Values{"password": {"another fine long phrase"}}); a.status != http.StatusNotFound {
			t.Errorf("the link used twice: %d, want 404", a.status)
		}
		if notice, _ := outboxLink(t, st, au.Email); notice.Kind != "notice" || !strings.Contains(notice.Subject, "password") {
			t.Errorf("no notice of the change: %+v", notice)
		}
		// A link lasts an hour.
		n.do(n.browser(), "POST", "/admin/forgot", url.Values{"email": {au.Email}})
		_, late := outboxLink(t, st, au.Email)
		n.clock.Advance(61 * time.Minute)
		if a := n.do(n.browser(), "GET", strings.TrimPrefix(late, n.ts.URL), nil); a.status != http.StatusNotFound || !strings.Contains(a.body, "expired") {
			t.Errorf("a link after an hour: %d, want 404 saying so", a.status)
		}
		// Three requests per address in the window, then 429.
		for i := range 3 {
			if a := n.do(n.browser(), "POST", "/admin/forgot", url.Values{"email": {"editor@courier.example"}}); a.status != 200 {
				t.Fatalf("request %d: %d", i, a.status)
			}
		}
		if a := n.do(n.browser(), "POST", "/admin/forgot", url.Values{"email": {"editor@courier.example"}}); a.status != http.StatusTooManyRequests || a.header.Get("Retry-After") == "" {
			t.Errorf("a fourth request: %d, want 429 with Retry-After", a.status)
		}
	})
}
