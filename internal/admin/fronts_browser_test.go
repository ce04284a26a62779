package admin_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// settle polls a script until it is true, for up to a minute: a form post
// reloads the page, so a poll that lands mid-navigation is tried again
// rather than failed.
func (b *tab) settle(what, js string) {
	b.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("timed out waiting for %s (last error: %v)", what, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// pinOrderJS is the order of the home page's pins on the Fronts screen.
const pinOrderJS = `Array.from(document.querySelectorAll('#front-home ~ ol.pins li.pin .pin-story a')).map(a => a.textContent).join("|")`

// TestFrontsInTheBrowser: an editor pins three stories by typing part of
// their headlines (no mouse), reorders them with the keyboard through the
// Move buttons and with a drag of the mouse, and the public home page leads
// with the story put first each time.
func TestFrontsInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newLiveNewsroom(t, st)
		stories := []news.Article{
			n.story(t, "Lifeboat crew honoured", news.Published),
			n.story(t, "Ferry fares frozen", news.Published),
			n.story(t, "Quay wall repaired", news.Published),
		}
		b := n.open(t, news.RoleEditor)
		b.do(chromedp.Navigate(n.base+"/admin/fronts"), chromedp.WaitVisible(chromedp.ID("story-home")))
		for i, words := range []string{"lifeboat crew", "fares frozen", "wall repaired"} {
			b.do(chromedp.Focus(chromedp.ID("story-home")), chromedp.KeyEvent(words), chromedp.KeyEvent(kb.Enter))
			b.settle("pin "+words, fmt.Sprintf(`document.querySelectorAll('#front-home ~ ol.pins li.pin').length === %d`, i+1))
		}
		want := func(order ...int) {
			t.Helper()
			var names []string
			for _, i := range order {
				names = append(names, stories[i].Headline)
			}
			b.settle(fmt.Sprintf("the order %q", names), fmt.Sprintf(`%s === %q && !!document.querySelector('.notice')`, pinOrderJS, strings.Join(names, "|")))
			pins, err := st.FrontPins(context.Background(), store.HomeFront)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range pins {
				got = append(got, p.Headline)
			}
			if !slices.Equal(got, names) {
				t.Fatalf("stored order %q, want %q", got, names)
			}
			waitForPage(t, n.base+"/", `class="lead-headline"><a href="`+stories[order[0]].URL()+`">`, true)
		}
		want(0, 1, 2)

		// The keyboard: Move down on the lead, by Enter on the focused button.
		b.do(chromedp.Focus(chromedp.ID(fmt.Sprintf("down-home-%d", stories[0].ID))), chromedp.KeyEvent(kb.Enter))
		want(1, 0, 2)

		// The mouse: drag the last story's handle above the first.
		b.settle("the drag handles", `document.querySelectorAll('#front-home ~ ol.pins .drag-handle').length === 3`)
		type point struct{ X, Y float64 }
		at := func(js string) point {
			t.Helper()
			p, err := chromedp.Run(b.ctx, chromedp.Evaluate[point](`(() => { const r = (`+js+`).getBoundingClientRect(); return {X: r.left + r.width / 2, Y: r.top + r.height / 2}; })()`))
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.getElementById('front-home').scrollIntoView(), true`)); err != nil {
			t.Fatal(err)
		}
		items := `document.querySelectorAll('#front-home ~ ol.pins li.pin')`
		from := at(items + `[2].querySelector('.drag-handle')`)
		first := at(items + `[0]`)
		to := point{first.X, first.Y - 10}
		b.do(chromedp.MouseEvent(chromedp.MousePressed, from.X, from.Y, chromedp.ButtonLeft))
		for i := 1; i <= 8; i++ {
			f := float64(i) / 8
			b.do(chromedp.MouseEvent(chromedp.MouseMoved, from.X+(to.X-from.X)*f, from.Y+(to.Y-from.Y)*f, chromedp.ButtonLeft))
		}
		b.do(chromedp.MouseEvent(chromedp.MouseReleased, to.X, to.Y, chromedp.ButtonLeft))
		b.settle("the drag's save", `/Saved the home page/.test((document.querySelector('.notice')||{}).textContent||"")`)
		want(2, 1, 0)
	})
}
