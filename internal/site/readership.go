package site

import (
	"context"
	"errors"
	"html/template"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"masthead/internal/cachekey"
	"masthead/internal/forwarded"
	"masthead/internal/news"
)

// botAgent matches the user agents of crawlers, previewers, monitors,
// headless browsers and HTTP libraries. Most bots run no JavaScript and so
// never send the beacon at all; this catches those that do.
var botAgent = regexp.MustCompile(`(?i)bot\b|bot/|crawl|spider|slurp|scrape|fetch|preview|archiver|monitor|` +
	`headless|phantom|puppeteer|playwright|selenium|lighthouse|pagespeed|pingdom|uptime|` +
	`facebookexternalhit|embedly|quora link|whatsapp|telegram|discord|` +
	`curl|wget|httpie|python|java/|go-http-client|okhttp|node-fetch|axios|libwww|apache-httpclient|ruby|perl|php`)

// isBot reports whether a user agent is a bot's, or missing, as no
// reader's browser leaves it.
func isBot(ua string) bool {
	return strings.TrimSpace(ua) == "" || botAgent.MatchString(ua)
}

// handleView counts a page view sent by the article page's beacon
// (navigator.sendBeacon, body: the article's ID). No cookie is read or set;
// the IP address and user agent only feed today's salted hash, which
// de-duplicates a reader's repeat views, and are never stored. It answers
// 204 whether or not the view counted, so a page learns nothing from it.
func (s *Site) handleView(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 32))
	id, perr := strconv.ParseInt(strings.TrimSpace(string(body)), 10, 64)
	if err != nil || perr != nil || id <= 0 {
		http.Error(w, "send the article's ID as the request body", http.StatusBadRequest)
		return
	}
	ua := r.UserAgent()
	if !isBot(ua) && r.Header.Get("Purpose") != "prefetch" && r.Header.Get("Sec-Purpose") == "" {
		if _, err := s.store.RecordView(r.Context(), id, clientIP(r), ua); err != nil && r.Context().Err() == nil {
			s.log.Error("counting a view", "err", err)
		} else {
			s.mostReadMemo.firstView()
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

// clientIP is the address the request came from: X-Forwarded-For is
// believed only from the trusted proxies (see package forwarded).
func clientIP(r *http.Request) string { return forwarded.Address(r) }

// mostRead is the "most read" box: the articles read most in the last day
// and the last week. It is as fresh as the cached page that shows it.
type mostRead struct {
	Day, Week []news.Teaser

	// box is the lists rendered (the "mostread" template), once per
	// working out rather than on every page that shows them.
	box      template.HTML
	rendered bool
	site     *Site
}

// Box is the most-read box of a page: the lists as rendered when they were
// worked out (or now, with --dev, so edits to the template show at once).
func (m mostRead) Box() (template.HTML, error) {
	if m.rendered && !m.site.tmpl.dev {
		return m.box, nil
	}
	return m.site.partial("mostread", m)
}

// mostReadSize is how many articles each list shows.
const mostReadSize = 5

// mostReadTTL is how long a node reuses the lists it worked out: every
// article page shows them, and summing a week of views for each render
// would make the cold path cost two queries more.
const mostReadTTL = time.Minute

// mostReadMemo keeps the lists for mostReadTTL, and drops them at any change
// to the site (a headline in them may have changed). gen counts the drops,
// so lists worked out across a change are used once but not kept.
type mostReadMemo struct {
	mu  sync.Mutex
	at  time.Time
	val *mostRead
	gen uint64
	// filling is closed when the render working the lists out finishes:
	// the other renders that need them meanwhile wait for its lists rather
	// than all sum the same views at once (as every page did at a node's
	// start).
	filling chan struct{}
}

// firstView drops empty lists when a view is counted, so a new site's most
// read appears with its first readers rather than a minute later.
func (m *mostReadMemo) firstView() {
	m.mu.Lock()
	if m.val != nil && len(m.val.Day) == 0 && len(m.val.Week) == 0 {
		m.val, m.gen = nil, m.gen+1
	}
	m.mu.Unlock()
}

func (m *mostReadMemo) invalidate([]string, bool) {
	m.mu.Lock()
	m.val, m.gen = nil, m.gen+1
	m.mu.Unlock()
}

func (s *Site) mostRead(ctx context.Context) (mostRead, error) {
	memo := &s.mostReadMemo
	for {
		memo.mu.Lock()
		if memo.val != nil && time.Since(memo.at) < mostReadTTL {
			m := *memo.val
			memo.mu.Unlock()
			addMostReadKeys(ctx, m)
			return m, nil
		}
		wait := memo.filling
		if wait == nil {
			break // this render works the lists out, with the lock held
		}
		memo.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return mostRead{}, ctx.Err()
		}
		// The lists are in the memo now, unless a change dropped them or
		// working them out failed: then look again.
	}
	gen, done := memo.gen, make(chan struct{})
	memo.filling = done
	memo.mu.Unlock()
	var m mostRead
	err := errors.New("working out the most-read lists stopped")
	defer func() { // also if it panics, so no render waits for ever
		memo.mu.Lock()
		if err == nil && memo.gen == gen {
			memo.val, memo.at = &m, time.Now()
		}
		memo.filling = nil
		close(done)
		memo.mu.Unlock()
	}()
	m, err = s.workOutMostRead(ctx)
	return m, err
}

// addMostReadKeys records the keys of the lists for a page that shows them
// from the memo, as if it had read them itself.
func addMostReadKeys(ctx context.Context, m mostRead) {
	cachekey.Add(ctx, cachekey.MostRead)
	for _, list := range [][]news.Teaser{m.Day, m.Week} {
		for _, t := range list {
			cachekey.Add(ctx, cachekey.Article(t.ID))
			for _, au := range t.Authors {
				cachekey.Add(ctx, cachekey.Author(au.ID))
			}
		}
	}
}

func (s *Site) workOutMostRead(ctx context.Context) (mostRead, error) {
	var m mostRead
	now := s.store.Now()
	var err error
	if m.Day, err = s.store.MostRead(ctx, now.Add(-24*time.Hour), mostReadSize); err != nil {
		return m, err
	}
	if m.Week, err = s.store.MostRead(ctx, now.Add(-7*24*time.Hour), mostReadSize); err != nil {
		return m, err
	}
	m.site = s
	if m.box, err = s.partial("mostread", m); err != nil {
		return m, err
	}
	m.rendered = true
	return m, nil
}
