package blocks

import (
	"net/url"
	"slices"
	"strings"
)

// FrameOrigins are the origins the known providers' players load from,
// then the origins of pages framed as they are (dataOrigins). The pages'
// Content-Security-Policy allows frames from these alone, and nothing on a
// page contacts them until the reader has allowed embeds.
var FrameOrigins = append([]string{
	"https://www.youtube-nocookie.com",
	"https://player.vimeo.com",
	"https://platform.twitter.com",
	"https://www.instagram.com",
	"https://www.tiktok.com",
}, dataOrigins...)

// dataOrigins serve charts and maps made to be framed by news pages. An
// embed of any other page stays a link: the policy admits no frame from an
// origin it does not name, so an embed from elsewhere could never load.
var dataOrigins = []string{
	"https://datawrapper.dwcdn.net",
	"https://flo.uri.sh",
	"https://www.openstreetmap.org",
}

// frame returns the address of the player or post a reader's browser loads
// once the reader allows the embed, and its shape ("video" for a 16:9
// player, "post" for a tall social post, "frame" for a generic page); ok is
// false when the URL cannot be framed (plain http, a known provider's page
// that is not a single video or post, or a page from an origin that is not
// among FrameOrigins), which leaves the link alone.
// YouTube is loaded from youtube-nocookie.com and Vimeo with dnt=1, the
// providers' own modes that set no tracking cookie before playing.
func frame(raw string) (src, shape string, ok bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" {
		return "", "", false
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	segs := strings.Split(strings.Trim(u.EscapedPath(), "/"), "/")
	seg := func(i int) string {
		if i < len(segs) {
			return segs[i]
		}
		return ""
	}
	switch {
	case under(host, "youtube.com"), under(host, "youtube-nocookie.com"):
		id := u.Query().Get("v")
		if seg(0) == "embed" || seg(0) == "shorts" || seg(0) == "live" {
			id = seg(1)
		}
		return provided("https://www.youtube-nocookie.com/embed/", id, "", "video")
	case under(host, "youtu.be"):
		return provided("https://www.youtube-nocookie.com/embed/", seg(0), "", "video")
	case host == "player.vimeo.com" && seg(0) == "video" && digits(seg(1)):
		return "https://player.vimeo.com/video/" + seg(1) + "?dnt=1", "video", true
	case under(host, "vimeo.com"):
		if id := segs[len(segs)-1]; digits(id) {
			return "https://player.vimeo.com/video/" + id + "?dnt=1", "video", true
		}
		return "", "", false
	case under(host, "x.com"), under(host, "twitter.com"):
		if seg(1) != "status" || !digits(seg(2)) {
			return "", "", false
		}
		return "https://platform.twitter.com/embed/Tweet.html?dnt=true&id=" + seg(2), "post", true
	case under(host, "instagram.com"):
		if seg(0) != "p" && seg(0) != "reel" && seg(0) != "tv" {
			return "", "", false
		}
		return provided("https://www.instagram.com/p/", seg(1), "/embed/", "post")
	case under(host, "tiktok.com"):
		if seg(1) != "video" || !digits(seg(2)) {
			return "", "", false
		}
		return "https://www.tiktok.com/embed/v2/" + seg(2), "post", true
	}
	// A chart or a map is framed as it is; plain http would be mixed
	// content on an https page.
	if u.Scheme != "https" || u.Port() != "" || !SafeURL(raw) || !slices.Contains(dataOrigins, "https://"+strings.ToLower(u.Host)) {
		return "", "", false
	}
	return raw, "frame", true
}

// provided builds a provider's frame address from an ID that must be a
// plain token of letters, digits, - and _.
func provided(prefix, id, suffix, shape string) (string, string, bool) {
	if id == "" || len(id) > 64 {
		return "", "", false
	}
	for _, c := range []byte(id) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return "", "", false
		}
	}
	return prefix + id + suffix, shape, true
}

func digits(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
