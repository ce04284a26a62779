package wordpress

import (
	"errors"
	"net/url"
	"os"
	"strings"
	"testing"
)

// TestReadRefusesBadFiles feeds the reader the files a newsroom must be
// told about, each with where it went wrong and why.
func TestReadRefusesBadFiles(t *testing.T) {
	for _, tc := range []struct {
		file string
		want []string // fragments of the error
	}{
		{"truncated.xml", []string{"line 1", "cut short"}},
		{"version.xml", []string{`"1.3"`, "refused"}},
		{"bomb.xml", []string{"line 13", "declares entities", "refused"}},
		{"doctype.xml", []string{"line 2", "declares entities"}},
		{"malformed.xml", []string{"line 5", "titel"}},
		{"noversion.xml", []string{"no <wp:wxr_version>"}},
		{"latin1.xml", []string{"line 1", "the file is in ISO-8859-1; WordPress exports are UTF-8"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open("testdata/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			items := 0
			err = Read(f, Handler{Item: func(*Item) error { items++; return nil }})
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("Read = %v, want a *FormatError", err)
			}
			if strings.Contains(err.Error(), "xml:") {
				t.Errorf("error %q speaks of the XML decoder, not the file", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if tc.file == "bomb.xml" && items > 0 {
				t.Errorf("the entity bomb's item was read")
			}
		})
	}
}

// TestReadSite reads the hand-written export and checks what WordPress
// put in it arrives as written: CDATA, escaped text, postmeta, terms.
func TestReadSite(t *testing.T) {
	f, err := os.Open("testdata/site.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var site Site
	var authors []Author
	var terms []Term
	items := map[int64]*Item{}
	err = Read(f, Handler{
		Site:   func(s Site) error { site = s; return nil },
		Author: func(a Author) error { authors = append(authors, a); return nil },
		Term:   func(tm Term) error { terms = append(terms, tm); return nil },
		Item:   func(it *Item) error { items[it.ID] = it; return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	if site.Version != "1.2" || site.BaseSiteURL != "http://old.example.com" {
		t.Errorf("site = %+v", site)
	}
	if len(authors) != 3 || authors[0].Login != "jane" || authors[0].Email != "jane.doe@old.example.com" {
		t.Errorf("authors = %+v", authors)
	}
	if len(terms) != 7 || terms[2].Parent != "news" || terms[5].Slug != "%c3%bcberraschung" || terms[6].Taxonomy != "author" {
		t.Errorf("terms = %+v", terms)
	}
	p := items[100]
	if p == nil || p.Title != "The harbour&#8217;s ferry returns &#8212; at last&#8230;" || p.MetaValue("_thumbnail_id") != "10" ||
		p.Comments != 2 || len(p.Terms) != 4 || p.Excerpt == "" || !strings.HasPrefix(p.Content, "<!-- wp:paragraph -->") {
		t.Errorf("post 100 = %+v", p)
	}
	if items[109] == nil || !items[109].Sticky || items[10].Type != "attachment" || items[10].Parent != 100 {
		t.Errorf("items 109 and 10 read wrong")
	}
}

// TestUnserialize reads WordPress's attachment metadata, and refuses what
// is not PHP's serialize() format without panicking.
func TestUnserialize(t *testing.T) {
	meta := `a:3:{s:4:"file";s:14:"2024/05/ü.jpg";s:5:"sizes";a:1:{s:6:"medium";a:1:{s:4:"file";s:14:"ü-300x200.jpg";}}s:10:"image_meta";a:1:{s:6:"credit";s:3:"Ana";}}`
	main, sizes, credit := attachmentFiles(meta)
	if main != "2024/05/ü.jpg" || len(sizes) != 1 || sizes[0] != "2024/05/ü-300x200.jpg" || credit != "Ana" {
		t.Errorf("attachmentFiles = %q %q %q", main, sizes, credit)
	}
	for _, bad := range []string{"", "a:1:{", `s:5:"ab";`, `O:8:"stdClass":0:{}`, `a:99999999999:{}`, `i:1;x`} {
		if _, err := unserialize(bad); err == nil {
			t.Errorf("unserialize(%q) accepted", bad)
		}
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
