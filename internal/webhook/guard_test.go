package webhook_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
	"masthead/internal/webhook"
)

// TestInternalAddressesRefusedAtSave: an endpoint on an internal address,
// or a name resolving to one, is refused with an error on the url field;
// plain http only with --webhooks-allow-private.
func TestInternalAddressesRefusedAtSave(t *testing.T) {
	ctx := context.Background()
	refused := []string{
		"https://127.0.0.1/hooks",
		"https://localhost:8443/hooks",
		"https://10.1.2.3/",
		"https://172.20.0.5/",
		"https://192.168.1.10/",
		"https://169.254.169.254/latest/meta-data/",
		"https://100.64.0.1/",
		"https://[::1]/",
		"https://[fe80::1]/",
		"https://[fd00:ec2::254]/",
		"https://[fc00::5]/",
		"https://[::ffff:10.0.0.1]/",
		"https://[64:ff9b::a00:1]/",
		"https://0.0.0.0/",
		"http://203.0.113.10/hooks",
		"ftp://203.0.113.10/",
		"https://user:pw@203.0.113.10/",
		"not a url",
		"https:///nohost",
	}
	for _, u := range refused {
		err := webhook.Guard{}.Check(ctx, u)
		var e *news.Error
		if err == nil {
			t.Errorf("%s: accepted", u)
		} else if !asField(err, &e) || e.Field != "url" {
			t.Errorf("%s: %v, want an error on the url field", u, err)
		}
	}
	for _, u := range []string{"https://203.0.113.10/hooks", "https://[2606:4700::1111]/x"} {
		if err := (webhook.Guard{}).Check(ctx, u); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
	for _, u := range []string{"http://127.0.0.1:9000/hooks", "https://localhost/"} {
		if err := (webhook.Guard{AllowPrivate: true}).Check(ctx, u); err != nil {
			t.Errorf("with private addresses allowed, %s: %v", u, err)
		}
	}
}

func asField(err error, e **news.Error) bool {
	ne, ok := err.(*news.Error)
	*e = ne
	return ok
}

// TestInternalAddressesRefusedAtDelivery: an endpoint that reached the
// database (its name resolved to a public address when saved, say) but
// now leads to 127.0.0.1 is refused when the worker connects, and the
// delivery says why; a redirect to an internal host is not followed.
func TestInternalAddressesRefusedAtDelivery(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		rc := newReceiver(t)
		ep := d.endpoint(rc.URL)
		jump := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusTemporaryRedirect)
		}))
		defer jump.Close()
		d.article("Harbour dredging starts", news.Published)
		strict := &webhook.Worker{Store: st, BaseURL: base, Name: "strict", Timeout: 5 * time.Second}
		drain(t, strict)
		if n := len(rc.all()); n != 0 {
			t.Fatalf("the receiver on 127.0.0.1 got %d messages", n)
		}
		dl := deliveries(t, st, ep.ID)[0]
		if dl.State != news.DeliveryPending || dl.LastStatus != 0 || !strings.Contains(dl.LastError, "internal address") {
			t.Errorf("refused delivery: %+v", dl)
		}

		redirected := d.endpoint(jump.URL, news.EventUnpublished)
		if _, err := st.SendTestEvent(context.Background(), redirected.ID); err != nil {
			t.Fatal(err)
		}
		drain(t, worker(st, "lenient"))
		dl = deliveries(t, st, redirected.ID)[0]
		if dl.State != news.DeliveryPending || dl.LastStatus != http.StatusTemporaryRedirect || !strings.Contains(dl.LastError, "not followed") {
			t.Errorf("redirected delivery: %+v", dl)
		}
	})
}

// TestDialRefusesRebinding checks the dial-time check on its own: a name
// that resolves to loopback is refused at connect time whatever it was
// when saved.
func TestDialRefusesRebinding(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	st := dbtest.SQLite(t)
	d := newDesk(t, st)
	ep := d.endpoint("http://localhost:"+port+"/", news.EventUnpublished)
	if _, err := st.SendTestEvent(context.Background(), ep.ID); err != nil {
		t.Fatal(err)
	}
	drain(t, &webhook.Worker{Store: st, Name: "strict", Timeout: 5 * time.Second})
	dl := deliveries(t, st, ep.ID)[0]
	if !strings.Contains(dl.LastError, "internal address") {
		t.Errorf("delivery to localhost: %+v", dl)
	}
}

// TestEndpointTurnedOffWhenItKeepsFailing: after the policy's run of
// failures the endpoint is turned off, the audit log says so, and new
// events are no longer queued for it; one failing for a day is turned off
// too.
func TestEndpointTurnedOffWhenItKeepsFailing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := dbtest.SetClock(st, t0)
		d := newDesk(t, st)
		rc := newReceiver(t, 500, 500, 500, 500, 500, 500, 500, 500)
		ep := d.endpoint(rc.URL)
		w := worker(st, "node-a")
		w.Policy = store.RetryPolicy{Backoff: webhook.Backoff, GiveUp: 24 * time.Hour, DisableAfter: 3}
		d.article("Storm warning", news.Published)
		for range 5 {
			drain(t, w)
			clock.Advance(time.Hour)
		}
		if n := len(rc.all()); n != 3 {
			t.Errorf("%d attempts, want 3 before the endpoint is turned off", n)
		}
		got, err := st.Webhook(ctx, ep.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Enabled || !strings.Contains(got.DisabledReason, "3 failed attempts") {
			t.Errorf("endpoint after 3 failures: %+v", got)
		}
		log, err := st.AuditLog(ctx, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(log) == 0 || log[0].Action != "webhook.disabled" || !strings.Contains(log[0].Subject, rc.URL) {
			t.Errorf("audit log: %+v", log)
		}
		off, _ := st.DisabledWebhooks(ctx)
		if len(off) != 1 || off[0].ID != ep.ID {
			t.Errorf("disabled endpoints for the dashboard: %+v", off)
		}
		d.article("Storm passes", news.Published)
		if n := len(deliveries(t, st, ep.ID)); n != 1 {
			t.Errorf("a turned-off endpoint has %d deliveries queued", n)
		}
		// Turned on again, it starts a new run, and the delivery goes on.
		if err := st.SetWebhookEnabled(ctx, ep.ID, true); err != nil {
			t.Fatal(err)
		}
		rc.mu.Lock()
		rc.statuses = nil
		rc.mu.Unlock()
		drain(t, w)
		if dl := deliveries(t, st, ep.ID)[0]; dl.State != news.DeliveryDelivered {
			t.Errorf("after turning it on: %+v", dl)
		}

		// A day of failures, however few the attempts, turns it off too.
		slow := newReceiver(t, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500)
		ep2 := d.endpoint(slow.URL, news.EventUnpublished)
		w.Policy.DisableAfter = 1000
		if _, err := st.SendTestEvent(ctx, ep2.ID); err != nil {
			t.Fatal(err)
		}
		for range 30 {
			drain(t, w)
			clock.Advance(2*time.Hour + 30*time.Minute)
		}
		got, _ = st.Webhook(ctx, ep2.ID)
		dl := deliveries(t, st, ep2.ID)[0]
		if got.Enabled || dl.State != news.DeliveryFailed {
			t.Errorf("after a day of failures: endpoint %+v, delivery %+v", got, dl)
		}
	})
}
