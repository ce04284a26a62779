// Package backup writes a Masthead site to one portable file and restores
// it, into SQLite or PostgreSQL whichever engine made it. The file is a
// gzipped tar: the rows of each table as JSON lines (tables/NAME.jsonl), the
// pictures' originals (media/KEY), and last a manifest that names the format
// and schema and holds the count and SHA-256 of every part, so a restore can
// check the whole file before it writes anything.
package backup

import (
	"runtime/debug"
	"time"

	"masthead/internal/store"
)

// Format is the version of the file layout this build writes. A restore
// refuses a file of a later format.
const Format = 1

// Entry names inside the tar.
const (
	manifestName = "manifest.json"
	tablePrefix  = "tables/"
	tableSuffix  = ".jsonl"
	mediaPrefix  = "media/"
)

// Manifest describes a backup.
type Manifest struct {
	Format int `json:"format"`
	// Schema is the newest migration the backed-up database had; Migrations
	// are all it had, in order.
	Schema     string    `json:"schema"`
	Migrations []string  `json:"migrations"`
	Masthead   string    `json:"masthead"` // the version that wrote it
	Engine     string    `json:"engine"`   // sqlite or postgres
	CreatedAt  time.Time `json:"created_at"`
	// Took is how long the backup took, in seconds.
	Took   float64     `json:"took_seconds"`
	Media  bool        `json:"media"` // the originals are in the file
	Tables []TableFile `json:"tables"`
	Files  []MediaFile `json:"files"`
}

// TableFile is one table's rows: its columns in the order of each JSON line,
// how many rows, and the SHA-256 of the file.
type TableFile struct {
	Name    string         `json:"name"`
	Columns []store.Column `json:"columns"`
	Rows    int64          `json:"rows"`
	Bytes   int64          `json:"bytes"`
	SHA256  string         `json:"sha256"`
}

// MediaFile is one original picture.
type MediaFile struct {
	Key    string `json:"key"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Version is the Masthead version recorded in backups: the module version,
// or the commit it was built from.
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			if v == "" || v == "(devel)" {
				v = s.Value[:12]
			} else {
				v += " " + s.Value[:12]
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	return v
}
