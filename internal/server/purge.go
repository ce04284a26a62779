package server

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/VictoriaMetrics/metrics"
)

var (
	cdnPurges      = metrics.NewCounter(`masthead_cdn_purges_total{result="ok"}`)
	cdnPurgeErrors = metrics.NewCounter(`masthead_cdn_purges_total{result="error"}`)
)

// cdnPurger tells a CDN which cache keys changed. Changes that come close
// together go in one call; a failed call is tried again a few times, then
// logged, and the pages expire from the CDN at their s-maxage anyway.
//
// The call is a POST to the configured URL with the keys in a Surrogate-Key
// header (space-separated, as Fastly's and Varnish's xkey purges take them)
// and as JSON, {"surrogate_keys": [...]}, for a small adapter in front of
// any other CDN's API.
type cdnPurger struct {
	url    string
	log    *slog.Logger
	client *http.Client

	mu      sync.Mutex
	pending []string
	wake    chan struct{}
	stop    chan struct{}
	done    chan struct{}
}

func newCDNPurger(url string, log *slog.Logger) *cdnPurger {
	p := &cdnPurger{url: url, log: log, client: &http.Client{Timeout: 5 * time.Second},
		wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go p.run()
	return p
}

// purge queues keys for the next call.
func (p *cdnPurger) purge(keys []string) {
	p.mu.Lock()
	for _, k := range keys {
		if !slices.Contains(p.pending, k) {
			p.pending = append(p.pending, k)
		}
	}
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

func (p *cdnPurger) close() {
	close(p.stop)
	<-p.done
}

func (p *cdnPurger) run() {
	defer close(p.done)
	for {
		select {
		case <-p.stop:
			return
		case <-p.wake:
		}
		// Gather what else changes in the next moment into the same call.
		select {
		case <-p.stop:
			return
		case <-time.After(50 * time.Millisecond):
		}
		p.mu.Lock()
		keys := p.pending
		p.pending = nil
		p.mu.Unlock()
		if len(keys) > 0 {
			p.send(keys)
		}
	}
}

func (p *cdnPurger) send(keys []string) {
	body, _ := json.Marshal(struct {
		Keys []string `json:"surrogate_keys"`
	}{keys})
	wait := 200 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := p.post(keys, body)
		if err == nil {
			cdnPurges.Inc()
			return
		}
		if attempt == 4 {
			cdnPurgeErrors.Inc()
			p.log.Error("CDN purge failed; its copies expire at their s-maxage", "url", p.url, "keys", len(keys), "err", err)
			return
		}
		select {
		case <-p.stop:
			return
		case <-time.After(wait):
		}
		wait *= 2
	}
}

type purgeStatusError int

func (e purgeStatusError) Error() string { return "status " + http.StatusText(int(e)) }

func (p *cdnPurger) post(keys []string, body []byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Surrogate-Key", strings.Join(keys, " "))
	resp, err := p.client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return purgeStatusError(resp.StatusCode)
	}
	return nil
}
