package admin_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestLibraryInTheBrowser (issue 15, item 7): several pictures chosen at
// once are each reported, added or refused on their own; a picture in use
// cannot be deleted and the refusal names the article; an unused one is
// deleted after the question.
func TestLibraryInTheBrowser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		n := newLiveNewsroom(t, st)
		used := n.libraryPicture(t, "breakwater.jpg", "Waves breaking over the harbour wall")
		art := news.Article{Headline: "Storm damages the breakwater", Section: n.section, Authors: []news.Author{n.writers[0]},
			Body: blocks.Document{blocks.P(blocks.T("The wall gave way."))}, Status: news.Published, LeadImage: &news.Image{Asset: used.ID}}
		if _, err := st.SaveEdit(ctx, store.Edit{Article: &art}); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		var paths []string
		for name, data := range map[string][]byte{"gulls.jpg": jpegBytes(t, 320, 180), "nets.jpg": jpegBytes(t, 320, 240), "notes.jpg": []byte("my notes, not a picture")} {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, p)
		}

		b := n.open(t, news.RoleEditor)
		b.do(chromedp.Navigate(n.base+"/admin/media"), chromedp.WaitVisible(chromedp.ID("files")),
			chromedp.SetUploadFiles(chromedp.ID("files"), paths),
			chromedp.Click(chromedp.CSS(`#upload-form button[type="submit"]`)))
		b.until("each file's result", `(t => /gulls\.jpg added/.test(t) && /nets\.jpg added/.test(t) && /notes\.jpg/.test(t) && !/notes\.jpg added/.test(t))(document.getElementById("upload-progress").textContent)`)
		// The page reloads with the new pictures, flagged until described.
		b.until("the new pictures in the grid", `document.querySelectorAll(".library li.no-alt").length === 2 && document.getElementById("upload-progress").textContent === ""`)

		b.do(chromedp.Navigate(fmt.Sprintf("%s/admin/media/%d/delete", n.base, used.ID)))
		b.until("the refusal naming the article", `(p => p && /still used/.test(p.textContent) && p.textContent.includes("Storm damages the breakwater"))(document.querySelector(".problem"))`)
		b.until("the use linked", fmt.Sprintf(`!!document.querySelector('.uses a[href="/admin/articles/%d"]')`, art.ID))
		if _, err := st.Asset(ctx, used.ID); err != nil {
			t.Fatalf("the used picture: %v", err)
		}

		found, err := st.FindAssets(ctx, store.AssetQuery{Words: "nets", Limit: 1})
		if err != nil || len(found) != 1 {
			t.Fatalf("the uploaded nets.jpg: %v %v", found, err)
		}
		spare := found[0].ID
		b.do(chromedp.Navigate(fmt.Sprintf("%s/admin/media/%d", n.base, spare)))
		b.until("the delete link", fmt.Sprintf(`!!document.querySelector('a[href="/admin/media/%d/delete"]')`, spare))
		b.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href="/admin/media/%d/delete"]`, spare))))
		b.until("the question", `!!document.querySelector("button.danger") && /cannot be undone/.test(document.body.textContent)`)
		b.do(chromedp.Click(chromedp.CSS("button.danger")))
		b.until("the library after the delete", fmt.Sprintf(`(p => p && p.textContent.includes("Deleted picture %d"))(document.querySelector(".notice"))`, spare))
		if _, err := st.Asset(ctx, spare); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("the deleted picture: %v", err)
		}
	})
}
