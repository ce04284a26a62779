package demo

import (
	"bytes"
	"image/jpeg"
	"strings"
	"testing"

	"masthead/internal/blocks"
	"masthead/internal/news"
)

func TestSectionsAuthorsTags(t *testing.T) {
	g := newTest()
	secs := g.Sections()
	if len(secs) < 6 {
		t.Errorf("%d sections, want at least 6", len(secs))
	}
	for i, s := range secs {
		if err := s.Validate(); err != nil || news.ValidateRootSlug(s.Slug) != nil || s.Description == "" || s.Position != i+1 || s.ID != 0 {
			t.Errorf("section %+v: %v", s, err)
		}
	}
	authors := g.Authors()
	if len(authors) < 8 || len(authors) > 12 {
		t.Errorf("%d authors, want 8 to 12", len(authors))
	}
	for _, a := range authors {
		if err := a.Validate(); err != nil || !strings.HasSuffix(a.Email, "@courier.example") || strings.Count(a.Bio, ". ") < 1 {
			t.Errorf("author %+v: %v", a, err)
		}
		if strings.Contains(a.Bio, a.Email) {
			t.Errorf("%s's bio shows the e-mail address", a.Name)
		}
	}
	tags := g.Tags()
	if len(tags) < 40 || len(tags) > 80 {
		t.Errorf("%d tags, want 40 to 80", len(tags))
	}
	seen := map[string]bool{}
	for _, tag := range tags {
		if tag.Slug != news.Slugify(tag.Name) || seen[tag.Slug] {
			t.Errorf("tag %+v: slug not made from the name, or repeated", tag)
		}
		seen[tag.Slug] = true
	}
	// Every tag a story template names must exist.
	for _, ks := range kinds {
		for _, k := range ks {
			for _, slug := range k.tags {
				if !seen[slug] {
					t.Errorf("a %s story uses the unknown tag %q", k.section, slug)
				}
			}
		}
	}
}

func TestPages(t *testing.T) {
	pages := newTest().Pages()
	if len(pages) != 4 {
		t.Fatalf("%d pages, want 4", len(pages))
	}
	for _, p := range pages {
		if err := p.Validate(); err != nil {
			t.Errorf("page %q: %v", p.Title, err)
		}
		if err := news.ValidateRootSlug(p.Slug); err != nil {
			t.Errorf("page %q: %v", p.Title, err)
		}
		if n := p.Body.WordCount(); n < 60 {
			t.Errorf("page %q has only %d words", p.Title, n)
		}
	}
}

func TestImages(t *testing.T) {
	names := ImageNames()
	if len(names) != 36 {
		t.Fatalf("%d images, want 36", len(names))
	}
	for _, size := range [][2]int{{960, 540}, {320, 180}, {17, 40}} {
		for _, name := range []string{names[0], names[13], names[35]} {
			b, err := ImageJPEG(name, size[0], size[1])
			if err != nil {
				t.Fatal(err)
			}
			img, err := jpeg.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if r := img.Bounds(); r.Dx() != size[0] || r.Dy() != size[1] {
				t.Errorf("%s is %v, want %v", name, r.Size(), size)
			}
			if size[0] == 960 && (len(b) < 30_000 || len(b) > 110_000) {
				t.Errorf("%s at 960x540 is %d bytes, want roughly 40 to 90 KB", name, len(b))
			}
		}
	}
	a, _ := ImageJPEG(names[3], 400, 225)
	b, _ := ImageJPEG(names[3], 400, 225)
	if !bytes.Equal(a, b) {
		t.Error("the same image came out differently twice")
	}
	if _, err := ImageJPEG("no-such-image", 100, 100); err == nil {
		t.Error("an unknown name gave an image")
	}
	if _, err := ImageJPEG(names[0], 0, 100); err == nil {
		t.Error("a zero width gave an image")
	}
	for _, n := range names {
		if ImageAlt(n) == "" {
			t.Errorf("%s has no alt text", n)
		}
	}
}

// TestImagesInArticles checks that every picture an article shows exists and
// carries the alt text that describes it.
func TestImagesInArticles(t *testing.T) {
	g := newTest()
	for i := 0; i < g.Count(); i++ {
		a := g.Article(i)
		imgs := a.Body.Images()
		if a.LeadImage != nil {
			imgs = append(imgs, blockOf(*a.LeadImage))
		}
		for _, im := range imgs {
			name := strings.TrimSuffix(strings.TrimPrefix(im.Src, "/media/demo/"), ".jpg")
			if ImageAlt(name) == "" || ImageAlt(name) != im.Alt || im.Width != 1200 || im.Height != 675 {
				t.Errorf("article %d: image %q, alt %q", i, im.Src, im.Alt)
			}
		}
	}
}

func blockOf(im news.Image) blocks.Block {
	return blocks.ImageBlock(im.Src, im.Width, im.Height, im.Alt, im.Caption, im.Credit)
}

func BenchmarkArticle(b *testing.B) {
	g := New(Options{Seed: 1, Now: testNow, Articles: 100_000})
	i := 0
	for b.Loop() {
		_ = g.Article(i % 100_000)
		i++
	}
}

func BenchmarkImageJPEG(b *testing.B) {
	names := ImageNames()
	i := 0
	for b.Loop() {
		if _, err := ImageJPEG(names[i%len(names)], 960, 540); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
