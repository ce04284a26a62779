package backup

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/store"
)

// RestoreOptions change what a restore does.
type RestoreOptions struct {
	Options
	// Replace lets a restore overwrite a database that already holds a site.
	Replace bool
	// Media are the settings the renditions are made with again; they
	// should be the site's own, so that pages name the same files.
	Media media.Options
	// SkipRenditions leaves the renditions pending, for the media worker
	// of a running site to make, instead of making them before returning.
	SkipRenditions bool
}

// loadBatch is how many rows are read before they are written.
const loadBatch = 500

// Restore checks the backup at path in full, then writes it into st and
// files: it builds the schema the backup was taken with, loads every table
// in one transaction (so a failure leaves the database as it was), applies
// the later migrations, rebuilds the search index and, when the backup holds
// the originals, the renditions.
func Restore(ctx context.Context, path string, st *store.Store, files media.Storage, opts RestoreOptions) (*Manifest, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	defer f.Close()
	opts.progress("checking %s", path)
	m, err := Check(f)
	if err != nil {
		return nil, err
	}
	opts.progress("backup of a %s site, schema %s, taken %s by Masthead %s: checksums good",
		m.Engine, m.Schema, m.CreatedAt.Format(time.RFC3339), m.Masthead)
	applied, err := st.AppliedMigrations(ctx)
	if err != nil {
		return nil, err
	}
	for _, name := range applied {
		if !slices.Contains(m.Migrations, name) {
			return nil, news.Errorf(news.ECONFLICT, "the database already has migration %s, which the backup (schema %s) predates: restore into a new, empty database, and the restore brings it up to date", name, m.Schema)
		}
	}
	if err := st.MigrateOnly(ctx, func(name string) bool { return slices.Contains(m.Migrations, name) }); err != nil {
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	err = st.Load(ctx, opts.Replace, func(l *store.Loader) error {
		if err := load(ctx, f, m, l, files, opts.Options); err != nil {
			return err
		}
		if m.Media {
			return l.RequeueRenditions(ctx)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := st.Migrate(ctx); err != nil {
		return nil, err
	}
	opts.progress("rebuilding the search index")
	if err := st.Reindex(ctx, func(done, total int) { opts.progress("search index: %d/%d articles", done, total) }); err != nil {
		return nil, err
	}
	if m.Media && !opts.SkipRenditions {
		if err := rebuildRenditions(ctx, st, files, opts); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// load reads the backup a second time and writes its rows and originals,
// checking each part's checksum again: the file could have changed since
// Check read it.
func load(ctx context.Context, r io.Reader, m *Manifest, l *store.Loader, files media.Storage, opts Options) error {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return err
	}
	tr := tar.NewReader(gz)
	tables := map[string]TableFile{}
	for _, t := range m.Tables {
		tables[tablePrefix+t.Name+tableSuffix] = t
	}
	sums := map[string]string{}
	for _, f := range m.Files {
		sums[mediaPrefix+f.Key] = f.SHA256
	}
	last := "the start"
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return truncated("after "+entryLabel(last), err)
		}
		last = hdr.Name
		h := sha256.New()
		body := io.TeeReader(tr, h)
		switch {
		case strings.HasPrefix(hdr.Name, tablePrefix):
			t := tables[hdr.Name]
			if err := loadTable(ctx, body, t, l, opts); err != nil {
				return err
			}
			if _, err := io.Copy(io.Discard, body); err != nil {
				return err
			}
			if hex.EncodeToString(h.Sum(nil)) != t.SHA256 {
				return news.Errorf(news.EINVALID, "table %s changed while it was restored: the backup file was altered", t.Name)
			}
		case strings.HasPrefix(hdr.Name, mediaPrefix):
			key := strings.TrimPrefix(hdr.Name, mediaPrefix)
			data, err := io.ReadAll(body)
			if err != nil {
				return truncated("in media file "+key, err)
			}
			if hex.EncodeToString(h.Sum(nil)) != sums[hdr.Name] {
				return news.Errorf(news.EINVALID, "media file %s changed while it was restored: the backup file was altered", key)
			}
			if err := files.Put(ctx, key, data, ""); err != nil {
				return fmt.Errorf("restore: media file %s: %w", key, err)
			}
		}
	}
}

// loadTable inserts one table's JSON lines, converting each value to the
// kind of the column in this database.
func loadTable(ctx context.Context, r io.Reader, t TableFile, l *store.Loader, opts Options) error {
	into, ok := l.Table(t.Name)
	if !ok {
		return news.Errorf(news.EINVALID, "the backup has table %s, which this database lacks", t.Name)
	}
	cols := make([]string, len(t.Columns))
	kinds := make([]store.Kind, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = c.Name
		for _, tc := range into.Columns {
			if tc.Name == c.Name {
				kinds[i] = tc.Kind
			}
		}
		if kinds[i] == "" {
			return news.Errorf(news.EINVALID, "the backup has column %s.%s, which this database lacks", t.Name, c.Name)
		}
	}
	dec := json.NewDecoder(r)
	dec.UseNumber()
	batch := make([][]any, 0, loadBatch)
	var done int64
	flush := func() error {
		if err := l.Insert(ctx, t.Name, cols, batch); err != nil {
			return err
		}
		done += int64(len(batch))
		batch = batch[:0]
		if done%50000 < loadBatch {
			opts.progress("%s: %d/%d rows", t.Name, done, t.Rows)
		}
		return nil
	}
	for {
		var row []any
		err := dec.Decode(&row)
		if err == io.EOF {
			break
		}
		if err != nil {
			return news.Errorf(news.EINVALID, "table %s: row %d cannot be read: %v", t.Name, done+int64(len(batch))+1, err)
		}
		if len(row) != len(cols) {
			return news.Errorf(news.EINVALID, "table %s: row %d has %d values for %d columns", t.Name, done+int64(len(batch))+1, len(row), len(cols))
		}
		for i, v := range row {
			if row[i], err = decodeValue(v, kinds[i]); err != nil {
				return news.Errorf(news.EINVALID, "table %s: column %s: %v", t.Name, cols[i], err)
			}
		}
		if batch = append(batch, row); len(batch) == loadBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if done != t.Rows {
		return news.Errorf(news.EINVALID, "table %s has %d rows, its manifest says %d", t.Name, done, t.Rows)
	}
	opts.progress("%s: %d rows restored", t.Name, done)
	return nil
}

// decodeValue turns a JSON value into the Go type a column of kind takes.
func decodeValue(v any, kind store.Kind) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch kind {
	case store.KindInt:
		switch x := v.(type) {
		case json.Number:
			return x.Int64()
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		}
	case store.KindFloat:
		if x, ok := v.(json.Number); ok {
			return x.Float64()
		}
	case store.KindBool:
		switch x := v.(type) {
		case bool:
			return x, nil
		case json.Number:
			return x.String() != "0", nil
		}
	case store.KindText:
		if x, ok := v.(string); ok {
			return x, nil
		}
	case store.KindBlob:
		if x, ok := v.(string); ok {
			return base64.StdEncoding.DecodeString(x)
		}
	}
	return nil, fmt.Errorf("a %T value for a %s column", v, kind)
}

// rebuildRenditions makes every picture's renditions from its original.
func rebuildRenditions(ctx context.Context, st *store.Store, files media.Storage, opts RestoreOptions) error {
	total, err := st.PendingAssets(ctx)
	if err != nil || total == 0 {
		return err
	}
	var done atomic.Int64
	mo := opts.Media
	mo.OnReady = func(int64) {
		n := done.Add(1)
		if n%25 == 0 || int(n) == total {
			opts.progress("renditions: %d/%d pictures", n, total)
		}
	}
	lib := media.New(st, files, mo)
	if _, err := lib.ProcessPending(ctx); err != nil {
		return fmt.Errorf("restore: renditions: %w", err)
	}
	if left, err := st.PendingAssets(ctx); err != nil {
		return err
	} else if left > 0 {
		return errors.New("restore: some pictures' renditions could not be made; the media worker retries them when the site runs")
	}
	return nil
}
