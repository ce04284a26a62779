package admin_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"masthead/internal/cachekey"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

var (
	leadHeadline = regexp.MustCompile(`class="lead-headline"><a href="[^"]*">([^<]*)</a>`)
	latestItem   = regexp.MustCompile(`<li><a href="[^"]*">([^<]*)</a> <time`)
	topStories   = regexp.MustCompile(`(?s)<div class="front-secondary">(.*?)</div>`)
	topHeadline  = regexp.MustCompile(`<h2 class="teaser-headline"><a href="[^"]*">([^<]*)</a>`)
	navLink      = regexp.MustCompile(`<li><a href="(/[a-z-]+)"[^>]*>[^<]*</a></li>`)
)

// frontPage is the public home page as a reader gets it, through the cache.
type frontPage struct {
	lead string
	// latest is the stories after the lead in the order the page ranks
	// them: the two beside the lead, then the list of the latest.
	latest []string
	body   string
	cache  string
}

func (d *desk) readFront(path string) frontPage {
	d.t.Helper()
	a := d.do(d.browser(), "GET", path, nil)
	if a.status != http.StatusOK {
		d.t.Fatalf("GET %s: %d", path, a.status)
	}
	p := frontPage{body: a.body, cache: a.header.Get("X-Cache")}
	if m := leadHeadline.FindStringSubmatch(a.body); m != nil {
		p.lead = m[1]
	}
	if top := topStories.FindStringSubmatch(a.body); top != nil {
		for _, m := range topHeadline.FindAllStringSubmatch(top[1], -1) {
			p.latest = append(p.latest, m[1])
		}
	}
	for _, m := range latestItem.FindAllStringSubmatch(a.body, -1) {
		p.latest = append(p.latest, m[1])
	}
	return p
}

// publishStories publishes one story a minute in the desk's section, the
// last the newest, and returns them.
func (d *desk) publishStories(headlines ...string) []news.Article {
	d.t.Helper()
	var out []news.Article
	for _, h := range headlines {
		d.clock.Advance(time.Minute)
		a, _ := d.draft(news.RoleEditor, news.Published, h)
		out = append(out, a)
	}
	return out
}

// arrange posts one of the Fronts screen's forms as the editor.
func (d *desk) arrange(path string, form url.Values) answer {
	d.t.Helper()
	return d.do(d.clients[news.RoleEditor], "POST", path, form)
}

// TestFrontsFollowTheEditors: the editors' lead and top stories lead the
// home page and their pins top a section's page, in the order they set with
// the Move buttons, with the automatic order below and no story twice. A
// pin drops out when its article is unpublished, and by itself at its
// "until" time, with nothing but the expiry job to purge the cached page.
func TestFrontsFollowTheEditors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		ctx := context.Background()
		s := d.publishStories("Ferry timetable changes", "Quay wall repaired", "Harbour fees rise",
			"Lighthouse keeper retires", "Dredging starts in spring", "Fish market reopens")
		if p := d.readFront("/"); len(p.latest) == 0 || p.latest[0] != "Fish market reopens" {
			t.Fatalf("before any pin the newest story tops the list: %q", p.latest)
		}

		// The lead, picked by typing part of its headline, with an end.
		a := d.arrange("/admin/fronts/pin", url.Values{"front": {"home"}, "story": {"keeper retires"}, "until": {"2026-12-02T12:00"}})
		if a.status != http.StatusOK || !strings.Contains(a.body, "Pinned the story to the home page") {
			t.Fatalf("pin the lead: %d %s", a.status, problem(a.body))
		}
		// A top story, picked from the suggestions ("Headline (#ID)").
		a = d.arrange("/admin/fronts/pin", url.Values{"front": {"home"}, "story": {"Quay wall repaired (#" + fmt.Sprint(s[1].ID) + ")"}})
		if a.status != http.StatusOK {
			t.Fatalf("pin a top story: %d %s", a.status, problem(a.body))
		}
		p := d.readFront("/")
		if p.lead != "Lighthouse keeper retires" || len(p.latest) == 0 || p.latest[0] != "Quay wall repaired" {
			t.Errorf("home page: lead %q, list %q; want the pinned lead and the pinned top story first", p.lead, p.latest)
		}
		if slices.Contains(p.latest, "Lighthouse keeper retires") || count(p.latest, "Quay wall repaired") != 1 {
			t.Errorf("a pinned story is shown twice: %q", p.latest)
		}

		// Move the top story up: it becomes the lead.
		a = d.arrange("/admin/fronts/move", url.Values{"front": {"home"}, "move": {fmt.Sprintf("up:%d", s[1].ID)}})
		if a.status != http.StatusOK || !strings.Contains(a.body, fmt.Sprintf(`id="up-home-%d"`, s[1].ID)) {
			t.Fatalf("move up: %d %s", a.status, problem(a.body))
		}
		if p := d.readFront("/"); p.lead != "Quay wall repaired" || p.latest[0] != "Lighthouse keeper retires" {
			t.Errorf("after Move up: lead %q, list %q", p.lead, p.latest)
		}

		// A section's front: its pin tops its page, once.
		a = d.arrange("/admin/fronts/pin", url.Values{"front": {fmt.Sprint(d.section.ID)}, "story": {"Ferry timetable"}})
		if a.status != http.StatusOK {
			t.Fatalf("pin to the section: %d %s", a.status, problem(a.body))
		}
		sec := d.readFront(d.section.URL()).body
		if i, j := strings.Index(sec, "Ferry timetable changes"), strings.Index(sec, "Fish market reopens"); i < 0 || j < 0 || i > j ||
			strings.Count(sec, ">Ferry timetable changes<") != 1 {
			t.Errorf("the section page does not show its pin first, once")
		}

		// Unpublishing a pinned story drops it from the front at once.
		d.unpublish(s[1].ID)
		if p := d.readFront("/"); p.lead != "Lighthouse keeper retires" || slices.Contains(p.latest, "Quay wall repaired") {
			t.Errorf("after unpublishing the lead: lead %q, list %q", p.lead, p.latest)
		}
		if screen := d.do(d.clients[news.RoleEditor], "GET", "/admin/fronts", nil); !strings.Contains(screen.body, "Not published: not shown") {
			t.Error("the Fronts screen does not say the unpublished pin is not shown")
		}

		// At its time the pin drops out by itself: the expiry job purges
		// the cached home page.
		d.readFront("/")
		if p := d.readFront("/"); p.cache != "HIT" || p.lead != "Lighthouse keeper retires" {
			t.Fatalf("home page before the end: %s, lead %q", p.cache, p.lead)
		}
		d.clock.Advance(3 * time.Hour) // past 12:00 in UTC, the site's zone
		fronts, err := st.ExpirePins(ctx)
		if err != nil || len(fronts) != 1 || fronts[0] != store.HomeFront {
			t.Fatalf("ExpirePins: %v %v, want the home page", fronts, err)
		}
		if p := d.readFront("/"); p.lead == "Lighthouse keeper retires" {
			t.Errorf("after its until time the pin still leads the home page (%s)", p.cache)
		}
		if again, _ := st.ExpirePins(ctx); len(again) != 0 {
			t.Errorf("a second run unpinned %v again", again)
		}

		log, err := st.AuditLog(ctx, 50, 0)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range log {
			actions = append(actions, e.Action)
		}
		for _, want := range []string{"front.pin", "front.up", "front.pin.expired"} {
			if !slices.Contains(actions, want) {
				t.Errorf("the audit log lacks %s: %q", want, actions)
			}
		}
	})
}

// TestFrontsRefuseBadPins: what cannot be pinned is refused with the field
// named and the right status, and nothing is saved.
func TestFrontsRefuseBadPins(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		ctx := context.Background()
		s := d.publishStories("Harbour fees rise", "Harbour fees fall")
		draft, _ := d.draft(news.RoleEditor, news.Draft, "Secret harbour plan")
		other := news.Section{Name: "Courts", Position: 2}
		if err := st.CreateSection(ctx, &other); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			what   string
			form   url.Values
			status int
			want   string
		}{
			{"a draft", url.Values{"front": {"home"}, "story": {fmt.Sprintf("#%d", draft.ID)}}, 422, "Only published articles can be pinned"},
			{"no such words", url.Values{"front": {"home"}, "story": {"zebra crossing"}}, 422, "No published story has a headline"},
			{"a draft by headline", url.Values{"front": {"home"}, "story": {"Secret harbour plan"}}, 422, "No published story"},
			{"several matches", url.Values{"front": {"home"}, "story": {"harbour fees"}}, 422, "Choose the story"},
			{"nothing typed", url.Values{"front": {"home"}, "story": {" "}}, 422, "Type part of a headline"},
			{"a bad time", url.Values{"front": {"home"}, "story": {"fees rise"}, "until": {"tomorrow"}}, 422, "Give the time to unpin"},
			{"a past time", url.Values{"front": {"home"}, "story": {"fees rise"}, "until": {"2026-12-01T09:00"}}, 422, "must be in the future"},
			{"another section's story", url.Values{"front": {fmt.Sprint(other.ID)}, "story": {"fees rise"}}, 422, "only its own articles"},
			{"no such front", url.Values{"front": {"99999"}, "story": {"fees rise"}}, 404, "does not exist"},
			{"no front", url.Values{"story": {"fees rise"}}, 404, "There is no front"},
		} {
			a := d.arrange("/admin/fronts/pin", c.form)
			if a.status != c.status || !strings.Contains(a.body, c.want) {
				t.Errorf("%s: %d %q, want %d with %q", c.what, a.status, problem(a.body), c.status, c.want)
			}
		}
		// The choices pin the one chosen.
		a := d.arrange("/admin/fronts/pin", url.Values{"front": {"home"}, "story": {"harbour fees"}, "article": {fmt.Sprint(s[0].ID)}})
		if a.status != http.StatusOK {
			t.Fatalf("choosing among matches: %d %s", a.status, problem(a.body))
		}
		if a := d.arrange("/admin/fronts/pin", url.Values{"front": {"home"}, "story": {fmt.Sprintf("#%d", s[0].ID)}}); a.status != 422 || !strings.Contains(a.body, "already pinned") {
			t.Errorf("pinning twice: %d %s", a.status, problem(a.body))
		}
		pins, err := st.FrontPins(ctx, store.HomeFront)
		if err != nil || len(pins) != 1 || pins[0].ArticleID != s[0].ID {
			t.Errorf("after the refusals the home page pins %v (%v), want only the one chosen", pins, err)
		}
		if a := d.arrange("/admin/fronts/save", url.Values{"front": {"home"}, "article": {"x"}}); a.status != 422 {
			t.Errorf("a list with no number: %d", a.status)
		}
		if a := d.arrange("/admin/fronts/move", url.Values{"front": {"home"}, "move": {"sideways:" + fmt.Sprint(s[0].ID)}}); a.status != 422 || !strings.Contains(a.body, "up, down or remove") {
			t.Errorf("a move that is none: %d", a.status)
		}
		if a := d.arrange("/admin/fronts/move", url.Values{"front": {"home"}, "move": {"up:999999"}}); a.status != 404 {
			t.Errorf("moving a story not pinned: %d", a.status)
		}
		// Authors may not arrange the fronts.
		if a := d.do(d.clients[news.RoleAuthor], "POST", "/admin/fronts/pin", url.Values{"front": {"home"}, "story": {"fees fall"}}); a.status != http.StatusForbidden {
			t.Errorf("an author pinned: %d", a.status)
		}
	})
}

// TestFrontChangePurgesOnlyThatFront: a change to the home page's pins
// purges the home page alone, and a section's pins that section's page
// alone, on every node (the keys go out through the store's changes).
func TestFrontChangePurgesOnlyThatFront(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		s := d.publishStories("Ferry timetable changes", "Quay wall repaired")
		var mu sync.Mutex
		var changed []string
		st.Subscribe(func(keys []string, _ bool) {
			mu.Lock()
			changed = append(changed, keys...)
			mu.Unlock()
		})
		took := func() []string {
			mu.Lock()
			defer mu.Unlock()
			out := changed
			changed = nil
			return out
		}
		warm := func() {
			for _, path := range []string{"/", d.section.URL(), s[0].URL()} {
				d.readFront(path)
				if p := d.readFront(path); p.cache != "HIT" {
					t.Fatalf("%s is not cached (%s)", path, p.cache)
				}
			}
		}
		for _, c := range []struct {
			front  string
			key    string
			purged string
		}{
			{"home", cachekey.Front(store.HomeFront), "/"},
			{fmt.Sprint(d.section.ID), cachekey.Front(d.section.ID), d.section.URL()},
		} {
			warm()
			took()
			a := d.arrange("/admin/fronts/pin", url.Values{"front": {c.front}, "story": {"Ferry timetable"}})
			if a.status != http.StatusOK {
				t.Fatalf("pin to %s: %d %s", c.front, a.status, problem(a.body))
			}
			if keys := took(); !slices.Equal(keys, []string{c.key}) {
				t.Errorf("pinning to %s announced %q, want only %s", c.front, keys, c.key)
			}
			for _, path := range []string{"/", d.section.URL(), s[0].URL()} {
				want := "HIT"
				if path == c.purged {
					want = "MISS"
				}
				if p := d.readFront(path); p.cache != want {
					t.Errorf("after pinning to %s, %s answered %s, want %s", c.front, path, p.cache, want)
				}
			}
		}
	})
}

// TestMenuOrderAndHiddenSections: the Menu part of the Fronts screen moves
// a section along the header menu and hides it from the menu; the public
// pages follow at once, and a hidden section's page stays.
func TestMenuOrderAndHiddenSections(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		ctx := context.Background()
		for i, name := range []string{"Courts", "Weather"} {
			sec := news.Section{Name: name, Position: 2 + i}
			if err := st.CreateSection(ctx, &sec); err != nil {
				t.Fatal(err)
			}
		}
		d.publishStories("Quay wall repaired")
		menu := func() []string {
			t.Helper()
			body := d.readFront("/").body
			nav := body[strings.Index(body, `aria-label="Sections"`):]
			nav = nav[:strings.Index(nav, "</nav>")]
			var out []string
			for _, m := range navLink.FindAllStringSubmatch(nav, -1) {
				out = append(out, m[1])
			}
			return out
		}
		if got := menu(); !slices.Equal(got, []string{"/harbour", "/courts", "/weather"}) {
			t.Fatalf("menu %q", got)
		}
		secs, _ := st.Sections(ctx)
		weather := secs[2].ID
		for range 2 {
			if a := d.arrange("/admin/fronts/menu", url.Values{"menu": {fmt.Sprintf("up:%d", weather)}}); a.status != http.StatusOK {
				t.Fatalf("move up: %d %s", a.status, problem(a.body))
			}
		}
		if got := menu(); !slices.Equal(got, []string{"/weather", "/harbour", "/courts"}) {
			t.Errorf("after moving Weather up twice the menu is %q", got)
		}
		a := d.arrange("/admin/fronts/menu", url.Values{"menu": {fmt.Sprintf("hide:%d", weather)}})
		if a.status != http.StatusOK || !strings.Contains(a.body, "Hidden from the menu") {
			t.Fatalf("hide: %d %s", a.status, problem(a.body))
		}
		if got := menu(); !slices.Equal(got, []string{"/harbour", "/courts"}) {
			t.Errorf("after hiding Weather the menu is %q", got)
		}
		if p := d.do(d.browser(), "GET", "/weather", nil); p.status != http.StatusOK {
			t.Errorf("a hidden section's page answers %d", p.status)
		}
		d.arrange("/admin/fronts/menu", url.Values{"menu": {fmt.Sprintf("show:%d", weather)}})
		if got := menu(); !slices.Equal(got, []string{"/weather", "/harbour", "/courts"}) {
			t.Errorf("after showing Weather again the menu is %q", got)
		}
		for _, c := range []struct {
			value  string
			status int
		}{{"up:999999", 404}, {"hide:999999", 404}, {"twirl:" + fmt.Sprint(weather), 422}, {"", 422}} {
			if a := d.arrange("/admin/fronts/menu", url.Values{"menu": {c.value}}); a.status != c.status {
				t.Errorf("menu=%q: %d, want %d", c.value, a.status, c.status)
			}
		}
	})
}

func count(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}

// problem is the notice of what went wrong on a newsroom page, for a test's
// message.
func problem(body string) string {
	if i := strings.Index(body, `class="problem"`); i >= 0 {
		return body[i:min(len(body), i+300)]
	}
	return ""
}

// unpublish takes a published article down as the editor would.
func (d *desk) unpublish(id int64) {
	d.t.Helper()
	ctx := context.Background()
	a, err := d.st.ArticleByID(ctx, id)
	if err != nil {
		d.t.Fatal(err)
	}
	state, err := d.st.ArticleState(ctx, id)
	if err != nil {
		d.t.Fatal(err)
	}
	a.Status = news.Unpublished
	if _, err := d.st.SaveEdit(ctx, store.Edit{Article: &a, Base: state.Version, By: d.users[news.RoleEditor].ID, ClearPending: true}); err != nil {
		d.t.Fatal(err)
	}
}

// TestPinRunsOutWithNoRequest: the scheduled-jobs loop that `masthead
// serve` runs unpins a story at its time and purges the cached home page,
// though nobody writes to the site.
func TestPinRunsOutWithNoRequest(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		s := d.publishStories("Ferry timetable changes", "Quay wall repaired")
		if err := st.SetFront(context.Background(), store.HomeFront, []store.Pin{{ArticleID: s[0].ID, Until: d.clock.Now().Add(time.Hour)}}, 0); err != nil {
			t.Fatal(err)
		}
		d.readFront("/")
		if p := d.readFront("/"); p.lead != "Ferry timetable changes" || p.cache != "HIT" {
			t.Fatalf("before its time: lead %q (%s)", p.lead, p.cache)
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		d.clock.Advance(2 * time.Hour) // before the loop starts, which reads the clock
		go st.RunJobs(ctx, 50*time.Millisecond, slog.New(slog.NewTextHandler(io.Discard, nil)))
		for deadline := time.Now().Add(60 * time.Second); d.readFront("/").lead == "Ferry timetable changes"; time.Sleep(100 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("a minute after its time the pin still leads the cached home page")
			}
		}
	})
}
