// Package wordpress moves a WordPress site into Masthead: it reads a
// WordPress eXtended RSS (WXR) export as a stream, turns its posts' HTML
// into the block document, and imports authors, categories, tags, posts,
// pages and pictures with a redirect from every old address.
package wordpress

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The WXR versions WordPress's exporter has written (1.0 before WordPress
// 3.1, 1.1 until 3.4, 1.2 since). A later one may change the format, so it
// is refused rather than half understood.
var knownVersions = map[string]bool{"1.0": true, "1.1": true, "1.2": true}

// Site is the export's channel: which site it came from.
type Site struct {
	Title       string
	Link        string
	Version     string // wp:wxr_version
	BaseSiteURL string // wp:base_site_url: where the site's files live
	BaseBlogURL string // wp:base_blog_url: where its pages live
}

// Author is a wp:author: a WordPress user who wrote something.
type Author struct {
	ID          int64
	Login       string
	Email       string
	DisplayName string
	FirstName   string
	LastName    string
	Description string // not in WordPress's own exports; some plugins add it
}

// Term is a category, tag or other taxonomy term (wp:category, wp:tag,
// wp:term).
type Term struct {
	ID          int64
	Taxonomy    string // category, post_tag, or another (author for Co-Authors Plus)
	Slug        string // percent-encoded as WordPress stores it
	Parent      string // the parent's slug (categories) or ID (wp:term)
	Name        string
	Description string
}

// ItemTerm is a term an item is filed under (<category domain= nicename=>).
type ItemTerm struct {
	Domain string
	Slug   string
	Name   string
}

// Item is an <item>: a post, page, attachment or anything else with a post
// type.
type Item struct {
	Title       string
	Link        string
	GUID        string
	Creator     string // the author's login
	Content     string
	Excerpt     string
	ID          int64
	Date        string // wp:post_date, site time
	DateGMT     string // wp:post_date_gmt
	ModifiedGMT string // wp:post_modified_gmt (WXR 1.2 from WordPress 6.3)
	Name        string // wp:post_name, percent-encoded
	Status      string
	Parent      int64
	Type        string
	Password    string
	Sticky      bool
	URL         string // wp:attachment_url
	Terms       []ItemTerm
	Meta        map[string][]string
	Comments    int
	// Line is where the item starts in the file, for the report.
	Line int
}

// MetaValue returns the first value of a postmeta key, or "".
func (it *Item) MetaValue(key string) string {
	if v := it.Meta[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Handler receives the parts of an export in file order. Any error it
// returns stops the reading and is returned by Read.
type Handler struct {
	Site   func(Site) error
	Author func(Author) error
	Term   func(Term) error
	Item   func(*Item) error
}

// FormatError is a file that is not a well-formed WXR export: where the
// reading stopped and why.
type FormatError struct {
	Line, Column int
	Reason       string
}

func (e *FormatError) Error() string {
	if e.Line == 0 {
		return e.Reason
	}
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Reason)
}

// Read parses a WXR export as a stream, handing each part to h as soon as it
// is read, so memory does not grow with the file. It refuses a DOCTYPE (a
// WordPress export has none; one declaring entities is how entity bombs
// start), an unknown WXR version, and anything that is not well-formed XML,
// with the line and column.
func Read(r io.Reader, h Handler) error {
	src := &readErrors{r: r}
	d := xml.NewDecoder(src)
	d.Strict = true
	d.Entity = nil // only XML's five entities: no DTD is ever read
	d.CharsetReader = func(charset string, input io.Reader) (io.Reader, error) {
		if strings.EqualFold(charset, "utf-8") || strings.EqualFold(charset, "utf8") {
			return input, nil
		}
		// A FormatError, so the person reads this reason, at the
		// declaration, and not the decoder's wording around it.
		line, col := d.InputPos()
		return nil, &FormatError{Line: line, Column: col, Reason: fmt.Sprintf("the file is in %s; WordPress exports are UTF-8", charset)}
	}
	rd := &reader{d: d, h: h}
	err := rd.run()
	if err == nil {
		return nil
	}
	var fe *FormatError
	if errors.As(err, &fe) {
		return fe
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
		line, col := d.InputPos()
		reason := "the XML is not well-formed"
		if se != nil {
			reason = se.Msg
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(reason, "unexpected EOF") {
			reason = "the file ends in the middle of an element (cut short?): expected the rest of the export and </rss>"
		}
		return &FormatError{Line: line, Column: col, Reason: reason}
	}
	if src.err != nil && errors.Is(err, src.err) {
		return err // the file could not be read: not a fault of its contents
	}
	// Anything else the decoder refuses (an XML version other than 1.0,
	// say) is the file's fault too, and the person needs to know where.
	line, col := d.InputPos()
	return &FormatError{Line: line, Column: col, Reason: err.Error()}
}

// readErrors remembers the error of the reader under the decoder, so that
// Read tells a file it could not read from one it could not understand.
type readErrors struct {
	r   io.Reader
	err error
}

func (e *readErrors) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF {
		e.err = err
	}
	return n, err
}

type reader struct {
	d        *xml.Decoder
	h        Handler
	site     Site
	siteSent bool
	sawRSS   bool
}

func (rd *reader) fail(format string, args ...any) error {
	line, col := rd.d.InputPos()
	return &FormatError{Line: line, Column: col, Reason: fmt.Sprintf(format, args...)}
}

func (rd *reader) run() error {
	depth := 0
	for {
		tok, err := rd.d.Token()
		if err == io.EOF {
			if !rd.sawRSS {
				return rd.fail("this is not a WordPress export: there is no <rss> element")
			}
			if depth > 0 {
				return rd.fail("the file ends before </rss> (cut short?)")
			}
			return rd.sendSite()
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.Contains(t, []byte("ENTITY")) {
				return rd.fail("the file has a DOCTYPE that declares entities, which WordPress never writes (an \"entity bomb\" starts this way): refused")
			}
			return rd.fail("the file has a DOCTYPE, which WordPress exports never have: refused")
		case xml.StartElement:
			depth++
			switch {
			case depth == 1:
				if t.Name.Local != "rss" {
					return rd.fail("this is not a WordPress export: it starts with <%s>, not <rss>", t.Name.Local)
				}
				rd.sawRSS = true
			case depth == 2 && t.Name.Local == "channel":
			case depth == 3:
				if err := rd.channelChild(t); err != nil {
					return err
				}
				depth--
			default:
				if err := rd.d.Skip(); err != nil {
					return err
				}
				depth--
			}
		case xml.EndElement:
			depth--
		}
	}
}

// channelChild reads one child of <channel>, consuming it whole.
func (rd *reader) channelChild(t xml.StartElement) error {
	switch t.Name.Local {
	case "title", "link", "wxr_version", "base_site_url", "base_blog_url":
		v, err := rd.text()
		if err != nil {
			return err
		}
		switch t.Name.Local {
		case "title":
			rd.site.Title = v
		case "link":
			rd.site.Link = v
		case "wxr_version":
			rd.site.Version = strings.TrimSpace(v)
			if !knownVersions[rd.site.Version] {
				return rd.fail("WXR version %q is not one this importer knows (1.0, 1.1 or 1.2): refused", shorten(rd.site.Version))
			}
		case "base_site_url":
			rd.site.BaseSiteURL = strings.TrimSpace(v)
		case "base_blog_url":
			rd.site.BaseBlogURL = strings.TrimSpace(v)
		}
		return nil
	case "author":
		a, err := rd.author()
		if err != nil || rd.h.Author == nil {
			return err
		}
		if err := rd.sendSite(); err != nil {
			return err
		}
		return rd.h.Author(a)
	case "category", "tag", "term":
		term, err := rd.term(t.Name.Local)
		if err != nil || rd.h.Term == nil {
			return err
		}
		if err := rd.sendSite(); err != nil {
			return err
		}
		return rd.h.Term(term)
	case "item":
		line, _ := rd.d.InputPos()
		it, err := rd.item()
		if err != nil {
			return err
		}
		it.Line = line
		if err := rd.sendSite(); err != nil {
			return err
		}
		if rd.h.Item == nil {
			return nil
		}
		return rd.h.Item(it)
	}
	return rd.d.Skip()
}

// sendSite hands over the channel's description once, before the first
// author, term or item, after checking it names a WXR version.
func (rd *reader) sendSite() error {
	if rd.siteSent {
		return nil
	}
	rd.siteSent = true
	if rd.site.Version == "" {
		return rd.fail("this is not a WordPress export: it has no <wp:wxr_version> before its content")
	}
	if rd.h.Site == nil {
		return nil
	}
	return rd.h.Site(rd.site)
}

// text reads the character data of the element just started (CDATA
// sections and escaped text alike) up to its end; child elements are
// refused, since WordPress's simple fields have none.
func (rd *reader) text() (string, error) {
	var b strings.Builder
	for {
		tok, err := rd.d.Token()
		if err != nil {
			if err == io.EOF {
				return "", io.ErrUnexpectedEOF
			}
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			if err := rd.d.Skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			return b.String(), nil
		}
	}
}

// fields reads the children of the element just started as name → text,
// passing the start of each to child first; child returns true when it read
// the element itself.
func (rd *reader) fields(child func(xml.StartElement) (bool, error), set func(name, space, value string)) error {
	for {
		tok, err := rd.d.Token()
		if err != nil {
			if err == io.EOF {
				return io.ErrUnexpectedEOF
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if child != nil {
				done, err := child(t)
				if err != nil {
					return err
				}
				if done {
					continue
				}
			}
			v, err := rd.text()
			if err != nil {
				return err
			}
			set(t.Name.Local, t.Name.Space, v)
		case xml.EndElement:
			return nil
		}
	}
}

func (rd *reader) author() (Author, error) {
	var a Author
	var err error
	ferr := rd.fields(nil, func(name, _, v string) {
		switch name {
		case "author_id":
			a.ID, err = rd.id("wp:author_id", v)
		case "author_login":
			a.Login = strings.TrimSpace(v)
		case "author_email":
			a.Email = strings.TrimSpace(v)
		case "author_display_name":
			a.DisplayName = v
		case "author_first_name":
			a.FirstName = v
		case "author_last_name":
			a.LastName = v
		case "author_description":
			a.Description = v
		}
	})
	return a, errors.Join(ferr, err)
}

func (rd *reader) term(kind string) (Term, error) {
	t := Term{Taxonomy: map[string]string{"category": "category", "tag": "post_tag"}[kind]}
	var err error
	ferr := rd.fields(nil, func(name, _, v string) {
		switch name {
		case "term_id":
			t.ID, err = rd.id("wp:term_id", v)
		case "term_taxonomy":
			t.Taxonomy = v
		case "category_nicename", "tag_slug", "term_slug":
			t.Slug = strings.TrimSpace(v)
		case "category_parent", "term_parent":
			t.Parent = strings.TrimSpace(v)
		case "cat_name", "tag_name", "term_name":
			t.Name = v
		case "category_description", "tag_description", "term_description":
			t.Description = v
		}
	})
	return t, errors.Join(ferr, err)
}

func (rd *reader) item() (*Item, error) {
	it := &Item{Meta: map[string][]string{}}
	var errs []error
	child := func(t xml.StartElement) (bool, error) {
		switch t.Name.Local {
		case "category":
			v, err := rd.text()
			if err != nil {
				return true, err
			}
			term := ItemTerm{Name: v}
			for _, a := range t.Attr {
				switch a.Name.Local {
				case "domain":
					term.Domain = a.Value
				case "nicename":
					term.Slug = a.Value
				}
			}
			it.Terms = append(it.Terms, term)
			return true, nil
		case "postmeta":
			var key, value string
			if err := rd.fields(nil, func(name, _, v string) {
				switch name {
				case "meta_key":
					key = v
				case "meta_value":
					value = v
				}
			}); err != nil {
				return true, err
			}
			it.Meta[key] = append(it.Meta[key], value)
			return true, nil
		case "comment":
			it.Comments++
			return true, rd.d.Skip()
		}
		return false, nil
	}
	err := rd.fields(child, func(name, space, v string) {
		var err error
		switch name {
		case "title":
			it.Title = v
		case "link":
			it.Link = strings.TrimSpace(v)
		case "guid":
			it.GUID = strings.TrimSpace(v)
		case "creator":
			it.Creator = strings.TrimSpace(v)
		case "encoded":
			if strings.Contains(space, "excerpt") {
				it.Excerpt = v
			} else {
				it.Content = v
			}
		case "post_id":
			it.ID, err = rd.id("wp:post_id", v)
		case "post_date":
			it.Date = strings.TrimSpace(v)
		case "post_date_gmt":
			it.DateGMT = strings.TrimSpace(v)
		case "post_modified_gmt":
			it.ModifiedGMT = strings.TrimSpace(v)
		case "post_name":
			it.Name = strings.TrimSpace(v)
		case "status":
			it.Status = strings.TrimSpace(v)
		case "post_parent":
			if strings.TrimSpace(v) != "" {
				it.Parent, err = rd.id("wp:post_parent", v)
			}
		case "post_type":
			it.Type = strings.TrimSpace(v)
		case "post_password":
			it.Password = v
		case "is_sticky":
			it.Sticky = strings.TrimSpace(v) == "1"
		case "attachment_url":
			it.URL = strings.TrimSpace(v)
		}
		if err != nil {
			errs = append(errs, err)
		}
	})
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return it, nil
}

func (rd *reader) id(field, v string) (int64, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || n < 0 {
		return 0, rd.fail("%s %q is not a whole number", field, shorten(v))
	}
	return n, nil
}

// shorten keeps a quoted value in a message short.
func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
