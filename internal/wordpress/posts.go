package wordpress

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/url"
	"strings"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/news"
	"masthead/internal/store"
)

// skippedTypes are WordPress's own post types that hold no content for
// readers, with the reason the report gives.
var skippedStatus = map[string]string{
	"trash":      "in the trash",
	"auto-draft": "an auto-draft WordPress made and nobody wrote",
	"inherit":    "a revision",
}

// item imports a post or a page; every other item is reported.
func (im *importer) item(ctx context.Context, it *Item) error {
	im.report.Comments += it.Comments
	title := html.UnescapeString(it.Title)
	switch it.Type {
	case "attachment":
		return nil // taken in the first pass
	case "post", "page":
	default:
		im.report.skip(orDash(it.Type), it.ID, title, "post type %q is not imported", it.Type)
		return nil
	}
	if why, ok := skippedStatus[it.Status]; ok {
		im.report.skip(it.Type, it.ID, title, "%s", why)
		return nil
	}
	if it.Type == "page" {
		return im.page(ctx, it)
	}
	return im.post(ctx, it)
}

// post turns a WordPress post into an article and queues it for the next
// batch, or saves it over the article an earlier run made of it.
func (im *importer) post(ctx context.Context, it *Item) error {
	c := im.report.count("post")
	in, ok, err := im.article(ctx, it)
	if err != nil || !ok {
		return err
	}
	if im.posts == nil && !im.opt.DryRun {
		if im.posts, err = im.st.WordPressItems(ctx, im.siteKey, "post"); err != nil {
			return err
		}
	}
	prev, seen := im.posts[it.ID]
	if seen {
		if prev.Hash == in.Item.Hash {
			c.Unchanged++
			im.slugs[in.Article.Slug] = true
			return nil
		}
		v, err := im.st.ArticleVersion(ctx, prev.TargetID)
		if news.ErrorCode(err) == news.ENOTFOUND {
			delete(im.posts, it.ID) // deleted in the newsroom: make it again
			seen = false
		} else if err != nil {
			return err
		} else if v != prev.Version {
			im.report.skip("post", it.ID, in.Article.Headline, "edited in Masthead since it was imported (version %d, imported as %d): left as the newsroom has it", v, prev.Version)
			return nil
		}
	}
	if err := im.uniqueSlug(ctx, &in.Article, it, prev.TargetID); err != nil {
		return err
	}
	im.postRedirects(it, in)
	if im.opt.DryRun {
		im.report.count("redirect").Imported += len(in.Redirects)
		c.Imported++
		return nil
	}
	if seen {
		in.Item.TargetID = prev.TargetID
		rc, err := im.st.UpdateWordPressArticle(ctx, im.siteKey, in)
		if err != nil {
			return fmt.Errorf("post %d (line %d): %w", it.ID, it.Line, err)
		}
		im.countRedirects(rc)
		c.Updated++
		return nil
	}
	im.batch = append(im.batch, *in)
	im.batchLine = append(im.batchLine, it.Line)
	c.Imported++
	if len(im.batch) >= im.opt.BatchSize {
		return im.flush(ctx)
	}
	return nil
}

// flush saves the batch of new posts in one transaction. When the batch
// fails, its posts are tried one by one so the error names the post at
// fault and the ones before it are kept.
func (im *importer) flush(ctx context.Context) error {
	if len(im.batch) == 0 || im.opt.DryRun {
		return nil
	}
	batch, lines := im.batch, im.batchLine
	im.batch, im.batchLine = nil, nil
	rc, err := im.st.ImportWordPressArticles(ctx, im.siteKey, batch)
	if err == nil {
		im.countRedirects(rc)
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	for i := range batch {
		one := batch[i : i+1]
		rc, err := im.st.ImportWordPressArticles(ctx, im.siteKey, one)
		if err != nil {
			im.report.count("post").Imported -= len(batch) - i
			return fmt.Errorf("post %d %q (line %d): %w", batch[i].Item.WPID, batch[i].Article.Headline, lines[i], err)
		}
		im.countRedirects(rc)
	}
	return nil
}

// countRedirects adds what the store found of a save's redirects to the
// report: an address an earlier run made, with the same target, is
// unchanged, not new.
func (im *importer) countRedirects(rc store.RedirectCounts) {
	c := im.report.count("redirect")
	c.Imported += rc.New
	c.Updated += rc.Updated
	c.Unchanged += rc.Unchanged
}

// article converts a post; ok is false when it is skipped.
func (im *importer) article(ctx context.Context, it *Item) (*store.ImportedArticle, bool, error) {
	a := news.Article{Headline: strings.TrimSpace(collapseSpace(html.UnescapeString(it.Title)))}
	title := a.Headline
	note := func(format string, args ...any) { im.report.note("post", it.ID, title, format, args...) }
	if a.Headline == "" {
		a.Headline = "Untitled"
		note("had no title: called %q", a.Headline)
	}
	if r := []rune(a.Headline); len(r) > 200 {
		a.Headline = string(r[:199]) + "…"
		note("title shortened to 200 characters")
	}
	a.Slug = slugFrom(it.Name, a.Headline)
	if a.Slug == "" {
		a.Slug = fmt.Sprintf("post-%d", it.ID)
	}
	a.Standfirst = htmlText(it.Excerpt)
	if r := []rune(a.Standfirst); len(r) > news.MaxStandfirst {
		a.Standfirst = strings.TrimSpace(string(r[:news.MaxStandfirst-1])) + "…"
		note("excerpt shortened to %d characters for the standfirst", news.MaxStandfirst)
	}
	conv := Converter{Pictures: im.pics, Base: im.base}
	out := conv.Convert(it.Content)
	a.Body = out.Doc
	for _, n := range out.Notes {
		note("%s", n)
	}
	in := &store.ImportedArticle{Item: store.WordPressItem{WPID: it.ID, GUID: it.GUID}}

	// Status and dates.
	published := parseTime(it.DateGMT)
	if published.IsZero() {
		published = parseTime(it.Date)
	}
	a.Status = news.Draft
	switch {
	case it.Password != "":
		note("password-protected in WordPress: imported as a draft, never public")
	case it.Status == "publish":
		a.Status, a.PublishedAt = news.Published, published
	case it.Status == "future":
		if published.After(im.st.Now()) {
			in.PublishAt = published
		} else {
			a.Status, a.PublishedAt = news.Published, published
			note("scheduled for a time now past: published with that date")
		}
	case it.Status == "pending":
		in.Submitted = true
	case it.Status == "private":
		note("private in WordPress: imported as a draft, never public")
	case it.Status == "draft":
	default:
		note("status %q unknown: imported as a draft", it.Status)
	}
	a.UpdatedAt = parseTime(it.ModifiedGMT)
	if a.UpdatedAt.Before(a.PublishedAt) {
		a.UpdatedAt = a.PublishedAt
	}
	if a.UpdatedAt.IsZero() {
		a.UpdatedAt = published
	}
	if it.Sticky {
		note("sticky in WordPress: pin it on the front page to keep it on top")
	}

	// Section, tags, bylines.
	if err := im.terms(ctx, it, &a, note); err != nil {
		return nil, false, err
	}
	if au, ok := im.authors[it.Creator]; ok {
		a.Authors = append(a.Authors, au)
	} else if it.Creator != "" {
		note("author %q is not among the export's authors", it.Creator)
	}
	for _, t := range it.Terms {
		if t.Domain != "author" {
			continue
		}
		login := html.UnescapeString(t.Name)
		au, ok := im.authors[login]
		if !ok {
			note("co-author %q is not among the export's authors: left off the byline", login)
			continue
		}
		if !hasAuthor(a.Authors, au.ID) && len(a.Authors) < 20 {
			a.Authors = append(a.Authors, au)
		}
	}
	if a.Status == news.Published && len(a.Authors) == 0 {
		a.Status, a.PublishedAt = news.Draft, time.Time{}
		note("no byline: imported as a draft")
	}

	// The featured picture, and pictures without alt text.
	if id := it.MetaValue("_thumbnail_id"); id != "" {
		var n int64
		fmt.Sscan(id, &n)
		if p, ok := im.pics.ByID(n); ok {
			a.LeadImage = &news.Image{Asset: p.Asset, Alt: p.Alt, Caption: p.Caption}
			if a.Status == news.Published && p.Alt == "" {
				a.LeadImage = nil
				note("featured picture %d has no alt text: left off; add alt text in the library and set it as the lead", n)
			}
		} else {
			note("featured picture %d is not in the uploads folder: left off", n)
		}
	}
	if a.Status == news.Published {
		a.Body = im.dropAltless(a.Body, note)
	}
	if err := validate(&a, note); err != nil {
		im.report.skip("post", it.ID, title, "%s", news.ErrorMessage(err))
		return nil, false, nil
	}
	in.Article = a
	in.Item.Hash = hashOf(struct {
		A         news.Article
		Submitted bool
		At        time.Time
	}{a, in.Submitted, in.PublishAt})
	return in, true, nil
}

// terms files an article under the section of its first category (its
// top-level one; the category itself, if a child, becomes a tag), with
// its other categories and its tags as tags.
func (im *importer) terms(ctx context.Context, it *Item, a *news.Article, note func(string, ...any)) error {
	seen := map[string]bool{}
	addTag := func(wpSlug, name string) {
		name = strings.TrimSpace(html.UnescapeString(name))
		slug := slugFrom(wpSlug, name)
		if slug == "" || seen[slug] {
			return
		}
		if len(a.Tags) >= 50 {
			note("more than 50 tags: %q left off", name)
			return
		}
		tag := news.Tag{Slug: slug, Name: name}
		if err := tag.Validate(); err != nil {
			note("tag %q left off: %s", shorten(name), news.ErrorMessage(err))
			return
		}
		seen[slug] = true
		a.Tags = append(a.Tags, tag)
		if wpSlug != "" {
			// The tag's archive when its slug changed, and its feed always
			// (Masthead's is feed.xml).
			im.addRedirect("/tag/"+wpSlug, "/tag/"+slug)
			im.addRedirect("/tag/"+wpSlug+"/feed", "/tag/"+slug+"/feed.xml")
		}
	}
	for _, t := range it.Terms {
		switch t.Domain {
		case "category":
			top := im.topCategory(t.Slug)
			if a.Section.ID == 0 {
				sec, err := im.section(ctx, top, t.Name)
				if err != nil {
					return err
				}
				a.Section = sec
			}
			if top.Slug != t.Slug || a.Section.ID != im.sections[top.Slug].ID {
				addTag(t.Slug, t.Name)
				if top.Slug != t.Slug {
					slug := slugFrom(t.Slug, t.Name)
					im.addRedirect("/category/"+im.categoryPath(t.Slug), "/tag/"+slug)
					im.addRedirect("/category/"+t.Slug, "/tag/"+slug)
					im.addRedirect("/category/"+im.categoryPath(t.Slug)+"/feed", "/tag/"+slug+"/feed.xml")
				}
			}
		case "post_tag":
			addTag(t.Slug, t.Name)
		}
	}
	if a.Section.ID == 0 {
		sec, err := im.section(ctx, Term{Slug: "uncategorized", Name: "Uncategorized"}, "Uncategorized")
		if err != nil {
			return err
		}
		a.Section = sec
	}
	return nil
}

// dropAltless leaves out of a published article the library pictures with
// no alt text in the post or the library: Masthead publishes none.
func (im *importer) dropAltless(d blocks.Document, note func(string, ...any)) blocks.Document {
	out := d[:0]
	for _, b := range d {
		if b.Type == blocks.TypeImage && b.Asset != 0 && strings.TrimSpace(b.Alt) == "" {
			if p := im.pics.byAsset[b.Asset]; p.Alt == "" {
				note("a picture with no alt text was left out of the body (it is in the media library)")
				continue
			}
		}
		out = append(out, b)
	}
	return out
}

// validate checks the article as the store will; a body that cannot be
// made valid loses its bad blocks (or, past the 2,000 blocks a body holds,
// its last ones), and the article becomes a draft for an editor to look
// at, with a note: a post is never lost for its content.
func validate(a *news.Article, note func(string, ...any)) error {
	demote := func() {
		if a.Status == news.Published {
			a.Status, a.PublishedAt = news.Draft, time.Time{}
		}
	}
	n := 0
	for i, b := range a.Body {
		if n += 1 + len(b.Body); n > blocks.MaxBlocks {
			note("the body has %d blocks, more than the %d a body holds: the last %d were left out and the post is imported as a draft",
				len(a.Body), blocks.MaxBlocks, len(a.Body)-i)
			a.Body = a.Body[:i]
			demote()
			break
		}
	}
	for range blocks.MaxBlocks + 1 {
		err := a.Validate()
		if err == nil {
			return nil
		}
		var ve *blocks.ValidationError
		if !errors.As(a.Body.Validate(), &ve) {
			return err
		}
		note("block %d could not be kept (%s): the post is imported as a draft", ve.Block, ve.Reason)
		a.Body = append(a.Body[:ve.Block-1], a.Body[ve.Block:]...)
		demote()
	}
	return a.Validate()
}

// uniqueSlug gives an article a slug no other article has, with a numbered
// suffix if need be, which is reported; own is the article it replaces.
func (im *importer) uniqueSlug(ctx context.Context, a *news.Article, it *Item, own int64) error {
	base := a.Slug
	for i := 1; ; i++ {
		slug := base
		if i > 1 {
			suffix := fmt.Sprintf("-%d", i)
			slug = strings.TrimRight(base[:min(len(base), 100-len(suffix))], "-") + suffix
		}
		taken := im.slugs[slug]
		if !taken && !im.opt.DryRun {
			m, err := im.st.TakenSlugs(ctx, []string{slug}, false)
			if err != nil {
				return err
			}
			if m[slug] && own != 0 {
				cur, err := im.st.ArticleByID(ctx, own)
				if err == nil && cur.Slug == slug {
					m[slug] = false
				}
			}
			taken = m[slug]
		}
		if !taken {
			if i > 1 {
				im.report.note("post", it.ID, a.Headline, "slug %q was taken: given %q", base, slug)
			}
			a.Slug = slug
			im.slugs[slug] = true
			return nil
		}
	}
}

// postRedirects are a post's old addresses: its permalink, ?p=ID, and its
// permalink with each old slug.
func (im *importer) postRedirects(it *Item, in *store.ImportedArticle) {
	if in.Article.Status != news.Published {
		return
	}
	target := in.Article.URL()
	seen := map[string]bool{}
	add := func(old string) {
		p := oldPath(old)
		if p == "" || p == target || seen[p] {
			return
		}
		r := news.Redirect{Path: p, Target: target, Origin: news.RedirectFromWordPress}
		if r.Validate() == nil {
			seen[p] = true
			in.Redirects = append(in.Redirects, r)
		}
	}
	add(it.Link)
	add(fmt.Sprintf("/?p=%d", it.ID))
	if strings.Contains(it.GUID, "?p=") {
		add(it.GUID)
	}
	link := oldPath(it.Link)
	name := oldPath("/" + it.Name)
	for _, old := range it.Meta["_wp_old_slug"] {
		if name != "" && strings.HasSuffix(link, name) {
			add(strings.TrimSuffix(link, name) + oldPath("/"+old))
		}
	}
	add(link + "/feed") // the post's comment feed
}

// oldPath is the path an old address is matched by: decoded, without a
// trailing slash; WordPress's ?p= and ?page_id= addresses keep that query.
func oldPath(old string) string {
	u, err := url.Parse(strings.TrimSpace(old))
	if err != nil {
		return ""
	}
	p := strings.TrimRight(u.Path, "/")
	q := u.Query()
	for _, k := range []string{"p", "page_id"} {
		if v := q.Get(k); v != "" && (p == "" || p == "/index.php") {
			return "/?" + k + "=" + v
		}
	}
	if p == "" || !strings.HasPrefix(p, "/") {
		return ""
	}
	return p
}

func hasAuthor(list []news.Author, id int64) bool {
	for _, a := range list {
		if a.ID == id {
			return true
		}
	}
	return false
}

// parseTime reads WordPress's "2006-01-02 15:04:05"; its zero date
// (0000-00-00 00:00:00, a draft's GMT date) is the zero time.
func parseTime(s string) time.Time {
	t, err := time.Parse(time.DateTime, strings.TrimSpace(s))
	if err != nil || t.Year() < 1970 {
		return time.Time{}
	}
	return t.UTC()
}

// page imports a published WordPress page as a static page.
func (im *importer) page(ctx context.Context, it *Item) error {
	c := im.report.count("page")
	title := strings.TrimSpace(collapseSpace(html.UnescapeString(it.Title)))
	if it.Status != "publish" || it.Password != "" {
		im.report.skip("page", it.ID, title, "not public in WordPress (%s): static pages are always public", it.Status)
		return nil
	}
	conv := Converter{Pictures: im.pics, Base: im.base}
	out := conv.Convert(it.Content)
	for _, n := range out.Notes {
		im.report.note("page", it.ID, title, "%s", n)
	}
	p := news.Page{Title: title, Slug: slugFrom(it.Name, title), Body: out.Doc, UpdatedAt: parseTime(it.ModifiedGMT)}
	if p.Title == "" {
		p.Title = "Untitled"
	}
	if p.Slug == "" {
		p.Slug = fmt.Sprintf("page-%d", it.ID)
	}
	if news.ValidateRootSlug(p.Slug) != nil {
		p.Slug += "-page"
	}
	if err := p.Body.Validate(); err != nil {
		im.report.skip("page", it.ID, title, "%s", err.Error())
		return nil
	}
	if im.pages == nil && !im.opt.DryRun {
		var err error
		if im.pages, err = im.st.WordPressItems(ctx, im.siteKey, "page"); err != nil {
			return err
		}
	}
	prev, seen := im.pages[it.ID]
	hash := hashOf(p)
	if seen && prev.Hash == hash {
		c.Unchanged++
		return nil
	}
	var redirects []news.Redirect
	base := p.Slug
	for i := 2; ; i++ {
		if !seen && !im.opt.DryRun {
			taken, err := im.st.TakenSlugs(ctx, []string{p.Slug}, true)
			if err != nil {
				return err
			}
			if taken[p.Slug] && i < 50 {
				p.Slug = news.NumberedSlug(base, i)
				continue
			}
		}
		break
	}
	if p.Slug != base {
		im.report.note("page", it.ID, title, "slug %q was taken: given %q", base, p.Slug)
	}
	for _, old := range []string{it.Link, fmt.Sprintf("/?page_id=%d", it.ID)} {
		if op := oldPath(old); op != "" && op != p.URL() {
			redirects = append(redirects, news.Redirect{Path: op, Target: p.URL()})
		}
	}
	if im.opt.DryRun {
		im.report.count("redirect").Imported += len(redirects)
		c.Imported++
		return nil
	}
	item := store.WordPressItem{WPID: it.ID, GUID: it.GUID, Hash: hash, TargetID: prev.TargetID}
	rc, err := im.st.ImportWordPressPage(ctx, im.siteKey, &p, item, redirects)
	if err != nil {
		return fmt.Errorf("page %d (line %d): %w", it.ID, it.Line, err)
	}
	im.countRedirects(rc)
	if seen {
		c.Updated++
	} else {
		c.Imported++
	}
	return nil
}
