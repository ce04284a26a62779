package webhook_test

import (
	"context"
	"net/netip"
	"net/url"
	"testing"

	"masthead/internal/webhook"
)

// FuzzGuardCheck feeds the endpoint check what an admin might type: it
// never panics, and what it accepts without looking a name up is an https
// address whose host is a public IP.
func FuzzGuardCheck(f *testing.F) {
	for _, s := range []string{"https://203.0.113.10/hooks", "https://[::1]/", "http://10.0.0.1/", "https://[::ffff:127.0.0.1]:443/",
		"https://0x7f.1/", "https://2130706433/", "https://[fe80::1%25eth0]/", "https://%31%32%37.0.0.1/", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, perr := url.Parse(raw)
		if perr != nil {
			return
		}
		ip, iperr := netip.ParseAddr(u.Hostname())
		if iperr != nil {
			return // a name: the check would ask DNS, which a fuzz target should not
		}
		if err := (webhook.Guard{}).Check(context.Background(), raw); err == nil {
			if u.Scheme != "https" || webhook.Refused(ip) != "" {
				t.Errorf("accepted %q", raw)
			}
		}
	})
}
