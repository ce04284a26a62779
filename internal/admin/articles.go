package admin

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"masthead/internal/news"
	"masthead/internal/store"
)

// The article API is what the editor calls: JSON in, JSON out. Every rule of
// the workflow is checked here, whatever the editor shows.

// maxArticleBytes bounds an article save: a long read with many blocks fits
// many times over.
const maxArticleBytes = 4 << 20

// articleDoc is an article as the editor receives it.
type articleDoc struct {
	Article   news.Article `json:"article"`
	Version   int          `json:"version"`
	Stage     string       `json:"stage"`
	PublishAt *time.Time   `json:"publish_at,omitempty"`
	Preview   string       `json:"preview"`
}

// apiError is every refusal: a message at a field when there is one, and on
// a conflict the newer article.
type apiError struct {
	Error   string      `json:"error"`
	Field   string      `json:"field,omitempty"`
	Current *articleDoc `json:"current,omitempty"`
}

// actionRequest is the body of every change: the version it is based on and
// what the action needs.
type actionRequest struct {
	Base    int           `json:"base"`
	Article *news.Article `json:"article,omitempty"`
	At      *time.Time    `json:"at,omitempty"`      // publish: a future time schedules
	Version int           `json:"version,omitempty"` // restore
	// Autosave marks a save the editor made by itself, not on the writer's
	// Save (the editor sends it on every save).
	Autosave bool `json:"autosave,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (a *Admin) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	var stale *store.StaleError
	if errors.As(err, &stale) {
		doc := a.doc(r, stale.Current, stale.Version)
		writeJSON(w, http.StatusConflict, apiError{Error: news.ErrorMessage(err), Current: &doc})
		return
	}
	var e *news.Error
	errors.As(err, &e)
	switch news.ErrorCode(err) {
	case news.EINVALID:
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: e.Message, Field: e.Field})
	case news.ECONFLICT:
		writeJSON(w, http.StatusConflict, apiError{Error: e.Message, Field: e.Field})
	case news.ENOTFOUND:
		writeJSON(w, http.StatusNotFound, apiError{Error: e.Message})
	default:
		a.log.Error("admin api", "path", r.URL.Path, "err", err)
		writeJSON(w, http.StatusInternalServerError, apiError{Error: "Something went wrong on our side; nothing was changed. Try again."})
	}
}

func (a *Admin) doc(r *http.Request, art news.Article, version int) articleDoc {
	d := articleDoc{Article: art, Version: version, Preview: "/admin/preview/" + strconv.FormatInt(art.ID, 10)}
	if st, err := a.store.ArticleState(r.Context(), art.ID); err == nil {
		d.Stage = st.Stage(art.Status)
		if !st.PublishAt.IsZero() {
			d.PublishAt = &st.PublishAt
		}
	}
	return d
}

// readJSON decodes a request body, answering 413 or 400 itself.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxArticleBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeJSON(w, http.StatusRequestEntityTooLarge, apiError{Error: "That is too large to save; nothing was changed."})
		} else {
			writeJSON(w, http.StatusBadRequest, apiError{Error: "That could not be read as an article (" + err.Error() + "); nothing was changed."})
		}
		return false
	}
	return true
}

// loaded is an article with its state, for a handler that checks rules.
type loaded struct {
	art   news.Article
	state store.ArticleState
	own   bool
}

func (a *Admin) load(w http.ResponseWriter, r *http.Request, u *news.User) (loaded, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeJSON(w, http.StatusNotFound, apiError{Error: "There is no such article."})
		return loaded{}, false
	}
	var l loaded
	if l.art, err = a.store.ArticleByID(r.Context(), id); err != nil {
		a.apiFail(w, r, err)
		return l, false
	}
	if l.state, err = a.store.ArticleState(r.Context(), id); err != nil {
		a.apiFail(w, r, err)
		return l, false
	}
	l.own = isOwn(u, l.art, l.state)
	return l, true
}

// isOwn reports whether the article is the person's: they made it, or their
// author profile is on its byline.
func isOwn(u *news.User, art news.Article, st store.ArticleState) bool {
	if st.CreatedBy == u.ID {
		return true
	}
	return u.AuthorID != 0 && slices.ContainsFunc(art.Authors, func(au news.Author) bool { return au.ID == u.AuthorID })
}

func (a *Admin) refuse(w http.ResponseWriter, u *news.User, act news.Action) {
	writeJSON(w, http.StatusForbidden, apiError{Error: "Your role (" + string(u.Role) + ") does not allow you to " + string(act) + " this article."})
}

func (a *Admin) getArticle(w http.ResponseWriter, r *http.Request, u *news.User) {
	l, ok := a.load(w, r, u)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, a.doc(r, l.art, l.state.Version))
}

// createArticle starts a draft. A person with an author profile is its
// first byline unless the draft names others.
func (a *Admin) createArticle(w http.ResponseWriter, r *http.Request, u *news.User) {
	var req actionRequest
	if !readJSON(w, r, &req) {
		return
	}
	if req.Article == nil {
		writeJSON(w, http.StatusBadRequest, apiError{Error: "Send the article to create."})
		return
	}
	art := *req.Article
	art.ID, art.Status, art.PublishedAt, art.Notes = 0, news.Draft, time.Time{}, nil
	if len(art.Authors) == 0 && u.AuthorID != 0 {
		art.Authors = []news.Author{{ID: u.AuthorID}}
	}
	version, err := a.store.SaveEdit(r.Context(), store.Edit{Article: &art, By: u.ID, Note: "created"})
	if err != nil {
		a.apiFail(w, r, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "article.create", Subject: "article:" + strconv.FormatInt(art.ID, 10), Detail: art.Headline})
	saved, _ := a.store.ArticleByID(r.Context(), art.ID)
	writeJSON(w, http.StatusCreated, a.doc(r, saved, version))
}

// saveArticle saves the editor's text. It changes no status: publishing and
// the rest are their own actions with their own rules.
func (a *Admin) saveArticle(w http.ResponseWriter, r *http.Request, u *news.User) {
	var req actionRequest
	if !readJSON(w, r, &req) {
		return
	}
	l, ok := a.load(w, r, u)
	if !ok {
		return
	}
	act := news.ActEdit
	if l.art.Status == news.Published {
		act = news.ActUpdate
	}
	if !news.Can(u.Role, l.own, act) {
		a.refuse(w, u, act)
		return
	}
	if req.Article == nil {
		writeJSON(w, http.StatusBadRequest, apiError{Error: "Send the article to save."})
		return
	}
	art := *req.Article
	art.ID, art.Status, art.PublishedAt, art.Notes = l.art.ID, l.art.Status, l.art.PublishedAt, l.art.Notes
	a.save(w, r, u, store.Edit{Article: &art, Base: req.Base, By: u.ID}, "article."+string(act))
}

func (a *Admin) save(w http.ResponseWriter, r *http.Request, u *news.User, e store.Edit, action string) {
	version, err := a.store.SaveEdit(r.Context(), e)
	if err != nil {
		a.apiFail(w, r, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: action, Subject: "article:" + strconv.FormatInt(e.Article.ID, 10),
		Detail: e.Note})
	saved, err := a.store.ArticleByID(r.Context(), e.Article.ID)
	if err != nil {
		a.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a.doc(r, saved, version))
}

// articleAction carries out submit, publish (now or at a time), unpublish
// and restore, each under its rule (notes are in notes.go).
func (a *Admin) articleAction(w http.ResponseWriter, r *http.Request, u *news.User) {
	var req actionRequest
	if !readJSON(w, r, &req) {
		return
	}
	l, ok := a.load(w, r, u)
	if !ok {
		return
	}
	art := l.art
	e := store.Edit{Article: &art, Base: req.Base, By: u.ID}
	var act news.Action
	switch name := r.PathValue("action"); name {
	case "submit":
		act, e.Note = news.ActSubmit, "submitted for review"
		if art.Status != news.Draft {
			writeJSON(w, http.StatusConflict, apiError{Error: "Only a draft can be submitted for review."})
			return
		}
		yes := true
		e.Submitted = &yes
	case "publish":
		act = news.ActPublish
		if art.Status == news.Published {
			writeJSON(w, http.StatusConflict, apiError{Error: "This article is published already."})
			return
		}
		if req.At != nil && req.At.After(a.store.Now()) {
			at := req.At.UTC().Truncate(time.Second)
			e.PublishAt, e.Note = &at, "scheduled for "+at.Format("2 Jan 2006 15:04 UTC")
			// Scheduling keeps it a draft; the job publishes it. The rules of
			// publishing (a byline, alt text) are checked now, not at the hour.
			if err := a.store.CheckPublishable(r.Context(), art); err != nil {
				a.apiFail(w, r, err)
				return
			}
		} else {
			art.Status, e.Note = news.Published, "published"
			var zero time.Time
			no := false
			e.PublishAt, e.Submitted = &zero, &no
		}
	case "unschedule":
		act, e.Note = news.ActPublish, "unscheduled"
		var zero time.Time
		e.PublishAt = &zero
	case "unpublish":
		act, e.Note = news.ActUnpublish, "unpublished"
		if art.Status != news.Published {
			writeJSON(w, http.StatusConflict, apiError{Error: "Only a published article can be unpublished."})
			return
		}
		art.Status = news.Unpublished
	case "restore":
		act = news.ActEdit
		if art.Status == news.Published {
			act = news.ActUpdate
		}
		old, err := a.store.RevisionContent(r.Context(), art.ID, req.Version)
		if err != nil {
			a.apiFail(w, r, err)
			return
		}
		// The words come back; where the article stands (status, dates,
		// corrections) does not.
		art.Headline, art.Standfirst, art.Body, art.Slug = old.Headline, old.Standfirst, old.Body, old.Slug
		art.Tags, art.Authors, art.Sources, art.LeadImage, art.Section = old.Tags, old.Authors, old.Sources, old.LeadImage, old.Section
		e.Note = "restored version " + strconv.Itoa(req.Version)
	default:
		writeJSON(w, http.StatusNotFound, apiError{Error: "There is no such action."})
		return
	}
	if !news.Can(u.Role, l.own, act) {
		a.refuse(w, u, act)
		return
	}
	a.save(w, r, u, e, "article."+r.PathValue("action"))
}

func (a *Admin) revisions(w http.ResponseWriter, r *http.Request, u *news.User) {
	l, ok := a.load(w, r, u)
	if !ok {
		return
	}
	list, err := a.store.Revisions(r.Context(), l.art.ID)
	if err != nil {
		a.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list)
}

func (a *Admin) revision(w http.ResponseWriter, r *http.Request, u *news.User) {
	l, ok := a.load(w, r, u)
	if !ok {
		return
	}
	v, err := strconv.Atoi(r.PathValue("version"))
	if err != nil {
		writeJSON(w, http.StatusNotFound, apiError{Error: "There is no such version."})
		return
	}
	old, err := a.store.RevisionContent(r.Context(), l.art.ID, v)
	if err != nil {
		a.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, old)
}

// preview shows the article exactly as readers will see it, drafts too, to
// staff only (the newsroom's handler marks it private, no-store).
func (a *Admin) preview(w http.ResponseWriter, r *http.Request, u *news.User) {
	art, _, ok := a.articlePage(w, r)
	if !ok {
		return
	}
	if a.cfg.Preview == nil {
		a.notFound(w, r)
		return
	}
	a.cfg.Preview(w, r, art)
}
