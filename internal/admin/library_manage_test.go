package admin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/server"
	"masthead/internal/store"
)

// upload adds one picture as the editor, describes it when alt is given,
// and returns its number.
func (d *desk) upload(name string, w, h int, alt string) int64 {
	d.t.Helper()
	up := d.uploadFiles(d.clients[news.RoleEditor], true, map[string][]byte{name: jpegBytes(d.t, w, h)})
	var out struct{ Results []struct{ Asset news.Asset } }
	if err := json.Unmarshal([]byte(up.body), &out); err != nil || len(out.Results) != 1 || out.Results[0].Asset.ID == 0 {
		d.t.Fatalf("upload %s: %d %s", name, up.status, up.body)
	}
	id := out.Results[0].Asset.ID
	if alt != "" {
		if a := d.do(d.clients[news.RoleEditor], "POST", fmt.Sprintf("/admin/media/%d", id), url.Values{"alt": {alt},
			"caption": {""}, "credit": {""}, "focus_x": {"0.5"}, "focus_y": {"0.5"}}); a.status != 200 {
			d.t.Fatalf("describing %s: %d", name, a.status)
		}
	}
	return id
}

// replaceFile posts a new file for a picture as its page's form does.
func (d *desk) replaceFile(c *http.Client, id int64, name string, data []byte) answer {
	d.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/admin/media/%d/replace", d.ts.URL, id), &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		d.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, body: string(b), header: resp.Header}
}

func (d *desk) publish(headline string, lead int64, body ...blocks.Block) news.Article {
	d.t.Helper()
	art := news.Article{Headline: headline, Section: d.section, Status: news.Published,
		Authors: []news.Author{d.profiles[news.RoleEditor]}, Body: append(blocks.Document{blocks.P(blocks.T("The story."))}, body...)}
	if lead != 0 {
		art.LeadImage = &news.Image{Asset: lead}
	}
	if _, err := d.st.SaveEdit(context.Background(), store.Edit{Article: &art, By: d.users[news.RoleEditor].ID}); err != nil {
		d.t.Fatal(err)
	}
	return art
}

var renditionSrc = regexp.MustCompile(`/media/r/[0-9a-f]+-\d+\.jpg`)

// TestPictureUsesAndDelete (issue 15, item 7): a picture's page lists every
// use (articles, pages, authors' photos, settings) with a link to where it
// can be changed; deleting a used picture is refused naming the uses; an
// unused one is deleted after a question, with its files, and audited.
func TestPictureUsesAndDelete(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dir := t.TempDir()
		d := deskOf(t, st, newNewsroomIn(t, st, server.Options{}, dir))
		ed := d.clients[news.RoleEditor]
		lead := d.upload("quay.jpg", 400, 300, "The quay wall at low tide")
		logo := d.upload("logo.jpg", 300, 300, "The Courier's gull")
		spare := d.upload("spare.jpg", 320, 200, "")
		if _, err := d.lib.ProcessPending(ctx); err != nil {
			t.Fatal(err)
		}
		art := d.publish("Quay wall mended", lead)
		page := news.Page{Slug: "about", Title: "About the Courier", Body: blocks.Document{blocks.AssetImage(logo, "", "", "")}}
		if err := st.CreatePage(ctx, &page); err != nil {
			t.Fatal(err)
		}
		if err := st.SetSetting(ctx, "site.logo_media", strconv.FormatInt(logo, 10)); err != nil {
			t.Fatal(err)
		}
		ana := d.profiles[news.RoleAuthor]
		form := url.Values{"name": {ana.Name}, "slug": {ana.Slug}, "bio": {""}, "email": {""}}
		for photo, want := range map[string]string{"999999": "There is no picture 999999", "gull": "number of a picture",
			strconv.FormatInt(spare, 10): "has no alt text"} {
			form.Set("photo", photo)
			if a := d.do(ed, "POST", fmt.Sprintf("/admin/authors/%d", ana.ID), form); a.status != http.StatusUnprocessableEntity || !strings.Contains(a.body, want) {
				t.Errorf("author photo %q: %d, want 422 saying %q", photo, a.status, want)
			}
		}
		form.Set("photo", strconv.FormatInt(logo, 10))
		if a := d.do(ed, "POST", fmt.Sprintf("/admin/authors/%d", ana.ID), form); a.status != 200 {
			t.Fatalf("choosing the author's photo: %d", a.status)
		}
		if a := d.do(d.browser(), "GET", "/author/"+ana.Slug, nil); !strings.Contains(a.body, `class="author-photo"`) ||
			!renditionSrc.MatchString(a.body) || !strings.Contains(a.body, `alt="The Courier&#39;s gull"`) {
			t.Errorf("the author page does not show the library photo through its renditions:\n%s", a.body)
		}

		uses := d.do(ed, "GET", fmt.Sprintf("/admin/media/%d", logo), nil)
		for _, want := range []string{
			fmt.Sprintf(`Page: <a href="/admin/pages/%d">About the Courier</a> (body`, page.ID),
			fmt.Sprintf(`Author: <a href="/admin/authors/%d">%s</a> (photo`, ana.ID, ana.Name),
			`Setting: <a href="/admin/settings">site.logo_media</a>`,
		} {
			if !strings.Contains(uses.body, want) {
				t.Errorf("the picture's page does not list %s", want)
			}
		}
		if a := d.do(ed, "GET", fmt.Sprintf("/admin/media/%d", lead), nil); !strings.Contains(a.body,
			fmt.Sprintf(`Article: <a href="/admin/articles/%d">Quay wall mended</a> (lead picture, seen by readers)`, art.ID)) {
			t.Errorf("the picture's page does not list the article:\n%s", a.body)
		}

		// The photo, the page and the setting are published work too.
		words := url.Values{"alt": {" "}, "caption": {""}, "credit": {""}, "focus_x": {"0.5"}, "focus_y": {"0.5"}}
		if a := d.do(d.clients[news.RoleAdmin], "POST", fmt.Sprintf("/admin/media/%d", logo), words); a.status != http.StatusUnprocessableEntity || !strings.Contains(a.body, "must keep its alt text") {
			t.Errorf("emptying the alt text of an author's photo and a page's picture: %d, want 422", a.status)
		}
		words.Set("alt", "A gull")
		for _, role := range []news.Role{news.RoleContributor, news.RoleEditor} {
			if a := d.do(d.clients[role], "POST", fmt.Sprintf("/admin/media/%d", logo), words); a.status != http.StatusForbidden {
				t.Errorf("the %s changing the words of the site's logo (a setting is the admins'): %d, want 403", role, a.status)
			}
		}
		for _, id := range []int64{lead, logo} {
			for _, method := range []string{"GET", "POST"} {
				a := d.do(ed, method, fmt.Sprintf("/admin/media/%d/delete", id), url.Values{"confirm": {"yes"}})
				if a.status != http.StatusConflict || !strings.Contains(a.body, "still used") {
					t.Errorf("%s delete of used picture %d: %d, want 409", method, id, a.status)
				}
			}
		}
		if a := d.do(ed, "POST", fmt.Sprintf("/admin/media/%d/delete", logo), url.Values{"confirm": {"yes"}}); !strings.Contains(a.body, "About the Courier") ||
			!strings.Contains(a.body, ana.Name) || !strings.Contains(a.body, "site.logo_media") {
			t.Errorf("the refusal does not name every use:\n%s", a.body)
		}
		if _, err := st.Asset(ctx, logo); err != nil {
			t.Errorf("a refused delete removed the picture: %v", err)
		}
		if a := d.do(d.clients[news.RoleContributor], "POST", fmt.Sprintf("/admin/media/%d/delete", spare), url.Values{"confirm": {"yes"}}); a.status != http.StatusForbidden {
			t.Errorf("a contributor deleting a picture: %d, want 403", a.status)
		}
		if a := d.do(ed, "GET", "/admin/media/999999/delete", nil); a.status != http.StatusNotFound {
			t.Errorf("deleting a picture that does not exist: %d, want 404", a.status)
		}

		spareAsset, _ := st.Asset(ctx, spare)
		orig, _ := st.AssetOriginalKey(ctx, spare)
		keys := []string{orig}
		for _, r := range spareAsset.Renditions {
			keys = append(keys, r.Key)
		}
		ask := d.do(ed, "GET", fmt.Sprintf("/admin/media/%d/delete", spare), nil)
		if ask.status != 200 || !strings.Contains(ask.body, "cannot be undone") || !strings.Contains(ask.body, `name="confirm" value="yes"`) {
			t.Errorf("the question before deleting: %d", ask.status)
		}
		if a := d.do(ed, "POST", fmt.Sprintf("/admin/media/%d/delete", spare), url.Values{}); a.status != 200 || !strings.Contains(a.body, "cannot be undone") {
			t.Errorf("a delete without the answer: %d, want the question", a.status)
		}
		if _, err := st.Asset(ctx, spare); err != nil {
			t.Fatal("the picture went before the question was answered")
		}
		if a := d.do(ed, "POST", fmt.Sprintf("/admin/media/%d/delete", spare), url.Values{"confirm": {"yes"}}); a.status != 200 || !strings.Contains(a.body, "Deleted picture") {
			t.Errorf("deleting an unused picture: %d", a.status)
		}
		if _, err := st.Asset(ctx, spare); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("the deleted picture is still in the library: %v", err)
		}
		for _, k := range keys {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(k))); !os.IsNotExist(err) {
				t.Errorf("%s is still in media storage: %v", k, err)
			}
		}
		log, _ := st.AuditLog(ctx, 10, 0)
		found := false
		for _, e := range log {
			found = found || e.Action == "media.delete" && e.Subject == fmt.Sprintf("asset:%d", spare) && e.Email == d.users[news.RoleEditor].Email
		}
		if !found {
			t.Error("the delete is not in the audit log")
		}
	})
}

// TestReplacePicture (issue 15, item 7): replacing a picture's file keeps
// its number and words; a bad file is refused naming the field and changes
// nothing; someone who may not update the published work that shows it is
// refused; the live page shows the new file once its sizes are made.
func TestReplacePicture(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		d := newDesk(t, st)
		ed := d.clients[news.RoleEditor]
		id := d.upload("quay.jpg", 400, 300, "The quay wall at low tide")
		if _, err := d.lib.ProcessPending(ctx); err != nil {
			t.Fatal(err)
		}
		art := d.publish("Quay wall mended", id)
		before := d.do(d.browser(), "GET", art.URL(), nil)
		oldSrc := renditionSrc.FindString(before.body)
		if oldSrc == "" {
			t.Fatalf("the live page shows no rendition:\n%s", before.body)
		}
		for _, role := range []news.Role{news.RoleContributor, news.RoleAuthor} {
			if a := d.replaceFile(d.clients[role], id, "other.jpg", jpegBytes(t, 300, 400)); a.status != http.StatusForbidden {
				t.Errorf("the %s replacing a picture on someone else's published article: %d, want 403", role, a.status)
			}
		}
		if a := d.replaceFile(ed, id, "notes.jpg", []byte("my notes")); a.status != http.StatusUnprocessableEntity ||
			!strings.Contains(a.body, `id="file-error"`) || !strings.Contains(a.body, "keeps its file") {
			t.Errorf("replacing with a text file: %d, want 422 on the file field", a.status)
		}
		if got, _ := st.Asset(ctx, id); got.Width != 400 || got.Name != "quay.jpg" {
			t.Errorf("a refused file changed the picture: %+v", got)
		}
		if a := d.replaceFile(ed, id, "tall.jpg", jpegBytes(t, 300, 400)); a.status != 200 || !strings.Contains(a.body, "Replaced the file with tall.jpg") {
			t.Fatalf("replacing the file: %d %s", a.status, a.body)
		}
		got, _ := st.Asset(ctx, id)
		if got.Alt != "The quay wall at low tide" || got.Width != 300 || got.Height != 400 {
			t.Errorf("after replacing: %+v", got)
		}
		if p := d.do(d.browser(), "GET", art.URL(), nil); !strings.Contains(p.body, oldSrc) {
			t.Error("the live page lost its picture before the new sizes were made")
		}
		if _, err := d.lib.ProcessPending(ctx); err != nil {
			t.Fatal(err)
		}
		after := d.do(d.browser(), "GET", art.URL(), nil)
		newSrc := renditionSrc.FindString(after.body)
		if newSrc == "" || newSrc == oldSrc || strings.Contains(after.body, oldSrc) || !strings.Contains(after.body, `alt="The quay wall at low tide"`) {
			t.Errorf("the live page after the new sizes were made shows %q (was %q)", newSrc, oldSrc)
		}
		if a := d.do(d.browser(), "GET", oldSrc, nil); a.status != http.StatusNotFound {
			t.Errorf("the old rendition %s is still served: %d", oldSrc, a.status)
		}
		log, _ := st.AuditLog(ctx, 10, 0)
		if len(log) == 0 || log[0].Action != "media.replace" {
			t.Errorf("the replacement is not audited: %+v", log)
		}
	})
}

// TestLibraryGrid (issue 15, item 7): the grid shows each picture's alt
// text, flags those without, filters to them, and is paged.
func TestLibraryGrid(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		c := d.clients[news.RoleContributor]
		d.upload("described.jpg", 64, 48, "Gulls over the harbour")
		d.upload("bare.jpg", 64, 48, "")
		grid := d.do(c, "GET", "/admin/media", nil)
		if !strings.Contains(grid.body, `<span class="alt">Gulls over the harbour</span>`) || !strings.Contains(grid.body, `<span class="missing-alt">No alt text</span> <span class="alt">bare.jpg</span>`) {
			t.Errorf("the grid does not show alt text and flag the missing:\n%s", grid.body)
		}
		missing := d.do(c, "GET", "/admin/media?alt=missing", nil)
		if !strings.Contains(missing.body, "bare.jpg") || strings.Contains(missing.body, "Gulls over the harbour") || !strings.Contains(missing.body, `value="missing" checked`) {
			t.Errorf("the missing alt text filter:\n%s", missing.body)
		}
		files := map[string][]byte{}
		for i := range 48 {
			files[fmt.Sprintf("p%02d.jpg", i)] = jpegBytes(t, 32, 24)
		}
		if a := d.uploadFiles(d.clients[news.RoleEditor], true, files); a.status != 200 {
			t.Fatalf("uploading 48: %d", a.status)
		}
		first := d.do(c, "GET", "/admin/media?alt=missing", nil)
		if !strings.Contains(first.body, `rel="next" href="/admin/media?alt=missing&amp;page=2"`) || strings.Contains(first.body, `rel="prev"`) {
			t.Errorf("the first page of 49 missing alt text has no link to the next")
		}
		second := d.do(c, "GET", "/admin/media?alt=missing&page=2", nil)
		if strings.Count(second.body, `class="no-alt"`) != 1 || !strings.Contains(second.body, `rel="prev"`) || strings.Contains(second.body, `rel="next"`) {
			t.Errorf("the second page shows %d pictures, want the one left", strings.Count(second.body, `class="no-alt"`))
		}
		if a := d.do(c, "GET", "/admin/media?page=banana", nil); a.status != 200 {
			t.Errorf("a page that is not a number: %d", a.status)
		}
	})
}
