package backup_test

import (
	"context"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"masthead/internal/backup"
	"masthead/internal/dbtest"
	"masthead/internal/media"
	"masthead/internal/s3test"
	"masthead/internal/store"
)

// TestBackupToS3: a backup to s3://BUCKET/KEY goes into the bucket through
// the media storage code, whole, and restores; scheduled backups to
// s3://BUCKET/PREFIX keep the newest --backup-keep there and delete the
// older ones. Against a real S3 server (versitygw), on both engines.
func TestBackupToS3(t *testing.T) {
	bucket := s3test.Start(t) // s3://media?endpoint=…&region=…
	b, err := url.Parse(bucket)
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		s := testSite{st: st, data: t.TempDir()}
		s.files, _ = media.NewDisk(filepath.Join(s.data, "media"))
		addContent(t, s, "chief@courier.example")
		want, err := st.RowCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		spool := t.TempDir()
		key := "backups/" + st.Engine() + "/site.tar.gz"
		var progress []string
		m, size, err := backup.WriteTo(ctx, st, s.files, "s3://"+b.Host+"/"+key+"?"+b.RawQuery,
			backup.Options{TempDir: spool, Progress: func(l string) { progress = append(progress, l) }})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(progress, "\n"), "uploading") {
			t.Errorf("no progress line for the upload: %q", progress)
		}
		if left, _ := os.ReadDir(spool); len(left) != 0 {
			t.Errorf("the spooled backup was left behind: %v", left)
		}
		bk, err := media.NewS3(ctx, bucket)
		if err != nil {
			t.Fatal(err)
		}
		local := fetch(t, bk, key)
		if info, err := os.Stat(local); err != nil || info.Size() != size {
			t.Fatalf("the object holds %v bytes (%v), the backup wrote %d", info.Size(), err, size)
		}
		got, err := backup.Check(mustOpen(t, local))
		if err != nil {
			t.Fatalf("the backup in the bucket does not check: %v", err)
		}
		if len(got.Tables) != len(m.Tables) || len(got.Files) != 1 {
			t.Errorf("the backup in the bucket has %d tables and %d originals, want %d and 1", len(got.Tables), len(got.Files), len(m.Tables))
		}
		dst := newSite(t, "")
		if _, err := backup.Restore(ctx, local, dst.st, dst.files, backup.RestoreOptions{}); err != nil {
			t.Fatalf("restoring the backup from the bucket: %v", err)
		}
		restored, err := dst.st.RowCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for table, n := range want {
			if restored[table] != n {
				t.Errorf("restored from the bucket: table %s has %d rows, want %d", table, restored[table], n)
			}
		}

		// Scheduled, into a prefix of the bucket: the newest two are kept.
		prefix := "scheduled/" + st.Engine()
		var mu sync.Mutex
		var made []string
		sch := backup.Schedule{Every: time.Second, To: "s3://" + b.Host + "/" + prefix + "?" + b.RawQuery, Keep: 2,
			Poll: 20 * time.Millisecond, TempDir: spool,
			Done: func(name string) { mu.Lock(); made = append(made, name); mu.Unlock() }}
		done := make(chan struct{})
		go func() {
			defer close(done)
			sch.Run(ctx, st, s.files, slog.New(slog.NewTextHandler(io.Discard, nil)))
		}()
		// Done is told of a backup once its old ones are pruned: waiting
		// for the count of finished jobs instead could stop the schedule
		// in the middle of the third backup's pruning.
		for {
			mu.Lock()
			n := len(made)
			mu.Unlock()
			if n >= 3 {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		cancel()
		<-done
		keys, err := bk.List(context.Background(), prefix+"/")
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		if len(made) < 3 || len(keys) != 2 || path.Base(keys[1]) != path.Base(mustURL(t, made[len(made)-1]).Path) {
			t.Fatalf("the bucket holds %v after scheduled backups %v, want the newest two", keys, made)
		}
		if _, err := backup.Check(mustOpen(t, fetch(t, bk, keys[1]))); err != nil {
			t.Errorf("the newest scheduled backup in the bucket does not check: %v", err)
		}
	})
}

// fetch copies the object key of bk to a local file and returns its path.
func fetch(t *testing.T, bk *media.S3, key string) string {
	t.Helper()
	obj, err := bk.Open(context.Background(), key)
	if err != nil {
		t.Fatalf("%s is not in the bucket: %v", key, err)
	}
	defer obj.Close()
	p := filepath.Join(t.TempDir(), path.Base(key))
	f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY, fs.FileMode(0o600))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, obj); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
