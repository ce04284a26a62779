package site

import (
	"encoding/json"
	"html/template"
	"time"

	"masthead/internal/news"
)

// ldArticle is schema.org NewsArticle as search engines read it.
type ldArticle struct {
	Context          string         `json:"@context"`
	Type             string         `json:"@type"`
	Headline         string         `json:"headline"`
	Description      string         `json:"description,omitempty"`
	Image            []string       `json:"image,omitempty"`
	DatePublished    string         `json:"datePublished"`
	DateModified     string         `json:"dateModified"`
	Author           []ldThing      `json:"author"`
	Publisher        ldThing        `json:"publisher"`
	ArticleSection   string         `json:"articleSection"`
	Keywords         []string       `json:"keywords,omitempty"`
	MainEntityOfPage ldThing        `json:"mainEntityOfPage"`
	Correction       []ldCorrection `json:"correction,omitempty"`
}

// ldThing is any small schema.org object: a Person, an Organization, a page.
type ldThing struct {
	Type string   `json:"@type"`
	ID   string   `json:"@id,omitempty"`
	Name string   `json:"name,omitempty"`
	URL  string   `json:"url,omitempty"`
	Logo *ldThing `json:"logo,omitempty"`
}

type ldCorrection struct {
	Type          string `json:"@type"`
	Text          string `json:"text"`
	DatePublished string `json:"datePublished"`
}

type ldBreadcrumbs struct {
	Context string    `json:"@context"`
	Type    string    `json:"@type"`
	Items   []ldCrumb `json:"itemListElement"`
}

type ldCrumb struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item"`
}

// articleLD returns the article's NewsArticle and BreadcrumbList JSON-LD.
// json.Marshal escapes <, > and &, so the text cannot close the script element.
func (s *Site) articleLD(a news.Article, siteName string) (template.JS, error) {
	ld := ldArticle{
		Context: "https://schema.org", Type: "NewsArticle", Headline: a.Headline, Description: a.Standfirst,
		DatePublished: a.PublishedAt.UTC().Format(time.RFC3339), DateModified: a.UpdatedAt.UTC().Format(time.RFC3339),
		Publisher: s.publisherLD(siteName), ArticleSection: a.Section.Name,
		MainEntityOfPage: ldThing{Type: "WebPage", ID: s.absURL(a.URL())},
	}
	if img := a.LeadImage; img != nil {
		for _, src := range append([]news.ImageSize{{Src: img.Src}}, img.Sizes...) {
			if u := s.absImage(src.Src); u != "" {
				ld.Image = append(ld.Image, u)
			}
		}
	}
	for _, au := range a.Authors {
		ld.Author = append(ld.Author, ldThing{Type: "Person", Name: au.Name, URL: s.absURL(au.URL())})
	}
	for _, t := range a.Tags {
		ld.Keywords = append(ld.Keywords, t.Name)
	}
	for _, n := range a.Corrections() {
		ld.Correction = append(ld.Correction, ldCorrection{Type: "CorrectionComment", Text: n.Text,
			DatePublished: n.At.UTC().Format(time.RFC3339)})
	}
	crumbs := ldBreadcrumbs{Context: "https://schema.org", Type: "BreadcrumbList", Items: []ldCrumb{
		{Type: "ListItem", Position: 1, Name: siteName, Item: s.absURL("/")},
		{Type: "ListItem", Position: 2, Name: a.Section.Name, Item: s.absURL(a.Section.URL())},
		{Type: "ListItem", Position: 3, Name: a.Headline, Item: s.absURL(a.URL())},
	}}
	b, err := json.Marshal([]any{ld, crumbs})
	return template.JS(b), err
}

// publisherLD is the newspaper as a schema.org Organization.
func (s *Site) publisherLD(siteName string) ldThing {
	logo, _ := s.assets.url("logo.png")
	return ldThing{Type: "Organization", Name: siteName, URL: s.absURL("/"),
		Logo: &ldThing{Type: "ImageObject", URL: s.absURL(logo)}}
}

// homeLD returns the newspaper's Organization and WebSite JSON-LD for the
// front page.
func (s *Site) homeLD(siteName string) (template.JS, error) {
	org := s.publisherLD(siteName)
	site := ldThing{Type: "WebSite", Name: siteName, URL: s.absURL("/")}
	b, err := json.Marshal([]any{
		struct {
			Context string `json:"@context"`
			ldThing
		}{"https://schema.org", org},
		struct {
			Context string `json:"@context"`
			ldThing
		}{"https://schema.org", site},
	})
	return template.JS(b), err
}
