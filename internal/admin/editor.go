package admin

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"masthead/internal/news"
	"masthead/internal/store"
)

// editorData is what the editor page shows and its script starts from.
type editorData struct {
	Doc       articleDoc
	Sections  []news.Section
	Authors   []news.Author
	Bylines   []int64 // the article's byline author IDs, in order, padded with zeros to the rows shown
	Tags      string
	Sources   []news.Source
	Script    string
	Style     string
	CanSubmit bool
	CanPub    bool
	CanUnpub  bool
	Stage     string
}

func (a *Admin) newArticle(w http.ResponseWriter, r *http.Request, u *news.User) {
	art := news.Article{Status: news.Draft}
	if u.AuthorID != 0 {
		art.Authors = []news.Author{{ID: u.AuthorID}}
	}
	a.editorPage(w, r, u, loaded{art: art, live: art, stage: news.StageDraft, own: true})
}

// articlePage loads the article a newsroom page's path names as the
// newsroom edits it, and checks that the person may see it; it answers 404,
// 403 or 500 itself and reports whether to go on.
func (a *Admin) articlePage(w http.ResponseWriter, r *http.Request, u *news.User) (loaded, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.notFound(w, r)
		return loaded{}, false
	}
	ed, err := a.store.EditableArticle(r.Context(), id)
	if err != nil {
		a.failPage(w, r, u, "", err)
		return loaded{}, false
	}
	l := loadedFrom(u, ed)
	if !news.Allowed(u.Role, l.own, news.ActView, l.stage) {
		a.render(w, r, http.StatusForbidden, "error", page{Title: "Not allowed", User: u,
			Message: "This article is someone else's, and your role (" + string(u.Role) + ") opens only your own."})
		return l, false
	}
	return l, true
}

func (a *Admin) editArticle(w http.ResponseWriter, r *http.Request, u *news.User) {
	l, ok := a.articlePage(w, r, u)
	if !ok {
		return
	}
	a.editorPage(w, r, u, l)
}

func (a *Admin) editorPage(w http.ResponseWriter, r *http.Request, u *news.User, l loaded) {
	art := l.art
	sections, err := a.store.Sections(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	authors, err := a.store.Authors(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	d := editorData{Sections: sections, Authors: authors, Script: editorScriptPath, Style: editorStyle.path, Sources: art.Sources}
	d.Doc = a.doc(r, u, l)
	if art.ID == 0 {
		d.Doc.Preview = ""
	}
	d.Stage = d.Doc.Stage
	for _, au := range art.Authors {
		d.Bylines = append(d.Bylines, au.ID)
	}
	for len(d.Bylines) < 3 || len(d.Bylines) < len(art.Authors)+1 {
		d.Bylines = append(d.Bylines, 0)
	}
	for len(d.Sources) < 3 {
		d.Sources = append(d.Sources, news.Source{})
	}
	var tags []string
	for _, t := range art.Tags {
		tags = append(tags, t.Name)
	}
	d.Tags = strings.Join(tags, ", ")
	d.CanSubmit = slices.Contains(d.Doc.Actions, news.ActSubmit)
	d.CanPub = slices.Contains(d.Doc.Actions, news.ActPublish) || slices.Contains(d.Doc.Actions, news.ActUpdate)
	d.CanUnpub = slices.Contains(d.Doc.Actions, news.ActUnpublish)
	title := "New article"
	if art.ID != 0 {
		title = "Edit: " + art.Headline
	}
	a.render(w, r, http.StatusOK, "editor", page{Title: title, User: u, Data: d})
}

// presenceAPI records that the person has the article open and answers who
// else does.
func (a *Admin) presenceAPI(w http.ResponseWriter, r *http.Request, u *news.User) {
	l, ok := a.load(w, r, u)
	if !ok {
		return
	}
	names, err := a.store.Present(r.Context(), l.art.ID, u.ID)
	if err != nil {
		a.apiFail(w, r, err)
		return
	}
	out, err := a.presenceAnswer(r, l.art.ID, names)
	if err != nil {
		a.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

type revisionsData struct {
	Article   news.Article
	Revisions []store.Revision
	Shown     int        // the version whose changes are shown
	Changes   [][]change // paragraphs
	CanRevert bool
	Version   int // the current version
}

// revisionsPage lists every save with who made it, shows what one save
// changed, word by word, and offers to restore any version.
func (a *Admin) revisionsPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	l, ok := a.articlePage(w, r, u)
	if !ok {
		return
	}
	art, st := l.art, l.state
	id := art.ID
	revs, err := a.store.Revisions(r.Context(), id)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	d := revisionsData{Article: art, Revisions: revs, Version: st.Version}
	d.CanRevert = news.Allowed(u.Role, l.own, news.ActRestore, l.stage)
	if len(revs) > 0 {
		d.Shown = revs[0].Version
		if v, err := strconv.Atoi(r.URL.Query().Get("v")); err == nil {
			d.Shown = v
		}
		cur, err := a.store.RevisionContent(r.Context(), id, d.Shown)
		if err != nil {
			a.failPage(w, r, u, "", err)
			return
		}
		var prevText string
		if prev, err := a.store.RevisionContent(r.Context(), id, d.Shown-1); err == nil {
			prevText = readable(prev)
		}
		d.Changes = diffText(prevText, readable(cur))
	}
	a.render(w, r, http.StatusOK, "revisions", page{Title: "Revisions: " + art.Headline, User: u, Data: d})
}

// readable is an article's words as the revisions view compares them.
func readable(a news.Article) string {
	return a.Headline + "\n" + a.Standfirst + "\n" + a.Body.Text()
}
