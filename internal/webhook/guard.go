package webhook

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"

	"masthead/internal/news"
)

// internal are the networks a webhook may not reach unless the site allows
// private addresses: loopback, private, link-local (with the cloud metadata
// address 169.254.169.254), carrier-grade NAT, unique-local (with AWS's
// fd00:ec2::254), and addresses that name no single host.
var internal = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("224.0.0.0/4"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("::/128"),
	netip.MustParsePrefix("::1/128"),
	netip.MustParsePrefix("fc00::/7"),
	netip.MustParsePrefix("fe80::/10"),
	netip.MustParsePrefix("ff00::/8"),
}

// Refused says why ip may not be reached, or "" when it may. IPv4 inside
// IPv6 (::ffff:10.0.0.1, and NAT64's 64:ff9b::/96) is judged as IPv4.
func Refused(ip netip.Addr) string {
	ip = ip.Unmap()
	if ip.Is6() && netip.MustParsePrefix("64:ff9b::/96").Contains(ip) {
		b := ip.As16()
		ip = netip.AddrFrom4([4]byte(b[12:]))
	}
	for _, p := range internal {
		if p.Contains(ip) {
			return ip.String() + " is an internal address (" + p.String() + ")"
		}
	}
	return ""
}

// Guard decides which endpoints webhooks may reach.
type Guard struct {
	// AllowPrivate lets webhooks reach internal addresses and plain http
	// (--webhooks-allow-private): for a receiver on the same machine or
	// network, and for tests.
	AllowPrivate bool
	// Resolver looks host names up; nil is net.DefaultResolver.
	Resolver *net.Resolver
}

// Check refuses an endpoint address that is not https (or http, when
// private addresses are allowed), or whose host is or resolves to an
// internal address. Its errors name the field "url".
func (g Guard) Check(ctx context.Context, raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || u.Hostname() == "" {
		return news.FieldError("url", "Give the endpoint's full address, such as https://example.com/hooks/masthead.")
	}
	if u.User != nil {
		return news.FieldError("url", "Leave the name and password out of the address; the signature proves who sends.")
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && g.AllowPrivate:
	case u.Scheme == "http":
		return news.FieldError("url", "Use an https address: messages are sent only over https.")
	default:
		return news.FieldError("url", "Use an https address, not %s.", u.Scheme)
	}
	if g.AllowPrivate {
		return nil
	}
	host := u.Hostname()
	if ip, err := netip.ParseAddr(host); err == nil {
		if why := Refused(ip); why != "" {
			return news.FieldError("url", "Refused: %s. Webhooks go only to public servers.", why)
		}
		return nil
	}
	r := g.Resolver
	if r == nil {
		r = net.DefaultResolver
	}
	ips, err := r.LookupNetIP(ctx, "ip", host)
	if err != nil || len(ips) == 0 {
		return news.FieldError("url", "The host %s could not be found.", host)
	}
	for _, ip := range ips {
		if why := Refused(ip); why != "" {
			return news.FieldError("url", "Refused: %s resolves to %s. Webhooks go only to public servers.", host, why)
		}
	}
	return nil
}

// control refuses, at the moment of connecting, an address the guard does
// not allow. It runs after the name is resolved, on the very address dialled,
// so a name that resolved to a public address when the endpoint was saved
// and to an internal one now (DNS rebinding) is still refused.
func (g Guard) control(network, address string, _ syscall.RawConn) error {
	if g.AllowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("webhook: refused to connect to %q: %w", address, err)
	}
	if why := Refused(ap.Addr()); why != "" {
		return fmt.Errorf("refused to connect: %s", why)
	}
	return nil
}
