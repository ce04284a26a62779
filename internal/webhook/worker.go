package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"masthead/internal/store"
)

// Retries: a failed delivery waits 5 s, then twice as long after each
// failure up to two hours, each wait shifted by up to a fifth either way so
// that deliveries failing together do not all come back together; after 24
// hours it is given up. An endpoint is turned off after 24 hours of failing,
// or after disableAfter failed attempts in a row, whichever comes first.
const (
	firstRetry   = 5 * time.Second
	longestWait  = 2 * time.Hour
	giveUp       = 24 * time.Hour
	disableAfter = 50
	// keepFor is how long finished deliveries stay listed.
	keepFor = 30 * 24 * time.Hour
)

// DefaultPolicy is the retry policy described above.
func DefaultPolicy() store.RetryPolicy {
	return store.RetryPolicy{Backoff: Backoff, GiveUp: giveUp, DisableAfter: disableAfter}
}

// Backoff is the wait after the attempt-th failed attempt: exponential,
// capped, with jitter.
func Backoff(attempt int) time.Duration {
	d := longestWait
	if attempt < 20 {
		d = min(firstRetry<<max(attempt-1, 0), longestWait)
	}
	jitter := time.Duration(rand.Int64N(int64(d)/5*2+1)) - d/5
	return d + jitter
}

// Worker delivers queued webhook messages. Any number of nodes may run one
// on the same database: each delivery is claimed by one of them.
type Worker struct {
	Store *store.Store
	// BaseURL makes the paths in events absolute (https://example.com).
	BaseURL string
	Guard   Guard
	Log     *slog.Logger
	// Name tells this worker's claims from other nodes'.
	Name string
	// Timeout bounds one attempt, from dialling to the answer's status;
	// zero is ten seconds.
	Timeout time.Duration
	// Policy is when to retry and give up; the zero value is DefaultPolicy.
	Policy store.RetryPolicy

	once   sync.Once
	client *http.Client
}

// batch is how many deliveries a worker claims and sends at once.
const batch = 8

func (w *Worker) init() {
	w.once.Do(func() {
		if w.Timeout == 0 {
			w.Timeout = 10 * time.Second
		}
		if w.Policy.Backoff == nil {
			w.Policy = DefaultPolicy()
		}
		if w.Log == nil {
			w.Log = slog.New(slog.DiscardHandler)
		}
		if w.Name == "" {
			w.Name = "webhooks-" + strconv.FormatInt(rand.Int64(), 36)
		}
		dialer := &net.Dialer{Timeout: w.Timeout, Control: w.Guard.control}
		w.client = &http.Client{
			Timeout: w.Timeout,
			Transport: &http.Transport{
				// No proxy: a proxy would connect for us, past the dial check.
				Proxy:                 nil,
				DialContext:           dialer.DialContext,
				TLSHandshakeTimeout:   w.Timeout,
				ResponseHeaderTimeout: w.Timeout,
				MaxIdleConnsPerHost:   2,
				IdleConnTimeout:       90 * time.Second,
			},
			// A redirect is an answer, not an instruction: following it
			// could lead anywhere, an internal host included.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	})
}

// Run delivers due messages until ctx ends: at once when this node queues
// some, and every interval for those queued on other nodes and for retries.
// Once an hour it forgets deliveries finished more than 30 days ago.
func (w *Worker) Run(ctx context.Context, every time.Duration) {
	w.init()
	t := time.NewTicker(every)
	defer t.Stop()
	prune := time.NewTicker(time.Hour)
	defer prune.Stop()
	for {
		for {
			n, err := w.DeliverDue(ctx)
			if err != nil && ctx.Err() == nil {
				w.Log.Error("webhook deliveries", "err", err)
			}
			if err != nil || n < batch {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-w.Store.WebhooksQueued():
		case <-prune.C:
			if _, err := w.Store.PruneWebhooks(ctx, w.Store.Now().Add(-keepFor)); err != nil && ctx.Err() == nil {
				w.Log.Error("pruning webhook deliveries", "err", err)
			}
		}
	}
}

// DeliverDue claims a batch of due deliveries, sends them, and records each
// outcome. It returns how many it claimed.
func (w *Worker) DeliverDue(ctx context.Context) (int, error) {
	w.init()
	work, err := w.Store.ClaimDeliveries(ctx, w.Name, 2*w.Timeout+30*time.Second, batch)
	if err != nil {
		return 0, err
	}
	var wg sync.WaitGroup
	errs := make([]error, len(work))
	for i, dw := range work {
		wg.Go(func() { errs[i] = w.deliver(ctx, dw) })
	}
	wg.Wait()
	return len(work), errors.Join(errs...)
}

func (w *Worker) deliver(ctx context.Context, dw store.DeliveryWork) error {
	a := w.send(ctx, dw)
	disabled, err := w.Store.FinishDelivery(ctx, dw, w.Name, a, w.Policy)
	if errors.Is(err, store.ErrWorkLost) {
		return nil // its claim ran out and another node has it
	}
	if disabled {
		w.Log.Warn("webhook endpoint turned off: it keeps failing", "endpoint", dw.Endpoint.ID, "url", dw.Endpoint.URL)
	}
	return err
}

// send makes one attempt at a delivery.
func (w *Worker) send(ctx context.Context, dw store.DeliveryWork) store.Attempt {
	body, err := Body(w.BaseURL, dw)
	if err != nil {
		return store.Attempt{Error: err.Error()}
	}
	now := w.Store.Now()
	headers, err := Headers(dw.Delivery.MsgID, now, body, dw.Endpoint.Secrets(now))
	if err != nil {
		return store.Attempt{Error: err.Error()}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, dw.Endpoint.URL, bytes.NewReader(body))
	if err != nil {
		return store.Attempt{Error: "the address cannot be used: " + err.Error()}
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Masthead-Webhooks/1")
	start := time.Now()
	resp, err := w.client.Do(req)
	took := time.Since(start)
	if err != nil {
		return store.Attempt{Duration: took, Error: shortError(err)}
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	a := store.Attempt{Status: resp.StatusCode, Duration: took, OK: resp.StatusCode >= 200 && resp.StatusCode < 300}
	if !a.OK {
		a.Error = "the receiver answered " + resp.Status
		if resp.StatusCode >= 300 && resp.StatusCode < 400 {
			a.Error += " (redirects are not followed)"
		}
	}
	return a
}

// shortError is a failed attempt's cause without the method and URL the
// http client puts before it, for the deliveries list.
func shortError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	msg := err.Error()
	if len(msg) > 300 {
		msg = msg[:300]
	}
	return msg
}

// Message is the JSON body of every webhook: the Standard Webhooks
// envelope of type, timestamp (when the event happened) and data.
type Message struct {
	Type      string          `json:"type"`
	Timestamp time.Time       `json:"timestamp"`
	Data      store.EventData `json:"data"`
}

// Body returns the message for a delivery, with the paths in its data made
// absolute with baseURL. It is the same on every attempt.
func Body(baseURL string, dw store.DeliveryWork) ([]byte, error) {
	m := Message{Type: dw.Delivery.Type, Timestamp: dw.Delivery.CreatedAt}
	if err := json.Unmarshal([]byte(dw.Payload), &m.Data); err != nil {
		return nil, fmt.Errorf("webhook event %d: %w", dw.Delivery.EventID, err)
	}
	base := strings.TrimSuffix(baseURL, "/")
	for _, p := range []*string{&m.Data.URL, &m.Data.APIURL} {
		if strings.HasPrefix(*p, "/") {
			*p = base + *p
		}
	}
	return json.Marshal(m)
}
