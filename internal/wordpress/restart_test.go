package wordpress_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/store"
	"masthead/internal/wordpress"
)

// TestImportJobSurvivesARestart: a newsroom import runs as a background job;
// its node stops halfway (its context ends, as when the process exits), and
// a node started afresh, with its own Store opened on the same database,
// takes the run up once the lease has run out and finishes it: every post
// once, none twice, the report on the run.
func TestImportJobSurvivesARestart(t *testing.T) {
	for _, engine := range []struct {
		name string
		dsn  func(testing.TB) string
	}{
		{"sqlite", func(t testing.TB) string { return filepath.Join(t.TempDir(), "masthead.db") }},
		{"postgres", dbtest.PostgresDSN},
	} {
		t.Run(engine.name, func(t *testing.T) {
			ctx := context.Background()
			dsn := engine.dsn(t)
			open := func() *store.Store {
				st, err := store.Open(ctx, dsn)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { st.Close() })
				if err := st.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
				return st
			}
			file := filepath.Join(t.TempDir(), "export.xml")
			f, err := os.Create(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := writeExport(f, 1200); err != nil {
				t.Fatal(err)
			}
			f.Close()

			start := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
			first := open()
			dbtest.SetClock(first, start)
			run := store.ImportRun{File: file, DefaultSection: "General"}
			if err := first.CreateImportRun(ctx, &run); err != nil {
				t.Fatal(err)
			}

			// The first node stops once its first batch of 500 is saved.
			stopping, stop := context.WithCancel(ctx)
			watched := make(chan struct{})
			go func() {
				defer close(watched)
				for stopping.Err() == nil {
					if n, _ := first.CountPublished(ctx); n >= 500 {
						stop()
						return
					}
					time.Sleep(5 * time.Millisecond)
				}
			}()
			ok, err := (&wordpress.Jobs{Store: first}).RunOnce(stopping)
			stop()
			<-watched
			if !ok || !errors.Is(err, context.Canceled) {
				t.Fatalf("the stopped node's run = %v, %v; want it claimed and cut short", ok, err)
			}
			saved, _ := first.CountPublished(ctx)
			if runs, _ := first.ImportRuns(ctx, 1); len(runs) != 1 || runs[0].State != "running" {
				t.Fatalf("after the stop the run is %+v, want still running (claimed)", runs)
			}
			first.Close()

			second := open()
			clock := dbtest.SetClock(second, start)
			jobs := &wordpress.Jobs{Store: second}
			if ok, err := jobs.RunOnce(ctx); ok || err != nil {
				t.Fatalf("the new node took the run under the stopped node's lease: %v %v", ok, err)
			}
			clock.Advance(2 * time.Minute)
			if ok, err := jobs.RunOnce(ctx); !ok || err != nil {
				t.Fatalf("the new node did not take the run up: %v %v", ok, err)
			}
			if n, _ := second.CountPublished(ctx); n != 1200 {
				t.Errorf("%d posts published after the restart, want the export's 1200, each once", n)
			}
			runs, err := second.ImportRuns(ctx, 1)
			if err != nil || len(runs) != 1 {
				t.Fatalf("runs: %v %v", runs, err)
			}
			r := runs[0]
			if r.State != "done" {
				t.Errorf("the run is %q, want done:\n%s", r.State, r.Report)
			}
			// The posts the first node saved are found unchanged, not made
			// again, and none was given a second slug.
			want := fmt.Sprintf("posts %9d %9d %9d %9d", 1200-saved, 0, saved, 0)
			if !strings.Contains(strings.Join(strings.Fields(r.Report), " "), strings.Join(strings.Fields(want), " ")) || strings.Contains(r.Report, "was taken") {
				t.Errorf("%d posts were saved before the stop; the report should say %q:\n%s", saved, want, r.Report)
			}
		})
	}
}
