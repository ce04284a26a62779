package feeds

import (
	"encoding/xml"
	"time"
)

type atomFeed struct {
	XMLName  xml.Name    `xml:"feed"`
	XMLNS    string      `xml:"xmlns,attr"`
	XMLNSMed string      `xml:"xmlns:media,attr"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Gen      string      `xml:"generator"`
	Entries  []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published"`
	Links      []atomLink     `xml:"link"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    string         `xml:"summary,omitempty"`
	Content    *atomContent   `xml:"content"`
	Media      *mediaContent  `xml:"media:content"`
}

// atomPerson has a name and a page; Atom allows an e-mail address here, and
// we never give one.
type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// Atom renders f as Atom 1.0; self is the feed's own absolute URL.
func Atom(f Feed, self string) ([]byte, error) {
	doc := atomFeed{XMLNS: nsAtom, XMLNSMed: nsMedia, ID: f.HomeURL, Title: f.Title, Subtitle: f.Description,
		Updated: f.Updated.UTC().Format(time.RFC3339), Gen: Generator,
		Links: []atomLink{{Href: f.HomeURL, Rel: "alternate", Type: "text/html"},
			{Href: self, Rel: "self", Type: "application/atom+xml"}}}
	for _, it := range f.Items {
		e := atomEntry{ID: it.URL, Title: it.Title, Summary: it.Summary,
			Updated: it.Updated.UTC().Format(time.RFC3339), Published: it.Published.UTC().Format(time.RFC3339),
			Links: []atomLink{{Href: it.URL, Rel: "alternate", Type: "text/html"}}}
		if it.ContentHTML != "" {
			e.Content = &atomContent{Type: "html", Body: it.ContentHTML}
		}
		for _, a := range it.Authors {
			e.Authors = append(e.Authors, atomPerson{Name: a.Name, URI: a.URL})
		}
		for _, c := range it.Categories {
			e.Categories = append(e.Categories, atomCategory{Term: c})
		}
		if img := it.Image; img != nil {
			// An enclosure needs a media type; media:content carries size and alt either way.
			if img.Type != "" {
				e.Links = append(e.Links, atomLink{Href: img.URL, Rel: "enclosure", Type: img.Type})
			}
			e.Media = newMediaContent(img)
		}
		doc.Entries = append(doc.Entries, e)
	}
	return marshalXML(doc)
}
