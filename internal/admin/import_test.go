package admin_test

import (
	"archive/zip"
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
	"masthead/internal/wordpress"
)

// importForm is a multipart upload of the import screen's form.
func importForm(t *testing.T, export []byte, zipped []byte) (string, []byte) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if export != nil {
		fw, _ := mw.CreateFormFile("export", "export.xml")
		fw.Write(export)
	}
	if zipped != nil {
		fw, _ := mw.CreateFormFile("uploads", "uploads.zip")
		fw.Write(zipped)
	}
	mw.WriteField("default_section", "General")
	mw.Close()
	return mw.FormDataContentType(), body.Bytes()
}

func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zw.Close()
	return b.Bytes()
}

// TestImportFromTheNewsroom: an admin uploads an export and a zip of its
// uploads; the import waits as a job, is run by a background worker (here
// run by hand), survives a node that claimed it and stopped, and its
// progress and report show on the screen. Editors cannot reach it, and a
// zip whose names leave the folder is refused with nothing queued.
func TestImportFromTheNewsroom(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		n := newNewsroom(t, st)
		ctx := context.Background()
		export, err := os.ReadFile("../wordpress/testdata/site.xml")
		if err != nil {
			t.Fatal(err)
		}
		var photo bytes.Buffer
		if err := jpeg.Encode(&photo, image.NewRGBA(image.Rect(0, 0, 96, 64)), nil); err != nil {
			t.Fatal(err)
		}
		post := func(c *http.Client, export, zipped []byte) answer {
			ctype, body := importForm(t, export, zipped)
			req, _ := http.NewRequest("POST", n.ts.URL+"/admin/import", bytes.NewReader(body))
			req.Header.Set("Content-Type", ctype)
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var b bytes.Buffer
			b.ReadFrom(resp.Body)
			return answer{status: resp.StatusCode, body: b.String()}
		}

		editor := n.browser()
		n.signIn(editor, news.RoleEditor)
		if a := n.do(editor, "GET", "/admin/import", nil); a.status != http.StatusForbidden {
			t.Errorf("GET /admin/import as an editor = %d, want 403", a.status)
		}
		if a := post(editor, export, nil); a.status != http.StatusForbidden {
			t.Errorf("POST /admin/import as an editor = %d, want 403", a.status)
		}

		admin := n.browser()
		n.signIn(admin, news.RoleAdmin)
		if a := post(admin, export, zipOf(t, map[string][]byte{"../../evil.jpg": photo.Bytes()})); a.status != http.StatusUnprocessableEntity || !strings.Contains(a.body, "leaves the folder") {
			t.Errorf("a zip slipping out of its folder: %d, want 422", a.status)
		}
		if a := post(admin, nil, nil); a.status != http.StatusUnprocessableEntity || !strings.Contains(a.body, "Choose the export file") {
			t.Errorf("no export: %d, want 422", a.status)
		}
		if runs, _ := st.ImportRuns(ctx, 10); len(runs) != 0 {
			t.Fatalf("%d imports queued by refused uploads", len(runs))
		}

		zipped := zipOf(t, map[string][]byte{"wp-content/uploads/2024/05/harbour.jpg": photo.Bytes()})
		if a := post(admin, export, zipped); a.status != http.StatusSeeOther {
			t.Fatalf("upload: %d %s", a.status, a.body)
		}
		if a := n.do(admin, "GET", "/admin/import", nil); !strings.Contains(a.body, "queued") || !strings.Contains(a.body, "Waiting to start.") {
			t.Errorf("the queued import is not shown: %s", a.body)
		}

		// A node claims it and stops; another takes it up once the lease runs out.
		if _, ok, err := st.ClaimImportRun(ctx, "stopped-node", time.Minute); !ok || err != nil {
			t.Fatalf("claim: %v %v", ok, err)
		}
		jobs := &wordpress.Jobs{Store: st, Library: n.lib}
		if ok, err := jobs.RunOnce(ctx); ok || err != nil {
			t.Fatalf("a second node took a run under another's lease: %v %v", ok, err)
		}
		n.clock.Advance(2 * time.Minute)
		if ok, err := jobs.RunOnce(ctx); !ok || err != nil {
			t.Fatalf("the run left by the stopped node was not taken up: %v %v", ok, err)
		}
		a := n.do(admin, "GET", "/admin/import", nil)
		for _, want := range []string{": done", "posts                    9         0         0         2", "pictures                 1         0         0         3", "2024/05/chart.png is not in the uploads folder"} {
			if !strings.Contains(a.body, want) {
				t.Errorf("the import screen does not show %q", want)
			}
		}
		if _, err := st.SectionBySlug(ctx, "general"); err != nil {
			t.Errorf("the default section's name was not used: %v", err)
		}
	})
}
