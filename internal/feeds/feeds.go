// Package feeds writes RSS 2.0, Atom 1.0, JSON Feed 1.1 and sitemaps from
// plain values. It does no I/O: the site loads the articles and hands them
// over, so every format is a pure function that tests can call directly.
package feeds

import (
	"html"
	"path"
	"regexp"
	"strings"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/news"
)

// Generator names the software in feeds that have a place for it.
const Generator = "Masthead"

// Feed is one feed: the site's, or a section's, author's or tag's.
type Feed struct {
	Title       string
	Description string
	HomeURL     string // absolute URL of the page the feed follows
	Language    string // BCP 47, such as "en"
	Updated     time.Time
	Items       []Item
}

// Item is one article as a feed shows it. Every URL is absolute.
type Item struct {
	URL         string // canonical URL, also the item's permanent id
	Title       string
	Summary     string
	ContentHTML string // empty when the site offers summaries only
	Published   time.Time
	Updated     time.Time
	Authors     []Person
	Categories  []string // the section first, then the tags
	Image       *Image
}

// Person is an author by name and public page. There is deliberately no
// e-mail field: author addresses are private to the newsroom.
type Person struct {
	Name string
	URL  string
}

// Image is an item's lead picture.
type Image struct {
	URL    string
	Type   string // media type, or "" when the file name does not tell
	Width  int
	Height int
	Alt    string
}

// NewItem builds an item from an article's teaser, its tags and its body as
// HTML ("" for summary-only feeds). abs turns a site path into an absolute URL.
func NewItem(t news.Teaser, tags []news.Tag, contentHTML string, abs func(string) string) Item {
	it := Item{URL: abs(t.URL()), Title: t.Headline, Summary: t.Standfirst,
		ContentHTML: absolutize(contentHTML, abs), Published: t.PublishedAt, Updated: t.UpdatedAt,
		Categories: []string{t.Section.Name}}
	if it.Updated.Before(it.Published) {
		it.Updated = it.Published
	}
	for _, a := range t.Authors {
		it.Authors = append(it.Authors, Person{Name: a.Name, URL: abs(a.URL())})
	}
	for _, tag := range tags {
		it.Categories = append(it.Categories, tag.Name)
	}
	// A picture address that fails the save-time check (one stored before
	// it existed) is left out rather than handed to feed readers.
	if img := t.LeadImage; img != nil && blocks.SafeImageSrc(img.Src) {
		it.Image = &Image{URL: abs(img.Src), Type: imageType(img.Src),
			Width: img.Width, Height: img.Height, Alt: img.Alt}
	}
	return it
}

// Newest returns the latest Updated time of the items, or the Unix epoch for
// an empty feed, so that an empty feed still has a stable date.
func Newest(items []Item) time.Time {
	t := time.Unix(0, 0).UTC()
	for _, it := range items {
		if it.Updated.After(t) {
			t = it.Updated
		}
	}
	return t
}

// siteRelative finds href and src attributes holding a site path ("/…" but
// not the scheme-relative "//…"): a feed reader shows the HTML away from our
// site, where such a path would point at the reader's own host.
var siteRelative = regexp.MustCompile(`\b(href|src)="(/[^/"][^"]*|/)"`)

// srcsetAttr finds srcset attributes, whose lists of "URL WIDTHw" (a
// <picture> in the body) need each site path made absolute.
var srcsetAttr = regexp.MustCompile(`\bsrcset="([^"]*)"`)

// absolutize makes every site path in the HTML's href, src and srcset
// attributes absolute with abs, which resolves a reference against the
// site's base URL. The values are read and written as HTML attributes.
func absolutize(h string, abs func(string) string) string {
	if h == "" {
		return ""
	}
	h = siteRelative.ReplaceAllStringFunc(h, func(attr string) string {
		name, value, _ := strings.Cut(attr, `="`)
		value = strings.TrimSuffix(value, `"`)
		return name + `="` + html.EscapeString(abs(html.UnescapeString(value))) + `"`
	})
	return srcsetAttr.ReplaceAllStringFunc(h, func(attr string) string {
		list := strings.Split(attr[len(`srcset="`):len(attr)-1], ", ")
		for i, c := range list {
			if strings.HasPrefix(c, "/") && !strings.HasPrefix(c, "//") {
				src, width, _ := strings.Cut(c, " ")
				list[i] = html.EscapeString(abs(html.UnescapeString(src))) + " " + width
			}
		}
		return `srcset="` + strings.Join(list, ", ") + `"`
	})
}

func imageType(src string) string {
	switch strings.ToLower(path.Ext(src)) {
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".png":
		return "image/png"
	case ".webp":
		return "image/webp"
	case ".gif":
		return "image/gif"
	case ".avif":
		return "image/avif"
	}
	return ""
}
