package forwarded

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

// seen runs a request through the handler and returns what Address and
// HTTPS said of it there.
func seen(t *testing.T, trusted, peer string, header ...string) (addr string, https bool) {
	t.Helper()
	tr, err := Parse(trusted)
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = peer
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Add(header[i], header[i+1])
	}
	tr.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		addr, https = Address(r), HTTPS(r)
	})).ServeHTTP(httptest.NewRecorder(), r)
	return addr, https
}

func TestClientAddress(t *testing.T) {
	tests := []struct {
		name, trusted, peer string
		header              []string
		addr                string
		https               bool
	}{
		{"no proxies trusted: headers ignored", "", "203.0.113.9:5000",
			[]string{"X-Forwarded-For", "198.51.100.1", "X-Forwarded-Proto", "https"}, "203.0.113.9", false},
		{"an untrusted peer's headers are ignored", "10.0.0.0/8", "203.0.113.9:5000",
			[]string{"X-Forwarded-For", "198.51.100.1", "X-Forwarded-Proto", "https"}, "203.0.113.9", false},
		{"a trusted proxy names the client", "10.0.0.0/8", "10.1.2.3:5000",
			[]string{"X-Forwarded-For", "198.51.100.1", "X-Forwarded-Proto", "https"}, "198.51.100.1", true},
		{"the right-most untrusted hop wins over what the client wrote", "10.0.0.0/8", "10.1.2.3:5000",
			[]string{"X-Forwarded-For", "1.1.1.1, 198.51.100.1, 10.9.9.9"}, "198.51.100.1", false},
		{"hops in several headers", "10.0.0.0/8", "10.1.2.3:5000",
			[]string{"X-Forwarded-For", "1.1.1.1", "X-Forwarded-For", "198.51.100.1, 10.0.0.7"}, "198.51.100.1", false},
		{"a single trusted address", "192.0.2.7", "192.0.2.7:1", []string{"X-Forwarded-For", "2001:db8::5"}, "2001:db8::5", false},
		{"an unreadable hop stops the walk at the last readable one", "10.0.0.0/8", "10.1.2.3:5000",
			[]string{"X-Forwarded-For", "198.51.100.1, junk, 10.0.0.8"}, "10.0.0.8", false},
		{"no header: the proxy itself", "10.0.0.0/8", "10.1.2.3:5000", nil, "10.1.2.3", false},
		{"the last proto a trusted proxy set", "127.0.0.1", "127.0.0.1:80",
			[]string{"X-Forwarded-Proto", "https", "X-Forwarded-Proto", "http"}, "127.0.0.1", false},
		{"an IPv4-mapped peer", "10.0.0.0/8", "[::ffff:10.0.0.1]:80", []string{"X-Forwarded-For", "198.51.100.2"}, "198.51.100.2", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr, https := seen(t, tt.trusted, tt.peer, tt.header...)
			if addr != tt.addr || https != tt.https {
				t.Errorf("got %s https=%v, want %s https=%v", addr, https, tt.addr, tt.https)
			}
		})
	}
}

func TestParseRefusesWhatIsNotARange(t *testing.T) {
	for _, bad := range []string{"10.0.0.0/33", "proxy.example", "10.0.0.0/8,,nope"} {
		if _, err := Parse(bad); err == nil || !strings.Contains(err.Error(), "CIDR") {
			t.Errorf("Parse(%q) = %v, want an error naming the form", bad, err)
		}
	}
	if tr, err := Parse(" , "); err != nil || !tr.Empty() {
		t.Errorf("an empty list: %v %v", tr, err)
	}
}

// FuzzXForwardedFor: whatever a trusted proxy passes on, the client is the
// peer or one of the addresses in the header, never something made up.
func FuzzXForwardedFor(f *testing.F) {
	for _, s := range []string{"198.51.100.1", "1.1.1.1, 10.0.0.1", " , ,", "2001:db8::1%eth0, 10.0.0.2", "::ffff:1.2.3.4"} {
		f.Add(s)
	}
	tr, _ := Parse("10.0.0.0/8")
	f.Fuzz(func(t *testing.T, xff string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = "10.0.0.1:80"
		r.Header.Set("X-Forwarded-For", xff)
		o, ok := tr.origin(r)
		if !ok {
			t.Fatal("a trusted peer was not believed")
		}
		a, err := netip.ParseAddr(o.addr)
		if err != nil {
			t.Fatalf("client %q is not an address", o.addr)
		}
		if o.addr == "10.0.0.1" {
			return
		}
		found := false
		for _, part := range strings.Split(xff, ",") {
			if p, err := netip.ParseAddr(strings.TrimSpace(part)); err == nil && p.Unmap().WithZone("") == a {
				found = true
			}
		}
		if !found {
			t.Fatalf("client %s is not in %q", o.addr, xff)
		}
	})
}
