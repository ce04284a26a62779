package admin_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/mail"
	"masthead/internal/mailtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// mailer sends the newsroom's outbox to a real mailpit.
func (n *newsroom) mailer(pit *mailtest.Server) *mail.Worker {
	return &mail.Worker{Store: n.st, Server: pit.MailServer(), Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		From: func(context.Context) string { return "The Harbour Courier <noreply@courier.example>" }}
}

// deliver sends what the outbox holds now.
func deliver(t *testing.T, w *mail.Worker) {
	t.Helper()
	if _, err := w.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestInvitationAndResetByMail: the invitation and the reset link arrive
// through a real SMTP server, and the links in them work (a reset link
// once); the owner is told of the new password by mail.
func TestInvitationAndResetByMail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNewsroom(t, st)
		pit := mailtest.Start(t)
		w := n.mailer(pit)
		ctx := context.Background()
		boss := n.browser()
		n.signIn(boss, news.RoleAdmin)
		if a := n.do(boss, "POST", "/admin/people/invite", url.Values{"email": {"cub@courier.example"}, "role": {"contributor"}}); a.status != 200 {
			t.Fatalf("invite: %d", a.status)
		}
		deliver(t, w)
		inv := pit.WaitFor(ctx, "cub@courier.example", "invited")
		link, err := mailtest.Link(inv.Text, n.ts.URL+"/admin/invite/")
		if err != nil {
			t.Fatal(err)
		}
		cub := n.browser()
		path := strings.TrimPrefix(link, n.ts.URL)
		if a := n.do(cub, "POST", path, url.Values{"name": {"Cub Reporter"}, "password": {goodPassword}}); a.status != http.StatusSeeOther {
			t.Fatalf("accepting the mailed invitation: %d", a.status)
		}
		if a := n.do(cub, "GET", "/admin", nil); a.status != 200 || !strings.Contains(a.body, "Cub Reporter") {
			t.Errorf("the new contributor is not signed in (%d)", a.status)
		}

		if a := n.do(n.browser(), "POST", "/admin/forgot", url.Values{"email": {"cub@courier.example"}}); a.status != 200 {
			t.Fatalf("forgot: %d", a.status)
		}
		deliver(t, w)
		reset := pit.WaitFor(ctx, "cub@courier.example", "new password")
		link, err = mailtest.Link(reset.Text, n.ts.URL+"/admin/reset/")
		if err != nil {
			t.Fatal(err)
		}
		path = strings.TrimPrefix(link, n.ts.URL)
		if a := n.do(n.browser(), "POST", path, url.Values{"password": {"lantern tidal copper gull"}}); a.status != 200 {
			t.Fatalf("reset through the mailed link: %d", a.status)
		}
		if a := n.do(n.browser(), "POST", path, url.Values{"password": {"lantern tidal copper gull"}}); a.status != http.StatusNotFound {
			t.Errorf("the mailed link works twice (%d)", a.status)
		}
		if a := n.do(cub, "GET", "/admin", nil); a.status != http.StatusSeeOther {
			t.Errorf("the session from before the reset goes on (%d)", a.status)
		}
		deliver(t, w)
		notice := pit.WaitFor(ctx, "cub@courier.example", "password was changed")
		if !strings.Contains(notice.Text, "tell an admin") {
			t.Errorf("the notice says: %q", notice.Text)
		}
		log := n.do(boss, "GET", "/admin/mail", nil)
		if strings.Count(log.body, ">sent ") != 3 || strings.Contains(log.body, "/admin/reset/") {
			t.Errorf("the mail log should show 3 sent mails and no longer hold their links:\n%s", log.body)
		}
	})
}
