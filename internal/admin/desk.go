package admin

import (
	"net/http"
	"strconv"
	"strings"

	"masthead/internal/news"
	"masthead/internal/store"
)

// The desk pages: editors and admins manage sections, authors' profiles and
// tags. Each change is audited and purges the pages that show it.

type deskData struct {
	Sections []news.Section
	Authors  []news.Author
	Tags     []store.TagCount
	Author   news.Author // the profile being edited
	Editing  int64       // the ID of the row whose error is shown
}

func (a *Admin) sectionsPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	a.renderSections(w, r, u, http.StatusOK, page{})
}

func (a *Admin) renderSections(w http.ResponseWriter, r *http.Request, u *news.User, status int, p page) {
	sections, err := a.store.Sections(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	d, _ := p.Data.(deskData)
	d.Sections = sections
	p.Title, p.User, p.Data = "Sections", u, d
	a.render(w, r, status, "sections", p)
}

// saveSection creates a section (no id) or changes one.
func (a *Admin) saveSection(w http.ResponseWriter, r *http.Request, u *news.User) {
	id, _ := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	pos, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("position")))
	if err != nil {
		pos = 0
	}
	sec := news.Section{ID: id, Name: r.PostFormValue("name"), Slug: strings.TrimSpace(r.PostFormValue("slug")),
		Description: r.PostFormValue("description"), Position: pos}
	if id == 0 {
		err = a.store.CreateSection(r.Context(), &sec)
	} else {
		err = a.store.UpdateSection(r.Context(), &sec)
	}
	if refusal(err) {
		a.renderSections(w, r, u, news.HTTPStatus(err), page{Errors: fieldErrors(err), Data: deskData{Editing: id},
			Fields: map[string]string{"name": sec.Name, "slug": sec.Slug, "description": sec.Description}})
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "section.save", Subject: "section:" + strconv.FormatInt(sec.ID, 10), Detail: sec.Name})
	a.renderSections(w, r, u, http.StatusOK, page{Message: "Saved the section " + sec.Name + "."})
}

func (a *Admin) authorsPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	authors, err := a.store.Authors(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.render(w, r, http.StatusOK, "authors", page{Title: "Authors", User: u, Data: deskData{Authors: authors}})
}

func (a *Admin) authorPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	au := news.Author{}
	if id := r.PathValue("id"); id != "new" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			a.notFound(w, r)
			return
		}
		if au, err = a.store.AuthorByID(r.Context(), n); err != nil {
			a.failPage(w, r, u, "", err)
			return
		}
	}
	a.render(w, r, http.StatusOK, "author", page{Title: "Author profile", User: u, Data: deskData{Author: au}})
}

func (a *Admin) saveAuthor(w http.ResponseWriter, r *http.Request, u *news.User) {
	au := news.Author{Name: r.PostFormValue("name"), Slug: strings.TrimSpace(r.PostFormValue("slug")),
		Bio: r.PostFormValue("bio"), Email: strings.TrimSpace(r.PostFormValue("email"))}
	var err error
	if id := r.PathValue("id"); id == "new" {
		if err = a.authorPhoto(r, &au); err == nil {
			err = a.store.CreateAuthor(r.Context(), &au)
		}
	} else {
		if au.ID, err = strconv.ParseInt(id, 10, 64); err != nil {
			a.notFound(w, r)
			return
		}
		var old news.Author
		if old, err = a.store.AuthorByID(r.Context(), au.ID); err == nil {
			au.Photo = old.Photo
			if err = a.authorPhoto(r, &au); err == nil {
				err = a.store.UpdateAuthor(r.Context(), &au)
			}
		}
	}
	if refusal(err) {
		a.render(w, r, news.HTTPStatus(err), "author", page{Title: "Author profile", User: u, Data: deskData{Author: au}, Errors: fieldErrors(err),
			Fields: map[string]string{"photo": r.PostFormValue("photo")}})
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "author.save", Subject: "author:" + strconv.FormatInt(au.ID, 10), Detail: au.Name})
	a.render(w, r, http.StatusOK, "author", page{Title: "Author profile", User: u, Data: deskData{Author: au}, Message: "Saved the profile of " + au.Name + "."})
}

const tagsPerPage = 200

func (a *Admin) tagsPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	a.renderTags(w, r, u, http.StatusOK, page{})
}

func (a *Admin) renderTags(w http.ResponseWriter, r *http.Request, u *news.User, status int, p page) {
	tags, err := a.store.AllTags(r.Context(), tagsPerPage, 0)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	d, _ := p.Data.(deskData)
	d.Tags = tags
	p.Title, p.User, p.Data = "Tags", u, d
	a.render(w, r, status, "tags", p)
}

func (a *Admin) saveTag(w http.ResponseWriter, r *http.Request, u *news.User) {
	id, err := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	if err != nil {
		a.renderTags(w, r, u, http.StatusBadRequest, page{Error: "Choose a tag to rename."})
		return
	}
	t := news.Tag{ID: id, Name: r.PostFormValue("name")}
	err = a.store.UpdateTag(r.Context(), &t)
	if refusal(err) {
		a.renderTags(w, r, u, news.HTTPStatus(err), page{Errors: fieldErrors(err), Data: deskData{Editing: id}})
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "tag.save", Subject: "tag:" + strconv.FormatInt(t.ID, 10), Detail: t.Name})
	a.renderTags(w, r, u, http.StatusOK, page{Message: "Renamed the tag to " + t.Name + "."})
}
