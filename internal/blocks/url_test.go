package blocks

import (
	"strings"
	"testing"
)

func TestSafeURL(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"https://example.com", true},
		{"http://example.com/a/b?c=d&e=f#g", true},
		{"HTTPS://EXAMPLE.COM/", true},
		{"https://example.com:8443/x", true},
		{"https://de.wikipedia.org/wiki/Käse", true},
		{"https://münchen.de/", true},
		{"https://example.com/a%20b", true},
		{"https://example.com/search?q=a|b&x[]=1", true}, // escaped on output
		{`https://example.com/"quoted"`, true},           // escaped on output
		{"mailto:desk@example.com", true},
		{"mailto:desk@example.com?subject=Hello%20there", true},

		{"", false},
		{"javascript:alert(1)", false},
		{"JavaScript:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{"data:text/html;base64,PHNjcmlwdD4=", false},
		{"vbscript:msgbox", false},
		{"file:///etc/passwd", false},
		{"ftp://example.com/", false},
		{"/relative/path", false},
		{"relative", false},
		{"//example.com/x", false},
		{"example.com", false},
		{"http:example.com", false},
		{"http:///path", false},
		{"http://", false},
		{"http://:80/", false},
		{"https://exa mple.com/", false},
		{" https://example.com", false},
		{"https://example.com/\n", false},
		{"https://example.com/\u200b", false},
		{`https://example.com\@evil.com`, false},
		{"https://user:pass@example.com/", false},
		{"https://example.com@evil.com/", false},
		{"https://[::1]/", false},
		{"https://exa%6dple.com/", false},
		{"https://example..com/", false},
		{"https://example.com./", false},
		{"https://-example.com/", false},
		{"https://example-.com/", false},
		{"https://ex--ample.com/", false},
		{"https://xn--mnchen-3ya.de/", true},
		{"https://my_host.example.com/", false},
		{"http://192.168.1.10/", true},
		{"http://192.168.01.10/", false},
		{"http://00/", false},
		{"http://1.2.3/", false},
		{"http://256.1.1.1/", false},
		{"http://example.123/", false},
		{"http://example.0x1f/", false},
		{"http://123.example.com/", true},
		{"https://example.com:80x/", false},
		{"https://example.com/\xff", false},
		{"mailto:", false},
		{"mailto://example.com", false},
		{"https://example.com/" + strings.Repeat("a", maxURL), false},
		{"https://example.com/#" + strings.Repeat("#", 600), true},
		// Under 2,000 bytes as typed, over once each # is written as %23.
		{"https://example.com/#" + strings.Repeat("#", 700), false},
	}
	for _, tt := range tests {
		if got := SafeURL(tt.url); got != tt.want {
			t.Errorf("SafeURL(%q) = %v, want %v", tt.url, got, tt.want)
		}
	}
}

func TestValidSrc(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"/media/a.jpg", true},
		{"/media/2025/01/harbour-at-dawn_800.webp", true},
		{"/media/caf%C3%A9.jpg", true},
		{"https://images.example.com/a.jpg", true},

		{"/media/", false},
		{"/media", false},
		{"/media/../config", false},
		{"/media/a/../../x", false},
		{"/media/%2e%2e/x", false},
		{"/media/%2E./x", false},
		{"/media/a%2fb", false},
		{"/media/a%5cb", false},
		{"/media/a\\b", false},
		{"/media/a b.jpg", false},
		{"/media/a.jpg?x=1", false},
		{"/media/a.jpg\"onerror=x", false},
		{"/media/a%", false},
		{"/static/a.jpg", false},
		{"media/a.jpg", false},
		{"http://example.com/a.jpg", false},
		{"HTTPS://example.com/a.jpg", false},
		{"//example.com/a.jpg", false},
		{"data:image/png;base64,AAAA", false},
	}
	for _, tt := range tests {
		if got := validSrc(tt.src); got != tt.want {
			t.Errorf("validSrc(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

func TestProvider(t *testing.T) {
	tests := []struct{ url, want string }{
		{"https://www.youtube.com/watch?v=x", "YouTube"},
		{"https://youtu.be/x", "YouTube"},
		{"https://m.youtube.com/watch?v=x", "YouTube"},
		{"https://vimeo.com/123", "Vimeo"},
		{"https://player.vimeo.com/video/123", "Vimeo"},
		{"https://x.com/someone/status/1", "X/Twitter"},
		{"https://twitter.com/someone/status/1", "X/Twitter"},
		{"https://www.instagram.com/p/abc/", "Instagram"},
		{"https://www.tiktok.com/@a/video/1", "TikTok"},
		{"https://www.Example.org/post", "example.org"},
		{"https://notyoutube.com/x", "notyoutube.com"},
		{"https://box.com/x", "box.com"},
	}
	for _, tt := range tests {
		if got := provider(tt.url); got != tt.want {
			t.Errorf("provider(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}
