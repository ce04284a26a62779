package webhook_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/news"
	"masthead/internal/store"
	"masthead/internal/webhook"
)

// received is one request a test receiver took.
type received struct {
	header http.Header
	body   []byte
	msg    webhook.Message
}

// receiver is a real HTTP server that records what it is sent and answers
// with the statuses it is told, in turn (200 once they run out).
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	got      []received
	statuses []int
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	rc := &receiver{statuses: statuses}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var m webhook.Message
		_ = json.Unmarshal(body, &m)
		rc.mu.Lock()
		rc.got = append(rc.got, received{header: r.Header.Clone(), body: body, msg: m})
		status := http.StatusOK
		if len(rc.statuses) > 0 {
			status, rc.statuses = rc.statuses[0], rc.statuses[1:]
		}
		rc.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) all() []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]received(nil), rc.got...)
}

// verify checks a message's signature as the Standard Webhooks
// specification describes it, written here apart from package webhook:
// the secret without its whsec_ prefix is base64 of the key; the signed
// content is "id.timestamp.body"; the header holds space-separated
// "v1,<base64 HMAC-SHA256>" signatures, any one of which may match; a
// timestamp more than five minutes from now is refused.
func verify(secret string, h http.Header, body []byte, now time.Time) error {
	id, ts, sigs := h.Get("webhook-id"), h.Get("webhook-timestamp"), h.Get("webhook-signature")
	if id == "" || ts == "" || sigs == "" {
		return errors.New("missing webhook headers")
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return err
	}
	if d := now.Sub(time.Unix(sec, 0)); d > 5*time.Minute || d < -5*time.Minute {
		return errors.New("timestamp too far from now")
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return err
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + ts + "." + string(body)))
	want := mac.Sum(nil)
	for _, s := range strings.Split(sigs, " ") {
		version, sig, ok := strings.Cut(s, ",")
		if !ok || version != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(sig)
		if err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return errors.New("no signature matches")
}

var t0 = time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)

const base = "https://courier.example"

// desk is a tiny newsroom on a store: a section, an author, and helpers.
type desk struct {
	t   *testing.T
	st  *store.Store
	sec news.Section
	au  news.Author
}

func newDesk(t *testing.T, st *store.Store) *desk {
	ctx := context.Background()
	d := &desk{t: t, st: st, sec: news.Section{Name: "City", Position: 1},
		au: news.Author{Name: "Ana Ortiz", Email: "ana@courier.example"}}
	if err := st.CreateSection(ctx, &d.sec); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateAuthor(ctx, &d.au); err != nil {
		t.Fatal(err)
	}
	return d
}

func (d *desk) article(headline string, status news.Status) *news.Article {
	d.t.Helper()
	a := &news.Article{Headline: headline, Standfirst: "What happened.",
		Body:   blocks.Document{blocks.P(blocks.T("Secret draft words about " + headline))},
		Status: status, Section: d.sec, Authors: []news.Author{d.au}}
	if err := d.st.SaveArticle(context.Background(), a); err != nil {
		d.t.Fatal(err)
	}
	return a
}

func (d *desk) save(a *news.Article) {
	d.t.Helper()
	if err := d.st.SaveArticle(context.Background(), a); err != nil {
		d.t.Fatal(err)
	}
}

// endpoint subscribes url to events with a fresh secret.
func (d *desk) endpoint(url string, events ...string) news.Webhook {
	d.t.Helper()
	if len(events) == 0 {
		events = news.WebhookEvents
	}
	w := news.Webhook{URL: url, Events: events, Secret: webhook.NewSecret()}
	if err := d.st.SaveWebhook(context.Background(), &w, 0); err != nil {
		d.t.Fatal(err)
	}
	return w
}

// worker is a delivery worker that may reach the test's receivers on
// 127.0.0.1, as --webhooks-allow-private lets it.
func worker(st *store.Store, name string) *webhook.Worker {
	return &webhook.Worker{Store: st, BaseURL: base, Guard: webhook.Guard{AllowPrivate: true}, Name: name,
		Timeout: 5 * time.Second}
}

// drain runs w until a round claims nothing.
func drain(t *testing.T, w *webhook.Worker) {
	t.Helper()
	for range 100 {
		n, err := w.DeliverDue(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
	t.Fatal("deliveries never ran out")
}

func deliveries(t *testing.T, st *store.Store, endpoint int64) []news.WebhookDelivery {
	t.Helper()
	ds, err := st.WebhookDeliveries(context.Background(), endpoint, 100)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}
