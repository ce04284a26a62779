package wordpress_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/news"
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

// atEnd reads r and calls then once, when r is used up: by then the
// decoder has handed on every post but the last few kilobytes' worth.
type atEnd struct {
	r    io.Reader
	then func()
}

func (a *atEnd) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if err == io.EOF && a.then != nil {
		a.then()
		a.then = nil
	}
	return n, err
}

// TestFailingBatchNamesThePost: when one post of a batch cannot be saved
// (here an editor took its address in the newsroom after the importer had
// checked it, so the database refuses the second article with that slug),
// the import stops with that post's WordPress ID and headline, the batch
// before it is complete, and the posts of its own batch before it are kept.
func TestFailingBatchNamesThePost(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		var export bytes.Buffer
		if err := writeExport(&export, 600); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		const taken = "story-1500-harbour" // the 501st post, WordPress ID 1500, in the second batch
		opens := 0
		src := wordpress.Source{Open: func() (io.ReadCloser, error) {
			opens++
			r := &atEnd{r: bytes.NewReader(export.Bytes())}
			if opens == 2 {
				r.then = func() {
					sections, err := st.Sections(ctx)
					if err != nil || len(sections) == 0 {
						t.Errorf("sections: %v, %d", err, len(sections))
						return
					}
					a := &news.Article{Headline: "Written in the newsroom", Slug: taken, Section: sections[0]}
					if err := st.SaveArticle(ctx, a); err != nil {
						t.Errorf("the newsroom's save: %v", err)
					}
				}
			}
			return io.NopCloser(r), nil
		}}
		r, err := wordpress.Import(ctx, st, src, wordpress.Options{BatchSize: 400})
		if err == nil || !strings.Contains(err.Error(), "post 1500 ") {
			t.Fatalf("import = %v, want an error naming post 1500", err)
		}
		if news.ErrorCode(err) != news.ECONFLICT {
			t.Errorf("import = %v, want the slug conflict as the cause", err)
		}
		if n, _ := st.CountPublished(ctx); n != 500 {
			t.Errorf("%d posts published, want 500: the first batch of 400 and the 100 before post 1500", n)
		}
		if c := r.Counts["post"]; c.Imported != 500 {
			t.Errorf("the report says %d imported, want the 500 saved", c.Imported)
		}
	})
}
