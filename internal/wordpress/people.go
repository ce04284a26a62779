package wordpress

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html"
	"net/url"
	"strconv"
	"strings"

	"masthead/internal/news"
	"masthead/internal/store"
)

// author makes a WordPress user a byline profile: the same slug as an
// author already there is that author (a run again, or a person the
// newsroom added first). The e-mail is kept, privately, as always.
func (im *importer) author(ctx context.Context, wa Author) error {
	name := strings.TrimSpace(html.UnescapeString(wa.DisplayName))
	if name == "" {
		name = strings.TrimSpace(html.UnescapeString(wa.FirstName + " " + wa.LastName))
	}
	if name == "" {
		name = wa.Login
	}
	slug := slugFrom(wa.Login, name)
	a := news.Author{Slug: slug, Name: name, Bio: strings.TrimSpace(html.UnescapeString(wa.Description)), Email: wa.Email}
	if !strings.Contains(a.Email, "@") {
		a.Email = ""
	}
	if a.Slug == "" || a.Validate() != nil {
		im.report.skip("author", wa.ID, wa.Login, "no usable name or slug")
		return nil
	}
	c := im.report.count("author")
	if im.opt.DryRun {
		a.ID = im.fake()
		im.authors[wa.Login] = a
		c.Imported++
		return nil
	}
	known, err := im.st.WordPressItems(ctx, im.siteKey, "author")
	if err != nil {
		return err
	}
	hash := hashOf(a)
	if it, ok := known[wa.ID]; ok && wa.ID != 0 {
		cur, err := im.st.AuthorByID(ctx, it.TargetID)
		if err == nil {
			if it.Hash == hash {
				c.Unchanged++
			} else {
				cur.Name, cur.Bio, cur.Email = a.Name, a.Bio, a.Email
				if err := im.st.UpdateAuthor(ctx, &cur); err != nil {
					return err
				}
				c.Updated++
			}
			im.authors[wa.Login] = cur
			im.authorRedirects(wa.Login, cur)
			return im.st.SaveWordPressItem(ctx, im.siteKey, "author", store.WordPressItem{WPID: wa.ID, TargetID: cur.ID, Hash: hash})
		}
	}
	if cur, err := im.st.AuthorBySlug(ctx, a.Slug); err == nil {
		a = cur
		im.report.note("author", wa.ID, wa.Login, "matched the author already at /author/%s", a.Slug)
		c.Unchanged++
	} else if news.ErrorCode(err) != news.ENOTFOUND {
		return err
	} else {
		if err := im.st.CreateAuthor(ctx, &a); err != nil {
			return err
		}
		c.Imported++
	}
	im.authors[wa.Login] = a
	im.authorRedirects(wa.Login, a)
	if wa.ID == 0 {
		return nil
	}
	return im.st.SaveWordPressItem(ctx, im.siteKey, "author", store.WordPressItem{WPID: wa.ID, TargetID: a.ID, Hash: hash})
}

// authorRedirects sends WordPress's author archive and feed, addressed by
// the login, to the author's page and feed.
func (im *importer) authorRedirects(login string, a news.Author) {
	if login == "" {
		return
	}
	im.addRedirect("/author/"+url.PathEscape(login), a.URL())
	im.addRedirect("/author/"+url.PathEscape(login)+"/feed", a.URL()+"/feed.xml")
}

// term remembers a category; sections are made from categories as posts
// use them, so a category no post is filed under adds nothing to the menu.
func (im *importer) term(t Term) error {
	if t.Taxonomy == "category" {
		im.categories[t.Slug] = t
	}
	return nil
}

// topCategory returns the top-level category of the category with slug,
// following parents (WordPress names a category's parent by slug).
func (im *importer) topCategory(slug string) Term {
	t, ok := im.categories[slug]
	if !ok {
		return Term{Slug: slug}
	}
	for range 20 { // a loop in the parents ends here
		p, ok := im.categories[t.Parent]
		if t.Parent == "" || !ok {
			break
		}
		t = p
	}
	return t
}

// categoryPath is a category's slugs from the top, as WordPress's
// /category/parent/child/ addresses spell them.
func (im *importer) categoryPath(slug string) string {
	parts := []string{slug}
	t := im.categories[slug]
	for range 20 {
		p, ok := im.categories[t.Parent]
		if t.Parent == "" || !ok {
			break
		}
		parts = append([]string{p.Slug}, parts...)
		t = p
	}
	return strings.Join(parts, "/")
}

// section returns the section a top-level category becomes, making it on
// first use; a section with the same slug is that section.
func (im *importer) section(ctx context.Context, cat Term, name string) (news.Section, error) {
	if s, ok := im.sections[cat.Slug]; ok {
		return s, nil
	}
	if cat.Name != "" {
		name = cat.Name
	}
	name = strings.TrimSpace(html.UnescapeString(name))
	slug := slugFrom(cat.Slug, name)
	if cat.Slug == "uncategorized" && im.opt.DefaultSection != "" {
		name, slug = im.opt.DefaultSection, slugFrom("", im.opt.DefaultSection)
	}
	if slug == "" {
		slug = "section"
	}
	if news.ValidateRootSlug(slug) != nil {
		slug += "-news"
	}
	sec := news.Section{Slug: slug, Name: name, Description: strings.TrimSpace(html.UnescapeString(cat.Description))}
	c := im.report.count("section")
	if im.opt.DryRun {
		sec.ID = im.fake()
		c.Imported++
	} else if cur, err := im.st.SectionBySlug(ctx, slug); err == nil {
		sec = cur
		c.Unchanged++
	} else if news.ErrorCode(err) != news.ENOTFOUND {
		return sec, err
	} else {
		// A static page may hold the slug: the section takes another.
		for i := 2; ; i++ {
			err := im.st.CreateSection(ctx, &sec)
			if news.ErrorCode(err) != news.ECONFLICT && news.ErrorCode(err) != news.EINVALID || i > 9 {
				if err != nil {
					return sec, err
				}
				break
			}
			sec.Slug = slug + "-" + strconv.Itoa(i)
		}
		c.Imported++
	}
	im.sections[cat.Slug] = sec
	if cat.Slug != "" {
		im.addRedirect("/category/"+im.categoryPath(cat.Slug), sec.URL())
		im.addRedirect("/category/"+im.categoryPath(cat.Slug)+"/feed", sec.URL()+"/feed.xml")
	}
	return sec, nil
}

// slugFrom makes a Masthead slug from a WordPress one (percent-encoded,
// perhaps not ASCII) or, failing that, from a name.
func slugFrom(wpSlug, name string) string {
	if s, err := url.PathUnescape(wpSlug); err == nil {
		wpSlug = s
	}
	if s := news.Slugify(wpSlug); s != "" {
		return s
	}
	return news.Slugify(name)
}

// hashOf is a short fingerprint of what an item became, to tell a changed
// item from an unchanged one on a run again.
func hashOf(v any) string {
	b, _ := json.Marshal(v)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}
