package admin

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"masthead/internal/news"
	"masthead/internal/store"
)

// frontsData is what the Fronts screen shows: the home page's front, then
// each section's, and the header menu.
type frontsData struct {
	Fronts []frontView
	Menu   []news.Section
	// Recent are the newest published stories, offered as the story field
	// is typed into, before (or without) the script that asks for more.
	Recent []news.Teaser
	Zone   string
	// Focus is the id of the control the last action came from, so that a
	// keyboard user pressing "Move up" again finds the focus where it was.
	Focus string
	// ErrorFront is the front whose form the errors belong to; Choices are
	// the stories a typed headline matched when it matched several.
	ErrorFront string
	Choices    []news.Teaser
	Typed      string
	TypedUntil string
}

// frontView is one front on the screen.
type frontView struct {
	Key  string // "home" or the section's number, as the forms send it
	Name string
	Max  int
	Pins []pinView
}

// pinView is one pinned story on the screen, its until time in the site's
// time zone as a datetime-local field holds it.
type pinView struct {
	store.PinnedStory
	Role  string
	Until string
}

// pinner lets in those the rule table allows to arrange the fronts.
func (a *Admin) pinner(h func(http.ResponseWriter, *http.Request, *news.User)) http.HandlerFunc {
	return a.staff(news.RoleContributor, func(w http.ResponseWriter, r *http.Request, u *news.User) {
		if !news.Allowed(u.Role, false, news.ActPin, news.StagePublished) {
			a.render(w, r, http.StatusForbidden, "error", page{Title: "Not allowed", User: u,
				Message: "Your role (" + string(u.Role) + ") does not allow choosing the fronts."})
			return
		}
		h(w, r, u)
	})
}

// frontsPage shows the Fronts screen.
func (a *Admin) frontsPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	a.renderFronts(w, r, u, http.StatusOK, page{})
}

func (a *Admin) renderFronts(w http.ResponseWriter, r *http.Request, u *news.User, status int, p page) {
	ctx := r.Context()
	sections, err := a.store.Sections(ctx)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	d, _ := p.Data.(frontsData)
	d.Menu = sections
	loc := a.location(ctx)
	d.Zone = loc.String()
	fronts := []frontView{{Key: "home", Name: "Home page"}}
	for _, sec := range sections {
		fronts = append(fronts, frontView{Key: strconv.FormatInt(sec.ID, 10), Name: sec.Name})
	}
	for i := range fronts {
		id, _ := frontID(fronts[i].Key)
		fronts[i].Max = store.MaxPins(id)
		pins, err := a.store.FrontPins(ctx, id)
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		for j, pin := range pins {
			v := pinView{PinnedStory: pin, Role: "Pinned"}
			if id == store.HomeFront {
				v.Role = "Top story"
				if j == 0 {
					v.Role = "Lead"
				}
			}
			if !pin.Until.IsZero() {
				v.Until = pin.Until.In(loc).Format("2006-01-02T15:04")
			}
			fronts[i].Pins = append(fronts[i].Pins, v)
		}
	}
	d.Fronts = fronts
	if d.Recent, err = a.store.Teasers(ctx, store.TeaserQuery{Limit: 50}); err != nil {
		a.serverError(w, r, err)
		return
	}
	p.Title, p.User, p.Data = "Fronts", u, d
	a.render(w, r, status, "fronts", p)
}

// frontID reads a front's name from a form: "home", or a section's number.
func frontID(key string) (int64, bool) {
	if key == "home" {
		return store.HomeFront, true
	}
	id, err := strconv.ParseInt(key, 10, 64)
	return id, err == nil && id > 0
}

// parseUntil reads a datetime-local field in the site's time zone; empty
// means no end.
func parseUntil(v string, loc *time.Location) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05"} {
		// A year outside these is a typing slip, not a plan for the front
		// page; the years before standard time also had offsets of odd
		// seconds, which no until field can show back.
		if t, err := time.ParseInLocation(layout, v, loc); err == nil && t.Year() >= 2000 && t.Year() <= 9999 {
			return t.UTC(), nil
		}
	}
	return time.Time{}, news.FieldError("until", "Give the time to unpin as a date and time, such as 2026-12-24T18:00, or leave it empty.")
}

// currentPins returns a front's pins as the store keeps them.
func (a *Admin) currentPins(ctx context.Context, front int64) ([]store.Pin, error) {
	stories, err := a.store.FrontPins(ctx, front)
	if err != nil {
		return nil, err
	}
	pins := make([]store.Pin, len(stories))
	for i, s := range stories {
		pins[i] = s.Pin
	}
	return pins, nil
}

// frontName names a front for the audit log and the notices.
func (a *Admin) frontName(ctx context.Context, front int64) string {
	if front == store.HomeFront {
		return "the home page"
	}
	secs, _ := a.store.Sections(ctx)
	for _, s := range secs {
		if s.ID == front {
			return "the " + s.Name + " front"
		}
	}
	return "section " + strconv.FormatInt(front, 10)
}
