package admin_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestPictureOnPublishedWork (issue 13 item 2): the words of a picture a
// published page shows are changed only by someone who may update that
// page, and its alt text can never be emptied while the page shows it.
func TestPictureOnPublishedWork(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		ed := d.clients[news.RoleEditor]
		upload := func(name string) int64 {
			up := d.uploadFiles(ed, true, map[string][]byte{name: jpegBytes(t, 400, 300)})
			var out struct{ Results []struct{ Asset news.Asset } }
			if err := json.Unmarshal([]byte(up.body), &out); err != nil || len(out.Results) != 1 {
				t.Fatalf("upload: %d %s", up.status, up.body)
			}
			return out.Results[0].Asset.ID
		}
		used, unused := upload("quay.jpg"), upload("gull.jpg")
		if _, err := d.lib.ProcessPending(ctx); err != nil {
			t.Fatal(err)
		}
		words := func(alt string) url.Values {
			return url.Values{"alt": {alt}, "caption": {"The quay."}, "credit": {"Courier staff"}, "focus_x": {"0.5"}, "focus_y": {"0.5"}}
		}
		if a := d.do(ed, "POST", fmt.Sprintf("/admin/media/%d", used), words("The quay wall at low tide")); a.status != 200 {
			t.Fatalf("describing the picture: %d", a.status)
		}
		art := news.Article{Headline: "Quay wall mended", Section: d.section, Status: news.Published,
			Authors: []news.Author{d.profiles[news.RoleEditor]},
			Body:    blocks.Document{blocks.P(blocks.T("The wall is mended.")), blocks.AssetImage(used, "", "", "")}}
		if _, err := st.SaveEdit(ctx, store.Edit{Article: &art, By: d.users[news.RoleEditor].ID}); err != nil {
			t.Fatal(err)
		}
		for _, role := range []news.Role{news.RoleContributor, news.RoleAuthor} {
			if a := d.do(d.clients[role], "POST", fmt.Sprintf("/admin/media/%d", used), words("Changed by the "+string(role))); a.status != http.StatusForbidden {
				t.Errorf("the %s changing a picture on someone else's published page: %d, want 403", role, a.status)
			}
		}
		if a := d.do(ed, "POST", fmt.Sprintf("/admin/media/%d", used), words(" ")); a.status != http.StatusUnprocessableEntity || !strings.Contains(a.body, "must keep its alt text") {
			t.Errorf("emptying the alt text of a published picture: %d, want 422", a.status)
		}
		page := d.do(d.browser(), "GET", art.URL(), nil)
		if !strings.Contains(page.body, `alt="The quay wall at low tide"`) {
			t.Error("a refused change reached the live page")
		}
		if a := d.do(ed, "POST", fmt.Sprintf("/admin/media/%d", used), words("The mended quay wall at low tide")); a.status != 200 {
			t.Errorf("the editor describing it better: %d", a.status)
		}
		if page = d.do(d.browser(), "GET", art.URL(), nil); !strings.Contains(page.body, `alt="The mended quay wall at low tide"`) {
			t.Error("the editor's change is not on the live page")
		}
		// A picture no published page shows is anyone's to describe.
		if a := d.do(d.clients[news.RoleContributor], "POST", fmt.Sprintf("/admin/media/%d", unused), words("")); a.status != 200 {
			t.Errorf("a contributor describing an unused picture: %d", a.status)
		}
	})
}
