package admin

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"masthead/internal/news"
	"masthead/internal/problem"
	"masthead/internal/store"
)

// The article API is what the editor calls: JSON in, JSON out. Every rule of
// the workflow is checked here, whatever the editor shows.

// maxArticleBytes bounds an article save: a long read with many blocks fits
// many times over.
const maxArticleBytes = 4 << 20

// articleDoc is an article as the editor receives it: the version to edit
// (the pending one when a live article has changes not yet live), where it
// stands, and what the person may do to it now.
type articleDoc struct {
	Article       news.Article  `json:"article"`
	Version       int           `json:"version"`
	Stage         string        `json:"stage"`
	Pending       bool          `json:"pending"`
	PublishAt     *time.Time    `json:"publish_at,omitempty"`
	PublishAtText string        `json:"publish_at_text,omitempty"`
	Actions       []news.Action `json:"actions"`
	Preview       string        `json:"preview"`
	LiveURL       string        `json:"live_url"`
	Message       string        `json:"message,omitempty"`
}

// apiError is every refusal: a message at a field when there is one, and on
// a conflict the newer article. It goes out as an RFC 9457 problem
// document, with error, field and current as extensions the editor reads.
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
	if e, ok := v.(apiError); ok {
		p := problem.New(status, e.Error)
		p.Error = e.Error
		if e.Current != nil {
			p.Current = e.Current
		}
		if e.Field != "" {
			p.Field, p.Errors = e.Field, []problem.FieldError{{Field: e.Field, Message: e.Error}}
		}
		problem.Write(w, p)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (a *Admin) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	var stale *store.StaleError
	if errors.As(err, &stale) {
		ed, lerr := a.store.EditableArticle(r.Context(), stale.Current.ID)
		u, _ := a.signedIn(r)
		if lerr != nil || u == nil {
			writeJSON(w, news.HTTPStatus(err), apiError{Error: news.ErrorMessage(err)})
			return
		}
		doc := a.doc(r, u, loadedFrom(u, ed))
		writeJSON(w, news.HTTPStatus(err), apiError{Error: news.ErrorMessage(err), Current: &doc})
		return
	}
	switch {
	case news.ErrorCode(err) == news.EUNAVAILABLE:
		a.log.Warn("admin api: cannot save", "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", strconv.Itoa(news.RetryAfter))
	case !refusal(err):
		a.log.Error("admin api", "path", r.URL.Path, "err", err)
		writeJSON(w, news.HTTPStatus(err), apiError{Error: "Something went wrong on our side; nothing was changed. Try again."})
		return
	}
	var e *news.Error
	errors.As(err, &e)
	writeJSON(w, news.HTTPStatus(err), apiError{Error: e.Message, Field: e.Field})
}

// doc is the article document of l for u.
func (a *Admin) doc(r *http.Request, u *news.User, l loaded) articleDoc {
	d := articleDoc{Article: l.art, Version: l.state.Version, Stage: string(l.stage), Pending: l.state.Pending,
		Preview: "/admin/preview/" + strconv.FormatInt(l.art.ID, 10), Actions: []news.Action{}}
	if l.stage == news.StagePending {
		d.Stage = string(news.StagePublished)
	}
	if l.live.Status == news.Published {
		d.LiveURL = l.live.URL()
	}
	at := l.state.PublishAt
	if at.IsZero() {
		at = l.state.UpdateAt
	}
	if !at.IsZero() {
		d.PublishAt, d.PublishAtText = &at, a.when(r.Context(), at)
	}
	for _, act := range news.AllowedActions(u.Role, l.own, l.stage) {
		if act == news.ActRestore || !applies(act, l) {
			continue
		}
		d.Actions = append(d.Actions, act)
	}
	return d
}

// applies reports whether an action the rules allow makes sense now: there
// are pending changes to make live or drop, a time to call off, or
// something not yet live to publish or schedule.
func applies(act news.Action, l loaded) bool {
	switch act {
	case news.ActUpdate, news.ActDiscard:
		return l.state.Pending
	case news.ActUnschedule:
		return !l.state.PublishAt.IsZero() || !l.state.UpdateAt.IsZero()
	case news.ActPublish:
		// A live story is not published again: its changes go live by
		// Update, which the editor offers instead.
		return l.stage != news.StagePublished && l.stage != news.StagePending
	case news.ActSchedule:
		return l.stage != news.StagePublished
	}
	return true
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

// loaded is an article as the newsroom edits it, with its live version,
// its state and stage, and whether it is the person's own.
type loaded struct {
	art   news.Article
	live  news.Article
	state store.ArticleState
	stage news.Stage
	own   bool
}

func loadedFrom(u *news.User, ed store.Editable) loaded {
	l := loaded{art: ed.Article, live: ed.Live, state: ed.State, stage: ed.State.Stage(ed.Live.Status)}
	// Ownership is read from the live article: a byline added in a pending
	// version gives no rights until someone allowed makes it live.
	l.own = isOwn(u, ed.Live, ed.State)
	return l
}

// load reads the article the path names and checks that the person may
// see it; it answers 404 or 403 itself.
func (a *Admin) load(w http.ResponseWriter, r *http.Request, u *news.User) (loaded, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		a.apiFail(w, r, notFoundf("There is no such article."))
		return loaded{}, false
	}
	ed, err := a.store.EditableArticle(r.Context(), id)
	if err != nil {
		a.apiFail(w, r, err)
		return loaded{}, false
	}
	l := loadedFrom(u, ed)
	if !news.Allowed(u.Role, l.own, news.ActView, l.stage) {
		a.refuse(w, u, news.ActView)
		return l, false
	}
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

// refuse answers 403 in words: what the role may not do, and why when the
// article's stage is the reason.
func (a *Admin) refuse(w http.ResponseWriter, u *news.User, act news.Action) {
	msg := "Your role (" + string(u.Role) + ") does not allow you to " + string(act) + " this article."
	if act == news.ActView {
		msg = "This article is someone else's, and your role (" + string(u.Role) + ") opens only your own."
	}
	writeJSON(w, http.StatusForbidden, apiError{Error: msg})
}

func (a *Admin) getArticle(w http.ResponseWriter, r *http.Request, u *news.User) {
	l, ok := a.load(w, r, u)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, a.doc(r, u, l))
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
	if _, err := a.store.SaveEdit(r.Context(), store.Edit{Article: &art, By: u.ID, Note: "created"}); err != nil {
		a.apiFail(w, r, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "article.create", Subject: "article:" + strconv.FormatInt(art.ID, 10), Detail: art.Headline})
	a.answer(w, r, u, art.ID, http.StatusCreated, "Draft saved")
}

// saveArticle saves the editor's text. It changes no status: publishing and
// the rest are their own actions with their own rules. A live article's
// text is saved as its pending version: readers see none of it until
// Update.
func (a *Admin) saveArticle(w http.ResponseWriter, r *http.Request, u *news.User) {
	var req saveRequest
	if !readJSON(w, r, &req) {
		return
	}
	l, ok := a.load(w, r, u)
	if !ok {
		return
	}
	if !news.Allowed(u.Role, l.own, news.ActEdit, l.stage) {
		a.refuseIn(w, u, l, news.ActEdit)
		return
	}
	if req.Article == nil {
		writeJSON(w, http.StatusBadRequest, apiError{Error: "Send the article to save."})
		return
	}
	art := *req.Article
	art.ID, art.Status, art.PublishedAt, art.Notes = l.art.ID, l.live.Status, l.live.PublishedAt, l.live.Notes
	e := store.Edit{Article: &art, Base: req.Base, By: u.ID, Autosave: req.Autosave, KeepIfStale: true,
		Pending: l.stage.Live(), Note: "saved"}
	msg := "Saved"
	if req.Autosave {
		e.Note = "autosaved"
	}
	if e.Pending {
		e.Note += " (not yet live)"
		msg = "Saved — changes not yet live"
	}
	if over, ok := a.override(r, u, l, req.Base); ok {
		e.Note += "; " + over
		a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "article.override", Subject: "article:" + strconv.FormatInt(art.ID, 10), Detail: over})
	}
	a.save(w, r, u, e, "article.save", msg)
}

// saveRequest is the body of a save.
type saveRequest struct {
	Base     int           `json:"base"`
	Article  *news.Article `json:"article"`
	Autosave bool          `json:"autosave"`
}

// override reports, in words for the revisions and the audit log, that this
// save keeps the person's text over someone else's version, after that
// version made an earlier save of theirs stale.
func (a *Admin) override(r *http.Request, u *news.User, l loaded, base int) (string, bool) {
	if _, err := a.store.RefusedSave(r.Context(), l.art.ID, u.ID, base); err != nil {
		return "", false
	}
	by, name, err := a.store.RevisionAuthor(r.Context(), l.art.ID, base)
	if err != nil || by == u.ID {
		return "", false
	}
	if name == "" {
		name = "someone"
	}
	return fmt.Sprintf("%s kept their text over version %d by %s (both are in the revisions)", u.Name, base, name), true
}

// refuseIn answers 403, saying so when the stage is what stops the person:
// a contributor's submitted story, say.
func (a *Admin) refuseIn(w http.ResponseWriter, u *news.User, l loaded, act news.Action) {
	if l.stage != news.StageDraft && news.Allowed(u.Role, l.own, act, news.StageDraft) {
		writeJSON(w, http.StatusForbidden, apiError{Error: "This article is " + stageWords[l.stage] +
			", so your role (" + string(u.Role) + ") can no longer change it. Ask an editor."})
		return
	}
	a.refuse(w, u, act)
}

// stageWords says a stage in a sentence.
var stageWords = map[news.Stage]string{
	news.StageDraft: "a draft", news.StageSubmitted: "submitted for review", news.StageScheduled: "scheduled",
	news.StagePublished: "published", news.StagePending: "published", news.StageUnpublished: "unpublished",
}

// save saves the edit with its entry in the audit log, in one transaction.
func (a *Admin) save(w http.ResponseWriter, r *http.Request, u *news.User, e store.Edit, action, msg string) {
	e.Audit = &news.AuditEntry{UserID: u.ID, Email: u.Email, Action: action, Subject: "article:" + strconv.FormatInt(e.Article.ID, 10),
		Detail: e.Note}
	if _, err := a.store.SaveEdit(r.Context(), e); err != nil {
		a.apiFail(w, r, err)
		return
	}
	a.answer(w, r, u, e.Article.ID, http.StatusOK, msg)
}

// answer writes the article's document after an action, with its message.
func (a *Admin) answer(w http.ResponseWriter, r *http.Request, u *news.User, id int64, status int, msg string) {
	ed, err := a.store.EditableArticle(r.Context(), id)
	if err != nil {
		a.apiFail(w, r, err)
		return
	}
	d := a.doc(r, u, loadedFrom(u, ed))
	d.Message = msg
	writeJSON(w, status, d)
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
		a.apiFail(w, r, notFoundf("There is no such version."))
		return
	}
	old, err := a.store.RevisionContent(r.Context(), l.art.ID, v)
	if err != nil {
		a.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, old)
}
