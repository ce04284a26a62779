package backup

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"

	"masthead/internal/news"
	"masthead/internal/store"
)

// maxManifest bounds the manifest read into memory.
const maxManifest = 256 << 20

// Check reads a whole backup and compares every part with the manifest: it
// returns the manifest, or an EINVALID error naming the table or file that
// is missing, damaged or altered, or the versions when the backup is newer
// than this build can restore.
func Check(r io.Reader) (*Manifest, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, news.Errorf(news.EINVALID, "this is not a Masthead backup (not a gzip file): %v", err)
	}
	tr := tar.NewReader(gz)
	sums := map[string]string{}
	var order []string
	var manifest []byte
	last := "the start"
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, truncated("after "+entryLabel(last), err)
		}
		last = hdr.Name
		if hdr.Name == manifestName {
			if manifest, err = io.ReadAll(io.LimitReader(tr, maxManifest)); err != nil {
				return nil, truncated("in "+entryLabel(last), err)
			}
			continue
		}
		h := sha256.New()
		if _, err := io.Copy(h, tr); err != nil {
			return nil, truncated("in "+entryLabel(last), err)
		}
		sums[hdr.Name] = hex.EncodeToString(h.Sum(nil))
		order = append(order, hdr.Name)
	}
	// The gzip trailer's CRC is checked only once the stream is read to its end.
	if _, err := io.Copy(io.Discard, gz); err != nil {
		return nil, truncated("in "+entryLabel(last), err)
	}
	if manifest == nil {
		return nil, news.Errorf(news.EINVALID, "the backup has no manifest: it is truncated (it ends after %s) or is not a Masthead backup", last)
	}
	var m Manifest
	if err := json.Unmarshal(manifest, &m); err != nil {
		return nil, news.Errorf(news.EINVALID, "the backup's manifest cannot be read: %v", err)
	}
	if err := checkVersions(&m); err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, t := range m.Tables {
		name := tablePrefix + t.Name + tableSuffix
		want[name] = true
		got, ok := sums[name]
		if !ok {
			return nil, news.Errorf(news.EINVALID, "table %s is missing from the backup", t.Name)
		}
		if got != t.SHA256 {
			return nil, news.Errorf(news.EINVALID, "table %s fails its checksum: the backup is damaged or was altered", t.Name)
		}
	}
	for _, f := range m.Files {
		name := mediaPrefix + f.Key
		want[name] = true
		got, ok := sums[name]
		if !ok {
			return nil, news.Errorf(news.EINVALID, "media file %s is missing from the backup", f.Key)
		}
		if got != f.SHA256 {
			return nil, news.Errorf(news.EINVALID, "media file %s fails its checksum: the backup is damaged or was altered", f.Key)
		}
	}
	for _, name := range order {
		if !want[name] {
			return nil, news.Errorf(news.EINVALID, "the backup holds %s, which its manifest does not list: it was altered", name)
		}
	}
	return &m, nil
}

// checkVersions refuses a backup written by a newer Masthead: a later file
// format, or a schema with migrations this build does not have.
func checkVersions(m *Manifest) error {
	if m.Format > Format {
		return news.Errorf(news.EINVALID, "the backup is in format %d, written by Masthead %s; this Masthead (%s) reads format %d and older: upgrade Masthead to restore it",
			m.Format, m.Masthead, Version(), Format)
	}
	if m.Format < 1 {
		return news.Errorf(news.EINVALID, "the backup's manifest names no format: it is not a Masthead backup")
	}
	known := store.KnownMigrations()
	for _, name := range m.Migrations {
		if !slices.Contains(known, name) {
			return news.Errorf(news.EINVALID, "the backup's schema is %s (Masthead %s), newer than this Masthead's schema %s (Masthead %s): it has migration %s, which this build lacks; upgrade Masthead to restore it",
				m.Schema, m.Masthead, known[len(known)-1], Version(), name)
		}
	}
	return nil
}

// truncated is the error for a file that breaks off or whose compressed
// stream is damaged, saying where (in table articles, after media file …).
func truncated(where string, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return news.Errorf(news.EINVALID, "the backup is truncated: it breaks off %s", where)
	}
	return news.Errorf(news.EINVALID, "the backup is damaged %s: %v", where, err)
}

// entryLabel names a tar entry as a person knows it: table articles, media
// file originals/…
func entryLabel(name string) string {
	switch {
	case strings.HasPrefix(name, tablePrefix):
		return "table " + strings.TrimSuffix(strings.TrimPrefix(name, tablePrefix), tableSuffix)
	case strings.HasPrefix(name, mediaPrefix):
		return "media file " + strings.TrimPrefix(name, mediaPrefix)
	}
	return name
}
