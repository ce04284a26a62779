package webhook_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
	"masthead/internal/webhook"
)

// TestSignatureMatchesTheSpecification signs the example of the Standard
// Webhooks specification and gets its published signature.
func TestSignatureMatchesTheSpecification(t *testing.T) {
	h, err := webhook.Headers("msg_p5jXN8AQM9LWM0D4loKWxJek", time.Unix(1614265330, 0),
		[]byte(`{"test": 2432232314}`), []string{"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := h["webhook-signature"], "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="; got != want {
		t.Errorf("signature %q, want %q", got, want)
	}
	if h["webhook-id"] != "msg_p5jXN8AQM9LWM0D4loKWxJek" || h["webhook-timestamp"] != "1614265330" {
		t.Errorf("headers %v", h)
	}
}

// TestArticleEventsAreDeliveredSigned publishes, updates, corrects and
// unpublishes a story, and a real receiver is told of each, in a message
// whose signature verifies and whose data names the story without its text.
func TestArticleEventsAreDeliveredSigned(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		rc := newReceiver(t)
		ep := d.endpoint(rc.URL + "/hooks")
		onlyDown := newReceiver(t)
		d.endpoint(onlyDown.URL, news.EventUnpublished)
		w := worker(st, "node-a")

		a := d.article("Draft about the ferry", news.Draft)
		drain(t, w)
		if n := len(rc.all()); n != 0 {
			t.Fatalf("a draft saved sent %d messages", n)
		}
		a.Status = news.Published
		d.save(a)
		a.Headline = "Ferry returns to the harbour"
		d.save(a)
		st2, err := st.ArticleState(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.AddNote(ctx, a.ID, st2.Version, news.Note{Kind: news.Correction, Text: "The ferry has 12 cabins, not 20."}, 0); err != nil {
			t.Fatal(err)
		}
		stored, _ := st.ArticleByID(ctx, a.ID)
		stored.Status = news.Unpublished
		d.save(&stored)
		drain(t, w)

		got := rc.all()
		var types []string
		byType := map[string]webhook.Message{}
		for _, r := range got {
			byType[r.msg.Type] = r.msg
			types = append(types, r.msg.Type)
			if err := verify(ep.Secret, r.header, r.body, time.Now()); err != nil {
				t.Errorf("%s: signature: %v", r.msg.Type, err)
			}
			if r.header.Get("Content-Type") != "application/json" {
				t.Errorf("%s: Content-Type %q", r.msg.Type, r.header.Get("Content-Type"))
			}
			body := string(r.body)
			if strings.Contains(body, "Secret draft words") || strings.Contains(body, "@courier.example") {
				t.Errorf("%s: the message carries the story's text or an e-mail address: %s", r.msg.Type, body)
			}
			if r.msg.Data.ID != a.ID || r.msg.Data.APIURL != base+"/api/v1/articles/"+strconv.FormatInt(a.ID, 10) {
				t.Errorf("%s: data %+v", r.msg.Type, r.msg.Data)
			}
			if !strings.HasPrefix(r.msg.Data.URL, base+"/city/") || !strings.HasSuffix(r.msg.Data.URL, "/"+a.Slug) {
				t.Errorf("%s: url %q", r.msg.Type, r.msg.Data.URL)
			}
			if r.msg.Timestamp.IsZero() {
				t.Errorf("%s: no timestamp: %s", r.msg.Type, body)
			}
		}
		// A worker sends a batch at once, so the messages may come in any
		// order, as the specification allows; each carries its own time.
		want := []string{news.EventPublished, news.EventUpdated, news.EventCorrection, news.EventUnpublished}
		slices.Sort(want)
		slices.Sort(types)
		if !slices.Equal(types, want) {
			t.Fatalf("received %v, want %v", types, want)
		}
		if h := byType[news.EventPublished].Data.Headline; h != "Draft about the ferry" {
			t.Errorf("published headline %q", h)
		}
		if h := byType[news.EventUpdated].Data.Headline; h != "Ferry returns to the harbour" {
			t.Errorf("updated headline %q", h)
		}
		if c := byType[news.EventCorrection].Data.Correction; c != "The ferry has 12 cabins, not 20." {
			t.Errorf("correction %q", c)
		}
		if other := onlyDown.all(); len(other) != 1 || other[0].msg.Type != news.EventUnpublished {
			t.Errorf("the endpoint subscribed to article.unpublished alone got %d messages", len(other))
		}
		for _, dl := range deliveries(t, st, ep.ID) {
			if dl.State != news.DeliveryDelivered || dl.Attempts != 1 || dl.LastStatus != 200 {
				t.Errorf("delivery %+v", dl)
			}
		}
	})
}

// TestMediaReadyIsDelivered: a picture whose renditions are made is
// announced with its size and alt text.
func TestMediaReadyIsDelivered(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		rc := newReceiver(t)
		d.endpoint(rc.URL, news.EventMediaReady)
		asset := news.Asset{Name: "quay.jpg", Type: "image/jpeg", Bytes: 1000, Width: 800, Height: 600, Alt: "The quay at dawn"}
		if err := st.CreateAsset(ctx, &asset, "originals/quay.jpg"); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := st.ClaimAssetWork(ctx, "media-1", time.Minute); err != nil || !ok {
			t.Fatal(ok, err)
		}
		if err := st.FinishAssetWork(ctx, asset.ID, "media-1", nil); err != nil {
			t.Fatal(err)
		}
		drain(t, worker(st, "node-a"))
		got := rc.all()
		if len(got) != 1 || got[0].msg.Type != news.EventMediaReady {
			t.Fatalf("received %d messages", len(got))
		}
		if m := got[0].msg.Data; m.ID != asset.ID || m.Width != 800 || m.Height != 600 || m.Alt != "The quay at dawn" || m.Type != "image/jpeg" {
			t.Errorf("data %+v", m)
		}
	})
}

// TestFailingTwiceThenDelivered: a receiver that fails twice gets the same
// message a third time, after a wait, and then never again.
func TestFailingTwiceThenDelivered(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		clock := dbtest.SetClock(st, t0)
		d := newDesk(t, st)
		rc := newReceiver(t, http.StatusInternalServerError, http.StatusServiceUnavailable)
		ep := d.endpoint(rc.URL)
		w := worker(st, "node-a")
		d.article("Council passes the budget", news.Published)
		drain(t, w)
		if n := len(rc.all()); n != 1 {
			t.Fatalf("first round: %d requests", n)
		}
		drain(t, w) // the retry is not due yet
		if n := len(rc.all()); n != 1 {
			t.Fatalf("retried before its backoff: %d requests", n)
		}
		dl := deliveries(t, st, ep.ID)[0]
		if dl.State != news.DeliveryPending || dl.LastStatus != 500 || !dl.NextAt.After(t0) {
			t.Fatalf("after a failure: %+v", dl)
		}
		for range 3 {
			clock.Advance(time.Hour)
			drain(t, w)
		}
		got := rc.all()
		if len(got) != 3 {
			t.Fatalf("%d requests, want 3", len(got))
		}
		for _, r := range got[1:] {
			if r.header.Get("webhook-id") != got[0].header.Get("webhook-id") || string(r.body) != string(got[0].body) {
				t.Errorf("a retry differs from the first attempt: %s %s", r.header.Get("webhook-id"), r.body)
			}
		}
		dl = deliveries(t, st, ep.ID)[0]
		if dl.State != news.DeliveryDelivered || dl.Attempts != 3 || dl.LastStatus != 200 {
			t.Errorf("after the third attempt: %+v", dl)
		}
		ep2, _ := st.Webhook(context.Background(), ep.ID)
		if ep2.Failures != 0 || !ep2.Enabled {
			t.Errorf("a success should end the run of failures: %+v", ep2)
		}
	})
}

// TestTwoWorkersDeliverEachEventOnce runs two nodes' workers on one
// database at the same time: every event reaches the receiver once.
func TestTwoWorkersDeliverEachEventOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		other, err := store.Open(ctx, st.DSN())
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		d := newDesk(t, st)
		rc := newReceiver(t)
		d.endpoint(rc.URL)
		const stories = 24
		for i := range stories {
			d.article(fmt.Sprintf("Story %d of the night", i), news.Published)
		}
		var wg sync.WaitGroup
		for _, w := range []*webhook.Worker{worker(st, "node-a"), worker(other, "node-b")} {
			wg.Go(func() {
				for range 50 {
					if n, err := w.DeliverDue(ctx); err != nil {
						t.Error(err)
						return
					} else if n == 0 {
						return
					}
				}
			})
		}
		wg.Wait()
		seen := map[string]int{}
		for _, r := range rc.all() {
			seen[r.header.Get("webhook-id")]++
		}
		if len(seen) != stories {
			t.Errorf("%d distinct messages, want %d", len(seen), stories)
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("%s delivered %d times", id, n)
			}
		}
	})
}

// TestEventOutlivesTheProcess: the event is in the database when the
// publish returns, with no worker running; a node started afterwards
// delivers it. A change that rolls back leaves no event.
func TestEventOutlivesTheProcess(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		rc := newReceiver(t)
		ep := d.endpoint(rc.URL)
		a := d.article("Bridge closed for repairs", news.Published)
		clash := &news.Article{Headline: "Another", Slug: a.Slug, Standfirst: "x", Status: news.Published,
			Section: d.sec, Authors: []news.Author{d.au}}
		if err := st.SaveArticle(ctx, clash); news.ErrorCode(err) != news.ECONFLICT {
			t.Fatalf("a clashing slug: %v", err)
		}
		// The first node stops here without delivering; another starts.
		later, err := store.Open(ctx, st.DSN())
		if err != nil {
			t.Fatal(err)
		}
		defer later.Close()
		if ds := deliveries(t, later, ep.ID); len(ds) != 1 || ds[0].State != news.DeliveryPending || ds[0].Type != news.EventPublished {
			t.Fatalf("queued after the publish: %+v", ds)
		}
		drain(t, worker(later, "node-b"))
		if got := rc.all(); len(got) != 1 || got[0].msg.Data.ID != a.ID {
			t.Fatalf("received %d messages", len(got))
		}
	})
}

// TestResendAndTestEvent: Send test event reaches the endpoint whatever it
// subscribes to; Resend sends a delivered message again with its id.
func TestResendAndTestEvent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		rc := newReceiver(t)
		ep := d.endpoint(rc.URL, news.EventUnpublished)
		w := worker(st, "node-a")
		msg, err := st.SendTestEvent(ctx, ep.ID)
		if err != nil {
			t.Fatal(err)
		}
		drain(t, w)
		got := rc.all()
		if len(got) != 1 || got[0].msg.Type != news.EventTest || got[0].header.Get("webhook-id") != msg {
			t.Fatalf("test event: %d messages", len(got))
		}
		if err := verify(ep.Secret, got[0].header, got[0].body, time.Now()); err != nil {
			t.Error(err)
		}
		first := deliveries(t, st, ep.ID)[0]
		if _, err := st.ResendDelivery(ctx, ep.ID, first.ID); err != nil {
			t.Fatal(err)
		}
		drain(t, w)
		got = rc.all()
		if len(got) != 2 || got[1].header.Get("webhook-id") != msg || string(got[1].body) != string(got[0].body) {
			t.Fatalf("resend: %d messages", len(got))
		}
		if _, err := st.ResendDelivery(ctx, ep.ID, first.ID+1000); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("resending a delivery that does not exist: %v", err)
		}
		if _, err := st.SendTestEvent(ctx, ep.ID+1000); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("a test event to an endpoint that does not exist: %v", err)
		}
	})
}

// TestRotatedSecretSignsBesideTheOld: for a day after a rotation a message
// verifies with either secret; after it, with the new one only.
func TestRotatedSecretSignsBesideTheOld(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := dbtest.SetClock(st, t0)
		d := newDesk(t, st)
		rc := newReceiver(t)
		ep := d.endpoint(rc.URL)
		old := ep.Secret
		fresh := webhook.NewSecret()
		if err := st.RotateWebhookSecret(ctx, ep.ID, fresh, 24*time.Hour); err != nil {
			t.Fatal(err)
		}
		w := worker(st, "node-a")
		d.article("Tide tables for the week", news.Published)
		drain(t, w)
		clock.Advance(25 * time.Hour)
		d.article("Tide tables for next week", news.Published)
		drain(t, w)
		got := rc.all()
		if len(got) != 2 {
			t.Fatalf("%d messages", len(got))
		}
		if err := verify(old, got[0].header, got[0].body, t0); err != nil {
			t.Errorf("during the rotation, the old secret: %v", err)
		}
		if err := verify(fresh, got[0].header, got[0].body, t0); err != nil {
			t.Errorf("during the rotation, the new secret: %v", err)
		}
		if err := verify(old, got[1].header, got[1].body, clock.T); err == nil {
			t.Error("a day after the rotation the old secret still verifies")
		}
		if err := verify(fresh, got[1].header, got[1].body, clock.T); err != nil {
			t.Errorf("after the rotation, the new secret: %v", err)
		}
	})
}

// TestFinishedDeliveriesArePruned: deliveries finished before the cut are
// forgotten with their events; waiting ones stay.
func TestFinishedDeliveriesArePruned(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := dbtest.SetClock(st, t0)
		d := newDesk(t, st)
		rc := newReceiver(t)
		ep := d.endpoint(rc.URL)
		d.article("Old news", news.Published)
		drain(t, worker(st, "node-a"))
		clock.Advance(31 * 24 * time.Hour)
		d.article("New news", news.Published)
		n, err := st.PruneWebhooks(ctx, clock.T.Add(-30*24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		ds := deliveries(t, st, ep.ID)
		if n != 1 || len(ds) != 1 || ds[0].State != news.DeliveryPending {
			t.Errorf("pruned %d; left %+v", n, ds)
		}
	})
}
