package admin

import (
	"net/http"
	"strconv"
	"time"

	"masthead/internal/news"
)

// noteRequest adds a correction or update, or rewords one (Kind and At are
// then ignored). At defaults to now.
type noteRequest struct {
	Base int           `json:"base"`
	Kind news.NoteKind `json:"kind"`
	Text string        `json:"text"`
	At   *time.Time    `json:"at,omitempty"`
}

// noteRequest reads a note's request and the article, and checks the person
// may add or reword its notes; it answers a refusal itself.
func (a *Admin) noteRequest(w http.ResponseWriter, r *http.Request, u *news.User) (noteRequest, loaded, bool) {
	var req noteRequest
	if !readJSON(w, r, &req) {
		return req, loaded{}, false
	}
	l, ok := a.load(w, r, u)
	if !ok {
		return req, l, false
	}
	if !news.Allowed(u.Role, l.own, news.ActNote, l.stage) {
		a.refuseIn(w, u, l, news.ActNote)
		return req, l, false
	}
	return req, l, true
}

// addNote puts a correction or update on a published article; it is live at
// once, whatever changes of the article wait for Update.
func (a *Admin) addNote(w http.ResponseWriter, r *http.Request, u *news.User) {
	req, l, ok := a.noteRequest(w, r, u)
	if !ok {
		return
	}
	n := news.Note{Kind: req.Kind, Text: req.Text}
	if req.At != nil {
		n.At = *req.At
	}
	version, err := a.store.AddNote(r.Context(), l.art.ID, req.Base, n, u.ID)
	if err != nil {
		a.apiFail(w, r, err)
		return
	}
	a.noteDone(w, r, u, l.art.ID, version, "article.note", "added a "+string(req.Kind)+": "+req.Text,
		map[news.NoteKind]string{news.Correction: "Correction published", news.Update: "Update published"}[req.Kind])
}

// rewordNote changes the words of a correction or update added less than
// store.NoteRewordWindow ago; the path's note number counts from 1, oldest
// first, as the article lists them.
func (a *Admin) rewordNote(w http.ResponseWriter, r *http.Request, u *news.User) {
	req, l, ok := a.noteRequest(w, r, u)
	if !ok {
		return
	}
	pos, err := strconv.Atoi(r.PathValue("note"))
	if err != nil {
		a.apiFail(w, r, notFoundf("There is no such correction or update."))
		return
	}
	version, err := a.store.RewordNote(r.Context(), l.art.ID, req.Base, pos, req.Text, u.ID)
	if err != nil {
		a.apiFail(w, r, err)
		return
	}
	a.noteDone(w, r, u, l.art.ID, version, "article.note.reword", "reworded note "+strconv.Itoa(pos)+": "+req.Text, "Reworded")
}

func (a *Admin) noteDone(w http.ResponseWriter, r *http.Request, u *news.User, id int64, version int, action, detail, message string) {
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: action, Subject: "article:" + strconv.FormatInt(id, 10), Detail: detail})
	a.answer(w, r, u, id, http.StatusOK, message)
}

// presence is the presence answer: who else has the article open, and its
// latest saved version and who saved it, so an editor whose copy is older
// can say so.
type presence struct {
	Others  []presenceOther `json:"others"`
	Version int             `json:"version"`
	SavedBy string          `json:"saved_by,omitempty"`
	SavedAt *time.Time      `json:"saved_at,omitempty"`
	Diff    string          `json:"diff,omitempty"` // the revisions page showing that version's changes
}

type presenceOther struct {
	Name string `json:"name"`
}

// presenceAnswer reads what the presence API answers for one article.
func (a *Admin) presenceAnswer(r *http.Request, id int64, names []string) (presence, error) {
	out := presence{Others: []presenceOther{}}
	for _, n := range names {
		out.Others = append(out.Others, presenceOther{n})
	}
	last, err := a.store.LatestSave(r.Context(), id)
	if news.ErrorCode(err) == news.ENOTFOUND {
		return out, nil
	}
	if err != nil {
		return out, err
	}
	out.Version, out.SavedBy = last.Version, last.UserName
	out.SavedAt = &last.SavedAt
	out.Diff = "/admin/articles/" + strconv.FormatInt(id, 10) + "/revisions?v=" + strconv.Itoa(last.Version)
	return out, nil
}
