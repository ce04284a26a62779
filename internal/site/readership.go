package site

import (
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

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
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

// clientIP is the address the request came from. Headers such as
// X-Forwarded-For are not trusted: anyone can send them.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// mostRead is the "most read" box: the articles read most in the last day
// and the last week. It is as fresh as the cached page that shows it.
type mostRead struct {
	Day, Week []news.Teaser
}

// mostReadSize is how many articles each list shows.
const mostReadSize = 5

func (s *Site) mostRead(ctx context.Context) (mostRead, error) {
	var m mostRead
	now := s.store.Now()
	var err error
	if m.Day, err = s.store.MostRead(ctx, now.Add(-24*time.Hour), mostReadSize); err != nil {
		return m, err
	}
	m.Week, err = s.store.MostRead(ctx, now.Add(-7*24*time.Hour), mostReadSize)
	return m, err
}
