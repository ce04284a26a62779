// Package forwarded works out where a request really came from when the node
// stands behind proxies: the client's address (for the sign-in limits, the
// readership count and the logs) and whether it came over https (for Secure
// cookies). Only the proxies named as trusted are believed; from anyone else
// X-Forwarded-For and X-Forwarded-Proto are ignored, since anyone can send
// them.
package forwarded

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Trusted is the set of proxies whose forwarding headers are believed.
type Trusted struct {
	prefixes []netip.Prefix
}

// Parse reads a comma-separated list of CIDR ranges or single addresses
// ("10.0.0.0/8, 192.0.2.7"); an empty list trusts no one.
func Parse(list string) (Trusted, error) {
	var t Trusted
	for _, part := range strings.Split(list, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if p, err := netip.ParsePrefix(part); err == nil {
			t.prefixes = append(t.prefixes, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(part)
		if err != nil {
			return Trusted{}, fmt.Errorf("%q is neither an address nor a CIDR range such as 10.0.0.0/8", part)
		}
		a = a.Unmap()
		t.prefixes = append(t.prefixes, netip.PrefixFrom(a, a.BitLen()))
	}
	return t, nil
}

// Empty reports whether no proxy is trusted.
func (t Trusted) Empty() bool { return len(t.prefixes) == 0 }

func (t Trusted) trusts(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range t.prefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// origin is what a trusted proxy said about the request it forwarded.
type origin struct {
	addr  string
	https bool
}

type originKey struct{}

// Handler passes each request on to next, noting for Address and HTTPS what
// a trusted proxy says about it. A request from anyone else passes
// untouched, so without trusted proxies this costs nothing.
func (t Trusted) Handler(next http.Handler) http.Handler {
	if t.Empty() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if o, ok := t.origin(r); ok {
			r = r.WithContext(context.WithValue(r.Context(), originKey{}, o))
		}
		next.ServeHTTP(w, r)
	})
}

// origin reads the forwarding headers of a request whose peer is trusted.
// The client is the right-most address in X-Forwarded-For that is not a
// trusted proxy: proxies append the address they were reached from, so
// everything left of that is whatever the client chose to send.
func (t Trusted) origin(r *http.Request) (origin, bool) {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil || !t.trusts(peer.Addr()) {
		return origin{}, false
	}
	o := origin{addr: peer.Addr().Unmap().String()}
	hops := r.Header.Values("X-Forwarded-For")
walk:
	for i := len(hops) - 1; i >= 0; i-- {
		parts := strings.Split(hops[i], ",")
		for j := len(parts) - 1; j >= 0; j-- {
			a, err := netip.ParseAddr(strings.TrimSpace(parts[j]))
			if err != nil {
				break walk // a hop we cannot read: keep the last one we could
			}
			o.addr = a.Unmap().WithZone("").String()
			if !t.trusts(a) {
				break walk
			}
		}
	}
	if protos := r.Header.Values("X-Forwarded-Proto"); len(protos) > 0 {
		last := protos[len(protos)-1]
		if i := strings.LastIndexByte(last, ','); i >= 0 {
			last = last[i+1:]
		}
		o.https = strings.EqualFold(strings.TrimSpace(last), "https")
	}
	return o, true
}

// Address is the address the request came from: the client a trusted proxy
// names, or else the peer of the connection.
func Address(r *http.Request) string {
	if o, ok := r.Context().Value(originKey{}).(origin); ok {
		return o.addr
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// HTTPS reports whether the client reached the site over https: the
// connection is TLS, or a trusted proxy says so.
func HTTPS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	o, ok := r.Context().Value(originKey{}).(origin)
	return ok && o.https
}
