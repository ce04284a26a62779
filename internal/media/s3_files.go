package media

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/minio/minio-go/v7"

	"masthead/internal/news"
)

// PutFile uploads size bytes from r under key, in parts, without holding
// the file in memory: for files larger than a picture, such as backups.
func (s *S3) PutFile(ctx context.Context, key string, r io.Reader, size int64) error {
	if !ValidKey(key) {
		return news.Errorf(news.EINVALID, "%q is not a storage key.", key)
	}
	_, err := s.client.PutObject(ctx, s.bucket, key, r, size, minio.PutObjectOptions{ContentType: "application/gzip"})
	if err != nil {
		return fmt.Errorf("media.S3.PutFile %s: %w", key, err)
	}
	return nil
}

// List returns the keys under prefix, in name order.
func (s *S3) List(ctx context.Context, prefix string) ([]string, error) {
	var keys []string
	for obj := range s.client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if obj.Err != nil {
			return nil, fmt.Errorf("media.S3.List: %w", obj.Err)
		}
		keys = append(keys, obj.Key)
	}
	sort.Strings(keys)
	return keys, nil
}

// List returns the keys under prefix, in name order.
func (d *Disk) List(ctx context.Context, prefix string) ([]string, error) {
	var keys []string
	err := filepath.WalkDir(d.Root, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, err := filepath.Rel(d.Root, p)
		if err != nil {
			return err
		}
		if key := filepath.ToSlash(rel); strings.HasPrefix(key, prefix) && ValidKey(key) {
			keys = append(keys, key)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("media.Disk.List: %w", err)
	}
	sort.Strings(keys)
	return keys, nil
}
