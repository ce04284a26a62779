package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"masthead/internal/wordpress"
)

// TestImportCommand runs `masthead import wordpress` as a newsroom would:
// a dry run saves nothing, the import prints its report, a run again
// finds everything unchanged, and a cut-short or foreign file stops with
// where and why, exit status 1, keeping what was saved before.
func TestImportCommand(t *testing.T) {
	fixture := func(name string) string { return filepath.Join("..", "..", "internal", "wordpress", "testdata", name) }
	data := t.TempDir()
	run1 := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		status := run(context.Background(), append([]string{"import", "wordpress"}, args...), &stdout, &stderr)
		return status, stdout.String(), stderr.String()
	}

	status, out, errs := run1(fixture("site.xml"), "--data", data, "--dry-run", "--default-section", "General")
	if status != 0 || !strings.Contains(out, "Dry run (nothing was saved)") || !strings.Contains(out, "posts                    9         0         0         2") {
		t.Fatalf("dry run: status %d\n%s\n%s", status, out, errs)
	}
	status, out, errs = run1("--data", data, fixture("site.xml"))
	if status != 0 || !strings.Contains(out, "posts                    9         0         0         2") {
		t.Fatalf("the import after a dry run did not import every post: status %d\n%s", status, out)
	}
	if !strings.Contains(errs, "pass 2/2 (posts and pages): 100% of the file") {
		t.Errorf("no progress on stderr: %s", errs)
	}
	status, out, _ = run1(fixture("site.xml"), "--data", data)
	if status != 0 || !strings.Contains(out, "posts                    0         0         9         2") {
		t.Errorf("a second run did not find every post unchanged: status %d\n%s", status, out)
	}

	for _, c := range []struct {
		args   []string
		status int
		want   string
	}{
		{[]string{fixture("truncated.xml")}, 1, "cut short"},
		{[]string{fixture("version.xml")}, 1, `WXR version "1.3"`},
		{[]string{fixture("bomb.xml")}, 1, "declares entities"},
		{[]string{fixture("nothing-here.xml")}, 1, "cannot read the export"},
		{[]string{}, 2, "name the export file"},
		{[]string{fixture("site.xml"), "--accounts", "admin"}, 2, `--accounts "admin"`},
		{[]string{fixture("site.xml"), "--uploads", "/no/such/folder"}, 2, "is not a folder"},
	} {
		var stdout, stderr bytes.Buffer
		status := run(context.Background(), append([]string{"import", "wordpress", "--data", t.TempDir()}, c.args...), &stdout, &stderr)
		if status != c.status || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("import %v: status %d, stderr %q; want %d and %q", c.args, status, stderr.String(), c.status, c.want)
		}
	}
}

// TestImportProgress: on a terminal the progress is one bar redrawn in
// place; in a log it is a plain line at most every two seconds, and always
// the line that says a pass reached the end of the file.
func TestImportProgress(t *testing.T) {
	const size = 1000
	steps := []wordpress.Progress{
		{Pass: 1, Bytes: 0, Size: size, Items: 0},
		{Pass: 2, Bytes: 500, Size: size, Items: 10},
		{Pass: 2, Bytes: 600, Size: size, Items: 12},
		{Pass: 2, Bytes: size, Size: size, Items: 20},
	}

	var bar bytes.Buffer
	show := progressWriter(&bar, true, time.Now)
	for _, p := range steps {
		show(p)
	}
	if strings.Contains(bar.String(), "\n") {
		t.Errorf("the bar wrote a new line instead of redrawing itself: %q", bar.String())
	}
	draws := strings.Split(bar.String(), "\r")[1:]
	if len(draws) != len(steps) {
		t.Fatalf("the bar was drawn %d times for %d steps: %q", len(draws), len(steps), bar.String())
	}
	for i, want := range []string{
		"[                              ]   0% pass 1/2: authors, categories and pictures, 0 items",
		"[###############               ]  50% pass 2/2: posts and pages, 10 items",
		"[##################            ]  60% pass 2/2: posts and pages, 12 items",
		"[##############################] 100% pass 2/2: posts and pages, 20 items",
	} {
		if draws[i] != want {
			t.Errorf("bar %d = %q, want %q", i, draws[i], want)
		}
	}

	var log bytes.Buffer
	clock := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	show = progressWriter(&log, false, func() time.Time { return clock })
	show(steps[0])
	clock = clock.Add(3 * time.Second)
	show(steps[1])
	clock = clock.Add(time.Second) // too soon after the last line
	show(steps[2])
	clock = clock.Add(time.Second) // too soon too, but the end of the pass
	show(steps[3])
	want := "pass 1/2 (authors, categories and pictures): 0% of the file, 0 items\n" +
		"pass 2/2 (posts and pages): 50% of the file, 10 items\n" +
		"pass 2/2 (posts and pages): 100% of the file, 20 items\n"
	if log.String() != want {
		t.Errorf("plain lines:\n%s\nwant:\n%s", log.String(), want)
	}
}
