package backup_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"masthead/internal/auth"
	"masthead/internal/backup"
	"masthead/internal/dbtest"
	"masthead/internal/demo"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/store"
)

// smallSite is a migrated site with an account, a setting and one picture,
// quick to back up.
func smallSite(t *testing.T, dsn string) testSite {
	t.Helper()
	s := newSite(t, dsn)
	ctx := context.Background()
	if err := s.st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	addContent(t, s, "chief@courier.example")
	return s
}

func addContent(t *testing.T, s testSite, email string) {
	t.Helper()
	ctx := context.Background()
	u := news.User{Email: email, Name: "Chief", Role: news.RoleAdmin}
	if err := s.st.CreateUser(ctx, &u, auth.HashPassword("harbour lights at dawn 1882")); err != nil {
		t.Fatal(err)
	}
	if err := s.st.SetSetting(ctx, "site.name", "The Courier of "+email); err != nil {
		t.Fatal(err)
	}
	jpeg, err := demo.ImageJPEG(demo.ImageNames()[0], 320, 180)
	if err != nil {
		t.Fatal(err)
	}
	lib := media.New(s.st, s.files, media.Options{Widths: []int{320}})
	if _, err := lib.Ingest(ctx, bytes.NewReader(jpeg), "harbour.jpg"); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.ProcessPending(ctx); err != nil {
		t.Fatal(err)
	}
}

// rewrite copies the backup at from to a new file, passing each entry
// through change, which may alter its bytes or drop it (nil).
func rewrite(t *testing.T, from string, change func(name string, data []byte) []byte) string {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	gz, err := gzip.NewReader(in)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	to := filepath.Join(t.TempDir(), "altered.tar.gz")
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	gw := gzip.NewWriter(out)
	tw := tar.NewWriter(gw)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		if data = change(hdr.Name, data); data == nil {
			continue
		}
		hdr.Size = int64(len(data))
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		tw.Write(data)
	}
	tw.Close()
	gw.Close()
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return to
}

func editManifest(t *testing.T, from string, edit func(m map[string]any)) string {
	return rewrite(t, from, func(name string, data []byte) []byte {
		if name != "manifest.json" {
			return data
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		out, _ := json.Marshal(m)
		return out
	})
}

// TestRestoreRefusesBadBackups: a tampered table or picture, a truncated
// file, and a backup of a later format or schema are refused with a message
// naming the part or both versions, and nothing is written.
func TestRestoreRefusesBadBackups(t *testing.T) {
	src := smallSite(t, "")
	good := filepath.Join(t.TempDir(), "good.tar.gz")
	m := writeBackup(t, src, good, backup.Options{})
	whole, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	known := store.KnownMigrations()
	cases := []struct {
		name, file string
		want       []string
		// part: the error names one of these, where the file breaks off.
		part []string
	}{
		{"tampered table", rewrite(t, good, func(name string, data []byte) []byte {
			if name == "tables/users.jsonl" {
				return bytes.Replace(data, []byte("Chief"), []byte("Thief"), 1)
			}
			return data
		}), []string{"table users fails its checksum"}, nil},
		{"tampered picture", rewrite(t, good, func(name string, data []byte) []byte {
			if strings.HasPrefix(name, "media/") {
				data[len(data)/2] ^= 0xff
			}
			return data
		}), []string{"media file " + m.Files[0].Key + " fails its checksum"}, nil},
		{"table taken out", rewrite(t, good, func(name string, data []byte) []byte {
			if name == "tables/settings.jsonl" {
				return nil
			}
			return data
		}), []string{"table settings is missing"}, nil},
		{"later format", editManifest(t, good, func(m map[string]any) { m["format"] = 2; m["masthead"] = "v9.0.0" }),
			[]string{"format 2", "v9.0.0", "format 1", "this Masthead (" + backup.Version() + ")"}, nil},
		{"later schema", editManifest(t, good, func(m map[string]any) {
			m["migrations"] = append(m["migrations"].([]any), "2099-01-01-01-future")
			m["schema"] = "2099-01-01-01-future"
		}), []string{"2099-01-01-01-future", known[len(known)-1], "Masthead " + backup.Version()}, nil},
		{"not a backup", writeFile(t, []byte("hello")), []string{"not a Masthead backup"}, nil},
	}
	// Cut short anywhere, from the tables to the manifest's last byte, the
	// file is refused naming the table, picture or manifest it breaks off in
	// or after.
	for _, cut := range []int{len(whole) / 4, len(whole) / 2, len(whole) * 3 / 4, len(whole) - 1} {
		cases = append(cases, struct {
			name, file string
			want, part []string
		}{fmt.Sprintf("truncated at %d of %d bytes", cut, len(whole)), writeFile(t, whole[:cut]), []string{"truncated"},
			[]string{"table ", "media file ", "manifest"}})
	}
	// A refused restore writes nothing, so each engine's one database
	// serves every case.
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		s := testSite{st: st, data: t.TempDir()}
		s.files, _ = media.NewDisk(filepath.Join(s.data, "media"))
		for _, c := range cases {
			_, err := backup.Restore(context.Background(), c.file, s.st, s.files, backup.RestoreOptions{})
			if err == nil {
				t.Fatalf("%s: restored", c.name)
			}
			if news.ErrorCode(err) != news.EINVALID {
				t.Errorf("%s: error code %q, want invalid: %v", c.name, news.ErrorCode(err), err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%s: error %q does not say %q", c.name, err, w)
				}
			}
			if c.part != nil && !slices.ContainsFunc(c.part, func(p string) bool { return strings.Contains(err.Error(), p) }) {
				t.Errorf("%s: error %q names no part of the backup (%q)", c.name, err, c.part)
			}
			counts, err := st.RowCounts(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for table, n := range counts {
				if n != 0 {
					t.Errorf("%s: table %s got %d rows from a refused backup", c.name, table, n)
				}
			}
			if entries, _ := os.ReadDir(filepath.Join(s.data, "media", "originals")); len(entries) > 0 {
				t.Errorf("%s: a refused backup wrote %d originals", c.name, len(entries))
			}
		}
	})
}

func writeFile(t *testing.T, data []byte) string {
	p := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRestoreNeedsReplaceForASite: restoring over a site is refused, naming
// a table with rows, and leaves the site as it was; --replace swaps the site
// for the backup's, on both engines.
func TestRestoreNeedsReplaceForASite(t *testing.T) {
	src := smallSite(t, "")
	file := filepath.Join(t.TempDir(), "b.tar.gz")
	writeBackup(t, src, file, backup.Options{})
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		s := testSite{st: st, data: t.TempDir()}
		s.files, _ = media.NewDisk(filepath.Join(s.data, "media"))
		addContent(t, s, "other@paper.example")
		_, err := backup.Restore(ctx, file, st, s.files, backup.RestoreOptions{})
		if news.ErrorCode(err) != news.ECONFLICT || !strings.Contains(err.Error(), "--replace") {
			t.Fatalf("restore over a site: %v, want a conflict that mentions --replace", err)
		}
		if name, _ := st.Setting(ctx, "site.name", ""); name != "The Courier of other@paper.example" {
			t.Errorf("the refused restore changed the site's name to %q", name)
		}
		if _, err := backup.Restore(ctx, file, st, s.files, backup.RestoreOptions{Replace: true}); err != nil {
			t.Fatalf("restore --replace: %v", err)
		}
		if name, _ := st.Setting(ctx, "site.name", ""); name != "The Courier of chief@courier.example" {
			t.Errorf("after --replace the site's name is %q", name)
		}
		if _, _, err := st.UserByEmail(ctx, "other@paper.example"); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("the replaced site's account is still there: %v", err)
		}
		if n, _ := st.PendingAssets(ctx); n != 0 {
			t.Errorf("%d pictures still wait for renditions", n)
		}
		// The next picture gets an id past the restored ones.
		addContent(t, s, "third@paper.example")
	})
}

// TestRestoreMigratesOlderBackups: a backup taken before the newest
// migration is restored into its own schema, then brought up to date.
func TestRestoreMigratesOlderBackups(t *testing.T) {
	known := store.KnownMigrations()
	older := known[:len(known)-1]
	src := newSite(t, "")
	ctx := context.Background()
	if err := src.st.MigrateOnly(ctx, func(name string) bool { return slices.Contains(older, name) }); err != nil {
		t.Fatal(err)
	}
	addContent(t, src, "chief@courier.example")
	file := filepath.Join(t.TempDir(), "old.tar.gz")
	if m := writeBackup(t, src, file, backup.Options{}); m.Schema != older[len(older)-1] {
		t.Fatalf("the backup's schema is %s, want %s", m.Schema, older[len(older)-1])
	}
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		// dbtest migrates; a restore wants an empty database to build.
		dst := newSite(t, emptyLike(t, st))
		if _, err := backup.Restore(ctx, file, dst.st, dst.files, backup.RestoreOptions{}); err != nil {
			t.Fatal(err)
		}
		applied, err := dst.st.AppliedMigrations(ctx)
		if err != nil || !slices.Equal(applied, known) {
			t.Errorf("after restore the migrations are %v (%v), want %v", applied, err, known)
		}
		if _, _, err := dst.st.UserByEmail(ctx, "chief@courier.example"); err != nil {
			t.Errorf("the account did not come through: %v", err)
		}
	})
}

// emptyLike returns the DSN of a new, empty database on st's engine.
func emptyLike(t *testing.T, st *store.Store) string {
	if st.Engine() == "postgres" {
		return dbtest.PostgresDSN(t)
	}
	return ""
}

// TestEveryTableIsCovered lists the tables of a migrated database straight
// from the engine's catalogue: each must be in the backup or left out on
// purpose (store.LeftOut, with the FTS5 index's own tables), so a table a
// later feature adds cannot be forgotten.
func TestEveryTableIsCovered(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		s := testSite{st: st, data: t.TempDir()}
		s.files, _ = media.NewDisk(filepath.Join(s.data, "media"))
		m := writeBackup(t, s, filepath.Join(t.TempDir(), "b.tar.gz"), backup.Options{})
		driver, query := "sqlite", "SELECT name FROM sqlite_master WHERE type = 'table'"
		if st.Engine() == "postgres" {
			driver, query = "pgx", "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
		}
		db, err := sql.Open(driver, st.DSN())
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rows, err := db.Query(query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				t.Fatal(err)
			}
			n++
			if slices.ContainsFunc(m.Tables, func(tf backup.TableFile) bool { return tf.Name == name }) {
				continue
			}
			if _, ok := store.LeftOut[name]; ok {
				continue
			}
			if st.Engine() == "sqlite" && strings.HasPrefix(name, "article_search_") {
				continue // FTS5's own tables of the left-out index
			}
			t.Errorf("table %s is neither in the backup nor in store.LeftOut", name)
		}
		if n < 20 {
			t.Errorf("the catalogue lists only %d tables", n)
		}
	})
}
