package feeds

import (
	"bytes"
	"encoding/json"
	"time"
)

// JSONFeedVersion is the JSON Feed version written.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

type jsonFeed struct {
	Version     string     `json:"version"`
	Title       string     `json:"title"`
	HomePageURL string     `json:"home_page_url"`
	FeedURL     string     `json:"feed_url"`
	Description string     `json:"description,omitempty"`
	Language    string     `json:"language,omitempty"`
	Items       []jsonItem `json:"items"`
}

type jsonItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url"`
	Title         string       `json:"title"`
	Summary       string       `json:"summary,omitempty"`
	ContentHTML   string       `json:"content_html,omitempty"`
	ContentText   string       `json:"content_text,omitempty"`
	Image         string       `json:"image,omitempty"`
	DatePublished string       `json:"date_published"`
	DateModified  string       `json:"date_modified"`
	Authors       []jsonAuthor `json:"authors,omitempty"`
	Tags          []string     `json:"tags,omitempty"`
}

type jsonAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// JSONFeed renders f as JSON Feed 1.1; self is the feed's own absolute URL.
func JSONFeed(f Feed, self string) ([]byte, error) {
	doc := jsonFeed{Version: JSONFeedVersion, Title: f.Title, HomePageURL: f.HomeURL, FeedURL: self,
		Description: f.Description, Language: f.Language, Items: []jsonItem{}}
	for _, it := range f.Items {
		item := jsonItem{ID: it.URL, URL: it.URL, Title: it.Title, Summary: it.Summary,
			ContentHTML: it.ContentHTML, Tags: it.Categories,
			DatePublished: it.Published.UTC().Format(time.RFC3339),
			DateModified:  it.Updated.UTC().Format(time.RFC3339)}
		// JSON Feed requires content_html or content_text: a summary-only feed
		// gives the standfirst as plain text.
		if item.ContentHTML == "" {
			item.ContentText = it.Summary
		}
		if it.Image != nil {
			item.Image = it.Image.URL
		}
		for _, a := range it.Authors {
			item.Authors = append(item.Authors, jsonAuthor{Name: a.Name, URL: a.URL})
		}
		doc.Items = append(doc.Items, item)
	}
	// The HTML stays readable: escaping <, > and & as \u003c is for JSON
	// pasted into HTML, which a feed is not.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
