package admin

import (
	"net/http"
	"strconv"
	"strings"

	"masthead/internal/news"
)

// arrangeMenu moves a section up or down the header menu, or hides it from
// the menu or shows it again. Every public page follows at once.
func (a *Admin) arrangeMenu(w http.ResponseWriter, r *http.Request, u *news.User) {
	ctx := r.Context()
	verb, idText, _ := strings.Cut(r.PostFormValue("menu"), ":")
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		a.frontProblem(w, r, u, "menu", news.FieldError("menu", "Say which section to move, hide or show."), frontsData{})
		return
	}
	var done string
	switch verb {
	case "up":
		err, done = a.store.MoveSection(ctx, id, -1), "Moved the section up the menu."
	case "down":
		err, done = a.store.MoveSection(ctx, id, 1), "Moved the section down the menu."
	case "hide":
		err, done = a.store.HideSection(ctx, id, true), "Hid the section from the menu. Its page and articles stay."
	case "show":
		err, done = a.store.HideSection(ctx, id, false), "The section is in the menu again."
	default:
		err = news.FieldError("menu", "Say whether to move the section up or down, hide it or show it.")
	}
	if err != nil {
		a.frontProblem(w, r, u, "menu", err, frontsData{})
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "menu." + verb, Subject: "section:" + idText})
	focus := "menu-" + verb + "-" + idText
	if verb == "hide" {
		focus = "menu-show-" + idText
	} else if verb == "show" {
		focus = "menu-hide-" + idText
	}
	a.renderFronts(w, r, u, http.StatusOK, page{Message: done, Data: frontsData{Focus: focus}})
}
