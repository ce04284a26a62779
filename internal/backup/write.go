package backup

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/store"
)

// Options change what a backup or restore does.
type Options struct {
	// NoMedia leaves the originals out of a backup: for media kept in S3
	// that is backed up on its own.
	NoMedia bool
	// Progress, when set, is told what is being done, a line at a time.
	Progress func(line string)
	// TempDir is where a table is spooled before it goes into the file
	// (a tar entry states its size first); "" is the system's.
	TempDir string
}

func (o Options) progress(format string, args ...any) {
	if o.Progress != nil {
		o.Progress(fmt.Sprintf(format, args...))
	}
}

// Write takes a consistent snapshot of the site and writes it to w: every
// table of the database and, unless NoMedia, the original of every picture
// from files. The site goes on serving and publishing meanwhile.
func Write(ctx context.Context, st *store.Store, files media.Storage, w io.Writer, opts Options) (*Manifest, error) {
	start := time.Now()
	gz, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(gz)
	m := &Manifest{Format: Format, Masthead: Version(), Engine: st.Engine(), CreatedAt: start.UTC().Truncate(time.Second), Media: !opts.NoMedia}
	var originals []string
	err = st.Snapshot(ctx, func(sn *store.Snapshot) error {
		m.Migrations = sn.Migrations
		if len(m.Migrations) > 0 {
			m.Schema = m.Migrations[len(m.Migrations)-1]
		}
		for _, t := range sn.Tables {
			tf, keys, err := writeTable(ctx, sn, t, tw, opts)
			if err != nil {
				return err
			}
			m.Tables = append(m.Tables, tf)
			originals = append(originals, keys...)
		}
		if opts.NoMedia {
			return nil
		}
		// Inside the snapshot, so that no picture it lists is deleted
		// before its original is read.
		for i, key := range originals {
			mf, err := writeMedia(ctx, files, key, tw)
			if news.ErrorCode(err) == news.ENOTFOUND {
				opts.progress("warning: the original %s is missing from media storage; its picture cannot be restored", key)
				continue
			}
			if err != nil {
				return err
			}
			m.Files = append(m.Files, mf)
			if (i+1)%100 == 0 || i+1 == len(originals) {
				opts.progress("media: %d/%d originals", i+1, len(originals))
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	m.Took = time.Since(start).Seconds()
	body, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := writeEntry(tw, manifestName, int64(len(body)), bytes.NewReader(body)); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	if err := gz.Close(); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	return m, nil
}

// writeTable spools one table's rows as JSON lines to a temporary file,
// then copies it into the tar. It returns the original keys when the table
// is the media library.
func writeTable(ctx context.Context, sn *store.Snapshot, t store.Table, tw *tar.Writer, opts Options) (TableFile, []string, error) {
	tf := TableFile{Name: t.Name, Columns: t.Columns}
	spool, err := os.CreateTemp(opts.TempDir, "masthead-backup-*.jsonl")
	if err != nil {
		return tf, nil, fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(spool.Name())
	defer spool.Close()
	sum := sha256.New()
	buf := bufio.NewWriterSize(io.MultiWriter(spool, sum), 1<<16)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	keyCol := -1
	if t.Name == "media_assets" {
		for i, c := range t.Columns {
			if c.Name == "original_key" {
				keyCol = i
			}
		}
	}
	var keys []string
	last := time.Now()
	err = sn.Rows(ctx, t, func(vals []any) error {
		tf.Rows++
		if keyCol >= 0 {
			if k, ok := vals[keyCol].(string); ok {
				keys = append(keys, k)
			}
		}
		if time.Since(last) > time.Second {
			last = time.Now()
			opts.progress("%s: %d rows", t.Name, tf.Rows)
		}
		// Go's JSON keeps int64 exact, writes each float64 so that it
		// reads back the same, and []byte as base64.
		return enc.Encode(vals)
	})
	if err == nil {
		err = buf.Flush()
	}
	if err != nil {
		return tf, nil, fmt.Errorf("backup: table %s: %w", t.Name, err)
	}
	if tf.Bytes, err = spool.Seek(0, io.SeekCurrent); err != nil {
		return tf, nil, err
	}
	if _, err := spool.Seek(0, io.SeekStart); err != nil {
		return tf, nil, err
	}
	tf.SHA256 = hex.EncodeToString(sum.Sum(nil))
	if err := writeEntry(tw, tablePrefix+t.Name+tableSuffix, tf.Bytes, spool); err != nil {
		return tf, nil, err
	}
	opts.progress("%s: %d rows", t.Name, tf.Rows)
	return tf, keys, nil
}

func writeMedia(ctx context.Context, files media.Storage, key string, tw *tar.Writer) (MediaFile, error) {
	mf := MediaFile{Key: key}
	obj, err := files.Open(ctx, key)
	if err != nil {
		return mf, err
	}
	defer obj.Close()
	mf.Bytes = obj.Size()
	sum := sha256.New()
	if err := writeEntry(tw, mediaPrefix+key, mf.Bytes, io.TeeReader(obj, sum)); err != nil {
		return mf, fmt.Errorf("backup: media %s: %w", key, err)
	}
	mf.SHA256 = hex.EncodeToString(sum.Sum(nil))
	return mf, nil
}

func writeEntry(tw *tar.Writer, name string, size int64, r io.Reader) error {
	hdr := &tar.Header{Name: name, Mode: 0o640, Size: size, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
	if err := tw.WriteHeader(hdr); err != nil {
		return fmt.Errorf("backup: %s: %w", name, err)
	}
	n, err := io.Copy(tw, r)
	if err == nil && n != size {
		err = errors.New("the file changed size while it was read")
	}
	if err != nil {
		return fmt.Errorf("backup: %s: %w", name, err)
	}
	return nil
}
