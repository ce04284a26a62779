package admin

import (
	"net/http"
	"strconv"
	"time"

	"masthead/internal/news"
	"masthead/internal/store"
)

// articleAction carries out submit, publish (now or at a time), update,
// discard, unschedule, unpublish and restore (notes are in notes.go). Each first checks that
// it makes sense in the article's stage (409), then asks the rule table
// (403), and answers with the article and a message naming what happened.
func (a *Admin) articleAction(w http.ResponseWriter, r *http.Request, u *news.User) {
	var req actionRequest
	if !readJSON(w, r, &req) {
		return
	}
	l, ok := a.load(w, r, u)
	if !ok {
		return
	}
	name := r.PathValue("action")
	do, found := articleActions[name]
	if !found {
		a.apiFail(w, r, notFoundf("There is no such action."))
		return
	}
	art := l.art
	c := actionCall{a: a, r: r, u: u, l: l, req: req, e: store.Edit{Article: &art, Base: req.Base, By: u.ID}}
	if req.At != nil && req.At.After(a.store.Now()) {
		at := req.At.UTC().Truncate(time.Second)
		c.at = &at
	}
	act, msg, err := do(&c)
	if err != nil {
		a.apiFail(w, r, err)
		return
	}
	if !news.Allowed(u.Role, l.own, act, l.stage) {
		a.refuseIn(w, u, l, act)
		return
	}
	if c.e.Note == "" {
		c.e.Note = msg
	}
	a.save(w, r, u, c.e, "article."+name, msg)
}

// actionCall is one action being prepared: the edit it will save.
type actionCall struct {
	a   *Admin
	r   *http.Request
	u   *news.User
	l   loaded
	req actionRequest
	at  *time.Time // a time in the future: schedule
	e   store.Edit
}

// when says a time in the site's time zone.
func (c *actionCall) when(t time.Time) string { return c.a.when(c.r.Context(), t) }

// conflict is a refusal because of where the article stands.
func conflict(msg string) error { return news.Errorf(news.ECONFLICT, "%s", msg) }

var articleActions = map[string]func(*actionCall) (news.Action, string, error){
	"submit": func(c *actionCall) (news.Action, string, error) {
		if c.l.stage != news.StageDraft {
			return news.ActSubmit, "", conflict("Only a draft can be submitted for review.")
		}
		yes := true
		c.e.Submitted = &yes
		return news.ActSubmit, "Submitted for review", nil
	},
	"publish": func(c *actionCall) (news.Action, string, error) {
		switch c.l.stage {
		case news.StagePublished:
			return news.ActPublish, "", conflict("This article is published already, with no changes waiting.")
		case news.StagePending:
			return makeLive(c)
		}
		if c.at != nil {
			// Scheduling keeps it a draft; the job publishes it. The rules of
			// publishing (a byline, alt text) are checked now, not at the hour.
			if err := c.a.store.CheckPublishable(c.r.Context(), c.l.art); err != nil {
				return news.ActSchedule, "", err
			}
			c.e.PublishAt, c.e.ClearPending = c.at, true
			c.e.Note = "scheduled for " + c.at.Format(time.RFC3339)
			return news.ActSchedule, "Scheduled for " + c.when(*c.at), nil
		}
		var zero time.Time
		no := false
		c.e.Article.Status, c.e.PublishAt, c.e.Submitted, c.e.ClearPending = news.Published, &zero, &no, true
		return news.ActPublish, "Published", nil
	},
	"update": makeLive,
	"discard": func(c *actionCall) (news.Action, string, error) {
		if !c.l.state.Pending {
			return news.ActDiscard, "", conflict("There are no changes waiting to go live.")
		}
		live := c.l.live
		c.e.Article, c.e.Discard = &live, true
		return news.ActDiscard, "Changes discarded", nil
	},
	"unschedule": func(c *actionCall) (news.Action, string, error) {
		var zero time.Time
		switch {
		case !c.l.state.PublishAt.IsZero():
			// Off the schedule it is a draft again, with its latest words.
			c.e.PublishAt, c.e.ClearPending = &zero, true
			return news.ActUnschedule, "Unscheduled: it is a draft again", nil
		case !c.l.state.UpdateAt.IsZero():
			c.e.Pending, c.e.UpdateAt = true, &zero
			return news.ActUnschedule, "Scheduled update called off — changes not yet live", nil
		}
		return news.ActUnschedule, "", conflict("Nothing is scheduled.")
	},
	"unpublish": func(c *actionCall) (news.Action, string, error) {
		if c.l.live.Status != news.Published {
			return news.ActUnpublish, "", conflict("Only a published article can be unpublished.")
		}
		c.e.Article.Status, c.e.ClearPending = news.Unpublished, true
		return news.ActUnpublish, "Unpublished: its address now tells readers it was withdrawn", nil
	},
	"restore": func(c *actionCall) (news.Action, string, error) {
		old, err := c.a.store.RevisionContent(c.r.Context(), c.l.art.ID, c.req.Version)
		if err != nil {
			return news.ActRestore, "", err
		}
		// The words come back; where the article stands (status, dates,
		// corrections) does not.
		art := c.e.Article
		art.Headline, art.Standfirst, art.Body, art.Slug = old.Headline, old.Standfirst, old.Body, old.Slug
		art.Tags, art.Authors, art.Sources, art.LeadImage, art.Section = old.Tags, old.Authors, old.Sources, old.LeadImage, old.Section
		art.SEOTitle, art.SEODescription, art.SocialImage = old.SEOTitle, old.SEODescription, old.SocialImage
		c.e.Note = "restored version " + strconv.Itoa(c.req.Version)
		if c.e.Pending = c.l.stage.Live(); c.e.Pending {
			return news.ActRestore, "Restored version " + strconv.Itoa(c.req.Version) + " — changes not yet live", nil
		}
		return news.ActRestore, "Restored version " + strconv.Itoa(c.req.Version), nil
	},
}

// makeLive is Update: a live article's pending version goes live now, or
// at a time; a scheduled article's pending version becomes what goes out.
func makeLive(c *actionCall) (news.Action, string, error) {
	if !c.l.state.Pending {
		return news.ActUpdate, "", conflict("There are no changes waiting to go live.")
	}
	if c.l.stage == news.StageScheduled {
		if err := c.a.store.CheckPublishable(c.r.Context(), c.l.art); err != nil {
			return news.ActUpdate, "", err
		}
		c.e.ClearPending, c.e.Note = true, "changes approved for the scheduled publication"
		return news.ActUpdate, "Changes approved: they go out with it, " + c.when(c.l.state.PublishAt), nil
	}
	if c.at != nil {
		c.e.Pending, c.e.UpdateAt = true, c.at
		c.e.Note = "update scheduled for " + c.at.Format(time.RFC3339)
		return news.ActSchedule, "Update scheduled for " + c.when(*c.at), nil
	}
	c.e.ClearPending, c.e.Note = true, "update made live"
	return news.ActUpdate, "Update is live", nil
}
