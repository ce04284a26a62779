package news

import (
	"fmt"
	"strings"
	"time"

	"masthead/internal/blocks"
)

// Status is where an article stands in its life.
type Status string

// The statuses an article can have. Only Published articles are public; an
// Unpublished one was public once, so its URL answers 410 Gone rather than 404.
const (
	Draft       Status = "draft"
	Published   Status = "published"
	Unpublished Status = "unpublished"
)

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	return s == Draft || s == Published || s == Unpublished
}

// Section is a department of the paper (World, Business, …), shown in the order
// of Position.
type Section struct {
	ID          int64
	Slug        string
	Name        string
	Description string
	Position    int
	// Hidden keeps the section out of the header menu; its page and its
	// articles stay where they are.
	Hidden bool
}

// Validate checks a section before it is stored.
func (s *Section) Validate() error {
	s.Name = strings.TrimSpace(s.Name)
	s.Description = strings.TrimSpace(s.Description)
	if s.Name == "" {
		return FieldError("name", "A section needs a name.")
	}
	if err := firstError(
		tooLong("name", "The section name", s.Name, MaxSectionName),
		tooLong("description", "The section description", s.Description, MaxSectionDescription),
	); err != nil {
		return err
	}
	if s.Slug == "" {
		s.Slug = Slugify(s.Name)
	}
	return ValidateRootSlug(s.Slug)
}

// URL is the section front's path.
func (s Section) URL() string { return "/" + s.Slug }

// Author is a person who writes for the paper. Email is private: it is for the
// newsroom and never appears in any public response.
type Author struct {
	ID    int64
	Slug  string
	Name  string
	Bio   string
	Photo *Image
	Email string
}

// Validate checks an author before it is stored.
func (a *Author) Validate() error {
	a.Name = strings.TrimSpace(a.Name)
	if a.Name == "" {
		return FieldError("name", "An author needs a display name.")
	}
	if err := firstError(
		tooLong("name", "The author's name", a.Name, MaxAuthorName),
		tooLong("bio", "The biography", a.Bio, MaxAuthorBio),
	); err != nil {
		return err
	}
	if a.Slug == "" {
		a.Slug = Slugify(a.Name)
	}
	if a.Email != "" && (!strings.Contains(a.Email, "@") || len(a.Email) > MaxEmail) {
		return FieldError("email", "%.80q is not an e-mail address.", a.Email)
	}
	if a.Photo != nil {
		if err := a.Photo.Validate("photo"); err != nil {
			return err
		}
	}
	return validateSlug(a.Slug)
}

// URL is the author page's path.
func (a Author) URL() string { return "/author/" + a.Slug }

// Tag is a topic that cuts across sections.
type Tag struct {
	ID   int64
	Slug string
	Name string
}

// URL is the tag page's path.
func (t Tag) URL() string { return "/tag/" + t.Slug }

// Image is a picture as a page shows it: where it is, its size in pixels, and
// the words that go with it. Alt is required wherever an image is shown.
type Image struct {
	Src     string
	Width   int
	Height  int
	Alt     string
	Caption string
	Credit  string
	// Sizes are smaller copies of the same picture, for srcset; Src is the
	// largest and is always offered too.
	Sizes []ImageSize `json:",omitempty"`
	// Asset is the media library's picture this one shows, or 0. The store
	// fills Src, the sizes and Card from its renditions when it reads the
	// image, so a page always offers the current ones.
	Asset int64 `json:",omitempty"`
	// WebP lists WebP copies of the picture, for a <picture> source; JPEG
	// (Src and Sizes) stays the fallback.
	WebP []ImageSize `json:",omitempty"`
	// Card is a crop of the picture around its focal point, for cards on
	// index pages; nil when there is none.
	Card *Image `json:",omitempty"`
	// Animated lists animated GIF copies of a moving picture (an animated
	// GIF upload), narrowest first. A page shows them where it shows the
	// picture large; the still copies (Src, Sizes, WebP) remain its first
	// frame, for readers who ask for less motion and for cards.
	Animated []ImageSize `json:",omitempty"`
}

// ImageSize is one resized copy of an image.
type ImageSize struct {
	Src   string
	Width int
}

// Srcset returns the srcset attribute value listing every size of the image.
func (img Image) Srcset() string {
	var b strings.Builder
	for _, s := range img.Sizes {
		fmt.Fprintf(&b, "%s %dw, ", s.Src, s.Width)
	}
	fmt.Fprintf(&b, "%s %dw", img.Src, img.Width)
	return b.String()
}

// Source is an outlet or document a story relies on.
type Source struct {
	Name string
	URL  string
	Note string
}

// NoteKind tells a correction (something was wrong) from an update (something
// changed or was added).
type NoteKind string

// The kinds of dated note an article carries.
const (
	Correction NoteKind = "correction"
	Update     NoteKind = "update"
)

// Note is a correction or update: its own dated entry, never a silent edit.
type Note struct {
	Kind NoteKind
	At   time.Time
	Text string
	// Added is when it was added; zero for notes from before that was kept.
	Added time.Time `json:",omitzero"`
}

// Article is one story with everything a page shows about it.
type Article struct {
	ID          int64
	Slug        string
	Headline    string
	Standfirst  string
	Body        blocks.Document
	Status      Status
	PublishedAt time.Time // zero until first published
	UpdatedAt   time.Time // the last change a reader would see
	Section     Section
	Tags        []Tag
	Authors     []Author // in byline order
	LeadImage   *Image
	Sources     []Source
	Notes       []Note // corrections and updates, oldest first
	// SEOTitle and SEODescription replace the headline and standfirst for
	// search engines and sharing when set; SocialImage replaces the lead
	// image in link previews.
	SEOTitle       string `json:",omitempty"`
	SEODescription string `json:",omitempty"`
	SocialImage    *Image `json:",omitempty"`
}

// TitleForSearch is the title search engines and link previews show.
func (a Article) TitleForSearch() string {
	if a.SEOTitle != "" {
		return a.SEOTitle
	}
	return a.Headline
}

// DescriptionForSearch is the description search engines and link previews show.
func (a Article) DescriptionForSearch() string {
	if a.SEODescription != "" {
		return a.SEODescription
	}
	return a.Standfirst
}

// ShareImage is the picture link previews show.
func (a Article) ShareImage() *Image {
	if a.SocialImage != nil && a.SocialImage.Src != "" {
		return a.SocialImage
	}
	return a.LeadImage
}

// Validate checks an article's fields before it is stored. It trims surrounding
// space but keeps typography (’ “ ” — …) exactly as written.
func (a *Article) Validate() error {
	a.Headline = strings.TrimSpace(a.Headline)
	a.Standfirst = strings.TrimSpace(a.Standfirst)
	if a.Headline == "" {
		return FieldError("headline", "An article needs a headline.")
	}
	if err := firstError(
		tooLong("headline", "The headline", a.Headline, MaxHeadline),
		tooLong("standfirst", "The standfirst", a.Standfirst, MaxStandfirst),
	); err != nil {
		return err
	}
	if a.Slug == "" {
		a.Slug = Slugify(a.Headline)
	}
	if err := validateSlug(a.Slug); err != nil {
		return err
	}
	if a.Status == "" {
		a.Status = Draft
	}
	if !a.Status.Valid() {
		return FieldError("status", "%q is not a status.", a.Status)
	}
	if a.Section.ID == 0 {
		return FieldError("section", "An article belongs to a section.")
	}
	for _, c := range []struct {
		field  string
		n, max int
	}{{"tags", len(a.Tags), 50}, {"authors", len(a.Authors), 20}, {"sources", len(a.Sources), 100}, {"notes", len(a.Notes), 500}} {
		if c.n > c.max {
			return FieldError(c.field, "There are %d %s; an article takes at most %d.", c.n, c.field, c.max)
		}
	}
	for i := range a.Tags {
		if err := a.Tags[i].Validate(); err != nil {
			return &Error{Code: EINVALID, Field: "tags", Message: ErrorMessage(err)}
		}
	}
	if a.Status == Published && len(a.Authors) == 0 {
		return FieldError("authors", "A published article needs at least one byline.")
	}
	if err := a.Body.Validate(); err != nil {
		return &Error{Code: EINVALID, Field: "body", Message: err.Error()}
	}
	a.SEOTitle, a.SEODescription = strings.TrimSpace(a.SEOTitle), strings.TrimSpace(a.SEODescription)
	if n := len([]rune(a.SEOTitle)); n > 120 {
		return FieldError("seo_title", "The search title is %d characters long; search engines show about 60, and the limit is 120.", n)
	}
	if n := len([]rune(a.SEODescription)); n > 320 {
		return FieldError("seo_description", "The search description is %d characters long; search engines show about 160, and the limit is 320.", n)
	}
	if img := a.SocialImage; img != nil && img.Src == "" && img.Asset == 0 {
		a.SocialImage = nil // an empty sharing picture is no sharing picture
	}
	if a.SocialImage != nil {
		if err := a.SocialImage.Validate("social_image"); err != nil {
			return err
		}
		if a.Status == Published && strings.TrimSpace(a.SocialImage.Alt) == "" {
			return FieldError("social_image", "The sharing image needs alt text before the article can be published.")
		}
	}
	if img := a.LeadImage; img != nil {
		if img.Src == "" && img.Asset == 0 {
			return FieldError("lead_image", "The lead image has no picture: choose one from the media library.")
		}
		if err := img.Validate("lead_image"); err != nil {
			return err
		}
		// A draft may wait for its alt text; nothing goes public without it.
		if a.Status == Published && strings.TrimSpace(img.Alt) == "" {
			return FieldError("lead_image", "The lead image needs alt text before the article can be published: describe it for readers who cannot see it.")
		}
	}
	for i, s := range a.Sources {
		if strings.TrimSpace(s.Name) == "" {
			return FieldError("sources", "Source %d needs a name.", i+1)
		}
		if err := firstError(
			tooLong("sources", fmt.Sprintf("The name of source %d", i+1), s.Name, MaxSourceName),
			tooLong("sources", fmt.Sprintf("The note of source %d", i+1), s.Note, MaxSourceNote),
		); err != nil {
			return err
		}
		if s.URL != "" && !blocks.SafeURL(s.URL) {
			return FieldError("sources", "Source %d has a link that is not http, https or mailto.", i+1)
		}
	}
	for i, n := range a.Notes {
		if n.Kind != Correction && n.Kind != Update {
			return FieldError("notes", "Note %d is neither a correction nor an update.", i+1)
		}
		if strings.TrimSpace(n.Text) == "" || n.At.IsZero() {
			return FieldError("notes", "Note %d needs a time and a text.", i+1)
		}
		if err := tooLong("notes", fmt.Sprintf("The text of note %d", i+1), n.Text, MaxNoteText); err != nil {
			return err
		}
	}
	return nil
}

// URL is the article's canonical path: section, first publication date, slug.
// Changing any of them leaves the old path answering 301 (see store redirects).
func (a Article) URL() string {
	if a.PublishedAt.IsZero() {
		return fmt.Sprintf("/%s/draft/%s", a.Section.Slug, a.Slug)
	}
	return fmt.Sprintf("/%s/%s/%s", a.Section.Slug, a.PublishedAt.UTC().Format("2006/01/02"), a.Slug)
}

// Corrections returns the article's notes of kind Correction.
func (a Article) Corrections() []Note { return a.notesOf(Correction) }

// Updates returns the article's notes of kind Update.
func (a Article) Updates() []Note { return a.notesOf(Update) }

func (a Article) notesOf(k NoteKind) []Note {
	var out []Note
	for _, n := range a.Notes {
		if n.Kind == k {
			out = append(out, n)
		}
	}
	return out
}

// Page is a static page: about, corrections policy and the like.
type Page struct {
	ID        int64
	Slug      string
	Title     string
	Body      blocks.Document
	UpdatedAt time.Time
	// Published pages are public; a draft or an unpublished page answers 404.
	Published bool
	// InFooter and InMenu link the page from the footer and from the
	// section menu, in Position order.
	InFooter bool
	InMenu   bool
	Position int
	// Version counts the page's saves; a save based on an older one is
	// refused.
	Version int
	// SavedBy is who saved this version (0 for none, as the demo's pages).
	SavedBy int64
}

// PageRevision is one saved version of a page.
type PageRevision struct {
	Version int
	Title   string
	Slug    string
	Body    blocks.Document
	SavedAt time.Time
	// By is the name of who saved it, or "" when no one did by hand.
	By string
}

// Validate checks a page before it is stored.
func (p *Page) Validate() error {
	p.Title = strings.TrimSpace(p.Title)
	if p.Title == "" {
		return FieldError("title", "A page needs a title.")
	}
	if err := tooLong("title", "The title", p.Title, MaxPageTitle); err != nil {
		return err
	}
	if p.Slug == "" {
		p.Slug = Slugify(p.Title)
	}
	if err := ValidateRootSlug(p.Slug); err != nil {
		return err
	}
	if err := p.Body.Validate(); err != nil {
		return &Error{Code: EINVALID, Field: "body", Message: err.Error()}
	}
	if p.Position < -1000 || p.Position > 1000 {
		return FieldError("position", "The order is a number from -1000 to 1000.")
	}
	return nil
}

// URL is the page's path.
func (p Page) URL() string { return "/" + p.Slug }

// Teaser is the little an index page needs of an article: no body, no sources.
type Teaser struct {
	ID          int64
	Slug        string
	Headline    string
	Standfirst  string
	PublishedAt time.Time
	UpdatedAt   time.Time
	Section     Section
	Authors     []Author
	LeadImage   *Image
}

// URL is the teased article's canonical path.
func (t Teaser) URL() string {
	return Article{Slug: t.Slug, Section: t.Section, PublishedAt: t.PublishedAt}.URL()
}

// Teaser returns the index-page view of the article.
func (a Article) Teaser() Teaser {
	return Teaser{ID: a.ID, Slug: a.Slug, Headline: a.Headline, Standfirst: a.Standfirst,
		PublishedAt: a.PublishedAt, UpdatedAt: a.UpdatedAt, Section: a.Section,
		Authors: a.Authors, LeadImage: a.LeadImage}
}
