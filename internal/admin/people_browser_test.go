package admin_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"masthead/internal/browsertest"
	"masthead/internal/dbtest"
	"masthead/internal/mail"
	"masthead/internal/mailtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// slowly runs actions with the generous time a loaded machine needs.
func (b *tab) slowly(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

// visitor is a browser tab nobody is signed in to.
func (n *liveNewsroom) visitor(t *testing.T) *tab {
	t.Helper()
	b := &tab{t: t, ctx: browsertest.New(t), n: n}
	if err := chromedp.Do(b.ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestInvitationAndResetInTheBrowser: an admin invites someone on the
// people page (the copy button works under the page's policy), the
// invitation arrives through mailpit, its link makes the account; later
// the person forgets the password, asks on the sign-in page, and the mailed
// link sets a new one they sign in with.
func TestInvitationAndResetInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newLiveNewsroom(t, st)
		pit := mailtest.Start(t)
		ctx := context.Background()
		w := &mail.Worker{Store: st, Server: pit.MailServer(), Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
			From: func(context.Context) string { return "The Harbour Courier <noreply@courier.example>" }}
		deliver := func() {
			if _, err := w.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
		}

		boss := n.open(t, news.RoleAdmin)
		boss.slowly(chromedp.Navigate(n.base+"/admin/people"),
			chromedp.WaitVisible(chromedp.ID("email")),
			chromedp.SendKeys(chromedp.ID("email"), "newcomer@courier.example"),
			chromedp.Click(chromedp.CSS(`form[action="/admin/people/invite"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.ID("invite-link")),
			// The copy button is hidden until the script shows it.
			chromedp.WaitVisible(chromedp.CSS(`button[data-copy="invite-link"]`)),
			chromedp.Click(chromedp.CSS(`button[data-copy="invite-link"]`)))
		boss.waitFor("the copy button's answer", `document.querySelector(".copied").textContent !== ""`)
		shown := evalIn[string](boss, `document.getElementById("invite-link").value`)

		deliver()
		m := pit.WaitFor(ctx, "newcomer@courier.example", "invited")
		if !strings.Contains(m.Text, "as contributor") {
			t.Errorf("the invitation is not for a contributor: %q", m.Text)
		}
		link, err := mailtest.Link(m.Text, n.base+"/admin/invite/")
		if err != nil || link != shown {
			t.Fatalf("mailed link %q (%v), shown %q", link, err, shown)
		}
		guest := n.visitor(t)
		guest.slowly(chromedp.Navigate(link),
			chromedp.WaitVisible(chromedp.ID("name")),
			chromedp.SendKeys(chromedp.ID("name"), "Nia Newcomer"),
			chromedp.SendKeys(chromedp.ID("password"), goodPassword),
			chromedp.Submit(chromedp.ID("password")),
			chromedp.WaitVisible(chromedp.ID("drafts")))

		forgetful := n.visitor(t)
		forgetful.slowly(chromedp.Navigate(n.base+"/admin/signin"),
			chromedp.WaitVisible(chromedp.CSS(`a[href="/admin/forgot"]`)),
			chromedp.Click(chromedp.CSS(`a[href="/admin/forgot"]`)),
			chromedp.WaitVisible(chromedp.ID("email")),
			chromedp.SendKeys(chromedp.ID("email"), "newcomer@courier.example"),
			chromedp.Submit(chromedp.ID("email")),
			chromedp.WaitVisible(chromedp.CSS(`p.notice`)))
		deliver()
		m = pit.WaitFor(ctx, "newcomer@courier.example", "new password")
		link, err = mailtest.Link(m.Text, n.base+"/admin/reset/")
		if err != nil {
			t.Fatal(err)
		}
		const fresh = "estuary lamplight rigging"
		forgetful.slowly(chromedp.Navigate(link),
			chromedp.WaitVisible(chromedp.ID("password")),
			chromedp.SendKeys(chromedp.ID("password"), fresh),
			chromedp.Submit(chromedp.ID("password")),
			chromedp.WaitVisible(chromedp.CSS(`p.notice`)),
			chromedp.WaitVisible(chromedp.ID("password")),
			chromedp.SendKeys(chromedp.ID("password"), fresh),
			chromedp.Submit(chromedp.ID("password")),
			chromedp.WaitVisible(chromedp.ID("drafts")))
		// The guest's session from before the reset has ended.
		guest.slowly(chromedp.Navigate(n.base+"/admin"), chromedp.WaitVisible(chromedp.CSS(`a[href="/admin/forgot"]`)))
	})
}
