package site

import (
	"strconv"
	"strings"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/news"
)

// The article page is written here in Go rather than by html/template: on
// an uncached render the template cost about 45% of the CPU (every action a
// reflective call and one or two escapers), the page written in Go a few
// per cent. The markup is the template's byte for byte, for any words: the
// writers of escape.go escape as html/template does in each context, and
// TestArticleMarkup and FuzzArticleMarkup compare the page with the
// templates it replaced (testdata/article_reference.html inside
// templates/layout.html, which every other page still executes). A change
// to the layout or the article's markup is made here and in those two
// templates together; the test fails until they agree.

// writeArticlePage writes the whole article page: the layout
// (templates/layout.html, which every other page still executes) around
// the article's head and main column.
func (s *Site) writeArticlePage(b *strings.Builder, p *articlePage) error {
	c := &p.chrome
	purposes := len(c.Privacy.Purposes) > 0
	b.WriteString("<!doctype html>\n<html lang=\"")
	if c.Lang == "" {
		b.WriteString("en")
	} else {
		writeEsc(b, c.Lang)
	}
	b.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	writeEsc(b, c.Title)
	b.WriteString("</title>")
	if c.Description != "" {
		b.WriteString("\n<meta name=\"description\" content=\"")
		writeEsc(b, c.Description)
		b.WriteString("\">")
	}
	if c.Canonical != "" {
		b.WriteString("\n<link rel=\"canonical\" href=\"")
		writeURLAttr(b, c.Canonical)
		b.WriteString("\">")
	}
	if c.Noindex {
		b.WriteString("\n<meta name=\"robots\" content=\"noindex\">")
	}
	for _, f := range [...]struct{ before, name, after string }{
		{"\n<link rel=\"stylesheet\" href=\"", "site.css", "\">"},
		{"\n<link rel=\"icon\" href=\"", "favicon.svg", "\" type=\"image/svg+xml\">"},
	} {
		u, err := s.assets.url(f.name)
		if err != nil {
			return err
		}
		b.WriteString(f.before)
		writeURLAttr(b, u)
		b.WriteString(f.after)
	}
	for _, f := range c.Feeds {
		b.WriteString("\n<link rel=\"alternate\" type=\"")
		writeEsc(b, f.Type)
		b.WriteString("\" title=\"")
		writeEsc(b, f.Title)
		b.WriteString("\" href=\"")
		writeURLAttr(b, f.URL)
		b.WriteString("\">")
	}
	if purposes {
		u, err := s.assets.url("privacy.js")
		if err != nil {
			return err
		}
		sum, err := s.assets.integrity("privacy.js")
		if err != nil {
			return err
		}
		b.WriteString("\n<script src=\"")
		writeURLAttr(b, u)
		b.WriteString("\" integrity=\"")
		writeEsc(b, sum)
		b.WriteString("\" defer></script>")
	}
	if err := s.writeArticleHead(b, p); err != nil {
		return err
	}
	b.WriteString("\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to main content</a>")
	if purposes {
		// The banner is long and shown only where the site asks consent
		// for something: its template is executed as the layout did.
		consent, err := s.partial("consent", p)
		if err != nil {
			return err
		}
		b.WriteString(string(consent))
	}
	b.WriteString("\n<header class=\"masthead\">")
	if c.PreviewBar != "" {
		b.WriteString("\n<p class=\"preview-bar\">")
		writeEsc(b, c.PreviewBar)
		b.WriteString("</p>")
	}
	b.WriteString("\n<div class=\"wrap\">\n" + toolsLine + "\n<p class=\"brand\"><a href=\"/\">")
	if img := c.Logo; img != nil {
		b.WriteString("<img class=\"logo\" src=\"")
		writeURLAttr(b, img.Src)
		b.WriteString("\"")
		if set := img.Srcset(); set != "" {
			b.WriteString(" srcset=\"")
			writeSrcsetAttr(b, set)
			b.WriteString("\" sizes=\"4rem\"")
		}
		b.WriteString(" width=\"")
		b.WriteString(strconv.Itoa(img.Width))
		b.WriteString("\" height=\"")
		b.WriteString(strconv.Itoa(img.Height))
		b.WriteString("\" alt=\"\">")
	}
	writeEsc(b, c.SiteName)
	b.WriteString("</a></p>\n")
	nav, err := c.SectionNav()
	if err != nil {
		return err
	}
	b.WriteString(string(nav))
	b.WriteString("\n</div>\n</header>\n<main id=\"main\" class=\"wrap\">\n")
	if err := s.writeArticleMain(b, p); err != nil {
		return err
	}
	b.WriteString("\n</main>\n")
	footer, err := c.Footer()
	if err != nil {
		return err
	}
	b.WriteString(string(footer))
	b.WriteString("\n</body>\n</html>\n")
	return nil
}

// toolsLine is the layout's search link, as it is there.
const toolsLine = "<p class=\"tools\"><a class=\"search-link\" href=\"/search\"><svg aria-hidden=\"true\" focusable=\"false\" width=\"18\" height=\"18\" viewBox=\"0 0 24 24\"><circle cx=\"10\" cy=\"10\" r=\"6.5\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2.5\"/><path d=\"M15 15l6.5 6.5\" stroke=\"currentColor\" stroke-width=\"2.5\" stroke-linecap=\"round\"/></svg>Search</a></p>"

// writeArticleHead writes the page's link-preview tags and its scripts.
func (s *Site) writeArticleHead(b *strings.Builder, p *articlePage) error {
	src, err := s.assets.url("views.js")
	if err != nil {
		return err
	}
	integrity, err := s.assets.integrity("views.js")
	if err != nil {
		return err
	}
	a := &p.Article
	title, desc := a.TitleForSearch(), a.DescriptionForSearch()
	b.WriteString("\n<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:site_name\" content=\"")
	writeEsc(b, p.SiteName)
	b.WriteString("\">\n<meta property=\"og:title\" content=\"")
	writeEsc(b, title)
	b.WriteString("\">\n<meta property=\"og:description\" content=\"")
	writeEsc(b, desc)
	b.WriteString("\">\n<meta property=\"og:url\" content=\"")
	writeEsc(b, p.Canonical)
	b.WriteString("\">")
	share := a.ShareImage()
	if share != nil {
		b.WriteString("\n<meta property=\"og:image\" content=\"")
		writeEsc(b, s.absImage(share.Src))
		b.WriteString("\">\n<meta property=\"og:image:width\" content=\"")
		b.WriteString(strconv.Itoa(share.Width))
		b.WriteString("\">\n<meta property=\"og:image:height\" content=\"")
		b.WriteString(strconv.Itoa(share.Height))
		b.WriteString("\">\n<meta property=\"og:image:alt\" content=\"")
		writeEsc(b, share.Alt)
		b.WriteString("\">")
	}
	b.WriteString("\n<meta property=\"article:published_time\" content=\"")
	b.WriteString(isoTime(a.PublishedAt))
	b.WriteString("\">\n<meta property=\"article:modified_time\" content=\"")
	b.WriteString(isoTime(a.UpdatedAt))
	b.WriteString("\">")
	for _, au := range a.Authors {
		b.WriteString("\n<meta property=\"article:author\" content=\"")
		writeEsc(b, s.absURL(au.URL()))
		b.WriteString("\">")
	}
	b.WriteString("\n<meta property=\"article:section\" content=\"")
	writeEsc(b, a.Section.Name)
	b.WriteString("\">")
	for _, t := range a.Tags {
		b.WriteString("\n<meta property=\"article:tag\" content=\"")
		writeEsc(b, t.Name)
		b.WriteString("\">")
	}
	if share != nil {
		b.WriteString("\n<meta name=\"twitter:card\" content=\"summary_large_image\">")
	} else {
		b.WriteString("\n<meta name=\"twitter:card\" content=\"summary\">")
	}
	b.WriteString("\n<meta name=\"twitter:title\" content=\"")
	writeEsc(b, title)
	b.WriteString("\">\n<meta name=\"twitter:description\" content=\"")
	writeEsc(b, desc)
	b.WriteString("\">")
	if share != nil {
		b.WriteString("\n<meta name=\"twitter:image\" content=\"")
		writeEsc(b, s.absImage(share.Src))
		b.WriteString("\">\n<meta name=\"twitter:image:alt\" content=\"")
		writeEsc(b, share.Alt)
		b.WriteString("\">")
	}
	// The JSON-LD is template.JS, which html/template writes as it is.
	b.WriteString("\n\n<script type=\"application/ld+json\">")
	b.WriteString(string(p.JSONLD))
	b.WriteString("</script>\n<script src=\"")
	writeURLAttr(b, src)
	b.WriteString("\" integrity=\"")
	writeEsc(b, integrity)
	b.WriteString("\" defer></script>\n")
	return nil
}

// writeArticleMain writes the page's main column: the story, its related
// stories and the most-read box.
func (s *Site) writeArticleMain(b *strings.Builder, p *articlePage) error {
	box, err := p.MostRead.Box()
	if err != nil {
		return err
	}
	a := &p.Article
	loc := s.location()
	b.WriteString("\n\n<article class=\"story\" data-view=\"")
	b.WriteString(strconv.FormatInt(a.ID, 10))
	b.WriteString("\">\n<header class=\"story-header\">\n<p class=\"kicker\"><a href=\"")
	writeURLAttr(b, a.Section.URL())
	b.WriteString("\">")
	writeEsc(b, a.Section.Name)
	b.WriteString("</a></p>\n<h1>")
	writeEsc(b, a.Headline)
	b.WriteString("</h1>\n")
	if a.Standfirst != "" {
		b.WriteString("<p class=\"standfirst\">")
		writeEsc(b, a.Standfirst)
		b.WriteString("</p>")
	}
	b.WriteString("\n<div class=\"story-meta\">\n")
	if len(a.Authors) > 0 {
		b.WriteString("<p class=\"byline\">")
		for _, au := range a.Authors {
			writePortrait(b, au.Photo)
		}
		b.WriteString("<span>By ")
		for i, au := range a.Authors {
			if i > 0 {
				if i == len(a.Authors)-1 {
					b.WriteString(" and ")
				} else {
					b.WriteString(", ")
				}
			}
			b.WriteString("<a rel=\"author\" href=\"")
			writeURLAttr(b, au.URL())
			b.WriteString("\">")
			writeEsc(b, au.Name)
			b.WriteString("</a>")
		}
		b.WriteString("</span></p>")
	}
	b.WriteString("\n<p class=\"dateline\">")
	writeTime(b, a.PublishedAt, loc)
	if updatedLater(a.PublishedAt, a.UpdatedAt) {
		b.WriteString("<span class=\"sep\"> · </span>Updated ")
		writeTime(b, a.UpdatedAt, loc)
	}
	b.WriteString("</p>\n</div>\n</header>\n")
	if p.NotesOnTop {
		writeNotes(b, a.Notes, loc)
	}
	b.WriteString("\n")
	if a.LeadImage != nil {
		writeLeadImage(b, a.LeadImage)
	}
	b.WriteString("\n<div class=\"body\">\n")
	a.Body.WriteHTML(b)
	b.WriteString("\n</div>\n")
	if len(a.Sources) > 0 {
		b.WriteString("<section class=\"sources\" aria-labelledby=\"sources-heading\">\n<h2 id=\"sources-heading\">Sources</h2>\n<ul>")
		for _, src := range a.Sources {
			b.WriteString("\n<li>")
			if src.URL != "" {
				b.WriteString("<a href=\"")
				writeURLAttr(b, src.URL)
				b.WriteString("\" rel=\"noopener\">")
				writeEsc(b, src.Name)
				b.WriteString("</a>")
			} else {
				writeEsc(b, src.Name)
			}
			if src.Note != "" {
				b.WriteString(": ")
				writeEsc(b, src.Note)
			}
			b.WriteString("</li>")
		}
		b.WriteString("\n</ul>\n</section>")
	}
	b.WriteString("\n")
	if !p.NotesOnTop {
		writeNotes(b, a.Notes, loc)
	}
	b.WriteString("\n<footer class=\"story-footer\">\n")
	if len(a.Tags) > 0 {
		b.WriteString("<h2 class=\"visually-hidden\">Topics</h2>\n<ul class=\"tags\">")
		for _, t := range a.Tags {
			b.WriteString("\n<li><a href=\"")
			writeURLAttr(b, t.URL())
			b.WriteString("\" rel=\"tag\">")
			writeEsc(b, t.Name)
			b.WriteString("</a></li>")
		}
		b.WriteString("\n</ul>")
	}
	b.WriteString("\n<h2 class=\"visually-hidden\">Share this article</h2>\n<ul class=\"share\">")
	b.WriteString(string(p.Share))
	b.WriteString("\n</ul>\n</footer>\n</article>\n\n")
	if len(p.Related) > 0 {
		b.WriteString("<section class=\"related\" aria-labelledby=\"related-heading\">\n<h2 id=\"related-heading\" class=\"rule-heading\">Related</h2>\n<div class=\"cards\">")
		for _, t := range p.Related {
			b.WriteString("\n")
			b.WriteString(string(cardIn(t, 3, true, loc)))
		}
		b.WriteString("\n</div>\n</section>")
	}
	b.WriteString("\n")
	b.WriteString(string(box))
	b.WriteString("\n")
	return nil
}

// writeTime writes a <time> with its UTC datetime and the date and time in
// the site's zone (whose name may hold a +, as "+04" does).
func writeTime(b *strings.Builder, t time.Time, loc *time.Location) {
	b.WriteString("<time datetime=\"")
	b.WriteString(isoTime(t))
	b.WriteString("\">")
	writeEsc(b, t.In(loc).Format("2 January 2006, 15:04 MST"))
	b.WriteString("</time>")
}

func writeNotes(b *strings.Builder, notes []news.Note, loc *time.Location) {
	if len(notes) == 0 {
		return
	}
	b.WriteString("<section class=\"notes\" aria-labelledby=\"notes-heading\">\n<h2 id=\"notes-heading\">Corrections and updates</h2>\n<ul>")
	for _, n := range notes {
		b.WriteString("\n<li class=\"note-")
		writeEsc(b, string(n.Kind))
		b.WriteString("\"><strong>")
		if n.Kind == news.Correction {
			b.WriteString("Correction")
		} else {
			b.WriteString("Update")
		}
		b.WriteString("</strong>, ")
		writeTime(b, n.At, loc)
		b.WriteString(": ")
		writeEsc(b, n.Text)
		b.WriteString("</li>")
	}
	b.WriteString("\n</ul>\n</section>")
}

// leadSizes is the sizes attribute of the lead picture, escaped.
const leadSizes = "\" sizes=\"" + blocks.ColumnSizes + "\">"

func writeLeadImage(b *strings.Builder, img *news.Image) {
	b.WriteString("<figure class=\"lead-image\">\n<picture>")
	if len(img.Animated) > 0 {
		if webp := img.WebPSrcset(); webp != "" {
			b.WriteString("<source media=\"(prefers-reduced-motion: reduce)\" type=\"image/webp\" srcset=\"")
			writeSrcsetAttr(b, webp)
			b.WriteString(leadSizes)
		}
		b.WriteString("<source media=\"(prefers-reduced-motion: reduce)\" srcset=\"")
		writeSrcsetAttr(b, img.Srcset())
		b.WriteString(leadSizes)
		b.WriteString("<img src=\"")
		writeURLAttr(b, img.AnimatedSrc())
		b.WriteString("\" srcset=\"")
		writeSrcsetAttr(b, img.AnimatedSrcset())
	} else {
		if webp := img.WebPSrcset(); webp != "" {
			b.WriteString("<source type=\"image/webp\" srcset=\"")
			writeSrcsetAttr(b, webp)
			b.WriteString(leadSizes)
		}
		b.WriteString("<img src=\"")
		writeURLAttr(b, img.Src)
		b.WriteString("\" srcset=\"")
		writeSrcsetAttr(b, img.Srcset())
	}
	b.WriteString("\" sizes=\"" + blocks.ColumnSizes + "\" width=\"")
	b.WriteString(strconv.Itoa(img.Width))
	b.WriteString("\" height=\"")
	b.WriteString(strconv.Itoa(img.Height))
	b.WriteString("\" alt=\"")
	writeEsc(b, img.Alt)
	b.WriteString("\" loading=\"eager\" fetchpriority=\"high\" decoding=\"async\"></picture>\n")
	if img.Caption != "" || img.Credit != "" {
		b.WriteString("<figcaption>")
		writeEsc(b, img.Caption)
		if img.Credit != "" {
			b.WriteString(" <small class=\"credit\">")
			writeEsc(b, img.Credit)
			b.WriteString("</small>")
		}
		b.WriteString("</figcaption>")
	}
	b.WriteString("\n</figure>")
}
