package admin

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"masthead/internal/news"
	"masthead/internal/store"
)

// Bulk actions on the article list: unpublish, move to a section, add or
// remove a tag. The first POST shows what will happen, naming the count and
// every article that will not be changed and why; the second (confirm=yes)
// does it, through the same rules and the same save as the single action,
// so each article gets its revision, its audit entry and its cache purge.

// maxBulk bounds one bulk action: two pages of the list.
const maxBulk = 2 * articlesPerPage

// bulkChoice is a bulk action as the list offers it.
type bulkChoice struct {
	Name, Label string
}

// bulkKind is a bulk action: the rule-table action it needs, and the verbs
// its confirmation and its result use.
type bulkKind struct {
	name, label, verb, done string
	act                     news.Action
}

// bulkKinds are the bulk actions, in the order the list offers them.
var bulkKinds = []bulkKind{
	{"unpublish", "Unpublish", "Unpublish", "Unpublished", news.ActUnpublish},
	{"move", "Move to a section", "Move", "Moved", news.ActEdit},
	{"tag", "Add a tag", "Tag", "Tagged", news.ActEdit},
	{"untag", "Remove a tag", "Untag", "Untagged", news.ActEdit},
}

// bulkChoices lists the bulk actions role may take on some article, its
// own or anyone's, in some stage.
func bulkChoices(role news.Role) []bulkChoice {
	var out []bulkChoice
	for _, k := range bulkKinds {
		for _, st := range news.Stages {
			if news.Allowed(role, true, k.act, st) || news.Allowed(role, false, k.act, st) {
				out = append(out, bulkChoice{k.name, k.label})
				break
			}
		}
	}
	return out
}

// bulkRequest is a bulk action as the form sends it.
type bulkRequest struct {
	Kind    string
	IDs     []int64
	Section news.Section
	Tag     string
	Back    string // the list to go back to
}

// bulkLine is one article of a bulk action: what will be (or was) done to
// it, or why not.
type bulkLine struct {
	ID       int64
	Headline string
	Refusal  string
	Note     string // e.g. "waits as changes not yet live"
}

type bulkData struct {
	Req       bulkRequest
	Verb      string
	Done      bool
	Lines     []bulkLine
	Doable    int
	Sections  []news.Section
	Confirmed bool
}

func (a *Admin) bulkArticles(w http.ResponseWriter, r *http.Request, u *news.User) {
	req, errs := a.parseBulk(r, u)
	if len(errs) > 0 {
		a.render(w, r, http.StatusBadRequest, "error", page{Title: "Nothing changed", User: u,
			Message: strings.Join(errs, " ") + " Nothing was changed; go back to the list and try again."})
		return
	}
	kind := bulkKinds[slices.IndexFunc(bulkKinds, func(k bulkKind) bool { return k.name == req.Kind })]
	confirmed := r.PostFormValue("confirm") == "yes"
	d := bulkData{Req: req, Verb: kind.verb, Confirmed: confirmed}
	for _, id := range req.IDs {
		line := a.bulkOne(r, u, req, kind.act, id, confirmed)
		if line.Refusal == "" {
			d.Doable++
		}
		d.Lines = append(d.Lines, line)
	}
	title := kind.verb + " " + count(d.Doable, "article") + "?"
	if confirmed {
		title = kind.done + " " + count(d.Doable, "article")
	}
	a.render(w, r, http.StatusOK, "bulk", page{Title: title, User: u, Data: d})
}

// parseBulk reads and checks the bulk form, naming each field that is wrong.
func (a *Admin) parseBulk(r *http.Request, u *news.User) (bulkRequest, []string) {
	req := bulkRequest{Kind: r.PostFormValue("action"), Tag: strings.TrimSpace(r.PostFormValue("tag")), Back: r.PostFormValue("back")}
	if !strings.HasPrefix(req.Back, "/admin/articles") {
		req.Back = "/admin/articles"
	}
	var errs []string
	if !slices.ContainsFunc(bulkChoices(u.Role), func(c bulkChoice) bool { return c.Name == req.Kind }) {
		errs = append(errs, "Choose an action from the list (action).")
	}
	seen := map[int64]bool{}
	for _, s := range r.PostForm["id"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			errs = append(errs, "The articles chosen (id) are not articles of the list.")
			break
		}
		if !seen[id] {
			seen[id] = true
			req.IDs = append(req.IDs, id)
		}
	}
	switch {
	case len(req.IDs) == 0 && len(errs) == 0:
		errs = append(errs, "Choose at least one article (id).")
	case len(req.IDs) > maxBulk:
		errs = append(errs, "Choose at most "+strconv.Itoa(maxBulk)+" articles at once (id).")
	}
	switch req.Kind {
	case "move":
		id, _ := strconv.ParseInt(r.PostFormValue("section"), 10, 64)
		sections, err := a.store.Sections(r.Context())
		if i := slices.IndexFunc(sections, func(s news.Section) bool { return s.ID == id }); err == nil && i >= 0 {
			req.Section = sections[i]
		} else {
			errs = append(errs, "Choose the section to move them to (section).")
		}
	case "tag", "untag":
		if news.Slugify(req.Tag) == "" {
			errs = append(errs, "Type the tag (tag).")
		}
	}
	return req, errs
}

// bulkOne checks (and, when apply, does) the action on one article.
func (a *Admin) bulkOne(r *http.Request, u *news.User, req bulkRequest, act news.Action, id int64, apply bool) bulkLine {
	line := bulkLine{ID: id, Headline: "Article " + strconv.FormatInt(id, 10)}
	ed, err := a.store.EditableArticle(r.Context(), id)
	if news.ErrorCode(err) == news.ENOTFOUND {
		line.Refusal = "There is no such article any more."
		return line
	} else if err != nil {
		a.log.Error("admin: bulk", "article", id, "err", err)
		line.Refusal = "It could not be read just now; try again."
		return line
	}
	l := loadedFrom(u, ed)
	if !news.Allowed(u.Role, l.own, news.ActView, l.stage) {
		line.Refusal = "It is someone else's, and your role (" + string(u.Role) + ") opens only your own."
		return line
	}
	line.Headline = l.art.Headline
	art := l.art
	e := store.Edit{Article: &art, Base: l.state.Version, By: u.ID}
	var msg string
	switch req.Kind {
	case "unpublish":
		c := actionCall{a: a, r: r, u: u, l: l, e: e}
		act, msg, err = articleActions["unpublish"](&c)
		e = c.e
	case "move":
		if art.Section.ID == req.Section.ID {
			err = conflict("It is in " + req.Section.Name + " already.")
		}
		art.Section, msg = req.Section, "moved to "+req.Section.Name
	case "tag":
		if hasTag(art, req.Tag) {
			err = conflict("It has the tag already.")
		}
		art.Tags, msg = append(slices.Clone(art.Tags), news.Tag{Name: req.Tag}), "tagged "+req.Tag
	case "untag":
		if !hasTag(art, req.Tag) {
			err = conflict("It does not have the tag.")
		}
		art.Tags = slices.DeleteFunc(slices.Clone(art.Tags), func(t news.Tag) bool { return news.Slugify(t.Name) == news.Slugify(req.Tag) })
		msg = "untagged " + req.Tag
	}
	switch {
	case err != nil:
		line.Refusal = news.ErrorMessage(err)
		return line
	case !news.Allowed(u.Role, l.own, act, l.stage):
		line.Refusal = "It is " + stageWords[l.stage] + ", and your role (" + string(u.Role) + ") may not " + string(act) + " it."
		return line
	}
	if act == news.ActEdit && l.stage.Live() {
		// As in the editor: a live story is never changed in place.
		e.Pending, line.Note = true, "It is live: the change waits as changes not yet live until someone presses Update."
	}
	if !apply {
		return line
	}
	e.Note = msg + " (bulk)"
	action := "article.save"
	if req.Kind == "unpublish" {
		action = "article.unpublish"
	}
	e.Audit = &news.AuditEntry{UserID: u.ID, Email: u.Email, Action: action, Subject: "article:" + strconv.FormatInt(id, 10), Detail: e.Note}
	if _, err := a.store.SaveEdit(r.Context(), e); err != nil {
		if news.ErrorCode(err) == news.EINTERNAL {
			a.log.Error("admin: bulk", "article", id, "err", err)
		}
		line.Refusal = news.ErrorMessage(err)
	}
	return line
}

// hasTag reports whether art has the tag, by its slug.
func hasTag(art news.Article, name string) bool {
	return slices.ContainsFunc(art.Tags, func(t news.Tag) bool { return news.Slugify(t.Name) == news.Slugify(name) })
}

// count says n things: "1 article", "12 articles".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}
