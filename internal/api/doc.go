package api

import (
	"time"

	"masthead/internal/blocks"
	"masthead/internal/news"
)

// The JSON shapes of the content API, as the OpenAPI document describes
// them. Field names are snake_case and stable; an author's e-mail address
// has no field at all.

type sectionDoc struct {
	ID          int64  `json:"id"`
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	URL         string `json:"url"`
}

type authorDoc struct {
	ID    int64     `json:"id"`
	Slug  string    `json:"slug"`
	Name  string    `json:"name"`
	Bio   string    `json:"bio,omitempty"`
	Photo *imageDoc `json:"photo,omitempty"`
	URL   string    `json:"url"`
}

type tagDoc struct {
	ID       int64  `json:"id"`
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	URL      string `json:"url"`
	Articles *int   `json:"articles,omitempty"`
}

type sizeDoc struct {
	Src   string `json:"src"`
	Width int    `json:"width"`
}

type imageDoc struct {
	Src     string    `json:"src"`
	Width   int       `json:"width"`
	Height  int       `json:"height"`
	Alt     string    `json:"alt"`
	Caption string    `json:"caption,omitempty"`
	Credit  string    `json:"credit,omitempty"`
	Sizes   []sizeDoc `json:"sizes"`
	WebP    []sizeDoc `json:"webp"`
}

type sourceDoc struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
	Note string `json:"note,omitempty"`
}

type noteDoc struct {
	Kind string    `json:"kind"`
	At   time.Time `json:"at"`
	Text string    `json:"text"`
}

// summaryDoc is an article in a list.
type summaryDoc struct {
	ID          int64       `json:"id"`
	Slug        string      `json:"slug"`
	URL         string      `json:"url"`
	Headline    string      `json:"headline"`
	Standfirst  string      `json:"standfirst"`
	Section     sectionDoc  `json:"section"`
	Authors     []authorDoc `json:"authors"`
	LeadImage   *imageDoc   `json:"lead_image,omitempty"`
	PublishedAt time.Time   `json:"published_at"`
	UpdatedAt   time.Time   `json:"updated_at"`
	Snippet     string      `json:"snippet,omitempty"`
}

// articleDoc is a whole published article.
type articleDoc struct {
	summaryDoc
	Body        blocks.Document `json:"body"`
	HTML        string          `json:"html"`
	Text        string          `json:"text"`
	Tags        []tagDoc        `json:"tags"`
	Sources     []sourceDoc     `json:"sources"`
	Corrections []noteDoc       `json:"corrections"`
	Updates     []noteDoc       `json:"updates"`
}

// listDoc is one page of a list; Next is the cursor of the page after, or
// absent on the last page.
type listDoc[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next_cursor,omitempty"`
}

// abs makes a site path absolute on the site's origin.
func (a *API) abs(path string) string {
	if len(path) > 0 && path[0] == '/' {
		return a.cfg.BaseURL + path
	}
	return path
}

func (a *API) section(s news.Section) sectionDoc {
	return sectionDoc{ID: s.ID, Slug: s.Slug, Name: s.Name, Description: s.Description, URL: a.abs(s.URL())}
}

func (a *API) author(au news.Author) authorDoc {
	return authorDoc{ID: au.ID, Slug: au.Slug, Name: au.Name, Bio: au.Bio, Photo: a.image(au.Photo), URL: a.abs(au.URL())}
}

func (a *API) tag(t news.Tag) tagDoc {
	return tagDoc{ID: t.ID, Slug: t.Slug, Name: t.Name, URL: a.abs(t.URL())}
}

func (a *API) image(img *news.Image) *imageDoc {
	if img == nil || img.Src == "" {
		return nil
	}
	d := &imageDoc{Src: a.abs(img.Src), Width: img.Width, Height: img.Height, Alt: img.Alt, Caption: img.Caption,
		Credit: img.Credit, Sizes: []sizeDoc{}, WebP: []sizeDoc{}}
	for _, s := range img.Sizes {
		d.Sizes = append(d.Sizes, sizeDoc{Src: a.abs(s.Src), Width: s.Width})
	}
	for _, s := range img.WebP {
		d.WebP = append(d.WebP, sizeDoc{Src: a.abs(s.Src), Width: s.Width})
	}
	return d
}

func (a *API) summary(t news.Teaser) summaryDoc {
	d := summaryDoc{ID: t.ID, Slug: t.Slug, URL: a.abs(t.URL()), Headline: t.Headline, Standfirst: t.Standfirst,
		Section: a.section(t.Section), Authors: []authorDoc{}, LeadImage: a.image(t.LeadImage),
		PublishedAt: t.PublishedAt, UpdatedAt: t.UpdatedAt}
	for _, au := range t.Authors {
		d.Authors = append(d.Authors, a.author(au))
	}
	return d
}

func (a *API) article(art news.Article) articleDoc {
	t := news.Teaser{ID: art.ID, Slug: art.Slug, Headline: art.Headline, Standfirst: art.Standfirst,
		PublishedAt: art.PublishedAt, UpdatedAt: art.UpdatedAt, Section: art.Section, Authors: art.Authors, LeadImage: art.LeadImage}
	d := articleDoc{summaryDoc: a.summary(t), Body: art.Body, HTML: string(art.Body.HTML()), Text: art.Body.Text(),
		Tags: []tagDoc{}, Sources: []sourceDoc{}, Corrections: []noteDoc{}, Updates: []noteDoc{}}
	for _, tg := range art.Tags {
		d.Tags = append(d.Tags, a.tag(tg))
	}
	for _, s := range art.Sources {
		d.Sources = append(d.Sources, sourceDoc{Name: s.Name, URL: s.URL, Note: s.Note})
	}
	for _, n := range art.Corrections() {
		d.Corrections = append(d.Corrections, noteDoc{Kind: string(n.Kind), At: n.At, Text: n.Text})
	}
	for _, n := range art.Updates() {
		d.Updates = append(d.Updates, noteDoc{Kind: string(n.Kind), At: n.At, Text: n.Text})
	}
	return d
}
