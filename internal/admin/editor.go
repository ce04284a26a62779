package admin

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"path"
	"strconv"
	"strings"

	"masthead/internal/news"
	"masthead/internal/store"
)

//go:embed static
var static embed.FS

// The editor's script (bundled by tools/bundle) and style sheet are served
// under names that change with their content, so browsers may keep them for
// a year.
var (
	editorScript, editorScriptPath = staticAsset("editor.js")
	editorStyle, editorStylePath   = staticAsset("editor.css")
)

func staticAsset(name string) ([]byte, string) {
	b, err := static.ReadFile("static/" + name)
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256(b)
	ext := path.Ext(name)
	return b, "/admin/static/" + strings.TrimSuffix(name, ext) + "-" + hex.EncodeToString(sum[:6]) + ext
}

func (a *Admin) serveEditorScript(w http.ResponseWriter, r *http.Request) {
	var body []byte
	h := w.Header()
	switch r.URL.Path {
	case editorScriptPath:
		body = editorScript
		h.Set("Content-Type", "text/javascript; charset=utf-8")
	case editorStylePath:
		body = editorStyle
		h.Set("Content-Type", "text/css; charset=utf-8")
	default:
		a.notFound(w, r)
		return
	}
	h.Set("Cache-Control", "private, max-age=31536000, immutable")
	_, _ = w.Write(body)
}

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
	a.editorPage(w, r, u, art, store.ArticleState{}, true)
}

// articlePage loads the article a newsroom page's path names, with its
// state; it answers 404 or 500 itself and reports whether to go on.
func (a *Admin) articlePage(w http.ResponseWriter, r *http.Request) (news.Article, store.ArticleState, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.notFound(w, r)
		return news.Article{}, store.ArticleState{}, false
	}
	art, err := a.store.ArticleByID(r.Context(), id)
	if news.ErrorCode(err) == news.ENOTFOUND {
		a.notFound(w, r)
		return art, store.ArticleState{}, false
	}
	if err != nil {
		a.serverError(w, r, err)
		return art, store.ArticleState{}, false
	}
	st, err := a.store.ArticleState(r.Context(), id)
	if err != nil {
		a.serverError(w, r, err)
		return art, st, false
	}
	return art, st, true
}

func (a *Admin) editArticle(w http.ResponseWriter, r *http.Request, u *news.User) {
	art, st, ok := a.articlePage(w, r)
	if !ok {
		return
	}
	a.editorPage(w, r, u, art, st, isOwn(u, art, st))
}

func (a *Admin) editorPage(w http.ResponseWriter, r *http.Request, u *news.User, art news.Article, st store.ArticleState, own bool) {
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
	d := editorData{Sections: sections, Authors: authors, Script: editorScriptPath, Style: editorStylePath, Sources: art.Sources}
	d.Doc = articleDoc{Article: art, Version: st.Version}
	if art.ID != 0 {
		d.Doc = a.doc(r, art, st.Version)
	}
	d.Stage = d.Doc.Stage
	if d.Stage == "" {
		d.Stage = "draft"
	}
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
	d.CanSubmit = news.Can(u.Role, own, news.ActSubmit)
	d.CanPub = news.Can(u.Role, own, news.ActPublish)
	d.CanUnpub = news.Can(u.Role, own, news.ActUnpublish)
	title := "New article"
	if art.ID != 0 {
		title = "Edit: " + art.Headline
	}
	a.render(w, r, http.StatusOK, "editor", page{Title: title, User: u, Data: d})
}

// presenceAPI records that the person has the article open and answers who
// else does.
func (a *Admin) presenceAPI(w http.ResponseWriter, r *http.Request, u *news.User) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeJSON(w, http.StatusNotFound, apiError{Error: "There is no such article."})
		return
	}
	names, err := a.store.Present(r.Context(), id, u.ID)
	if err != nil {
		a.apiFail(w, r, err)
		return
	}
	out, err := a.presenceAnswer(r, id, names)
	if err != nil {
		a.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

type revisionsData struct {
	Article   news.Article
	Revisions []store.Revision
	Shown     int // the version whose changes are shown
	Changes   []change
	CanRevert bool
	Version   int // the current version
}

// revisionsPage lists every save with who made it, shows what one save
// changed, word by word, and offers to restore any version.
func (a *Admin) revisionsPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	art, st, ok := a.articlePage(w, r)
	if !ok {
		return
	}
	id := art.ID
	revs, err := a.store.Revisions(r.Context(), id)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	d := revisionsData{Article: art, Revisions: revs, Version: st.Version}
	act := news.ActEdit
	if art.Status == news.Published {
		act = news.ActUpdate
	}
	d.CanRevert = news.Can(u.Role, isOwn(u, art, st), act)
	if len(revs) > 0 {
		d.Shown = revs[0].Version
		if v, err := strconv.Atoi(r.URL.Query().Get("v")); err == nil {
			d.Shown = v
		}
		cur, err := a.store.RevisionContent(r.Context(), id, d.Shown)
		if news.ErrorCode(err) == news.ENOTFOUND {
			a.notFound(w, r)
			return
		}
		if err != nil {
			a.serverError(w, r, err)
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
