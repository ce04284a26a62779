package admin

import (
	"net/http"

	"masthead/internal/news"
)

// preview shows the article exactly as readers will see it, drafts too,
// dated as it will be: now for a draft, the scheduled time for a scheduled
// article or update. Pending changes are shown, not the live version. Staff
// the rule table allows only; the newsroom's handler marks it private,
// no-store, and the page is noindex.
func (a *Admin) preview(w http.ResponseWriter, r *http.Request, u *news.User) {
	l, ok := a.articlePage(w, r, u)
	if !ok {
		return
	}
	if !news.Allowed(u.Role, l.own, news.ActPreview, l.stage) {
		a.render(w, r, http.StatusForbidden, "error", page{Title: "Not allowed", User: u, Message: "Your role does not allow you to preview this article."})
		return
	}
	if a.cfg.Preview == nil {
		a.notFound(w, r)
		return
	}
	art, now := l.art, a.store.Now()
	bar := "Preview — not published"
	switch {
	case l.state.Pending && l.live.Status == news.Published:
		bar = "Preview of changes not yet live"
		art.UpdatedAt = now
		if !l.state.UpdateAt.IsZero() {
			art.UpdatedAt = l.state.UpdateAt
		}
	case l.live.Status == news.Published:
		bar = "Preview — this is the live version"
	}
	if art.PublishedAt.IsZero() {
		art.PublishedAt = now
		if !l.state.PublishAt.IsZero() {
			art.PublishedAt = l.state.PublishAt
		}
		art.UpdatedAt = art.PublishedAt
	}
	a.cfg.Preview(w, r, art, bar)
}
