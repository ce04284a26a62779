// Package fastpath answers requests for cached pages straight from the page
// cache's bytes, without net/http: on two cores net/http spends most of a
// cached page's time in its own request and header handling, and the fast
// path serves about twice the pages a second. It takes only what it can
// answer exactly as the full path would: an HTTP/1.1 GET or HEAD of a path
// that needs no unescaping, with none of the headers that would change the
// answer (a staff cookie, a body, Connection: close, ranges), for a page the
// cache holds and has not outlived its age. At the first request it cannot
// take, it hands the connection, with every byte it has read, to net/http,
// which serves that connection from then on.
//
// An operator turns it off with serve --fast-path=false
// (MASTHEAD_FAST_PATH=false); net/http then answers everything, from the
// same cache.
package fastpath

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/VictoriaMetrics/metrics"

	"masthead/internal/pagecache"
)

// The fast path's own counters; its answers are also counted by route and
// status with the rest.
var (
	fastAnswered = metrics.NewCounter(`masthead_fast_path_requests_total{result="answered"}`)
	fastHanded   = metrics.NewCounter(`masthead_fast_path_requests_total{result="handed_over"}`)
)

// Limits of the fast path, as http.Server's in cmd/masthead.
const (
	fastIdleTimeout   = 120 * time.Second
	fastHeaderTimeout = 10 * time.Second
	fastWriteTimeout  = 60 * time.Second
	// fastHeadBytes bounds a request head; a longer one goes to net/http,
	// which allows more.
	fastHeadBytes = 8 << 10
)

// Config is what the fast path answers from and reports to.
type Config struct {
	Cache *pagecache.Cache
	// Ready reports whether the node takes traffic; until it does, net/http
	// answers (with its 503).
	Ready func() bool
	// SessionCookie is the cookie of signed-in staff, whose requests the
	// fast path never takes.
	SessionCookie string
	// Answered is told of each answer, to count it with net/http's by route
	// pattern and status.
	Answered func(pattern string, status int, elapsed time.Duration)
	Log      *slog.Logger
}

// Listen returns a listener for http.Server.Serve that answers cache hits
// on ln's connections itself and gives Serve the connections it hands over.
func Listen(ln net.Listener, cfg Config) net.Listener {
	fl := &fastListener{Listener: ln, cfg: cfg, session: []byte(cfg.SessionCookie), handed: make(chan net.Conn),
		done: make(chan struct{}), conns: map[*fastConn]struct{}{}}
	go fl.acceptLoop()
	return fl
}

// Counts returns how many requests the fast path answered and how many it
// handed to net/http, process-wide.
func Counts() (answered, handed uint64) {
	return fastAnswered.Get(), fastHanded.Get()
}

type fastListener struct {
	net.Listener
	cfg     Config
	session []byte // cfg.SessionCookie
	handed  chan net.Conn
	done    chan struct{}
	once    sync.Once
	err     error // why accepting stopped, read after done is closed
	// closing is set when the listener closes: idle connections are closed
	// and busy ones close after their response.
	closing atomic.Bool
	mu      sync.Mutex
	conns   map[*fastConn]struct{}
}

type fastConn struct {
	net.Conn
	idle atomic.Bool // waiting for the first byte of a request
}

// Accept returns the next connection handed to net/http.
func (fl *fastListener) Accept() (net.Conn, error) {
	select {
	case c := <-fl.handed:
		return c, nil
	case <-fl.done:
		return nil, fl.err
	}
}

// Close stops accepting, closes the fast path's idle connections and lets
// its busy ones finish their response first.
func (fl *fastListener) Close() error {
	err := fl.Listener.Close()
	fl.stop(net.ErrClosed)
	return err
}

func (fl *fastListener) stop(err error) {
	fl.once.Do(func() {
		fl.err = err
		fl.closing.Store(true)
		close(fl.done)
		fl.mu.Lock()
		for fc := range fl.conns {
			if fc.idle.Load() {
				_ = fc.SetReadDeadline(time.Now())
			}
		}
		fl.mu.Unlock()
	})
}

func (fl *fastListener) acceptLoop() {
	var delay time.Duration
	for {
		c, err := fl.Listener.Accept()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() && !fl.closing.Load() {
				// Out of file descriptors and the like: wait as net/http does.
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				time.Sleep(delay)
				continue
			}
			fl.stop(err)
			return
		}
		delay = 0
		fc := &fastConn{Conn: c}
		fl.mu.Lock()
		fl.conns[fc] = struct{}{}
		fl.mu.Unlock()
		go fl.serve(fc)
	}
}

// serve answers the connection's requests for as long as they are cache
// hits.
func (fl *fastListener) serve(fc *fastConn) {
	handed := false
	defer func() {
		fl.mu.Lock()
		delete(fl.conns, fc)
		fl.mu.Unlock()
		if !handed {
			_ = fc.Close()
		}
	}()
	br := bufio.NewReaderSize(fc.Conn, fastHeadBytes)
	var out []byte
	// The connection's last request: parseHead takes its strings again
	// when the next request repeats them, as a client's requests on one
	// connection mostly do, so that a hit allocates nothing and leaves the
	// garbage collector, whose cycles a reader waits through, idle.
	var l pagecache.Lookup
	// The deadlines are pushed back at most once a second: setting them is
	// a good part of a hit's cost, and a second less of the long limits
	// changes nothing.
	var readSet, writeSet time.Time
	for {
		fc.idle.Store(true)
		if fl.closing.Load() {
			return
		}
		if now := time.Now(); now.Sub(readSet) > time.Second {
			_ = fc.SetReadDeadline(now.Add(fastIdleTimeout))
			readSet = now
		}
		_, err := br.Peek(1)
		fc.idle.Store(false)
		if err != nil {
			return
		}
		head, inPieces, err := readHead(br, fc.Conn)
		if inPieces {
			readSet = time.Time{} // the header deadline replaced the idle one
		}
		if errors.Is(err, errHeadTooLong) {
			handed = fl.handOver(fc, br)
			return
		}
		if err != nil {
			return
		}
		start := time.Now()
		if !parseHead(head, &l, fl.session) || !fl.cfg.Ready() {
			handed = fl.handOver(fc, br)
			return
		}
		raw, ok := fl.cfg.Cache.Hit(&l)
		if !ok {
			handed = fl.handOver(fc, br)
			return
		}
		_, _ = br.Discard(len(head))
		body := raw.Body
		out = append(out[:0], raw.Head...)
		out = appendDate(out, start)
		out = append(out, "\r\n"...)
		fastAnswered.Inc()
		if start.Sub(writeSet) > time.Second {
			_ = fc.SetWriteDeadline(start.Add(fastWriteTimeout))
			writeSet = start
		}
		if len(body) <= 64<<10 {
			out = append(out, body...)
			_, err = fc.Write(out)
		} else if _, err = fc.Write(out); err == nil {
			_, err = fc.Write(body)
		}
		if cap(out) > 128<<10 {
			out = nil // one big page once does not pin its buffer for the connection's life
		}
		elapsed := time.Since(start)
		fl.cfg.Answered(raw.Pattern, raw.Status, elapsed)
		if fl.cfg.Log.Enabled(context.Background(), slog.LevelDebug) {
			method := "GET"
			if l.Head {
				method = "HEAD"
			}
			fl.cfg.Log.Debug("request", "method", method, "path", l.Path, "status", raw.Status,
				"bytes", len(body), "duration", elapsed, "fast", true)
		}
		if err != nil {
			return
		}
	}
}

// handOver gives the connection to net/http with the bytes read so far, and
// reports whether it did.
func (fl *fastListener) handOver(fc *fastConn, br *bufio.Reader) bool {
	fastHanded.Inc()
	read, _ := br.Peek(br.Buffered())
	_ = fc.SetDeadline(time.Time{})
	c := &handedConn{Conn: fc.Conn, read: read}
	select {
	case fl.handed <- c:
		return true
	case <-fl.done:
		return false
	}
}

// handedConn is a connection net/http serves, starting with the bytes the
// fast path had read from it.
type handedConn struct {
	net.Conn
	read []byte
}

func (c *handedConn) Read(p []byte) (int, error) {
	if len(c.read) > 0 {
		n := copy(p, c.read)
		c.read = c.read[n:]
		return n, nil
	}
	return c.Conn.Read(p)
}

// CloseWrite lets net/http half-close the connection after an error answer,
// as it does with a plain TCP connection.
func (c *handedConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

var errHeadTooLong = errors.New("request head longer than the fast path reads")

// readHead returns the request head at the start of br (through the blank
// line), without consuming it. inPieces reports that the head did not come
// whole, and the connection's read deadline is now the header timeout.
func readHead(br *bufio.Reader, c net.Conn) (head []byte, inPieces bool, err error) {
	for {
		buf, _ := br.Peek(br.Buffered())
		if n := headEnd(buf); n > 0 {
			return buf[:n], inPieces, nil
		}
		if len(buf) == br.Size() {
			return nil, inPieces, errHeadTooLong
		}
		if !inPieces {
			// The rest must come soon.
			_ = c.SetReadDeadline(time.Now().Add(fastHeaderTimeout))
			inPieces = true
		}
		if _, err := br.Peek(len(buf) + 1); err != nil {
			if errors.Is(err, bufio.ErrBufferFull) {
				return nil, inPieces, errHeadTooLong
			}
			return nil, inPieces, err
		}
	}
}

// headEnd returns the length of the head in buf through its blank line
// (CRLF CRLF, or bare LFs, which parseHead then refuses), or 0.
func headEnd(buf []byte) int {
	end := 0
	if i := bytes.Index(buf, []byte("\n\r\n")); i >= 0 {
		end = i + 3
	}
	if i := bytes.Index(buf, []byte("\n\n")); i >= 0 && (end == 0 || i+2 < end) {
		end = i + 2
	}
	return end
}

// parseHead reads a request head into l and reports whether the fast path
// may answer it. It refuses whatever it does not fully understand: net/http
// then answers, with a 400 where the request is bad. l holds the previous
// request of the connection, or nothing: a string equal to one of its
// fields is taken from there instead of being allocated again.
func parseHead(head []byte, l *pagecache.Lookup, sessionCookie []byte) bool {
	prev := *l
	*l = pagecache.Lookup{}
	line, rest, ok := cutLine(head)
	if !ok {
		return false
	}
	switch {
	case bytes.HasPrefix(line, []byte("GET ")):
		line = line[4:]
	case bytes.HasPrefix(line, []byte("HEAD ")):
		line, l.Head = line[5:], true
	default:
		return false
	}
	target, ok := bytes.CutSuffix(line, []byte(" HTTP/1.1"))
	if !ok || len(target) == 0 || target[0] != '/' {
		return false
	}
	path, query, _ := bytes.Cut(target, []byte("?"))
	for _, b := range path {
		if !targetByte[b] {
			return false
		}
	}
	for _, b := range query {
		if !targetByte[b] && b != '%' {
			return false
		}
	}
	if bytes.Contains(path, []byte("//")) || bytes.Contains(path, []byte("/./")) ||
		bytes.Contains(path, []byte("/../")) || bytes.HasSuffix(path, []byte("/.")) || bytes.HasSuffix(path, []byte("/..")) {
		return false // net/http's mux redirects these to the clean path
	}
	l.Path, l.RawQuery = again(prev.Path, path), again(prev.RawQuery, query)
	hosts := 0
	var ae, inm, ims bool
	for {
		line, rest, ok = cutLine(rest)
		if !ok {
			return false
		}
		if len(line) == 0 {
			break
		}
		name, value, found := bytes.Cut(line, []byte(":"))
		if !found || len(name) == 0 {
			return false
		}
		for _, b := range name {
			if !tokenByte[b] {
				return false // also refuses a folded line, which starts with a space
			}
		}
		value = bytes.Trim(value, " \t")
		for _, b := range value {
			if b < ' ' && b != '\t' || b == 0x7f {
				return false
			}
		}
		switch {
		case bytes.EqualFold(name, []byte("Host")):
			hosts++
			for _, b := range value {
				if !hostByte[b] {
					return false
				}
			}
		case bytes.EqualFold(name, []byte("Accept-Encoding")):
			if ae {
				return false
			}
			ae, l.AcceptEncoding = true, again(prev.AcceptEncoding, value)
		case bytes.EqualFold(name, []byte("If-None-Match")):
			if inm {
				return false
			}
			inm, l.IfNoneMatch = true, again(prev.IfNoneMatch, value)
		case bytes.EqualFold(name, []byte("If-Modified-Since")):
			if ims {
				return false
			}
			ims, l.IfModifiedSince = true, again(prev.IfModifiedSince, value)
		case bytes.EqualFold(name, []byte("Cookie")):
			if bytes.Contains(value, sessionCookie) {
				return false // staff: never from the cache
			}
		case bytes.EqualFold(name, []byte("Connection")):
			if !bytes.EqualFold(value, []byte("keep-alive")) {
				return false
			}
		case bytes.EqualFold(name, []byte("Content-Length")), bytes.EqualFold(name, []byte("Transfer-Encoding")),
			bytes.EqualFold(name, []byte("Expect")), bytes.EqualFold(name, []byte("Upgrade")),
			bytes.EqualFold(name, []byte("Range")), bytes.EqualFold(name, []byte("If-Range")),
			bytes.EqualFold(name, []byte("If-Match")), bytes.EqualFold(name, []byte("If-Unmodified-Since")):
			return false
		}
	}
	return hosts == 1 && len(rest) == 0
}

// again returns prev when b holds the same bytes (the comparison does not
// allocate), else b as a new string.
func again(prev string, b []byte) string {
	if prev == string(b) {
		return prev
	}
	return string(b)
}

// cutLine cuts a CRLF-ended line off head; a line ended by a bare LF is
// refused.
func cutLine(head []byte) (line, rest []byte, ok bool) {
	i := bytes.IndexByte(head, '\n')
	if i < 1 || head[i-1] != '\r' {
		return nil, nil, false
	}
	return head[:i-1], head[i+1:], true
}

// Byte classes of the request line and headers the fast path takes.
var targetByte, tokenByte, hostByte [256]bool

func init() {
	for _, b := range []byte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") {
		targetByte[b], tokenByte[b], hostByte[b] = true, true, true
	}
	// No '%' (a path would need unescaping; a query may have it) and no '#'.
	for _, b := range []byte("-._~/?!$&'()*+,;=:@") {
		targetByte[b] = true
	}
	for _, b := range []byte("!#$%&'*+-.^_`|~") {
		tokenByte[b] = true
	}
	for _, b := range []byte("-._:[]") {
		hostByte[b] = true
	}
}

// appendDate appends the Date header for now, formatted once a second.
func appendDate(b []byte, now time.Time) []byte {
	sec := now.Unix()
	d := currentDate.Load()
	if d == nil || d.sec != sec {
		d = &httpDate{sec: sec, line: "Date: " + now.UTC().Format(http.TimeFormat) + "\r\n"}
		currentDate.Store(d)
	}
	return append(b, d.line...)
}

type httpDate struct {
	sec  int64
	line string
}

var currentDate atomic.Pointer[httpDate]
