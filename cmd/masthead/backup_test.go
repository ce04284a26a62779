package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/store"
)

// TestBackupRestoreMove runs the commands as a newsroom would: a demo site
// on SQLite is backed up, restored into a new SQLite site, refused a second
// time without --replace, and moved into PostgreSQL; each site ends with the
// same rows. (Restoring pictures and their renditions is proven by
// internal/backup's TestRoundTrip; making them all again with a newsroom's
// widths takes half a minute here, so this test leaves them out.)
// A restore refused for a truncated backup leaves --data as it was.
func TestBackupRestoreMove(t *testing.T) {
	ctx := context.Background()
	cmd := func(status int, args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if got := run(ctx, args, &stdout, &stderr); got != status {
			t.Fatalf("masthead %s: exit %d, want %d\n%s", strings.Join(args, " "), got, status, stderr.String())
		}
		return stderr.String()
	}
	data := t.TempDir()
	cmd(0, "demo", "--data", data, "--articles", "40")
	file := filepath.Join(t.TempDir(), "site.tar.gz")
	out := cmd(0, "backup", "--data", data, "--out", file, "--no-media")
	if !strings.Contains(out, "articles: ") || !strings.Contains(out, "backup written to "+file) {
		t.Errorf("backup shows no progress or summary:\n%s", out)
	}
	if info, err := os.Stat(file); err != nil || info.Mode().Perm()&0o077 != 0 {
		t.Errorf("the backup file: %v, mode %v; it holds password hashes and must be private", err, info.Mode())
	}
	if left, _ := filepath.Glob(filepath.Join(data, ".masthead-snapshot-*")); len(left) != 0 {
		t.Errorf("the backup left its VACUUM INTO copy behind: %v", left)
	}
	want := counts(t, filepath.Join(data, "masthead.db"))

	// A refused restore leaves --data as it was: a new directory is not
	// made, an empty one stays empty.
	whole, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "cut.tar.gz")
	if err := os.WriteFile(cut, whole[:len(whole)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	for _, dir := range []string{filepath.Join(empty, "new"), empty} {
		if out := cmd(1, "restore", cut, "--data", dir); !strings.Contains(out, "truncated") {
			t.Errorf("restoring a truncated backup into %s: %s", dir, out)
		}
	}
	if left, err := os.ReadDir(empty); err != nil || len(left) != 0 {
		t.Errorf("a refused restore left %v in its --data (%v)", left, err)
	}

	restored := t.TempDir()
	out = cmd(0, "restore", file, "--data", restored)
	for _, w := range []string{"checksums good", "articles: ", "search index:", "restored the sqlite backup"} {
		if !strings.Contains(out, w) {
			t.Errorf("restore does not say %q:\n%s", w, out)
		}
	}
	sameCounts(t, "restored", want, counts(t, filepath.Join(restored, "masthead.db")))
	if out := cmd(1, "restore", "--data", restored, file); !strings.Contains(out, "--replace") {
		t.Errorf("restoring over a site: %s", out)
	}
	cmd(0, "restore", "--replace", "--data", restored, file)

	pg := dbtest.PostgresDSN(t)
	out = cmd(0, "move", "--data", data, "--to", pg)
	if !strings.Contains(out, "start it again with --db") {
		t.Errorf("move does not say what to do next:\n%s", out)
	}
	sameCounts(t, "moved", want, counts(t, pg))
	if out := cmd(1, "move", "--data", data, "--to", pg); !strings.Contains(out, "already holds a site") {
		t.Errorf("moving into a site: %s", out)
	}
	cmd(2, "backup", "--data", data)
	cmd(2, "restore", "--data", data)
	cmd(2, "move", "--data", data, "--to", "mysql://x")
	if out := cmd(2, "serve", "--data", data, "--backup-every", "24h"); !strings.Contains(out, "--backup-to") {
		t.Errorf("scheduled backups with nowhere to go: %s", out)
	}
	if out := cmd(2, "serve", "--data", data, "--backup-every", "24h", "--backup-to", t.TempDir(), "--backup-keep", "0"); !strings.Contains(out, "keep at least one") {
		t.Errorf("keeping no backups: %s", out)
	}
}

func counts(t *testing.T, dsn string) map[string]int64 {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.RowCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func sameCounts(t *testing.T, what string, want, got map[string]int64) {
	t.Helper()
	if want["articles"] == 0 {
		t.Fatalf("the site has no articles")
	}
	for table, n := range want {
		if got[table] != n {
			t.Errorf("%s: table %s has %d rows, want %d", what, table, got[table], n)
		}
	}
}
