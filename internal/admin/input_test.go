package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestClientFaultsAreNot500: an article, section or author that does not
// exist, named in a request, answers 404 or 422 with the field named, and
// changes nothing; the foreign keys of either engine never reach the reader
// as a 500.
func TestClientFaultsAreNot500(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		a, v := d.draft(news.RoleAuthor, news.Draft, "Harbour wall repairs")
		fresh := a
		fresh.ID, fresh.Slug, fresh.Headline = 0, "", "Ferry timetable changes"
		withSection := func(id int64) news.Article { return moved(a, id) }
		withAuthor := func(id int64) news.Article { return bylined(a, id) }
		for _, c := range []struct {
			name, method, path string
			body               any
			status             int
			field              string
		}{
			{"presence on a missing article", "POST", "/admin/api/articles/999999/presence", map[string]any{}, 404, ""},
			{"create in a missing section", "POST", "/admin/api/articles", map[string]any{"article": moved(fresh, 999999)}, 422, "section"},
			{"create in section -1", "POST", "/admin/api/articles", map[string]any{"article": moved(fresh, -1)}, 422, "section"},
			{"create by a missing author", "POST", "/admin/api/articles", map[string]any{"article": bylined(fresh, 999999)}, 422, "authors"},
			{"move to a missing section", "PUT", articlePath(a), map[string]any{"base": v, "article": withSection(999999)}, 422, "section"},
			{"move to section -1", "PUT", articlePath(a), map[string]any{"base": v, "article": withSection(-1)}, 422, "section"},
			{"byline of a missing author", "PUT", articlePath(a), map[string]any{"base": v, "article": withAuthor(999999)}, 422, "authors"},
			{"save a missing article", "PUT", "/admin/api/articles/999999", map[string]any{"base": 1, "article": a}, 404, ""},
		} {
			status, out := d.api(news.RoleEditor, c.method, c.path, c.body)
			if status != c.status {
				t.Errorf("%s: %d, want %d (%v)", c.name, status, c.status, out)
			}
			if msg, _ := out["error"].(string); msg == "" {
				t.Errorf("%s: no message in %v", c.name, out)
			}
			if c.field != "" && out["field"] != c.field {
				t.Errorf("%s: field %v, want %s", c.name, out["field"], c.field)
			}
		}
		got, err := st.ArticleByID(context.Background(), a.ID)
		if err != nil || got.Section.ID != d.section.ID || len(got.Authors) != 1 || got.Authors[0].ID != d.profiles[news.RoleAuthor].ID {
			t.Errorf("a refused save changed the article: %+v %v", got, err)
		}
	})
}

// TestPictureAddressesCheckedAtSave: a lead or sharing picture, or one of
// their sizes, whose address is not a media-library path or https is refused
// at save with the field named, and nothing is saved.
func TestPictureAddressesCheckedAtSave(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		a, v := d.draft(news.RoleAuthor, news.Draft, "Harbour wall repairs")
		for _, c := range []struct {
			name  string
			mod   func(*news.Article)
			field string
		}{
			{"javascript: lead picture", func(x *news.Article) {
				x.LeadImage = &news.Image{Src: "javascript:alert(1)", Width: 10, Height: 10, Alt: "x"}
			}, "lead_image"},
			{"javascript: sharing picture", func(x *news.Article) {
				x.SocialImage = &news.Image{Src: "javascript:alert(1)", Width: 10, Height: 10, Alt: "x"}
			}, "social_image"},
			{"data: lead picture", func(x *news.Article) {
				x.LeadImage = &news.Image{Src: "data:image/svg+xml,<svg onload=alert(1)>", Alt: "x"}
			}, "lead_image"},
			{"protocol-relative lead picture", func(x *news.Article) { x.LeadImage = &news.Image{Src: "//evil.example/x.jpg", Alt: "x"} }, "lead_image"},
			{"a javascript: size", func(x *news.Article) {
				x.LeadImage = &news.Image{Src: "https://pictures.example/x.jpg", Alt: "x",
					Sizes: []news.ImageSize{{Src: "javascript:alert(1)", Width: 320}}}
			}, "lead_image"},
			{"a javascript: source link", func(x *news.Article) {
				x.Sources = []news.Source{{Name: "Report", URL: "javascript:alert(1)"}}
			}, "sources"},
		} {
			x := a
			c.mod(&x)
			status, out := d.api(news.RoleEditor, "PUT", articlePath(a), map[string]any{"base": v, "article": x})
			if status != http.StatusUnprocessableEntity || out["field"] != c.field {
				t.Errorf("%s: %d field %v, want 422 naming %s (%v)", c.name, status, out["field"], c.field, out)
			}
			x.ID, x.Slug, x.Headline = 0, "", "Ferry timetable changes"
			status, out = d.api(news.RoleEditor, "POST", "/admin/api/articles", map[string]any{"article": x})
			if status != http.StatusUnprocessableEntity || out["field"] != c.field {
				t.Errorf("%s, created: %d field %v, want 422 naming %s", c.name, status, out["field"], c.field)
			}
		}
		got, _ := st.ArticleByID(context.Background(), a.ID)
		if got.LeadImage != nil || got.SocialImage != nil || len(got.Sources) != 0 {
			t.Errorf("a refused picture was saved: %+v %+v", got.LeadImage, got.SocialImage)
		}
		// An outside https picture is accepted as it is.
		x := a
		x.LeadImage = &news.Image{Src: "https://pictures.example/harbour.jpg", Width: 1200, Height: 675, Alt: "The wall"}
		if status, out := d.api(news.RoleEditor, "PUT", articlePath(a), map[string]any{"base": v, "article": x}); status != 200 {
			t.Errorf("an https lead picture: %d %v", status, out)
		}
	})
}

// TestLengthLimitsAndReservedSlugsInTheNewsroom: a 60,000-character section
// name or author name, an overlong headline, tag, caption or note, and a
// section or page slug the site uses for itself, are refused with the field
// named, and the home page does not grow.
func TestLengthLimitsAndReservedSlugsInTheNewsroom(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		ed := d.clients[news.RoleEditor]
		huge := strings.Repeat("W", 60000)
		tag := news.Tag{Name: "Ferries"}
		if err := st.EnsureTag(context.Background(), &tag); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name, path string
			form       url.Values
			want       string
		}{
			{"60,000-character section name", "/admin/sections", url.Values{"name": {huge}}, "The section name is 60000 characters long; the limit is 80."},
			{"long section description", "/admin/sections", url.Values{"name": {"Docks"}, "description": {huge}}, "The section description is 60000 characters long"},
			{"section slug privacy", "/admin/sections", url.Values{"name": {"Privacy"}}, `"privacy" is a path the site uses`},
			{"section slug search", "/admin/sections", url.Values{"name": {"Docks"}, "slug": {"search"}}, `"search" is a path the site uses`},
			{"section slug healthz", "/admin/sections", url.Values{"name": {"Docks"}, "slug": {"healthz"}}, `"healthz" is a path the site uses`},
			{"60 KB author name", "/admin/authors/new", url.Values{"name": {huge}}, "The author's name is 60000 characters long; the limit is 120."},
			{"long bio", "/admin/authors/new", url.Values{"name": {"Ana"}, "bio": {huge}}, "The biography is 60000 characters long"},
			{"long tag", "/admin/tags", url.Values{"id": {fmt.Sprint(tag.ID)}, "name": {huge}}, "characters long; the limit is 60."},
		} {
			r := d.do(ed, "POST", c.path, c.form)
			if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, htmlEscape(c.want)) {
				t.Errorf("%s: %d, want 422 saying %q", c.name, r.status, c.want)
			}
		}
		if home := d.do(d.browser(), "GET", "/", nil); home.status != 200 || strings.Contains(home.body, "WWWWWWWWWW") {
			t.Errorf("the home page: %d, with the long name in it: %v", home.status, strings.Contains(home.body, "WWWWWWWWWW"))
		}
		a, v := d.draft(news.RoleAuthor, news.Draft, "Harbour wall repairs")
		for _, c := range []struct {
			name  string
			mod   func(*news.Article)
			field string
		}{
			{"long headline", func(x *news.Article) { x.Headline = huge }, "headline"},
			{"long standfirst", func(x *news.Article) { x.Standfirst = huge }, "standfirst"},
			{"long tag", func(x *news.Article) { x.Tags = []news.Tag{{Name: huge}} }, "tags"},
			{"long slug", func(x *news.Article) { x.Slug = strings.Repeat("a", 101) }, "slug"},
			{"long caption", func(x *news.Article) {
				x.LeadImage = &news.Image{Src: "/media/x.jpg", Alt: "x", Caption: huge}
			}, "lead_image"},
			{"long alt", func(x *news.Article) { x.LeadImage = &news.Image{Src: "/media/x.jpg", Alt: huge} }, "lead_image"},
			{"long credit", func(x *news.Article) { x.SocialImage = &news.Image{Src: "/media/x.jpg", Alt: "x", Credit: huge} }, "social_image"},
			{"long source name", func(x *news.Article) { x.Sources = []news.Source{{Name: huge}} }, "sources"},
			{"long source note", func(x *news.Article) { x.Sources = []news.Source{{Name: "Report", Note: huge}} }, "sources"},
		} {
			x := a
			c.mod(&x)
			status, out := d.api(news.RoleEditor, "PUT", articlePath(a), map[string]any{"base": v, "article": x})
			if status != http.StatusUnprocessableEntity || out["field"] != c.field {
				t.Errorf("%s: %d field %v, want 422 naming %s", c.name, status, out["field"], c.field)
			}
		}
		if got, _ := st.ArticleByID(context.Background(), a.ID); got.Headline != a.Headline {
			t.Errorf("a refused save changed the headline to %.20q…", got.Headline)
		}
	})
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

func moved(a news.Article, section int64) news.Article {
	a.Section = news.Section{ID: section}
	return a
}

func bylined(a news.Article, author int64) news.Article {
	a.Authors = []news.Author{{ID: author}}
	return a
}
