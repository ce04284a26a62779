package pagecache

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/brotli"

	"masthead/internal/cachekey"
)

// response is a rendered page: status, headers and body, and once cached its
// compressed encodings and ETag.
type response struct {
	status int
	header http.Header
	body   []byte
	keys   []string
	// pattern is the route that rendered the page.
	pattern string
	// Filled when the page is cached.
	etag     string // strong, of the uncompressed body, quoted
	gzip, br []byte
	modified time.Time
	// The header values of each encoding and the Surrogate-Key, made once
	// so that serving a cached page allocates next to nothing.
	plainH, gzipH, brH encodingHeaders
	surrogate          []string
	// raw holds, by encoding (plain, gzip, br) and then for 200 and 304, the
	// status line and headers the fast path writes (see Hit); nil when the
	// page is served through net/http only.
	raw *[3][2][]byte
}

// encodingHeaders are the header values that differ by encoding.
type encodingHeaders struct {
	etag, length, encoding []string
}

func (r *response) prepareHeaders() {
	r.plainH = encodingHeaders{etag: []string{r.etagFor("")}, length: []string{itoa(len(r.body))}}
	if r.gzip != nil {
		r.gzipH = encodingHeaders{etag: []string{r.etagFor("gzip")}, length: []string{itoa(len(r.gzip))}, encoding: []string{"gzip"}}
	}
	if r.br != nil {
		r.brH = encodingHeaders{etag: []string{r.etagFor("br")}, length: []string{itoa(len(r.br))}, encoding: []string{"br"}}
	}
	r.surrogate = []string{strings.Join(r.keys, " ")}
}

// cacheable reports whether a response may be kept and served to anyone: a
// whole, uncompressed 200 page that sets no cookie and does not ask to stay
// private. Errors
// are not kept, so a page that did not exist a moment ago appears as soon as
// it is published.
func (r *response) cacheable() bool {
	// A 301 from the redirect table is kept too: it is purged with the table.
	redirect := r.status == http.StatusMovedPermanently && slices.Contains(r.keys, cachekey.Redirects)
	if r.status != http.StatusOK && !redirect || r.header.Get("Set-Cookie") != "" {
		return false
	}
	if r.header.Get("Content-Encoding") != "" {
		return false // compressed by the handler after all: the cache compresses itself
	}
	cc := strings.ToLower(r.header.Get("Cache-Control"))
	return !strings.Contains(cc, "no-store") && !strings.Contains(cc, "private") && !strings.Contains(cc, "no-cache")
}

// compressible lists the types worth compressing; images are compressed already.
func compressible(ctype string) bool {
	ctype = strings.ToLower(ctype)
	return strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "xml") ||
		strings.Contains(ctype, "json") || strings.Contains(ctype, "javascript")
}

// compress makes the gzip and brotli encodings once, at the best settings
// that still take only milliseconds: every reader after the first gets the
// smaller page for free.
func (r *response) compress() {
	sum := sha256.Sum256(r.body)
	r.etag = base64.RawURLEncoding.EncodeToString(sum[:18])
	if t, err := http.ParseTime(r.header.Get("Last-Modified")); err == nil {
		r.modified = t
	}
	defer r.prepareHeaders()
	if len(r.body) < 512 || !compressible(r.header.Get("Content-Type")) {
		return
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = zw.Write(r.body)
	_ = zw.Close()
	r.gzip = bytes.Clone(buf.Bytes())
	buf.Reset()
	bw := brotli.NewWriterLevel(&buf, 7)
	_, _ = bw.Write(r.body)
	_ = bw.Close()
	r.br = bytes.Clone(buf.Bytes())
}

// etagFor is the strong ETag of one encoding: each encoding is a different
// representation, so each has its own tag.
func (r *response) etagFor(enc string) string {
	switch enc {
	case "br":
		return `"` + r.etag + `-br"`
	case "gzip":
		return `"` + r.etag + `-gz"`
	}
	return `"` + r.etag + `"`
}

// size is what the page costs in memory, roughly.
func (r *response) size() int64 {
	n := len(r.body) + len(r.gzip) + len(r.br) + 256
	if r.raw != nil {
		for _, byStatus := range r.raw {
			n += len(byStatus[0]) + len(byStatus[1])
		}
	}
	for _, k := range r.keys {
		n += len(k) + 48
	}
	for name, vals := range r.header {
		n += len(name)
		for _, v := range vals {
			n += len(v)
		}
	}
	return int64(n)
}

// notModified reports whether the reader's copy is current: If-None-Match
// naming any encoding of the page (the comparison is weak, RFC 9110 13.1.2),
// or, without it, If-Modified-Since at or after Last-Modified.
func notModified(req *http.Request, r *response) bool {
	return notModifiedBy(req.Header.Get("If-None-Match"), req.Header.Get("If-Modified-Since"), r)
}

// notModifiedBy is notModified given the two request headers' values.
func notModifiedBy(inm, ims string, r *response) bool {
	if inm != "" {
		if strings.TrimSpace(inm) == "*" {
			return true
		}
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == r.etagFor("") || tag == r.etagFor("gzip") || tag == r.etagFor("br") {
				return true
			}
		}
		return false
	}
	if ims != "" && !r.modified.IsZero() {
		t, err := http.ParseTime(ims)
		return err == nil && !r.modified.Truncate(time.Second).After(t)
	}
	return false
}

// accepts reports whether the request's Accept-Encoding allows enc (named,
// or by "*", and not with q=0).
func accepts(r *http.Request, enc string) bool {
	return acceptsIn(r.Header.Get("Accept-Encoding"), enc)
}

// acceptsIn is accepts given the Accept-Encoding header's value.
func acceptsIn(list, enc string) bool {
	for list != "" {
		var part string
		part, list, _ = strings.Cut(list, ",")
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.TrimSpace(name)
		if !strings.EqualFold(name, enc) && name != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		if strings.HasPrefix(q, "q=") {
			if v, err := strconv.ParseFloat(strings.TrimPrefix(q, "q="), 64); err == nil && v == 0 {
				return false
			}
		}
		return true
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }

// recorder captures what a handler writes, for the cache to keep.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newRecorder() *recorder { return &recorder{header: http.Header{}} }

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

// response returns what was written, without the headers the cache sets
// itself for each reader.
func (r *recorder) response(keys []string) *response {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	h := r.header.Clone()
	for _, name := range []string{"Content-Length", "ETag", "Date", "Vary", "Accept-Ranges"} {
		h.Del(name)
	}
	return &response{status: r.status, header: h, body: bytes.Clone(r.body.Bytes()), keys: keys}
}
