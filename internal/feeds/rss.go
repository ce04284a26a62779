package feeds

import (
	"encoding/xml"
	"time"
)

// The namespaces RSS 2.0 borrows for what it lacks: a self link, full text,
// bylines without e-mail addresses, and pictures.
const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsMedia   = "http://search.yahoo.com/mrss/"
)

type rss struct {
	XMLName   xml.Name   `xml:"rss"`
	Version   string     `xml:"version,attr"`
	XMLNSAtom string     `xml:"xmlns:atom,attr"`
	XMLNSCont string     `xml:"xmlns:content,attr"`
	XMLNSDC   string     `xml:"xmlns:dc,attr"`
	XMLNSMed  string     `xml:"xmlns:media,attr"`
	Channel   rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Self          atomLink  `xml:"atom:link"`
	Language      string    `xml:"language,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Generator     string    `xml:"generator"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string        `xml:"title"`
	Link        string        `xml:"link"`
	GUID        rssGUID       `xml:"guid"`
	PubDate     string        `xml:"pubDate"`
	Description string        `xml:"description"`
	Content     string        `xml:"content:encoded,omitempty"`
	Creators    []string      `xml:"dc:creator"`
	Categories  []string      `xml:"category"`
	Media       *mediaContent `xml:"media:content"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

// mediaContent is Media RSS's picture, the one place a feed can carry the
// image's size and alt text.
type mediaContent struct {
	URL         string `xml:"url,attr"`
	Type        string `xml:"type,attr,omitempty"`
	Medium      string `xml:"medium,attr"`
	Width       int    `xml:"width,attr,omitempty"`
	Height      int    `xml:"height,attr,omitempty"`
	Description string `xml:"media:description,omitempty"`
}

func newMediaContent(img *Image) *mediaContent {
	if img == nil {
		return nil
	}
	return &mediaContent{URL: img.URL, Type: img.Type, Medium: "image", Width: img.Width,
		Height: img.Height, Description: img.Alt}
}

// RSS renders f as RSS 2.0; self is the feed's own absolute URL.
func RSS(f Feed, self string) ([]byte, error) {
	doc := rss{Version: "2.0", XMLNSAtom: nsAtom, XMLNSCont: nsContent, XMLNSDC: nsDC, XMLNSMed: nsMedia,
		Channel: rssChannel{Title: f.Title, Link: f.HomeURL, Description: f.Description,
			Self:     atomLink{Href: self, Rel: "self", Type: "application/rss+xml"},
			Language: f.Language, LastBuildDate: f.Updated.UTC().Format(time.RFC1123Z), Generator: Generator}}
	for _, it := range f.Items {
		item := rssItem{Title: it.Title, Link: it.URL, GUID: rssGUID{IsPermaLink: "true", Value: it.URL},
			PubDate: it.Published.UTC().Format(time.RFC1123Z), Description: it.Summary,
			Content: it.ContentHTML, Categories: it.Categories, Media: newMediaContent(it.Image)}
		for _, a := range it.Authors {
			item.Creators = append(item.Creators, a.Name)
		}
		doc.Channel.Items = append(doc.Channel.Items, item)
	}
	return marshalXML(doc)
}

// marshalXML writes v indented, after the XML declaration.
func marshalXML(v any) ([]byte, error) {
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}
