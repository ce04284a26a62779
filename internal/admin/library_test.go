package admin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

func jpegBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// uploadFiles posts files as the library page's form does.
func (n *newsroom) uploadFiles(c *http.Client, asJSON bool, files map[string][]byte) answer {
	n.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for name, data := range files {
		fw, _ := mw.CreateFormFile("files", name)
		_, _ = fw.Write(data)
	}
	_ = mw.Close()
	req, _ := http.NewRequest("POST", n.ts.URL+"/admin/media", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if asJSON {
		req.Header.Set("Accept", "application/json")
	}
	resp, err := c.Do(req)
	if err != nil {
		n.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, body: string(b), header: resp.Header}
}

// TestMediaLibrary: staff upload several pictures at once; a file that is
// not a picture is refused by name and stops none of the others; the
// pictures get their words and focal point, are found by those words, and
// their originals reach staff only.
func TestMediaLibrary(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNewsroom(t, st)
		c := n.browser()
		n.signIn(c, news.RoleContributor)
		a := n.uploadFiles(c, true, map[string][]byte{
			"harbour.jpg":    jpegBytes(t, 640, 360),
			"notes.jpg":      []byte("these are my notes, not a picture"),
			"lighthouse.JPG": jpegBytes(t, 400, 300),
		})
		var out struct {
			Results []struct {
				Name  string
				Error string
				Asset news.Asset
			}
		}
		if err := json.Unmarshal([]byte(a.body), &out); err != nil || a.status != 200 {
			t.Fatalf("upload: %d %s", a.status, a.body)
		}
		byName := map[string]news.Asset{}
		for _, r := range out.Results {
			if r.Name == "notes.jpg" {
				if r.Error == "" || !strings.Contains(r.Error, "notes.jpg") {
					t.Errorf("a text file named .jpg: %q, want a refusal naming it", r.Error)
				}
				continue
			}
			if r.Error != "" || r.Asset.ID == 0 {
				t.Errorf("%s: %q", r.Name, r.Error)
			}
			byName[r.Name] = r.Asset
		}
		if len(byName) != 2 {
			t.Fatalf("%d pictures taken, want 2", len(byName))
		}
		if found, _ := st.SearchAssets(context.Background(), "", 10, 0); len(found) != 2 {
			t.Errorf("the library holds %d pictures, want 2 (the refused file must not be stored)", len(found))
		}
		// Without script the form gets the page back with the results.
		if a := n.uploadFiles(c, false, map[string][]byte{"empty.png": {}}); a.status != http.StatusUnprocessableEntity || !strings.Contains(a.body, "empty") {
			t.Errorf("an empty file by the plain form: %d", a.status)
		}

		pic := byName["harbour.jpg"]
		path := fmt.Sprintf("/admin/media/%d", pic.ID)
		if a := n.do(c, "POST", path, url.Values{"alt": {"Fishing boats in the harbour at dawn"}, "caption": {"The fleet"},
			"credit": {"Courier staff"}, "focus_x": {"2"}, "focus_y": {"0.3"}}); a.status != http.StatusUnprocessableEntity {
			t.Errorf("a focal point outside the picture: %d, want 422", a.status)
		}
		if a := n.do(c, "POST", path, url.Values{"alt": {"Fishing boats in the harbour at dawn"}, "caption": {"The fleet"},
			"credit": {"Courier staff"}, "focus_x": {"0.7"}, "focus_y": {"0.3"}}); a.status != 200 {
			t.Fatalf("saving the words: %d", a.status)
		}
		if list := n.do(c, "GET", "/admin/media?q=fishing+dawn", nil); !strings.Contains(list.body, "Fishing boats") || strings.Contains(list.body, "lighthouse") {
			t.Errorf("searching the library by its words does not find just that picture")
		}
		if a := n.do(c, "GET", path+"/original", nil); a.status != 200 || a.header.Get("Content-Type") != "image/jpeg" {
			t.Errorf("the original for staff: %d %s", a.status, a.header.Get("Content-Type"))
		}
		if a := n.do(n.browser(), "GET", path+"/original", nil); a.status != http.StatusSeeOther {
			t.Errorf("the original signed out: %d, want a redirect to sign in", a.status)
		}
		// The renditions are made in the background; a lead picture from the
		// library needs its alt text to publish.
		if _, err := n.lib.ProcessPending(context.Background()); err != nil {
			t.Fatal(err)
		}
		ed := n.browser()
		n.signIn(ed, news.RoleEditor)
		sec := news.Section{Name: "Harbour"}
		au := news.Author{Name: "Morwenna Quayle"}
		if err := st.CreateSection(context.Background(), &sec); err != nil {
			t.Fatal(err)
		}
		if err := st.CreateAuthor(context.Background(), &au); err != nil {
			t.Fatal(err)
		}
		art := news.Article{Headline: "Dawn at the harbour", Section: sec, Authors: []news.Author{au},
			Body:      blocks.Document{blocks.P(blocks.T("The boats went out early."))},
			LeadImage: &news.Image{Asset: byName["lighthouse.JPG"].ID}}
		v, err := st.SaveEdit(context.Background(), store.Edit{Article: &art})
		if err != nil {
			t.Fatal(err)
		}
		code, body := jsonCall(t, ed, n.ts.URL, "POST", fmt.Sprintf("/admin/api/articles/%d/publish", art.ID), map[string]any{"base": v})
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "alt") {
			t.Errorf("publishing with a lead picture without alt text: %d %s, want 422", code, body)
		}
	})
}

func jsonCall(t *testing.T, c *http.Client, base, method, path string, body any) (int, string) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, base+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

// TestBodyPictureThroughTheAPI: the editor finds a picture in the library
// (as JSON), puts it in the body by its number, is refused for a picture
// that is not in the library and, with a named field error, for publishing
// one without alt text; once the library has the alt text the article
// publishes and its page shows the picture; the article's JSON keeps only
// the picture's number and the block's own words.
func TestBodyPictureThroughTheAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		n := newNewsroom(t, st)
		ed := n.browser()
		n.signIn(ed, news.RoleEditor)
		up := n.uploadFiles(ed, true, map[string][]byte{"quay.jpg": jpegBytes(t, 400, 300)})
		var out struct{ Results []struct{ Asset news.Asset } }
		if err := json.Unmarshal([]byte(up.body), &out); err != nil || len(out.Results) != 1 || out.Results[0].Asset.ID == 0 {
			t.Fatalf("upload: %d %s", up.status, up.body)
		}
		pic := out.Results[0].Asset
		path := fmt.Sprintf("/admin/media/%d", pic.ID)
		// Before the renditions exist the editor's preview is the original.
		if a := n.do(ed, "GET", path+"/preview", nil); a.status != http.StatusFound || a.header.Get("Location") != path+"/original" {
			t.Errorf("preview while pending: %d %s", a.status, a.header.Get("Location"))
		}
		if _, err := n.lib.ProcessPending(ctx); err != nil {
			t.Fatal(err)
		}
		if a := n.do(ed, "GET", path+"/preview", nil); a.status != http.StatusFound || !strings.HasPrefix(a.header.Get("Location"), "/media/r/") {
			t.Errorf("preview once made: %d %s", a.status, a.header.Get("Location"))
		}
		if a := n.do(n.browser(), "GET", path+"/preview", nil); a.status != http.StatusSeeOther {
			t.Errorf("preview signed out: %d, want a redirect to sign in", a.status)
		}
		found := n.do(ed, "GET", "/admin/media?q=quay", nil, "Accept", "application/json")
		var list struct {
			Assets []struct {
				ID    int64
				Name  string
				Thumb string
			}
		}
		if err := json.Unmarshal([]byte(found.body), &list); err != nil || len(list.Assets) != 1 || list.Assets[0].ID != pic.ID ||
			!strings.HasPrefix(list.Assets[0].Thumb, "/media/r/") {
			t.Fatalf("the library as JSON: %d %s", found.status, found.body)
		}

		sec := news.Section{Name: "Harbour"}
		au := news.Author{Name: "Morwenna Quayle"}
		if err := st.CreateSection(ctx, &sec); err != nil {
			t.Fatal(err)
		}
		if err := st.CreateAuthor(ctx, &au); err != nil {
			t.Fatal(err)
		}
		draft := func(body string) map[string]any {
			return map[string]any{"article": map[string]any{"Headline": "Quay wall repaired", "Section": map[string]any{"ID": sec.ID},
				"Authors": []any{map[string]any{"ID": au.ID}}, "Body": json.RawMessage(body)}}
		}
		code, body := jsonCall(t, ed, n.ts.URL, "POST", "/admin/api/articles",
			draft(fmt.Sprintf(`[{"type":"paragraph","content":[{"text":"Done."}]},{"type":"image","asset":%d}]`, pic.ID+50)))
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, `"field":"body"`) || !strings.Contains(body, fmt.Sprintf("no picture %d", pic.ID+50)) {
			t.Errorf("a picture not in the library: %d %s", code, body)
		}
		code, body = jsonCall(t, ed, n.ts.URL, "POST", "/admin/api/articles",
			draft(fmt.Sprintf(`[{"type":"paragraph","content":[{"text":"Done."}]},{"type":"image","asset":%d,"caption":"The mended wall."}]`, pic.ID)))
		if code != http.StatusCreated {
			t.Fatalf("creating the draft: %d %s", code, body)
		}
		var doc struct {
			Article struct {
				ID   int64
				Body json.RawMessage
			}
			Version int
		}
		if err := json.Unmarshal([]byte(body), &doc); err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf(`{"type":"image","asset":%d,"caption":"The mended wall."}`, pic.ID); !strings.Contains(string(doc.Article.Body), want) {
			t.Errorf("the article's body as the editor gets it: %s, want %s in it", doc.Article.Body, want)
		}
		publish := fmt.Sprintf("/admin/api/articles/%d/publish", doc.Article.ID)
		code, body = jsonCall(t, ed, n.ts.URL, "POST", publish, map[string]any{"base": doc.Version})
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, `"field":"body"`) ||
			!strings.Contains(body, fmt.Sprintf("Block 2 (image): picture %d needs alt text", pic.ID)) {
			t.Errorf("publishing with a body picture without alt text: %d %s", code, body)
		}
		code, body = jsonCall(t, ed, n.ts.URL, "POST", publish, map[string]any{"base": doc.Version, "at": n.clock.T.Add(time.Hour)})
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "needs alt text") {
			t.Errorf("scheduling with a body picture without alt text: %d %s", code, body)
		}
		if a := n.do(ed, "POST", path, url.Values{"alt": {"The repaired quay wall at low tide"}, "caption": {""}, "credit": {"Courier staff"},
			"focus_x": {"0.5"}, "focus_y": {"0.5"}}); a.status != 200 {
			t.Fatalf("saving the alt text: %d", a.status)
		}
		code, body = jsonCall(t, ed, n.ts.URL, "POST", publish, map[string]any{"base": doc.Version})
		if code != http.StatusOK {
			t.Fatalf("publishing once the library has alt text: %d %s", code, body)
		}
		art, err := st.ArticleByID(ctx, doc.Article.ID)
		if err != nil {
			t.Fatal(err)
		}
		page := fetchPage(t, n.ts.URL+art.URL())
		for _, want := range []string{`<picture><source type="image/webp" srcset="/media/r/`, `alt="The repaired quay wall at low tide" loading="lazy"`,
			`<figcaption>The mended wall. <small class="credit">Courier staff</small></figcaption>`} {
			if !strings.Contains(page, want) {
				t.Errorf("the public page lacks %s", want)
			}
		}
	})
}
