package admin_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"masthead/internal/admin"
	"masthead/internal/auth"
	"masthead/internal/blocks"
	"masthead/internal/browsertest"
	"masthead/internal/dbtest"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
)

// liveNewsroom is a node as `masthead serve` runs it, on real time, with its
// scheduled jobs running, and a section and two writers' profiles.
type liveNewsroom struct {
	st      *store.Store
	base    string
	section news.Section
	writers []news.Author
	lib     *media.Library
	// down makes the newsroom's API answer 503, as a node being restarted
	// or a database away would.
	down atomic.Bool
}

func newLiveNewsroom(t *testing.T, st *store.Store) *liveNewsroom {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ts := httptest.NewServer(nil)
	t.Cleanup(ts.Close)
	files, err := media.OpenStorage(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	pub, err := site.New(site.Config{BaseURL: ts.URL, DataDir: t.TempDir(), Media: files}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	lib := media.New(st, files, media.Options{Log: log, Widths: []int{320, 960}, Crops: []media.Crop{}})
	adm, err := admin.New(admin.Config{BaseURL: ts.URL, Preview: pub.Preview, Media: lib}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(st, pub, log, server.Options{Newsroom: adm.Handler(), CacheBytes: 8 << 20})
	srv.SetReady(true)
	n := &liveNewsroom{st: st, base: ts.URL, section: news.Section{Name: "Harbour", Position: 1}, lib: lib}
	h := srv.Handler()
	ts.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.down.Load() && strings.HasPrefix(r.URL.Path, "/admin/api/") {
			http.Error(w, "Service Unavailable", http.StatusServiceUnavailable)
			return
		}
		h.ServeHTTP(w, r)
	})
	go st.RunJobs(ctx, 200*time.Millisecond, log)
	if err := st.CreateSection(ctx, &n.section); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Morwenna Quayle", "Tobias Penrose"} {
		au := news.Author{Name: name}
		if err := st.CreateAuthor(ctx, &au); err != nil {
			t.Fatal(err)
		}
		n.writers = append(n.writers, au)
	}
	for _, role := range news.Roles {
		u := news.User{Email: string(role) + "@courier.example", Name: "The " + string(role), Role: role}
		if err := st.CreateUser(ctx, &u, auth.HashPassword(goodPassword)); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

// tab is a browser of one member of staff.
type tab struct {
	t   *testing.T
	ctx context.Context
	n   *liveNewsroom
}

func (n *liveNewsroom) open(t *testing.T, role news.Role) *tab {
	t.Helper()
	b := &tab{t: t, ctx: browsertest.New(t), n: n}
	// The first action starts the browser and ties it to its context: the
	// tab's own, not a shorter one of do's.
	if err := chromedp.Do(b.ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.Navigate(n.base+"/admin"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), string(role)+"@courier.example"),
		chromedp.SendKeys(chromedp.ID("password"), goodPassword+kb.Enter),
		chromedp.WaitVisible(chromedp.ID("drafts")))
	return b
}

func (b *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

func evalIn[T any](b *tab, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// pickResult waits for the picture dialog to show the answer to the search
// for q (not an earlier search's, which a busy machine can still be
// drawing) and chooses picture id in it.
func pickResult(q string, id int64) chromedp.Action[chromedp.Void] {
	sel := fmt.Sprintf(`#image-results[aria-busy="false"][data-q=%q] button[data-asset="%d"]`, q, id)
	return chromedp.Steps(chromedp.WaitVisible(chromedp.CSS(sel)), chromedp.Click(chromedp.CSS(sel)))
}

// waitFor polls a script until it is true.
func (b *tab) waitFor(what, js string) {
	b.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !evalIn[bool](b, js) {
		if time.Now().After(deadline) {
			status := evalIn[string](b, `(document.getElementById("save-status")||{}).textContent + " | " + (document.getElementById("form-error")||{}).textContent +
				" | first paragraph: " + ((document.querySelector("#body-editor .ProseMirror p")||{}).textContent || "")`)
			b.t.Fatalf("timed out waiting for %s (status: %s)", what, status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var versionRE = regexp.MustCompile(`\(version (\d+)\)`)

func (b *tab) savedVersion() int {
	b.t.Helper()
	b.waitFor("the save", `/^Saved at/.test(document.getElementById("save-status").textContent)`)
	s := evalIn[string](b, `document.getElementById("save-status").textContent`)
	m := versionRE.FindStringSubmatch(s)
	if m == nil {
		b.t.Fatalf("no version in the status %q", s)
	}
	v, _ := strconv.Atoi(m[1])
	return v
}

// TestWriteAndPublishInTheBrowser: an editor signs in, writes an article with
// formatting typed as a writer types it (Markdown-style shortcuts, Ctrl+B),
// two bylines and a source, publishes it, and it is on the public site.
func TestWriteAndPublishInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newLiveNewsroom(t, st)
		b := n.open(t, news.RoleEditor)
		b.do(chromedp.Click(chromedp.CSS(`a[href="/admin/articles/new"]`)),
			chromedp.WaitVisible(chromedp.CSS("#body-editor .ProseMirror")),
			chromedp.SendKeys(chromedp.ID("headline"), "Lifeboat crew honoured for winter rescue"),
			chromedp.SendKeys(chromedp.ID("standfirst"), "Six volunteers took the boat out in a force nine."),
			chromedp.Click(chromedp.CSS("#body-editor .ProseMirror")),
			chromedp.KeyEvent("## The night of the storm"+kb.Enter),
			chromedp.KeyEvent("The call came at "),
			chromedp.KeyEvent("b", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
			chromedp.KeyEvent("two in the morning"),
			chromedp.KeyEvent("b", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
			chromedp.KeyEvent(", and the crew launched within minutes."+kb.Enter),
			chromedp.KeyEvent("- Six volunteers"+kb.Enter+"Nine-metre waves"+kb.Enter+kb.Enter),
			chromedp.SetValue(chromedp.ID("byline-0"), strconv.FormatInt(n.writers[1].ID, 10)),
			chromedp.SetValue(chromedp.ID("byline-1"), strconv.FormatInt(n.writers[0].ID, 10)),
			chromedp.SendKeys(chromedp.ID("source-name-0"), "RNLI launch log"),
			chromedp.SendKeys(chromedp.ID("source-url-0"), "https://rnli.example/launches"),
		)
		if words := evalIn[string](b, `document.getElementById("word-count").textContent`); words == "0 words" {
			t.Error("the word count did not follow the typing")
		}
		b.do(chromedp.Click(chromedp.ID("save-now")))
		b.savedVersion()
		b.do(chromedp.Click(chromedp.CSS(`button[data-action="publish"]`)))
		b.waitFor("publishing", `document.body.dataset.stage === "published"`)

		teasers, err := st.Teasers(context.Background(), store.TeaserQuery{Limit: 1})
		if err != nil || len(teasers) != 1 {
			t.Fatalf("no published article: %v", err)
		}
		art, err := st.ArticleByID(context.Background(), teasers[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(art.Authors) != 2 || art.Authors[0].ID != n.writers[1].ID || art.Authors[1].ID != n.writers[0].ID {
			t.Errorf("bylines %+v, want Tobias Penrose then Morwenna Quayle", art.Authors)
		}
		if len(art.Sources) != 1 || art.Sources[0].URL != "https://rnli.example/launches" {
			t.Errorf("sources %+v", art.Sources)
		}
		reader := browsertest.New(t)
		if err := chromedp.Do(reader, chromedp.Navigate(n.base+art.URL())); err != nil {
			t.Fatal(err)
		}
		html, err := chromedp.Run(reader, chromedp.Evaluate[string](`document.querySelector("main").innerHTML`))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"Lifeboat crew honoured for winter rescue", "<h2", "The night of the storm", "<strong>two in the morning</strong>",
			"<li>Six volunteers</li>", "Tobias Penrose", "Morwenna Quayle", "RNLI launch log"} {
			if !strings.Contains(html, want) {
				t.Errorf("the public page lacks %q", want)
			}
		}
	})
}

// TestBodyPictureInTheBrowser: an editor finds a picture in the media
// library from the editor's Image button, puts it in the body with a
// caption of its own, sees it there, publishes, and the public page shows it
// as a <picture> with WebP and JPEG sizes.
func TestBodyPictureInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		n := newLiveNewsroom(t, st)
		pic, err := n.lib.Ingest(ctx, bytes.NewReader(jpegBytes(t, 800, 450)), "breakwater.jpg")
		if err != nil {
			t.Fatal(err)
		}
		pic.Alt = "Waves breaking over the harbour wall"
		if err := st.UpdateAsset(ctx, &pic); err != nil {
			t.Fatal(err)
		}
		if _, err := n.lib.ProcessPending(ctx); err != nil {
			t.Fatal(err)
		}
		a := news.Article{Headline: "Storm damages the breakwater", Standfirst: "Repairs will take a month.",
			Section: n.section, Authors: []news.Author{n.writers[0]},
			Body: blocks.Document{blocks.P(blocks.T("The storm hit at high tide."))}}
		if _, err := st.SaveEdit(ctx, store.Edit{Article: &a}); err != nil {
			t.Fatal(err)
		}
		b := n.open(t, news.RoleEditor)
		b.do(chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", n.base, a.ID)),
			chromedp.WaitVisible(chromedp.CSS("#body-editor .ProseMirror")),
			chromedp.Click(chromedp.CSS("#body-editor .ProseMirror p")),
			chromedp.KeyEvent(kb.End),
			chromedp.Click(chromedp.CSS(`#toolbar [data-cmd="image"]`)),
			chromedp.WaitVisible(chromedp.ID("image-dialog")),
			chromedp.SendKeys(chromedp.ID("image-q"), "harbour wall"),
			chromedp.Click(chromedp.ID("image-find")),
			pickResult("harbour wall", pic.ID),
			chromedp.SendKeys(chromedp.ID("image-caption"), "The breakwater on Sunday morning."),
			chromedp.Click(chromedp.ID("image-insert")),
			chromedp.WaitNotVisible(chromedp.ID("image-dialog")))
		// The editor shows the picture, through the staff preview.
		b.waitFor("the picture in the editor", `(() => { const img = document.querySelector("#body-editor .block-image img");
			return !!img && img.complete && img.naturalWidth > 0 })()`)
		if src := evalIn[string](b, `document.querySelector("#body-editor .block-image img").getAttribute("src")`); src != fmt.Sprintf("/admin/media/%d/preview", pic.ID) {
			t.Errorf("the editor shows the picture from %q", src)
		}
		b.do(chromedp.Click(chromedp.ID("save-now")))
		b.savedVersion()
		b.do(chromedp.Click(chromedp.CSS(`button[data-action="publish"]`)))
		b.waitFor("publishing", `document.body.dataset.stage === "published"`)

		saved, err := st.ArticleByID(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(saved.Body) != 2 || saved.Body[1].Asset != pic.ID || saved.Body[1].Src != "" || saved.Body[1].Alt != "" ||
			saved.Body[1].Caption != "The breakwater on Sunday morning." {
			t.Fatalf("the saved body: %+v", saved.Body)
		}
		page := fetchPage(t, n.base+saved.URL())
		for _, want := range []string{`<figure class="image"><picture><source type="image/webp" srcset="/media/r/`,
			`sizes="(min-width: 48em) 46rem, 100vw"`, `width="800" height="450" alt="Waves breaking over the harbour wall" loading="lazy" decoding="async">`,
			`<figcaption>The breakwater on Sunday morning.</figcaption>`} {
			if !strings.Contains(page, want) {
				t.Errorf("the public page lacks %s", want)
			}
		}
	})
}

// TestContributorCannotPublishInTheBrowser: a contributor's editor offers
// "Submit for review" and no way to publish; another person's draft does not
// open in their browser, nor through the API, its preview or its revisions,
// and their dashboard does not list it.
func TestContributorCannotPublishInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newLiveNewsroom(t, st)
		b := n.open(t, news.RoleContributor)
		b.do(chromedp.Navigate(n.base+"/admin/articles/new"), chromedp.WaitVisible(chromedp.CSS("#body-editor .ProseMirror")))
		if evalIn[bool](b, `!!document.querySelector('button[data-action="publish"]')`) {
			t.Error("a contributor's editor has a Publish button")
		}
		b.do(chromedp.SendKeys(chromedp.ID("headline"), "Council tea urn replaced"),
			chromedp.Click(chromedp.CSS(`button[data-action="submit"]`)))
		b.waitFor("submitting", `document.body.dataset.stage === "submitted"`)
		// A publish sent from the contributor's own page, as a crafted request would, is refused.
		status, err := chromedp.Run(b.ctx, chromedp.Evaluate[float64](`fetch(location.pathname.replace("/admin/articles/", "/admin/api/articles/") + "/publish",
			{method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify({base: 2})}).then(r => r.status)`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if status != 403 {
			t.Errorf("a contributor's publish request: %v, want 403", status)
		}

		other := n.story(t, "Harbour master's private memo", news.Draft)
		b.do(chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", n.base, other.ID)), chromedp.WaitVisible(chromedp.CSS("main")))
		if page := evalIn[string](b, `document.body.textContent`); strings.Contains(page, "private memo") || !strings.Contains(page, "opens only your own") ||
			evalIn[bool](b, `!!document.querySelector("#body-editor")`) {
			t.Errorf("a contributor opening another's draft in the editor sees: %q", page)
		}
		for _, path := range []string{fmt.Sprintf("/admin/api/articles/%d", other.ID), fmt.Sprintf("/admin/preview/%d", other.ID),
			fmt.Sprintf("/admin/articles/%d/revisions", other.ID)} {
			got, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](fmt.Sprintf(`fetch(%q, {credentials: "same-origin"}).then(async r => r.status + " " + await r.text())`, path),
				chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(got, "403 ") || strings.Contains(got, "private memo") {
				t.Errorf("a contributor fetching %s: %.60q", path, got)
			}
		}
		b.do(chromedp.Navigate(n.base+"/admin"), chromedp.WaitVisible(chromedp.ID("drafts")))
		if page := evalIn[string](b, `document.body.textContent`); strings.Contains(page, "private memo") {
			t.Error("the contributor's dashboard lists another's draft")
		}
	})
}

// TestConflictingSaveInTheBrowser: two editors have one article open; the
// second to save is told, shown the first's text, and keeps their own.
func TestConflictingSaveInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newLiveNewsroom(t, st)
		a := news.Article{Headline: "Quay parking charges", Section: n.section, Authors: []news.Author{n.writers[0]}}
		if _, err := st.SaveEdit(context.Background(), store.Edit{Article: &a}); err != nil {
			t.Fatal(err)
		}
		page := fmt.Sprintf("%s/admin/articles/%d", n.base, a.ID)
		first, second := n.open(t, news.RoleEditor), n.open(t, news.RoleAdmin)
		// The second opens it first, so the first sees them at once.
		for _, b := range []*tab{second, first} {
			b.do(chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("#body-editor .ProseMirror")))
		}
		first.waitFor("presence", `document.getElementById("presence").textContent.includes("The admin")`)
		first.typeInto("headline", "Quay parking charges rise")
		first.do(chromedp.Click(chromedp.CSS("#body-editor .ProseMirror")), chromedp.KeyEvent("Charges rise to £3 an hour."),
			chromedp.Click(chromedp.ID("save-now")))
		theirVersion := first.savedVersion()
		second.do(chromedp.Click(chromedp.CSS("#body-editor .ProseMirror")), chromedp.KeyEvent("Traders object to the new charges."),
			chromedp.Click(chromedp.ID("save-now")))
		second.waitFor("the conflict", `!document.getElementById("conflict").hidden`)
		if theirs := evalIn[string](second, `document.getElementById("conflict-rows").textContent`); !strings.Contains(theirs, "£3 an hour") {
			t.Errorf("the conflict shows %q, not the first editor's text", theirs)
		}
		// Side by side, field by field, the differences marked.
		if got := evalIn[string](second, `Array.from(document.querySelectorAll("#conflict-rows tr.differs th")).map(th => th.textContent).join(",")`); got != "Headline,Text" {
			t.Errorf("the fields marked as different: %q, want Headline,Text", got)
		}
		if got := evalIn[string](second, `Array.from(document.querySelectorAll("#conflict-rows tr:first-child td:last-child mark")).map(m => m.textContent).join(",")`); got != "rise" {
			t.Errorf("the word marked in their headline: %q, want rise", got)
		}
		if mine := evalIn[string](second, `window.mastheadEditor.getText()`); !strings.Contains(mine, "Traders object") {
			t.Errorf("the second editor's text is gone from their editor: %q", mine)
		}
		saved, _ := st.ArticleByID(context.Background(), a.ID)
		if text := saved.Body.Text(); !strings.Contains(text, "£3 an hour") || strings.Contains(text, "Traders object") {
			t.Errorf("the stored text is %q: the refused save must not overwrite", text)
		}
		// Keep mine: a new version; theirs stays in the revisions.
		second.do(chromedp.Click(chromedp.ID("conflict-keep")))
		mine := second.savedVersion()
		saved, _ = st.ArticleByID(context.Background(), a.ID)
		old, _ := st.RevisionContent(context.Background(), a.ID, theirVersion)
		if mine != theirVersion+1 || !strings.Contains(saved.Body.Text(), "Traders object") || !strings.Contains(old.Body.Text(), "£3 an hour") {
			t.Errorf("after Keep mine: version %d (theirs %d), stored %q, their revision %q", mine, theirVersion, saved.Body.Text(), old.Body.Text())
		}
		// The first editor is told within a few seconds, with the diff.
		first.waitFor("the newer-version notice", `!document.getElementById("newer-version").hidden`)
		if msg := evalIn[string](first, `document.getElementById("newer-version-text").textContent`); !strings.Contains(msg, fmt.Sprintf("The admin saved a newer version (version %d)", mine)) {
			t.Errorf("the first editor's notice: %q", msg)
		}
		if href := evalIn[string](first, `document.getElementById("newer-version-diff").getAttribute("href")`); href != fmt.Sprintf("/admin/articles/%d/revisions?v=%d", a.ID, mine) {
			t.Errorf("the notice links to %q", href)
		}
		first.do(chromedp.Click(chromedp.ID("newer-version-load")))
		first.waitFor("the newer version", `window.mastheadEditor.getText().includes("Traders object")`)

		// Take theirs: the second's next stale save is replaced by the first's version.
		first.do(chromedp.Click(chromedp.CSS("#body-editor .ProseMirror")), chromedp.KeyEvent(kb.End), chromedp.KeyEvent(" Parking wardens start Monday."),
			chromedp.Click(chromedp.ID("save-now")))
		first.savedVersion()
		second.do(chromedp.Click(chromedp.CSS("#body-editor .ProseMirror")), chromedp.KeyEvent(kb.End), chromedp.KeyEvent(" A petition has 400 names."),
			chromedp.Click(chromedp.ID("save-now")))
		second.waitFor("the second conflict", `!document.getElementById("conflict").hidden`)
		second.do(chromedp.Click(chromedp.ID("conflict-load")))
		if text := evalIn[string](second, `window.mastheadEditor.getText()`); !strings.Contains(text, "Parking wardens") || strings.Contains(text, "petition") {
			t.Errorf("after Take theirs the editor has %q", text)
		}
		second.do(chromedp.Click(chromedp.CSS("#body-editor .ProseMirror")), chromedp.KeyEvent(kb.End), chromedp.KeyEvent(" Fines are £70."),
			chromedp.Click(chromedp.ID("save-now")))
		second.savedVersion()
	})
}

// TestScheduledInTheBrowser: an article scheduled a few seconds ahead
// appears on the public site on time, by the job runner alone.
func TestScheduledInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newLiveNewsroom(t, st)
		a := news.Article{Headline: "Harbour lights switched on", Standfirst: "The annual ceremony.", Section: n.section, Authors: []news.Author{n.writers[0]}}
		if _, err := st.SaveEdit(context.Background(), store.Edit{Article: &a}); err != nil {
			t.Fatal(err)
		}
		b := n.open(t, news.RoleEditor)
		b.do(chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", n.base, a.ID)), chromedp.WaitVisible(chromedp.CSS("#body-editor .ProseMirror")))
		// The form takes whole seconds.
		at := time.Now().Add(4 * time.Second).Truncate(time.Second)
		// datetime-local takes the browser's local time; chromium here runs in UTC like the test.
		b.do(chromedp.Click(chromedp.CSS(`button[data-action="schedule"]`)), chromedp.WaitVisible(chromedp.ID("publish-at")))
		evalIn[bool](b, fmt.Sprintf(`(() => { const d = new Date(%d); const p = n => String(n).padStart(2, "0");
			document.getElementById("publish-at").value = d.getFullYear() + "-" + p(d.getMonth()+1) + "-" + p(d.getDate()) + "T" + p(d.getHours()) + ":" + p(d.getMinutes()) + ":" + p(d.getSeconds());
			return true })()`, at.UnixMilli()))
		b.do(chromedp.Click(chromedp.ID("schedule-confirm")))
		b.waitFor("scheduling", `document.body.dataset.stage === "scheduled"`)
		if state := evalIn[string](b, `document.getElementById("stage-text").textContent`); !strings.HasPrefix(state, "Scheduled for ") {
			t.Errorf("the editor's state after scheduling: %q", state)
		}
		if home := fetchPage(t, n.base+"/"); strings.Contains(home, a.Headline) {
			t.Fatal("the scheduled article is on the front page before its time")
		}
		deadline := at.Add(10 * time.Second)
		for !strings.Contains(fetchPage(t, n.base+"/"), a.Headline) {
			if time.Now().After(deadline) {
				t.Fatal("the scheduled article did not appear within 10 s of its time")
			}
			time.Sleep(100 * time.Millisecond)
		}
		if late := time.Since(at); late < 0 {
			t.Errorf("published %v before its time", -late)
		} else {
			t.Logf("published %v after its time", late.Round(time.Millisecond))
		}
	})
}

// TestRestoreRevisionInTheBrowser: restoring an old version from the
// revisions page brings its words back.
func TestRestoreRevisionInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) { restoreRevisionInTheBrowser(t, st) })
}

func restoreRevisionInTheBrowser(t *testing.T, st *store.Store) {
	n := newLiveNewsroom(t, st)
	a := news.Article{Headline: "Ferry returns to service", Section: n.section, Authors: []news.Author{n.writers[0]}}
	v, err := st.SaveEdit(context.Background(), store.Edit{Article: &a})
	if err != nil {
		t.Fatal(err)
	}
	a.Headline = "Ferry breaks down again"
	if _, err := st.SaveEdit(context.Background(), store.Edit{Article: &a, Base: v}); err != nil {
		t.Fatal(err)
	}
	b := n.open(t, news.RoleEditor)
	b.do(chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d/revisions?v=2", n.base, a.ID)), chromedp.WaitVisible(chromedp.CSS(".diff")))
	if diff := evalIn[string](b, `document.querySelector(".diff").innerHTML`); !strings.Contains(diff, "<del>returns to service</del>") {
		t.Errorf("the diff does not show the change: %s", diff)
	}
	b.do(chromedp.Click(chromedp.CSS(`form[data-version="1"] button`)), chromedp.WaitVisible(chromedp.CSS("#body-editor .ProseMirror")))
	if got := evalIn[string](b, `document.getElementById("headline").value`); got != "Ferry returns to service" {
		t.Errorf("after restoring version 1 the headline is %q", got)
	}
	saved, _ := st.ArticleByID(context.Background(), a.ID)
	if saved.Headline != "Ferry returns to service" {
		t.Errorf("stored headline %q after the restore", saved.Headline)
	}
}

func fetchPage(t *testing.T, url string) string {
	t.Helper()
	resp, err := httpGet(url)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func httpGet(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}
