package admin_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
	"masthead/internal/webhook"
)

// TestWebhooksScreen walks the webhooks screen as an admin: an internal
// address is refused on the field, a public one is added with its secret
// shown; Send test event and Resend reach a real receiver and are listed
// with status, response and attempts; the secret rotates; the endpoint
// turns off and on; delete asks first.
func TestWebhooksScreen(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		c := d.clients[news.RoleAdmin]
		var hits atomic.Int32
		rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
		defer rc.Close()

		for _, bad := range []string{"https://169.254.169.254/latest", "https://127.0.0.1/hooks", "http://203.0.113.10/hooks"} {
			a := d.do(c, "POST", "/admin/webhooks", url.Values{"url": {bad}, "events": {news.EventPublished}})
			if a.status != http.StatusUnprocessableEntity || !strings.Contains(a.body, `id="webhook-url-error"`) {
				t.Errorf("%s: %d, want 422 with the error on the address", bad, a.status)
			}
		}
		a := d.do(c, "POST", "/admin/webhooks", url.Values{"url": {"https://203.0.113.10/hooks"}})
		if a.status != http.StatusUnprocessableEntity || !strings.Contains(a.body, "Choose at least one event") {
			t.Errorf("no events: %d", a.status)
		}
		if list, _ := st.Webhooks(ctx); len(list) != 0 {
			t.Fatalf("refused endpoints were saved: %+v", list)
		}
		a = d.do(c, "POST", "/admin/webhooks", url.Values{"url": {"https://203.0.113.10/hooks"},
			"events": {news.EventPublished, news.EventCorrection}})
		if a.status != http.StatusSeeOther {
			t.Fatalf("add: %d %s", a.status, a.body)
		}
		list, _ := st.Webhooks(ctx)
		if len(list) != 1 {
			t.Fatalf("%d endpoints", len(list))
		}
		ep := list[0]
		page := fmt.Sprintf("/admin/webhooks/%d", ep.ID)
		a = d.do(c, "GET", a.header.Get("Location"), nil)
		if !strings.Contains(html.UnescapeString(a.body), ep.Secret) || !strings.HasPrefix(ep.Secret, "whsec_") || !strings.Contains(a.body, "Added.") {
			t.Errorf("the new endpoint's page does not show its secret")
		}

		// The receiver runs on 127.0.0.1: point the endpoint at it behind
		// the screen's back, as a name resolving there later would.
		ep.URL = rc.URL
		if err := st.SaveWebhook(ctx, &ep, 0); err != nil {
			t.Fatal(err)
		}
		w := &webhook.Worker{Store: st, Guard: webhook.Guard{AllowPrivate: true}, Name: "test", Timeout: 5 * time.Second}
		a = d.do(c, "POST", page+"/test", url.Values{})
		if a.status != http.StatusOK || !strings.Contains(a.body, "test event") {
			t.Fatalf("send test event: %d", a.status)
		}
		if _, err := w.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		a = d.do(c, "GET", page, nil)
		if hits.Load() != 1 || !strings.Contains(a.body, "Delivered") || !strings.Contains(a.body, "<td>200</td>") || !strings.Contains(a.body, news.EventTest) {
			t.Errorf("after the test event (%d hits) the page shows no delivery", hits.Load())
		}
		ds, _ := st.WebhookDeliveries(ctx, ep.ID, 10)
		a = d.do(c, "POST", page+"/resend", url.Values{"delivery": {fmt.Sprint(ds[0].ID)}})
		if a.status != http.StatusOK {
			t.Errorf("resend: %d", a.status)
		}
		if _, err := w.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		if ds, _ = st.WebhookDeliveries(ctx, ep.ID, 10); hits.Load() != 2 || len(ds) != 2 || ds[0].MsgID != ds[1].MsgID {
			t.Errorf("resend: %d hits, deliveries %+v", hits.Load(), ds)
		}
		if a = d.do(c, "POST", page+"/resend", url.Values{"delivery": {"nope"}}); a.status != http.StatusUnprocessableEntity {
			t.Errorf("resend of no delivery: %d", a.status)
		}

		a = d.do(c, "POST", page+"/rotate", url.Values{})
		rotated, _ := st.Webhook(ctx, ep.ID)
		if a.status != http.StatusOK || rotated.Secret == ep.Secret || rotated.OldSecret != ep.Secret ||
			!strings.Contains(html.UnescapeString(a.body), rotated.Secret) || !strings.Contains(a.body, "previous secret also signs") {
			t.Errorf("rotate: %d %+v", a.status, rotated)
		}

		d.do(c, "POST", page+"/disable", url.Values{})
		if got, _ := st.Webhook(ctx, ep.ID); got.Enabled {
			t.Error("still on after Turn off")
		}
		d.do(c, "POST", page+"/enable", url.Values{})
		if got, _ := st.Webhook(ctx, ep.ID); !got.Enabled {
			t.Error("still off after Turn on")
		}
		if a = d.do(c, "POST", page+"/explode", url.Values{}); a.status != http.StatusNotFound {
			t.Errorf("an unknown action: %d", a.status)
		}

		a = d.do(c, "POST", page+"/delete", url.Values{})
		if !strings.Contains(a.body, "Delete this endpoint?") {
			t.Error("delete did not ask first")
		}
		if _, err := st.Webhook(ctx, ep.ID); err != nil {
			t.Fatalf("deleted before it was confirmed: %v", err)
		}
		a = d.do(c, "POST", page+"/delete", url.Values{"confirm": {"yes"}})
		if _, err := st.Webhook(ctx, ep.ID); news.ErrorCode(err) != news.ENOTFOUND || !strings.Contains(a.body, "Deleted the endpoint") {
			t.Errorf("after a confirmed delete: %v", err)
		}
		if a = d.do(c, "GET", page, nil); a.status != http.StatusNotFound {
			t.Errorf("a deleted endpoint's page: %d", a.status)
		}
		log, _ := st.AuditLog(ctx, 20, 0)
		var actions []string
		for _, e := range log {
			actions = append(actions, e.Action)
		}
		for _, want := range []string{"webhook.add", "webhook.test", "webhook.resend", "webhook.rotate", "webhook.disable", "webhook.delete"} {
			if !strings.Contains(strings.Join(actions, " "), want) {
				t.Errorf("the audit log lacks %s: %v", want, actions)
			}
		}
	})
}

// TestDashboardTellsOfTurnedOffWebhooks: an endpoint the program turned off
// is named on an admin's dashboard, not on an editor's.
func TestDashboardTellsOfTurnedOffWebhooks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }))
		defer rc.Close()
		ep := news.Webhook{URL: rc.URL, Events: []string{news.EventPublished}, Secret: webhook.NewSecret()}
		if err := st.SaveWebhook(ctx, &ep, 0); err != nil {
			t.Fatal(err)
		}
		if _, err := st.SendTestEvent(ctx, ep.ID); err != nil {
			t.Fatal(err)
		}
		w := &webhook.Worker{Store: st, Guard: webhook.Guard{AllowPrivate: true}, Name: "test", Timeout: 5 * time.Second,
			Policy: store.RetryPolicy{Backoff: webhook.Backoff, GiveUp: 24 * time.Hour, DisableAfter: 1}}
		if _, err := w.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		a := d.do(d.clients[news.RoleAdmin], "GET", "/admin", nil)
		if !strings.Contains(a.body, "Webhooks turned off") || !strings.Contains(a.body, rc.URL) {
			t.Error("the admin's dashboard does not tell of the turned-off endpoint")
		}
		if a = d.do(d.clients[news.RoleEditor], "GET", "/admin", nil); strings.Contains(a.body, "Webhooks turned off") {
			t.Error("an editor's dashboard tells of webhooks")
		}
		a = d.do(d.clients[news.RoleAdmin], "GET", "/admin/webhooks", nil)
		if !strings.Contains(a.body, "Turned off: it kept failing") {
			t.Error("the webhooks screen does not say the endpoint was turned off")
		}
	})
}
