package admin

import (
	"net/http"
	"strconv"

	"masthead/internal/news"
	"masthead/internal/store"
)

// use is one place a library picture is used, as the picture's page lists
// it: what it is, and where it can be changed.
type use struct {
	store.PictureUse
	Link string
}

// kindName is how the picture's page names a kind of work.
var kindName = map[string]string{store.UseArticle: "Article", store.UsePage: "Page", store.UseAuthor: "Author", store.UseSetting: "Setting"}

// Name is the use's kind, as a person reads it.
func (u use) Name() string { return kindName[u.Kind] }

// editLink is the newsroom screen where a use of a picture can be changed.
func editLink(p store.PictureUse) string {
	id := strconv.FormatInt(p.ID, 10)
	switch p.Kind {
	case store.UseArticle:
		return "/admin/articles/" + id
	case store.UsePage:
		return "/admin/pages/" + id
	case store.UseAuthor:
		return "/admin/authors/" + id
	}
	return "/admin/settings"
}

// pictureUses lists where a picture is used, leaving out the articles the
// person may not open: a contributor must not learn the headline of someone
// else's draft from a picture's page. hidden counts what was left out, so
// the page can still say the picture is used elsewhere.
func (a *Admin) pictureUses(r *http.Request, u *news.User, asset int64) (out []use, hidden int, err error) {
	list, err := a.store.AssetUses(r.Context(), asset)
	if err != nil {
		return nil, 0, err
	}
	everyArticle := seesEveryArticle(u.Role)
	for _, p := range list {
		if p.Kind == store.UseArticle && !everyArticle {
			ed, err := a.store.EditableArticle(r.Context(), p.ID)
			if err != nil {
				return nil, 0, err
			}
			if l := loadedFrom(u, ed); !news.Allowed(u.Role, l.own, news.ActView, l.stage) {
				hidden++
				continue
			}
		}
		out = append(out, use{PictureUse: p, Link: editLink(p)})
	}
	return out, hidden, nil
}

// pictureUsesOf is what a change to a library picture would change.
type pictureUsesOf struct {
	n       int    // published pieces of work that show it
	refused string // one the person may not change, if any
}

// pictureRights finds the published work that shows the picture and asks
// whether the person may change each: changing the picture's words or file
// changes those pages. An article asks the rule table (the right to make
// changes to it live); a page and an author's profile need an editor, as
// their screens do; a setting needs an admin.
func (a *Admin) pictureRights(r *http.Request, u *news.User, asset int64) (pictureUsesOf, error) {
	list, err := a.store.AssetUses(r.Context(), asset)
	if err != nil {
		return pictureUsesOf{}, err
	}
	var out pictureUsesOf
	seen := map[store.PictureUse]bool{}
	for _, p := range list {
		key := store.PictureUse{Kind: p.Kind, ID: p.ID, Title: p.Title}
		if !p.Published || seen[key] {
			continue
		}
		seen[key] = true
		out.n++
		if out.refused != "" {
			continue
		}
		allowed := false
		switch p.Kind {
		case store.UseArticle:
			ed, err := a.store.EditableArticle(r.Context(), p.ID)
			if err != nil {
				return out, err
			}
			l := loadedFrom(u, ed)
			allowed = news.Allowed(u.Role, l.own, news.ActUpdate, news.StagePending)
		case store.UsePage, store.UseAuthor:
			allowed = u.Role.AtLeast(news.RoleEditor)
		case store.UseSetting:
			allowed = u.Role.AtLeast(news.RoleAdmin)
		}
		if !allowed {
			out.refused = p.Title
		}
	}
	return out, nil
}
