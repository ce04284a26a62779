package backup_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"masthead/internal/backup"
	"masthead/internal/dbtest"
	"masthead/internal/demo"
	"masthead/internal/media"
	"masthead/internal/store"
)

// TestBackupWhileSaving: a backup taken while another goroutine keeps saving
// articles is one moment of the site. Its checksums hold, each table's rows
// in the restored site are the count its manifest gives, and every article in
// it came with all its bylines and tags (saved in the same transaction), on
// both engines.
func TestBackupWhileSaving(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		src := testSite{st: st, data: t.TempDir()}
		src.files, _ = media.NewDisk(filepath.Join(src.data, "media"))
		if _, err := demo.Load(ctx, src.st, demo.New(demo.Options{Seed: 1, Now: t0, Articles: 8}), src.data); err != nil {
			t.Fatal(err)
		}
		template, err := src.st.ArticleByID(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(template.Authors) == 0 || len(template.Tags) == 0 {
			t.Fatalf("the demo's first article has %d authors and %d tags; the test needs both", len(template.Authors), len(template.Tags))
		}
		stop := make(chan struct{})
		writerDone := make(chan error, 1)
		var saved atomic.Int64
		go func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					writerDone <- nil
					return
				default:
				}
				a := template
				a.ID = 0
				a.Headline = fmt.Sprintf("Saved during a backup %d", i)
				a.Slug = fmt.Sprintf("saved-during-a-backup-%d", i)
				if err := src.st.SaveArticle(ctx, &a); err != nil {
					writerDone <- err
					return
				}
				saved.Add(1)
			}
		}()
		for saved.Load() == 0 {
			select {
			case err := <-writerDone:
				t.Fatalf("saving before the backup: %v", err)
			case <-time.After(10 * time.Millisecond):
			}
		}
		// Back up until one backup had saves land while it ran (the first
		// one nearly always does; a few tries keep a slow machine from
		// passing the test without exercising it).
		file := filepath.Join(t.TempDir(), "b.tar.gz")
		var m *backup.Manifest
		for try := 0; ; try++ {
			before := saved.Load()
			m = writeBackup(t, src, file, backup.Options{})
			if saved.Load() > before {
				break
			}
			if try == 10 {
				close(stop)
				t.Fatalf("no article was saved during any of %d backups", try+1)
			}
		}
		close(stop)
		if err := <-writerDone; err != nil {
			t.Fatalf("saving during the backup: %v", err)
		}

		dst := newSite(t, emptyLike(t, st))
		if _, err := backup.Restore(ctx, file, dst.st, dst.files, backup.RestoreOptions{}); err != nil {
			t.Fatalf("restoring a backup taken while saving: %v", err)
		}
		counts, err := dst.st.RowCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var articles int64
		for _, tf := range m.Tables {
			if tf.Name == "media_renditions" {
				continue // rebuilt by the restore, not restored
			}
			if counts[tf.Name] != tf.Rows {
				t.Errorf("table %s: the manifest counts %d rows, the restored site has %d", tf.Name, tf.Rows, counts[tf.Name])
			}
			if tf.Name == "articles" {
				articles = tf.Rows
			}
		}
		if articles < 8 || articles > 8+saved.Load() {
			t.Fatalf("the backup holds %d articles; 8 were loaded and %d saved after", articles, saved.Load())
		}
		for id := int64(9); id <= articles; id++ {
			a, err := dst.st.ArticleByID(ctx, id)
			if err != nil {
				t.Fatalf("article %d of %d: %v", id, articles, err)
			}
			if len(a.Authors) != len(template.Authors) || len(a.Tags) != len(template.Tags) {
				t.Errorf("article %d came back with %d authors and %d tags, saved with %d and %d",
					id, len(a.Authors), len(a.Tags), len(template.Authors), len(template.Tags))
			}
		}
	})
}
