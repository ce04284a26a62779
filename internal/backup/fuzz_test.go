package backup_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"masthead/internal/backup"
	"masthead/internal/news"
	"masthead/internal/store"
)

// handMadeBackup is a backup file written entry by entry: each entry in
// order, then a manifest listing the tables and media files among them with
// their checksums, so the fuzzer starts from a file Check accepts.
func handMadeBackup(t testing.TB, entries map[string]string, order []string) []byte {
	t.Helper()
	m := backup.Manifest{Format: backup.Format, Migrations: store.KnownMigrations(), Engine: "sqlite", Masthead: "fuzz"}
	m.Schema = m.Migrations[len(m.Migrations)-1]
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	put := func(name string, body []byte) {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range order {
		body := entries[name]
		sum := sha256.Sum256([]byte(body))
		switch {
		case strings.HasPrefix(name, "tables/"):
			table := strings.TrimSuffix(strings.TrimPrefix(name, "tables/"), ".jsonl")
			m.Tables = append(m.Tables, backup.TableFile{Name: table, Rows: 1, Bytes: int64(len(body)), SHA256: hex.EncodeToString(sum[:]),
				Columns: []store.Column{{Name: "id"}, {Name: "name"}}})
		default:
			m.Files = append(m.Files, backup.MediaFile{Key: strings.TrimPrefix(name, "media/"), Bytes: int64(len(body)), SHA256: hex.EncodeToString(sum[:])})
		}
		put(name, []byte(body))
	}
	manifest, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	put("manifest.json", manifest)
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzCheck feeds the backup reader's check any file: it must not panic,
// and it either accepts the file with a manifest of a format this build
// reads, or refuses it with an EINVALID message (never an internal error),
// so `masthead restore` says what is wrong with the file.
func FuzzCheck(f *testing.F) {
	good := handMadeBackup(f, map[string]string{
		"tables/sections.jsonl":     "[1,\"World\"]\n",
		"media/originals/ab/cd.jpg": "\xff\xd8\xff\xe0 not really a picture",
	}, []string{"tables/sections.jsonl", "media/originals/ab/cd.jpg"})
	if _, err := backup.Check(bytes.NewReader(good)); err != nil {
		f.Fatalf("the hand-made backup is refused: %v", err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(good[:len(good)-9])
	f.Add([]byte{})
	f.Add([]byte("not a backup"))
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff})
	f.Fuzz(func(t *testing.T, file []byte) {
		m, err := backup.Check(bytes.NewReader(file))
		if err != nil {
			if news.ErrorCode(err) != news.EINVALID || news.ErrorMessage(err) == "" {
				t.Fatalf("refused without a clear message: %v", err)
			}
			return
		}
		if m == nil || m.Format < 1 || m.Format > backup.Format {
			t.Fatalf("accepted with manifest %+v", m)
		}
	})
}
