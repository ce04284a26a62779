// Package feeds writes RSS 2.0, Atom 1.0, JSON Feed 1.1 and sitemaps from
// plain values. It does no I/O: the site loads the articles and hands them
// over, so every format is a pure function that tests can call directly.
package feeds

import (
	"path"
	"regexp"
	"strings"
	"time"

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
		ContentHTML: absolutize(contentHTML, abs("")), Published: t.PublishedAt, Updated: t.UpdatedAt,
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
	if img := t.LeadImage; img != nil {
		it.Image = &Image{URL: absolutize1(img.Src, abs), Type: imageType(img.Src),
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
var siteRelative = regexp.MustCompile(`\b(href|src)="/([^/"])`)

// srcsetAttr finds srcset attributes, whose lists of "URL WIDTHw" (a
// <picture> in the body) need each site path made absolute.
var srcsetAttr = regexp.MustCompile(`\bsrcset="([^"]*)"`)

func absolutize(html, base string) string {
	if html == "" {
		return ""
	}
	html = siteRelative.ReplaceAllString(html, `$1="`+base+`/$2`)
	return srcsetAttr.ReplaceAllStringFunc(html, func(attr string) string {
		list := strings.Split(attr[len(`srcset="`):len(attr)-1], ", ")
		for i, c := range list {
			if strings.HasPrefix(c, "/") && !strings.HasPrefix(c, "//") {
				list[i] = base + c
			}
		}
		return `srcset="` + strings.Join(list, ", ") + `"`
	})
}

func absolutize1(src string, abs func(string) string) string {
	if strings.HasPrefix(src, "/") && !strings.HasPrefix(src, "//") {
		return abs(src)
	}
	return src
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
