package site

import (
	"cmp"
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
	InLanguage       string         `json:"inLanguage,omitempty"`
	Correction       []ldCorrection `json:"correction,omitempty"`
}

// ldThing is any small schema.org object: a Person, an Organization, a page.
type ldThing struct {
	Type string   `json:"@type"`
	ID   string   `json:"@id,omitempty"`
	Name string   `json:"name,omitempty"`
	URL  string   `json:"url,omitempty"`
	Logo *ldThing `json:"logo,omitempty"`
	// SameAs lists an organisation's profiles elsewhere.
	SameAs     []string `json:"sameAs,omitempty"`
	InLanguage string   `json:"inLanguage,omitempty"`
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
func (s *Site) articleLD(a news.Article, shared *sharedChrome) (template.JS, error) {
	siteName := shared.name
	ld := ldArticle{InLanguage: shared.settings.Language,
		Context: "https://schema.org", Type: "NewsArticle", Headline: a.Headline, Description: a.Standfirst,
		DatePublished: a.PublishedAt.UTC().Format(time.RFC3339), DateModified: a.UpdatedAt.UTC().Format(time.RFC3339),
		Publisher: s.publisherLD(shared), ArticleSection: a.Section.Name,
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

// publisherLD is the newspaper as a schema.org Organization: the
// organisation's name and profiles from the settings, and the site's logo
// (the bundled one until the newsroom chooses its own).
func (s *Site) publisherLD(shared *sharedChrome) ldThing {
	logo, _ := s.assets.url("logo.png")
	if shared.logo != nil {
		logo = shared.logo.Src
	}
	return ldThing{Type: "Organization", Name: cmp.Or(shared.settings.OrgName, shared.name), URL: s.absURL("/"),
		Logo: &ldThing{Type: "ImageObject", URL: s.absImage(logo)}, SameAs: shared.settings.OrgProfiles}
}

// homeLD returns the newspaper's Organization and WebSite JSON-LD for the
// front page.
func (s *Site) homeLD(shared *sharedChrome) (template.JS, error) {
	org := s.publisherLD(shared)
	site := ldThing{Type: "WebSite", Name: shared.name, URL: s.absURL("/"), InLanguage: shared.settings.Language}
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
