package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"masthead/internal/news"
)

// Storage keeps media files by key: slash-separated plain names such as
// r/12-w640-1f2e3d4c5b6a7988.webp. Keys under PrivatePrefix are never served
// to the public.
type Storage interface {
	// Put stores data under key, replacing what was there; a reader never
	// sees a half-written file.
	Put(ctx context.Context, key string, data []byte, contentType string) error
	// Open returns the file under key, or an ENOTFOUND error.
	Open(ctx context.Context, key string) (Object, error)
	// Delete removes the file under key; a missing file is not an error.
	Delete(ctx context.Context, key string) error
}

// Object is an open media file.
type Object interface {
	io.ReadSeekCloser
	Size() int64
	ModTime() time.Time
}

// PrivatePrefix is where originals are kept, as uploaded, for the newsroom
// only: the public media handler refuses every key under it.
const PrivatePrefix = "originals/"

// PublicPrefix is where renditions go. Their names carry a hash of their
// bytes, so they never change and can be cached for a year.
const PublicPrefix = "r/"

// ValidKey reports whether key is one or more plain names (letters, digits,
// dot, hyphen, underscore, not starting with a dot) joined by slashes, so no
// key can reach outside its storage.
func ValidKey(key string) bool {
	if key == "" || len(key) > 300 {
		return false
	}
	for _, part := range strings.Split(key, "/") {
		if part == "" || part[0] == '.' {
			return false
		}
		for _, r := range part {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
				return false
			}
		}
	}
	return true
}

// Disk is media storage in a folder on local disk.
type Disk struct {
	Root string
}

// NewDisk returns storage in root, creating the folder.
func NewDisk(root string) (*Disk, error) {
	if err := os.MkdirAll(root, 0o750); err != nil {
		return nil, fmt.Errorf("media: cannot create %s: %w", root, err)
	}
	return &Disk{Root: root}, nil
}

func (d *Disk) path(key string) (string, error) {
	if !ValidKey(key) {
		return "", news.Errorf(news.EINVALID, "%q is not a media file name.", key)
	}
	return filepath.Join(d.Root, filepath.FromSlash(key)), nil
}

// Put writes a temporary file beside the target and renames it into place.
func (d *Disk) Put(ctx context.Context, key string, data []byte, contentType string) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return diskFailure(fmt.Errorf("media.Disk.Put: %w", err))
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".put-*")
	if err != nil {
		return diskFailure(fmt.Errorf("media.Disk.Put: %w", err))
	}
	_, err = f.Write(data)
	if err == nil && strings.HasPrefix(key, PrivatePrefix) {
		// An original is the one copy of an upload; renditions can be
		// made again from it, so only originals wait for the disk.
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o640)
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
		return diskFailure(fmt.Errorf("media.Disk.Put %s: %w", key, err))
	}
	return nil
}

// diskFailure marks a write that failed because the disk is full or
// read-only as EUNAVAILABLE: it works again once space returns.
func diskFailure(err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EDQUOT) {
		return news.Unavailable(err)
	}
	return err
}

type diskObject struct {
	*os.File
	info fs.FileInfo
}

func (o diskObject) Size() int64        { return o.info.Size() }
func (o diskObject) ModTime() time.Time { return o.info.ModTime() }

// Open opens the file under key.
func (d *Disk) Open(ctx context.Context, key string) (Object, error) {
	p, err := d.path(key)
	if err != nil {
		return nil, news.Errorf(news.ENOTFOUND, "There is no such media file.")
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, news.Errorf(news.ENOTFOUND, "There is no such media file.")
	}
	if err != nil {
		return nil, fmt.Errorf("media.Disk.Open: %w", err)
	}
	info, err := f.Stat()
	if err != nil || info.IsDir() {
		f.Close()
		return nil, news.Errorf(news.ENOTFOUND, "There is no such media file.")
	}
	return diskObject{f, info}, nil
}

// Delete removes the file under key.
func (d *Disk) Delete(ctx context.Context, key string) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("media.Disk.Delete: %w", err)
	}
	return nil
}
