package news

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestLengthLimits: every text field takes its limit and refuses one
// character more, with an error naming the field; this holds for every entry
// path, since the store validates each value before it writes.
func TestLengthLimits(t *testing.T) {
	article := func(mod func(*Article)) func() error {
		return func() error {
			a := Article{Headline: "Harbour", Section: Section{ID: 1}}
			mod(&a)
			return a.Validate()
		}
	}
	for _, c := range []struct {
		name  string
		max   int
		field string
		check func(s string) error
	}{
		{"section name", MaxSectionName, "name", func(s string) error { return (&Section{Name: s, Slug: "docks"}).Validate() }},
		{"section description", MaxSectionDescription, "description", func(s string) error {
			return (&Section{Name: "Docks", Description: s}).Validate()
		}},
		{"author name", MaxAuthorName, "name", func(s string) error { return (&Author{Name: s, Slug: "ana"}).Validate() }},
		{"author bio", MaxAuthorBio, "bio", func(s string) error { return (&Author{Name: "Ana", Bio: s}).Validate() }},
		{"author photo alt", MaxAlt, "photo", func(s string) error {
			return (&Author{Name: "Ana", Photo: &Image{Src: "/media/a.jpg", Alt: s}}).Validate()
		}},
		{"tag", MaxTagName, "name", func(s string) error { return (&Tag{Name: s, Slug: "t"}).Validate() }},
		{"user name", MaxUserName, "name", func(s string) error {
			return (&User{Name: s, Email: "a@b.example", Role: RoleAuthor}).Validate()
		}},
		{"page title", MaxPageTitle, "title", func(s string) error { return (&Page{Title: s, Slug: "about"}).Validate() }},
		{"asset alt", MaxAlt, "alt", func(s string) error { return (&Asset{Alt: s}).ValidateMeta() }},
		{"asset caption", MaxCaption, "caption", func(s string) error { return (&Asset{Caption: s}).ValidateMeta() }},
		{"asset credit", MaxCredit, "credit", func(s string) error { return (&Asset{Credit: s}).ValidateMeta() }},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := c.check(strings.Repeat("é", c.max)); err != nil {
				t.Errorf("%d characters: %v", c.max, err)
			}
			err := c.check(strings.Repeat("é", c.max+1))
			var e *Error
			if err == nil || !asError(err, &e) || e.Code != EINVALID || e.Field != c.field || !strings.Contains(e.Message, "limit") {
				t.Errorf("%d characters: %v, want EINVALID on %s naming the limit", c.max+1, err, c.field)
			}
		})
	}
	for _, c := range []struct {
		name  string
		max   int
		field string
		mod   func(a *Article, s string)
	}{
		{"headline", MaxHeadline, "headline", func(a *Article, s string) { a.Headline, a.Slug = s, "h" }},
		{"standfirst", MaxStandfirst, "standfirst", func(a *Article, s string) { a.Standfirst = s }},
		{"tag", MaxTagName, "tags", func(a *Article, s string) { a.Tags = []Tag{{Name: s, Slug: "t"}} }},
		{"lead alt", MaxAlt, "lead_image", func(a *Article, s string) { a.LeadImage = &Image{Src: "/media/a.jpg", Alt: s} }},
		{"lead caption", MaxCaption, "lead_image", func(a *Article, s string) { a.LeadImage = &Image{Src: "/media/a.jpg", Caption: s} }},
		{"sharing credit", MaxCredit, "social_image", func(a *Article, s string) { a.SocialImage = &Image{Src: "/media/a.jpg", Credit: s} }},
		{"source name", MaxSourceName, "sources", func(a *Article, s string) { a.Sources = []Source{{Name: s}} }},
		{"source note", MaxSourceNote, "sources", func(a *Article, s string) { a.Sources = []Source{{Name: "R", Note: s}} }},
		{"note text", MaxNoteText, "notes", func(a *Article, s string) {
			a.Notes = []Note{{Kind: Correction, At: time.Unix(1, 0), Text: s}}
		}},
	} {
		t.Run("article "+c.name, func(t *testing.T) {
			if err := article(func(a *Article) { c.mod(a, strings.Repeat("x", c.max)) })(); err != nil {
				t.Errorf("%d characters: %v", c.max, err)
			}
			err := article(func(a *Article) { c.mod(a, strings.Repeat("x", c.max+1)) })()
			var e *Error
			if err == nil || !asError(err, &e) || e.Field != c.field {
				t.Errorf("%d characters: %v, want an error on %s", c.max+1, err, c.field)
			}
		})
	}
}

// TestPictureAddresses: a picture's address is a media-library path or an
// https URL, as for pictures in the body.
func TestPictureAddresses(t *testing.T) {
	for _, c := range []struct {
		src string
		ok  bool
	}{
		{"/media/a/b.jpg", true},
		{"https://pictures.example/x.jpg", true},
		{"javascript:alert(1)", false},
		{"JavaScript:alert(1)", false},
		{"data:image/png;base64,AAAA", false},
		{"http://pictures.example/x.jpg", false},
		{"//evil.example/x.jpg", false},
		{"/admin/x.jpg", false},
		{"/media/../admin", false},
		{"https://user:pw@pictures.example/x.jpg", false},
		{" https://pictures.example/x.jpg", false},
	} {
		a := Article{Headline: "H", Section: Section{ID: 1}, LeadImage: &Image{Src: c.src, Alt: "x"}}
		if err := a.Validate(); (err == nil) != c.ok {
			t.Errorf("lead picture %q: %v, want ok=%v", c.src, err, c.ok)
		}
		s := Article{Headline: "H", Section: Section{ID: 1}, SocialImage: &Image{Src: c.src, Alt: "x"}}
		if err := s.Validate(); (err == nil) != c.ok {
			t.Errorf("sharing picture %q: %v, want ok=%v", c.src, err, c.ok)
		}
		au := Author{Name: "Ana", Photo: &Image{Src: c.src, Alt: "x"}}
		if err := au.Validate(); (err == nil) != c.ok {
			t.Errorf("author photo %q: %v, want ok=%v", c.src, err, c.ok)
		}
	}
}

func asError(err error, e **Error) bool { return errors.As(err, e) }
