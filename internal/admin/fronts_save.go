package admin

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"masthead/internal/news"
	"masthead/internal/store"
)

// storyNumber finds the article number a picked suggestion ends with, as
// in "Harbour cranes case opens (#42)", or a bare "#42".
var storyNumber = regexp.MustCompile(`(?:^|\(|\s)#(\d+)\)?\s*$`)

// storyLabel is how a story is offered in the story field's suggestions.
func storyLabel(t news.Teaser) string { return fmt.Sprintf("%s (#%d)", t.Headline, t.ID) }

// pinStory adds a story to the end of a front. The story is picked from the
// suggestions, or typed: part of its headline finds it among the published
// articles, and when several match the screen offers them to choose from.
func (a *Admin) pinStory(w http.ResponseWriter, r *http.Request, u *news.User) {
	ctx := r.Context()
	key, front, ok := a.postedFront(w, r, u)
	if !ok {
		return
	}
	typed, untilText := strings.TrimSpace(r.PostFormValue("story")), r.PostFormValue("until")
	keep := frontsData{Typed: typed, TypedUntil: untilText}
	until, err := parseUntil(untilText, a.location(ctx))
	if err != nil {
		a.frontProblem(w, r, u, key, err, keep)
		return
	}
	id, _ := strconv.ParseInt(r.PostFormValue("article"), 10, 64)
	if m := storyNumber.FindStringSubmatch(typed); id == 0 && m != nil {
		id, _ = strconv.ParseInt(m[1], 10, 64)
	}
	if id == 0 {
		if typed == "" {
			a.frontProblem(w, r, u, key, news.FieldError("story", "Type part of a headline to find the story to pin."), keep)
			return
		}
		found, err := a.store.PublishedByHeadline(ctx, typed, 10)
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		switch len(found) {
		case 0:
			a.frontProblem(w, r, u, key, news.FieldError("story", "No published story has a headline with %q in it. Check the words, or pick from the suggestions.", typed), keep)
			return
		case 1:
			id = found[0].ID
		default:
			keep.Choices = found
			a.frontProblem(w, r, u, key, news.FieldError("story", "Several published stories match %q: choose one below.", typed), keep)
			return
		}
	}
	pins, err := a.currentPins(ctx, front)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if slices.ContainsFunc(pins, func(p store.Pin) bool { return p.ArticleID == id }) {
		a.frontProblem(w, r, u, key, news.FieldError("story", "That story is already pinned to this front."), keep)
		return
	}
	if err := a.store.SetFront(ctx, front, append(pins, store.Pin{ArticleID: id, Until: until}), u.ID); err != nil {
		a.frontProblem(w, r, u, key, err, keep)
		return
	}
	name := a.frontName(ctx, front)
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "front.pin", Subject: "article:" + strconv.FormatInt(id, 10),
		Detail: "Pinned to " + name + untilDetail(until.IsZero(), untilText)})
	a.renderFronts(w, r, u, http.StatusOK, page{Message: "Pinned the story to " + name + ".", Data: frontsData{Focus: "story-" + key}})
}

func untilDetail(none bool, text string) string {
	if none {
		return "."
	}
	return " until " + text + "."
}

// moveOnFront moves a pinned story up or down its front, or unpins it: the
// buttons that work without a script.
func (a *Admin) moveOnFront(w http.ResponseWriter, r *http.Request, u *news.User) {
	ctx := r.Context()
	key, front, ok := a.postedFront(w, r, u)
	if !ok {
		return
	}
	verb, idText, _ := strings.Cut(r.PostFormValue("move"), ":")
	id, _ := strconv.ParseInt(idText, 10, 64)
	pins, err := a.currentPins(ctx, front)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	at := slices.IndexFunc(pins, func(p store.Pin) bool { return p.ArticleID == id })
	if at < 0 {
		a.frontProblem(w, r, u, key, news.Errorf(news.ENOTFOUND, "That story is not pinned to this front (any more)."), frontsData{})
		return
	}
	var done string
	switch verb {
	case "up", "down":
		to := at - 1
		if verb == "down" {
			to = at + 1
		}
		if to >= 0 && to < len(pins) {
			pins[at], pins[to] = pins[to], pins[at]
		}
		done = "Moved the story " + verb + "."
	case "remove":
		pins = slices.Delete(pins, at, at+1)
		done = "Unpinned the story."
	default:
		a.frontProblem(w, r, u, key, news.FieldError("move", "Say how to move the story: up, down or remove."), frontsData{})
		return
	}
	if err := a.store.SetFront(ctx, front, pins, u.ID); err != nil {
		a.frontProblem(w, r, u, key, err, frontsData{})
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "front." + verb, Subject: "article:" + idText,
		Detail: a.frontName(ctx, front) + ": " + pinOrder(pins)})
	focus := verb + "-" + key + "-" + idText
	if verb == "remove" {
		focus = "story-" + key
	}
	a.renderFronts(w, r, u, http.StatusOK, page{Message: done, Data: frontsData{Focus: focus}})
}

// saveFront saves a front's order and until times as the form lists them:
// the Save button, and the drag-and-drop script, send it.
func (a *Admin) saveFront(w http.ResponseWriter, r *http.Request, u *news.User) {
	ctx := r.Context()
	key, front, ok := a.postedFront(w, r, u)
	if !ok {
		return
	}
	loc := a.location(ctx)
	var pins []store.Pin
	for _, v := range r.PostForm["article"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			a.frontProblem(w, r, u, key, news.FieldError("article", "The list names a story %q that is no article number.", v), frontsData{})
			return
		}
		until, err := parseUntil(r.PostFormValue("until-"+v), loc)
		if err != nil {
			a.frontProblem(w, r, u, key, err, frontsData{})
			return
		}
		pins = append(pins, store.Pin{ArticleID: id, Until: until})
	}
	if err := a.store.SetFront(ctx, front, pins, u.ID); err != nil {
		a.frontProblem(w, r, u, key, err, frontsData{})
		return
	}
	name := a.frontName(ctx, front)
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "front.save", Subject: "front:" + key,
		Detail: name + ": " + pinOrder(pins)})
	a.renderFronts(w, r, u, http.StatusOK, page{Message: "Saved " + name + ".", Data: frontsData{Focus: "save-" + key}})
}

// pinOrder lists a front's article numbers in order, for the audit log.
func pinOrder(pins []store.Pin) string {
	if len(pins) == 0 {
		return "nothing pinned"
	}
	ids := make([]string, len(pins))
	for i, p := range pins {
		ids[i] = "#" + strconv.FormatInt(p.ArticleID, 10)
	}
	return strings.Join(ids, ", ")
}

// postedFront reads the front a form names, and answers 404 when there is
// none by that name.
func (a *Admin) postedFront(w http.ResponseWriter, r *http.Request, u *news.User) (string, int64, bool) {
	key := r.PostFormValue("front")
	front, ok := frontID(key)
	if !ok {
		a.frontProblem(w, r, u, key, news.Errorf(news.ENOTFOUND, "There is no front %q.", key), frontsData{})
	}
	return key, front, ok
}

// frontProblem shows the screen again with what went wrong beside the
// front's form, and the status the error calls for; nothing was saved.
func (a *Admin) frontProblem(w http.ResponseWriter, r *http.Request, u *news.User, key string, err error, d frontsData) {
	if !refusal(err) {
		a.serverError(w, r, err)
		return
	}
	d.ErrorFront = key
	a.renderFronts(w, r, u, news.HTTPStatus(err), page{Error: "Nothing was changed: " + news.ErrorMessage(err), Errors: fieldErrors(err), Data: d})
}

// storySuggestion is one published story offered as the story field is
// typed into.
type storySuggestion struct {
	ID       int64  `json:"id"`
	Headline string `json:"headline"`
	Label    string `json:"label"`
	Section  string `json:"section"`
}

// storySuggestions answers the type-ahead of the story field: published
// stories whose headline holds the words typed.
func (a *Admin) storySuggestions(w http.ResponseWriter, r *http.Request, u *news.User) {
	out := []storySuggestion{}
	if q := strings.TrimSpace(r.URL.Query().Get("q")); q != "" {
		found, err := a.store.PublishedByHeadline(r.Context(), q, 20)
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		for _, t := range found {
			out = append(out, storySuggestion{ID: t.ID, Headline: t.Headline, Label: storyLabel(t), Section: t.Section.Name})
		}
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}
