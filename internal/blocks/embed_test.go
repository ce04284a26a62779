package blocks

import "testing"

// Every provider an editor can paste from maps to the player that loads
// nothing before it is asked to, and anything unrecognised stays a link.
func TestFrame(t *testing.T) {
	tests := []struct{ url, src, shape string }{
		{"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "video"},
		{"https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "video"},
		{"https://m.youtube.com/shorts/abc_-1", "https://www.youtube-nocookie.com/embed/abc_-1", "video"},
		{"https://www.youtube-nocookie.com/embed/abc", "https://www.youtube-nocookie.com/embed/abc", "video"},
		{"https://vimeo.com/123456789", "https://player.vimeo.com/video/123456789?dnt=1", "video"},
		{"https://player.vimeo.com/video/42", "https://player.vimeo.com/video/42?dnt=1", "video"},
		{"https://x.com/courier/status/1234567890", "https://platform.twitter.com/embed/Tweet.html?dnt=true&id=1234567890", "post"},
		{"https://twitter.com/courier/status/99", "https://platform.twitter.com/embed/Tweet.html?dnt=true&id=99", "post"},
		{"https://www.instagram.com/p/Cx1_ab-2/", "https://www.instagram.com/p/Cx1_ab-2/embed/", "post"},
		{"https://www.instagram.com/reel/Cx1/", "https://www.instagram.com/p/Cx1/embed/", "post"},
		{"https://www.tiktok.com/@courier/video/7312345678901234567", "https://www.tiktok.com/embed/v2/7312345678901234567", "post"},
		{"https://datawrapper.dwcdn.net/AbC12/3/", "https://datawrapper.dwcdn.net/AbC12/3/", "frame"},
		{"https://flo.uri.sh/visualisation/123/embed", "https://flo.uri.sh/visualisation/123/embed", "frame"},
		{"https://www.openstreetmap.org/export/embed.html?bbox=1,2,3,4", "https://www.openstreetmap.org/export/embed.html?bbox=1,2,3,4", "frame"},
		// Not a single video or post, or not framable: the link alone.
		{"https://www.youtube.com/watch?v=%22%3E", "", ""},
		{"https://www.youtube.com/channel/x", "", ""},
		{"https://vimeo.com/about", "", ""},
		{"https://x.com/courier", "", ""},
		{"https://www.instagram.com/courier/", "", ""},
		{"https://www.tiktok.com/@courier", "", ""},
		{"http://datawrapper.dwcdn.net/AbC12/3/", "", ""},
		// A page from an origin the policy does not name would be refused
		// by the browser, so it stays a link.
		{"https://charts.example.org/c/1?x=2", "", ""},
		{"https://datawrapper.dwcdn.net.evil.example/AbC12/", "", ""},
		{"https://datawrapper.dwcdn.net:8443/AbC12/", "", ""},
		{"https://openstreetmap.org/export/embed.html", "", ""},
	}
	for _, tt := range tests {
		src, shape, ok := frame(tt.url)
		if ok != (tt.src != "") || src != tt.src || shape != tt.shape {
			t.Errorf("frame(%q) = %q, %q, %v; want %q, %q", tt.url, src, shape, ok, tt.src, tt.shape)
		}
	}
}
