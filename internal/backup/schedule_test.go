package backup_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/VictoriaMetrics/metrics"

	"masthead/internal/backup"
	"masthead/internal/dbtest"
	"masthead/internal/media"
	"masthead/internal/store"
)

// TestScheduledBackups runs the schedule on two nodes of one site: each
// backup is made by one node only, the newest two are kept, and a backup
// that fails (its folder is missing) is tried again and succeeds once the
// folder is there, while the nodes carry on.
func TestScheduledBackups(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		other, err := store.Open(ctx, st.DSN())
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		files, _ := media.NewDisk(filepath.Join(t.TempDir(), "media"))
		to := filepath.Join(t.TempDir(), "backups") // missing at first
		var mu sync.Mutex
		var made []string
		sch := backup.Schedule{Every: time.Second, To: to, Keep: 2, Retry: time.Second, Poll: 20 * time.Millisecond,
			Done: func(name string) { mu.Lock(); made = append(made, name); mu.Unlock() }}
		var logged lockedBuffer
		log := slog.New(slog.NewTextHandler(&logged, nil))
		failuresBefore := metric(t, "masthead_backup_failures_total")
		var wg sync.WaitGroup
		for _, node := range []*store.Store{st, other} {
			wg.Go(func() { sch.Run(ctx, node, files, log) })
		}
		// The first attempts fail: there is no folder. Once the failure is
		// recorded, the folder appears and the retries succeed.
		for metric(t, "masthead_backup_failures_total") == failuresBefore {
			time.Sleep(20 * time.Millisecond)
		}
		if n, _ := st.BackupsDone(ctx); n != 0 {
			t.Fatalf("%d backups done into a missing folder", n)
		}
		if l := logged.String(); !strings.Contains(l, "scheduled backup failed; it is tried again") || !strings.Contains(l, to) {
			t.Errorf("the failure is not logged with where the backup was to go:\n%s", l)
		}
		if err := os.Mkdir(to, 0o750); err != nil {
			t.Fatal(err)
		}
		// Done is told of a backup once its old ones are pruned, so the
		// folder is final for the backups it has been told of.
		for {
			mu.Lock()
			n := len(made)
			mu.Unlock()
			if n >= 4 {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		cancel()
		wg.Wait()
		done, err := st.BackupsDone(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(made) != done {
			t.Errorf("the nodes made %d backups for %d due ones: %v", len(made), done, made)
		}
		entries, err := os.ReadDir(to)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 || entries[1].Name() != filepath.Base(made[len(made)-1]) {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Errorf("the folder holds %v, want the newest two of %v", names, made)
		}
		last, err := st.LastBackup(context.Background())
		if err != nil || last.IsZero() {
			t.Errorf("last backup %v, %v", last, err)
		}
		if got := metric(t, "masthead_backup_last_success_timestamp_seconds"); got != float64(last.Unix()) {
			t.Errorf("/metrics says the last backup succeeded at %v, want %d", got, last.Unix())
		}
		if _, err := backup.Check(mustOpen(t, filepath.Join(to, entries[1].Name()))); err != nil {
			t.Errorf("the newest scheduled backup does not check: %v", err)
		}
	})
}

// metric reads one value of the process's /metrics.
func metric(t *testing.T, name string) float64 {
	t.Helper()
	var b bytes.Buffer
	metrics.WritePrometheus(&b, false)
	for _, line := range strings.Split(b.String(), "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
	}
	t.Fatalf("/metrics has no %s", name)
	return 0
}

func mustOpen(t *testing.T, path string) *os.File {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// lockedBuffer is a log both nodes write to.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
