package wordpress_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/store"
	"masthead/internal/wordpress"
)

// failingReader reads the first n bytes of r, then fails, as a disk or a
// network mount might halfway through a big export.
type failingReader struct {
	r io.Reader
	n int
}

var errDisk = errors.New("input/output error")

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errDisk
	}
	if len(p) > f.n {
		p = p[:f.n]
	}
	n, err := f.r.Read(p)
	f.n -= n
	return n, err
}

// TestInterruptedImportGoesOn: an import that fails halfway through the
// posts keeps the batches it saved and says so; the same import run again
// saves the rest, with no post twice.
func TestInterruptedImportGoesOn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		var export bytes.Buffer
		if err := writeExport(&export, 1200); err != nil {
			t.Fatal(err)
		}
		opens := 0
		broken := wordpress.Source{Open: func() (io.ReadCloser, error) {
			opens++
			var r io.Reader = bytes.NewReader(export.Bytes())
			if opens == 2 { // the posts' pass fails at two thirds of the file
				r = &failingReader{r: r, n: export.Len() * 2 / 3}
			}
			return io.NopCloser(r), nil
		}}
		ctx := context.Background()
		r, err := wordpress.Import(ctx, st, broken, wordpress.Options{BatchSize: 300})
		if !errors.Is(err, errDisk) {
			t.Fatalf("import = %v, want the read error", err)
		}
		saved, _ := st.CountPublished(ctx)
		if saved == 0 || saved%300 != 0 || saved >= 1200 {
			t.Fatalf("%d posts saved after the failure, want whole batches of 300 and not all", saved)
		}
		if c := r.Counts["post"]; c.Imported < saved {
			t.Errorf("the report says %d imported, but %d were saved", c.Imported, saved)
		}

		whole := wordpress.Source{Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(export.Bytes())), nil }}
		r, err = wordpress.Import(ctx, st, whole, wordpress.Options{BatchSize: 300})
		if err != nil {
			t.Fatal(err)
		}
		if c := r.Counts["post"]; c.Unchanged != saved || c.Imported != 1200-saved {
			t.Errorf("second run: %+v, want %d unchanged and %d new", c, saved, 1200-saved)
		}
		if n, _ := st.CountPublished(ctx); n != 1200 {
			t.Errorf("%d posts published in the end, want 1200", n)
		}
		if strings.Contains(r.String(), "was taken") {
			t.Errorf("the second run gave a post a second slug:\n%s", r)
		}
	})
}
