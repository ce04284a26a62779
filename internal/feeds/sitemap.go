package feeds

import (
	"encoding/xml"
	"time"
)

// The sitemap protocol's limits for one file (sitemaps.org).
const (
	MaxURLs     = 50000            // URLs in one sitemap or sitemaps in one index
	MaxBytes    = 50 * 1024 * 1024 // uncompressed size of one file
	MaxLocChars = 2048             // length of one loc
	// MaxNewsURLs is Google News's limit for one news sitemap.
	MaxNewsURLs = 1000
)

const (
	nsSitemap = "http://www.sitemaps.org/schemas/sitemap/0.9"
	nsNews    = "http://www.google.com/schemas/sitemap-news/0.9"
)

// URL is one page in a sitemap; a zero LastMod is left out.
type URL struct {
	Loc     string
	LastMod time.Time
}

// NewsURL is one article in a Google News sitemap.
type NewsURL struct {
	Loc       string
	Title     string
	Published time.Time
}

type urlset struct {
	XMLName   xml.Name     `xml:"urlset"`
	XMLNS     string       `xml:"xmlns,attr"`
	XMLNSNews string       `xml:"xmlns:news,attr,omitempty"`
	URLs      []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string    `xml:"loc"`
	LastMod string    `xml:"lastmod,omitempty"`
	News    *newsNews `xml:"news:news"`
}

type newsNews struct {
	Name     string `xml:"news:publication>news:name"`
	Language string `xml:"news:publication>news:language"`
	Date     string `xml:"news:publication_date"`
	Title    string `xml:"news:title"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	XMLNS    string       `xml:"xmlns,attr"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// Sitemap renders a list of URLs as a sitemap.
func Sitemap(urls []URL) ([]byte, error) {
	doc := urlset{XMLNS: nsSitemap, URLs: []sitemapURL{}}
	for _, u := range urls {
		doc.URLs = append(doc.URLs, sitemapURL{Loc: u.Loc, LastMod: w3c(u.LastMod)})
	}
	return marshalXML(doc)
}

// SitemapIndex renders an index of sitemaps.
func SitemapIndex(maps []URL) ([]byte, error) {
	doc := sitemapIndex{XMLNS: nsSitemap, Sitemaps: []sitemapURL{}}
	for _, u := range maps {
		doc.Sitemaps = append(doc.Sitemaps, sitemapURL{Loc: u.Loc, LastMod: w3c(u.LastMod)})
	}
	return marshalXML(doc)
}

// NewsSitemap renders a Google News sitemap for the publication name and
// language.
func NewsSitemap(urls []NewsURL, name, language string) ([]byte, error) {
	doc := urlset{XMLNS: nsSitemap, XMLNSNews: nsNews, URLs: []sitemapURL{}}
	for _, u := range urls {
		doc.URLs = append(doc.URLs, sitemapURL{Loc: u.Loc, News: &newsNews{Name: name, Language: language,
			Date: w3c(u.Published), Title: u.Title}})
	}
	return marshalXML(doc)
}

// SitemapPages is how many sitemap files of size URLs each hold total URLs.
// It is at least 1, so the first file exists (empty) on an empty site.
func SitemapPages(total, size int) int {
	if total <= 0 || size <= 0 {
		return 1
	}
	return (total + size - 1) / size
}

// w3c formats a time in the W3C datetime profile sitemaps use, or "" for zero.
func w3c(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
