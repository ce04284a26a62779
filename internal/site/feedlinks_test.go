package site

import (
	"net/url"
	"testing"
)

func TestFeedLinks(t *testing.T) {
	base, _ := url.Parse("https://news.example")
	s := &Site{base: base}
	cases := []struct {
		path, name string
		want       []feedLink
	}{
		{"", "", []feedLink{
			{"Courier (RSS)", "https://news.example/feed.xml", "application/rss+xml"},
			{"Courier (Atom)", "https://news.example/feed.atom", "application/atom+xml"},
			{"Courier (JSON Feed)", "https://news.example/feed.json", "application/feed+json"},
		}},
		{"/author/ana", "Ana", []feedLink{
			{"Ana | Courier (RSS)", "https://news.example/author/ana/feed.xml", "application/rss+xml"},
			{"Ana | Courier (Atom)", "https://news.example/author/ana/feed.atom", "application/atom+xml"},
			{"Ana | Courier (JSON Feed)", "https://news.example/author/ana/feed.json", "application/feed+json"},
			{"Courier (RSS)", "https://news.example/feed.xml", "application/rss+xml"},
			{"Courier (Atom)", "https://news.example/feed.atom", "application/atom+xml"},
			{"Courier (JSON Feed)", "https://news.example/feed.json", "application/feed+json"},
		}},
	}
	for _, c := range cases {
		got := s.feedLinks("Courier", c.path, c.name)
		if len(got) != len(c.want) {
			t.Errorf("feedLinks(%q) = %v, want %v", c.path, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("feedLinks(%q)[%d] = %v, want %v", c.path, i, got[i], c.want[i])
			}
		}
	}
}
