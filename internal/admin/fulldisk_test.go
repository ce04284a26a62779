package admin_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/news"
	"masthead/internal/server"
	"masthead/internal/store"
)

// smallFilesystem mounts an 8 MB tmpfs for the test and returns its path.
// Without the right to mount (not root) the test is skipped, or fails when
// MASTHEAD_REQUIRE_SMALLFS=1 says it must run (as in CI).
func smallFilesystem(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", dir).CombinedOutput()
	if err != nil {
		msg := fmt.Sprintf("cannot mount a small filesystem (mount -t tmpfs needs root): %v %s", err, out)
		if os.Getenv("MASTHEAD_REQUIRE_SMALLFS") == "1" {
			t.Fatal(msg + " — MASTHEAD_REQUIRE_SMALLFS=1 requires it")
		}
		t.Skip(msg + "; set MASTHEAD_REQUIRE_SMALLFS=1 to make this a failure")
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// fill writes a file into dir until the filesystem is full and returns it.
func fill(t *testing.T, dir string) string {
	t.Helper()
	name := filepath.Join(dir, "filler")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling the disk: %v", err)
			}
			return name
		}
	}
}

func remount(t *testing.T, dir, mode string) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "remount,"+mode, dir).CombinedOutput(); err != nil {
		t.Fatalf("remount %s %s: %v %s", mode, dir, err, out)
	}
}

// TestFullOrReadOnlyDisk: with the SQLite data directory on a disk that
// fills up or turns read-only, readers still get pages, the newsroom's API,
// forms and uploads answer 503 with a clear message, /readyz says the node
// cannot save, nothing saved is damaged, and once the disk has room again
// everything works without a restart.
func TestFullOrReadOnlyDisk(t *testing.T) {
	dir := smallFilesystem(t)
	ctx := context.Background()
	dbPath := filepath.Join(dir, "masthead.db")
	st, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	d := deskOf(t, st, newNewsroomIn(t, st, server.Options{}, dir))
	editor := news.RoleEditor
	d.signIn(d.clients[editor], editor)
	code, doc := d.api(editor, "POST", "/admin/api/articles", map[string]any{"article": map[string]any{
		"Headline": "Harbour wall repaired before the storm", "Standfirst": "Crews worked through the night.",
		"Section": map[string]any{"ID": d.section.ID},
		"Body":    blocks.Document{blocks.P(blocks.T("The last stones were set at dawn."))},
	}})
	if code != http.StatusCreated {
		t.Fatalf("creating the article: %d %v", code, doc)
	}
	id := int64(doc["article"].(map[string]any)["ID"].(float64))
	path := fmt.Sprintf("/admin/api/articles/%d", id)
	code, doc = d.api(editor, "POST", path+"/publish", map[string]any{"base": doc["version"]})
	if code != 200 {
		t.Fatalf("publishing: %d %v", code, doc)
	}
	version := int(doc["version"].(float64))
	published, _ := st.ArticleByID(ctx, id)
	reader := d.browser()
	for _, p := range []string{"/", published.URL()} {
		if a := d.do(reader, "GET", p, nil); a.status != 200 {
			t.Fatalf("%s before the disk fills: %d", p, a.status)
		}
	}
	if a := d.do(reader, "GET", "/readyz", nil); a.status != 200 {
		t.Fatalf("/readyz before the disk fills: %d %s", a.status, a.body)
	}
	// Fold the write-ahead log into the database file, so that the next write
	// needs new room on the disk, as it will once the log has been reused.
	checkpoint(t, dbPath)

	// A read-only remount is refused while SQLite holds its files open for
	// writing ("mount point is busy"), so the disk here only fills up; a
	// read-only database is tested on PostgreSQL (TestReadOnlyDatabase).
	for _, how := range []string{"full"} {
		t.Run(how, func(t *testing.T) {
			var filler string
			if how == "full" {
				filler = fill(t, dir)
			} else {
				remount(t, dir, "ro")
			}
			// Readers: pages cached before, and pages rendered now from the database.
			for _, p := range []string{"/", published.URL(), "/" + d.section.Slug} {
				if a := d.do(reader, "GET", p, nil); a.status != 200 || (p == published.URL() && !strings.Contains(a.body, "Harbour wall repaired")) {
					t.Errorf("disk %s: a reader's %s answers %d", how, p, a.status)
				}
			}
			// The editor's save: 503, the message, Retry-After.
			req := map[string]any{"base": version, "article": map[string]any{"ID": id,
				"Headline": "Harbour wall repaired before the storm", "Standfirst": "Crews worked through the night.",
				"Section": map[string]any{"ID": d.section.ID}, "Authors": []map[string]any{{"ID": d.profiles[editor].ID}},
				"Body": blocks.Document{blocks.P(blocks.T("The last stones were set at dawn, the harbour master said."))}}}
			status, body, header := d.apiWithHeader(editor, "PUT", path, req)
			if status != http.StatusServiceUnavailable || !strings.Contains(body, "your text is kept in this browser") || header.Get("Retry-After") == "" {
				t.Errorf("disk %s: saving answers %d %s (Retry-After %q), want 503 with the message", how, status, body, header.Get("Retry-After"))
			}
			// A form: 503 and a page that says so.
			a := d.do(d.clients[editor], "POST", "/admin/sections", url.Values{"name": {"Weather"}, "position": {"2"}})
			if a.status != http.StatusServiceUnavailable || !strings.Contains(a.body, "cannot save right now") {
				t.Errorf("disk %s: a new section answers %d", how, a.status)
			}
			// An upload: 503, the picture named.
			a = d.uploadFiles(d.clients[editor], true, map[string][]byte{"storm.jpg": jpegBytes(t, 64, 48)})
			if a.status != http.StatusServiceUnavailable || !strings.Contains(a.body, "storm.jpg was not added") {
				t.Errorf("disk %s: an upload answers %d %s", how, a.status, a.body)
			}
			// The newsroom can still be read, even where a session would be extended.
			d.clock.Advance(2 * time.Minute)
			if a := d.do(d.clients[editor], "GET", "/admin", nil); a.status != 200 {
				t.Errorf("disk %s: the dashboard answers %d", how, a.status)
			}
			waitForReady(t, d, http.StatusServiceUnavailable, "cannot save")

			if how == "full" {
				if err := os.Remove(filler); err != nil {
					t.Fatal(err)
				}
			} else {
				remount(t, dir, "rw")
			}
			if got := integrity(t, dbPath); got != "ok" {
				t.Fatalf("after the disk was %s: integrity_check says %q", how, got)
			}
			// Room again: everything works, with no restart.
			status, body, _ = d.apiWithHeader(editor, "PUT", path, req)
			if status != 200 {
				t.Fatalf("disk %s, then room again: saving answers %d %s", how, status, body)
			}
			version = versionOf(t, body)
			if a := d.uploadFiles(d.clients[editor], true, map[string][]byte{"storm.jpg": jpegBytes(t, 64, 48)}); a.status != 200 {
				t.Errorf("disk %s, then room again: an upload answers %d %s", how, a.status, a.body)
			}
			waitForReady(t, d, http.StatusOK, "ok")
			checkpoint(t, dbPath)
		})
	}
	if a := d.do(reader, "GET", published.URL(), nil); a.status != 200 || !strings.Contains(a.body, "Harbour wall repaired") {
		t.Errorf("the published article at the end: %d", a.status)
	}
}

// apiWithHeader is desk.api answering the raw body and the headers.
func (d *desk) apiWithHeader(role news.Role, method, path string, body any) (int, string, http.Header) {
	d.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, d.ts.URL+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	resp, err := d.clients[role].Do(req)
	if err != nil {
		d.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out), resp.Header
}

// versionOf is the version in an article API answer.
func versionOf(t *testing.T, body string) int {
	t.Helper()
	var doc struct{ Version int }
	if err := json.Unmarshal([]byte(body), &doc); err != nil || doc.Version == 0 {
		t.Fatalf("no version in %s: %v", body, err)
	}
	return doc.Version
}

// waitForReady polls /readyz (which checks the disk at most every few
// seconds) until it answers want with a body containing text.
func waitForReady(t *testing.T, d *desk, want int, text string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		a := d.do(d.browser(), "GET", "/readyz", nil)
		if a.status == want && strings.Contains(a.body, text) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz answers %d %q, want %d with %q", a.status, a.body, want, text)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

func sqliteAt(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func checkpoint(t *testing.T, path string) {
	t.Helper()
	if _, err := sqliteAt(t, path).Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
}

func integrity(t *testing.T, path string) string {
	t.Helper()
	var got string
	if err := sqliteAt(t, path).QueryRow("PRAGMA integrity_check").Scan(&got); err != nil {
		t.Fatal(err)
	}
	return got
}
