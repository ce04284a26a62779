package backup

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/store"
)

// place is where a backup file goes: a local path, or an object in an S3
// bucket (s3://BUCKET/KEY?endpoint=HOST:PORT&region=REGION, with the same
// credentials as the media).
type place struct {
	path string    // local
	s3   *media.S3 // or in this bucket
	key  string    // under this key
}

func parsePlace(ctx context.Context, spec string) (place, error) {
	if !strings.HasPrefix(spec, "s3://") {
		return place{path: spec}, nil
	}
	u, err := url.Parse(spec)
	if err != nil || u.Host == "" {
		return place{}, news.Errorf(news.EINVALID, "%q: use s3://BUCKET/KEY?endpoint=HOST:PORT&region=REGION", spec)
	}
	bucket := "s3://" + u.Host
	if u.RawQuery != "" {
		bucket += "?" + u.RawQuery
	}
	s, err := media.NewS3(ctx, bucket)
	if err != nil {
		return place{}, err
	}
	return place{s3: s, key: strings.TrimPrefix(u.Path, "/")}, nil
}

// WriteTo writes a backup of the site to out, a file path or
// s3://BUCKET/KEY?…, and returns its manifest and size in bytes. A local
// backup is written beside its name and renamed into place once whole and
// on disk, so a failed or interrupted backup never leaves a file that looks
// like one; an S3 backup is spooled to a temporary file, then uploaded.
func WriteTo(ctx context.Context, st *store.Store, files media.Storage, out string, opts Options) (*Manifest, int64, error) {
	p, err := parsePlace(ctx, out)
	if err != nil {
		return nil, 0, err
	}
	if p.s3 != nil && (p.key == "" || strings.HasSuffix(p.key, "/")) {
		return nil, 0, news.Errorf(news.EINVALID, "%q: name the backup's key after the bucket, such as s3://BUCKET/masthead.tar.gz", out)
	}
	dir := filepath.Dir(p.path)
	if p.s3 != nil {
		dir = opts.TempDir
	}
	f, err := os.CreateTemp(dir, ".masthead-backup-*.partial")
	if err != nil {
		return nil, 0, fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	m, err := Write(ctx, st, files, f, opts)
	if err != nil {
		return nil, 0, err
	}
	size, err := f.Seek(0, 1)
	if err == nil {
		err = f.Sync()
	}
	if err != nil {
		return nil, 0, fmt.Errorf("backup: %w", err)
	}
	if p.s3 != nil {
		if _, err := f.Seek(0, 0); err != nil {
			return nil, 0, err
		}
		opts.progress("uploading %d bytes to %s", size, p.key)
		if err := p.s3.PutFile(ctx, p.key, f, size); err != nil {
			return nil, 0, err
		}
		return m, size, nil
	}
	if err := f.Close(); err != nil {
		return nil, 0, fmt.Errorf("backup: %w", err)
	}
	if err := os.Rename(f.Name(), p.path); err != nil {
		return nil, 0, fmt.Errorf("backup: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // the rename itself, on disk
		d.Close()
	}
	return m, size, nil
}
