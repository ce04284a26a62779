package server_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"masthead/internal/blocks"
	"masthead/internal/browsertest"
	"masthead/internal/dbtest"
	"masthead/internal/news"
)

// watchViolations makes every document the tab opens record the policy
// violations it reports (securitypolicyviolation events) in
// window.__violations, and collects what the browser logs about the
// policy, integrity checks and uncaught errors on the console.
func watchViolations(t *testing.T, ctx context.Context) *consoleLog {
	t.Helper()
	_, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: `
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.effectiveDirective + " refused " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});`})
	if err != nil {
		t.Fatal(err)
	}
	// Leaving the editor with unsaved text asks first; the tab says yes.
	go func() {
		for range chromedp.Events(ctx, cdppage.JavascriptDialogOpening) {
			go chromedp.Call(ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	l := &consoleLog{}
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			// A provider's frame cannot load here (the network is closed):
			// the "network" source reports that, and it is not the policy.
			if m.Source == "security" || m.IsException() || strings.Contains(m.Text, "Content Security Policy") || strings.Contains(m.Text, "integrity") {
				l.mu.Lock()
				l.lines = append(l.lines, m.String())
				l.mu.Unlock()
			}
		}
	}()
	return l
}

type consoleLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *consoleLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.lines
	l.lines = nil
	return out
}

// cspTab is a browser tab on the node, failing the test on a violation.
type cspTab struct {
	t       *testing.T
	ctx     context.Context
	base    string
	console *consoleLog
}

func (b *cspTab) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

func cspEval[T any](b *cspTab, js string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// until waits until a JavaScript condition holds in the page, asking again
// after an error (right after a navigation the old document may answer).
func until(condition string) chromedp.Action[chromedp.Void] {
	check := chromedp.Evaluate[bool]("!!(" + condition + ")")
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		for {
			ok, err := check(ctx, tg)
			if err == nil && ok {
				return chromedp.Void{}, nil
			}
			select {
			case <-ctx.Done():
				return chromedp.Void{}, fmt.Errorf("waiting for %s: %w (last error: %v)", condition, ctx.Err(), err)
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
}

// check fails the test for each violation the page has reported and each
// console line about the policy since the last check. Reports are queued
// as tasks, so the page is given a moment first.
func (b *cspTab) check(what string) {
	b.t.Helper()
	b.do(chromedp.Sleep(300 * time.Millisecond))
	for _, v := range cspEval[[]string](b, `window.__violations || []`) {
		b.t.Errorf("%s: %s", what, v)
	}
	for _, line := range b.console.take() {
		b.t.Errorf("%s: console: %s", what, line)
	}
	cspEval[int](b, `(window.__violations = []).length`)
}

// visit opens a page, does what a person would do on it, and checks that
// the page reported nothing; then it proves the policy holds on that page:
// an inline script put into it does not run, and an inline style is refused.
func (b *cspTab) visit(path, ready string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	b.do(chromedp.Navigate(b.base+path), until(`document.readyState === "complete"`), until(ready))
	b.do(actions...)
	b.check(path)
	b.do(chromedp.Evaluate[chromedp.Void](`(function () {
  var s = document.createElement("script");
  s.textContent = "window.__injected = true";
  document.body.appendChild(s);
  var d = document.createElement("p");
  d.setAttribute("style", "color: red");
  document.body.appendChild(d);
})()`), chromedp.Sleep(300*time.Millisecond))
	if cspEval[bool](b, `window.__injected === true`) {
		b.t.Errorf("%s: an inline script put into the page ran", path)
	}
	got := strings.Join(cspEval[[]string](b, `window.__violations`), "; ")
	if !strings.Contains(got, "script-src") || !strings.Contains(got, "style-src") {
		b.t.Errorf("%s: the inline script and style were not both refused; violations: %q", path, got)
	}
	cspEval[int](b, `(window.__violations = []).length`)
	b.console.take()
}

// No page a reader or a member of staff opens reports a policy violation,
// through the whole of its use: the public pages of every kind (an article
// with embeds before and after the reader allows them, with the frames
// sandboxed), and the newsroom signed in, typing in the editor. On each,
// an inline script and an inline style put into the page are refused.
func TestNoPageReportsAPolicyViolation(t *testing.T) {
	st := dbtest.SQLite(t)
	base := fullNode(t, st, 12)
	ctx := context.Background()
	world, err := st.SectionBySlug(ctx, "world")
	if err != nil {
		t.Fatal(err)
	}
	authors, err := st.Authors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a := &news.Article{Headline: "The harbour on video", Standfirst: "A video and a chart.", Status: news.Published,
		Section: world, Authors: authors[:1], PublishedAt: t0.Add(-time.Hour), Tags: []news.Tag{{Name: "Harbour"}}, Body: blocks.Document{
			blocks.P(blocks.T("The harbour, as others saw it.")),
			blocks.Embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "The harbour from the air"),
			blocks.Embed("https://datawrapper.dwcdn.net/Tide7/1/", "Tide chart"),
		}}
	if err := st.SaveArticle(ctx, a); err != nil {
		t.Fatal(err)
	}

	bctx := browsertest.New(t)
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	b := &cspTab{t: t, ctx: bctx, base: base, console: watchViolations(t, bctx)}

	b.visit("/", `document.querySelector("main h2, main h1")`)
	b.visit("/world", `document.querySelector("main")`)
	b.visit("/archive/2026", `document.querySelector("main")`)
	b.visit("/search?q=harbour", `document.querySelector("main")`)
	b.visit("/privacy", `document.querySelector("main")`)
	b.visit("/no-such-page", `document.querySelector("main")`)
	// The article: the banner and the placeholders, then one video loaded,
	// then all embeds allowed.
	b.visit(a.URL(), `document.querySelector("figure.embed .embed-consent")`)
	b.visit(a.URL(), `document.querySelector("figure.embed .embed-consent")`,
		chromedp.Evaluate[chromedp.Void](`document.querySelector('figure.embed[data-provider="YouTube"] .embed-consent button').click()`),
		until(`document.querySelector("figure.embed iframe")`))
	b.visit(a.URL(), `document.querySelector("figure.embed .embed-consent")`,
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#consent button[data-consent="accept"]').click()`),
		until(`document.querySelectorAll("figure.embed iframe").length === 2`))
	for _, sandbox := range cspEval[[]string](b, `Array.from(document.querySelectorAll("iframe"), f => f.getAttribute("sandbox") || "")`) {
		if sandbox != "allow-scripts allow-same-origin allow-popups allow-presentation" {
			t.Errorf("an embed's frame has sandbox %q", sandbox)
		}
	}
	author := cspEval[string](b, `document.querySelector('a[href^="/author/"]').getAttribute("href")`)
	tag := cspEval[string](b, `(document.querySelector('a[href^="/tag/"]') || {getAttribute: () => "/tag/harbour"}).getAttribute("href")`)
	b.visit(author, `document.querySelector("main")`)
	b.visit(tag, `document.querySelector("main")`)
	// The same pages again come from the page cache, with the same header.
	b.visit("/", `document.querySelector("main")`)
	b.visit(a.URL(), `document.querySelector("main")`)

	// The newsroom.
	b.visit("/admin/signin", `document.getElementById("email")`)
	b.do(chromedp.SendKeys(chromedp.ID("email"), "admin@courier.example"),
		chromedp.SendKeys(chromedp.ID("password"), staffPassword+kb.Enter),
		until(`document.getElementById("drafts")`))
	b.check("signing in")
	b.visit("/admin", `document.getElementById("drafts")`)
	b.visit("/admin/articles/new", `window.mastheadEditor && document.querySelector("#body-editor .ProseMirror")`,
		chromedp.SendKeys(chromedp.ID("headline"), "Tide tables for the week"),
		chromedp.Click(chromedp.CSS("#body-editor .ProseMirror")),
		chromedp.SendKeys(chromedp.CSS("#body-editor .ProseMirror"), "The high tide comes at noon. "),
		chromedp.Click(chromedp.CSS(`#toolbar [data-mark="bold"]`)),
		chromedp.SendKeys(chromedp.CSS("#body-editor .ProseMirror"), "Mind the steps."),
		until(`document.querySelector("#body-editor .ProseMirror strong")`))
	if text := cspEval[string](b, `window.mastheadEditor.getText()`); !strings.Contains(text, "Mind the steps.") {
		t.Errorf("the editor holds %q after typing", text)
	}
	// Tiptap's rules come from the stylesheet: the editor keeps spaces.
	if ws := cspEval[string](b, `getComputedStyle(document.querySelector("#body-editor .ProseMirror")).whiteSpace`); ws != "break-spaces" && ws != "pre-wrap" {
		t.Errorf("the editor's white-space is %q: its stylesheet rules did not apply", ws)
	}
	b.visit("/admin/articles/"+strconv.FormatInt(a.ID, 10), `window.mastheadEditor && document.querySelector("#body-editor .ProseMirror")`)
	b.visit("/admin/articles/"+strconv.FormatInt(a.ID, 10)+"/revisions", `document.querySelector("main")`)
	b.visit("/admin/preview/"+strconv.FormatInt(a.ID, 10), `document.querySelector("figure.embed")`)
	b.visit("/admin/media", `document.getElementById("upload-form")`)
	picture := cspEval[string](b, `document.querySelector('a[href^="/admin/media/"]').getAttribute("href")`)
	b.visit(picture, `document.getElementById("focal-mark")`,
		chromedp.Click(chromedp.ID("focal-image")))
	b.visit("/admin/people", `document.querySelector("main")`)
	b.visit("/admin/account", `document.querySelector("main")`)
	b.visit("/admin/sections", `document.querySelector("main")`)
	// The other screens with a script of their own (the Fronts screen, the
	// page editor), and every other screen of the newsroom's menu.
	b.visit("/admin/fronts", `document.querySelector("main h2")`)
	b.visit("/admin/pages/new", `document.querySelector("#body-editor .ProseMirror")`,
		chromedp.Click(chromedp.CSS("#body-editor .ProseMirror")),
		chromedp.SendKeys(chromedp.CSS("#body-editor .ProseMirror"), "Opening hours of the harbour office."),
		until(`document.querySelector("#body-editor .ProseMirror").textContent.includes("harbour office")`))
	for _, path := range []string{"/admin/articles", "/admin/pages", "/admin/authors", "/admin/tags", "/admin/audit",
		"/admin/settings", "/admin/redirects", "/admin/import", "/admin/webhooks", "/admin/api-keys", "/admin/mail"} {
		b.visit(path, `document.querySelector("main h1")`)
	}
}
