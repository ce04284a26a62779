package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"masthead/internal/backup"
	"masthead/internal/media"
	"masthead/internal/store"
)

// backupCmd writes a consistent backup of the site while it keeps serving:
// `masthead backup --out FILE|s3://BUCKET/KEY [--no-media]`.
func backupCmd(ctx context.Context, args []string, stderr io.Writer) error {
	var c config
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	c.flags(fs)
	mediaFlag(fs, &c)
	out := fs.String("out", "", "write the backup to this `FILE`, or to s3://BUCKET/KEY?endpoint=HOST:PORT&region=REGION")
	noMedia := fs.Bool("no-media", false, "leave the pictures' originals out (for media in S3 that is backed up on its own)")
	if err := c.parse(fs, args, stderr); err != nil {
		return err
	}
	if *out == "" {
		return usageError{fmt.Errorf("--out FILE is required")}
	}
	st, files, err := openSite(ctx, c)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	m, size, err := backup.WriteTo(ctx, st, files, *out, backup.Options{NoMedia: *noMedia, Progress: progressTo(stderr), TempDir: c.Data})
	if err != nil {
		return err
	}
	var rows int64
	for _, t := range m.Tables {
		rows += t.Rows
	}
	fmt.Fprintf(stderr, "backup written to %s: %d tables, %d rows, %d originals, %d bytes, schema %s, in %s\n",
		*out, len(m.Tables), rows, len(m.Files), size, m.Schema, time.Since(start).Round(100*time.Millisecond))
	return nil
}

// restoreCmd restores a backup into the database the flags name:
// `masthead restore FILE [--replace]`.
func restoreCmd(ctx context.Context, args []string, stderr io.Writer) error {
	var c config
	c.MaxArgs = 1
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	c.flags(fs)
	mediaFlag(fs, &c)
	replace := fs.Bool("replace", false, "overwrite a database that already holds a site")
	// restore FILE --replace: the file may come before the flags.
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if err := c.parse(fs, args, stderr); err != nil {
		return err
	}
	if file == "" && len(c.Args) == 1 {
		file = c.Args[0]
	} else if len(c.Args) > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", c.Args[0])}
	}
	if file == "" {
		return usageError{fmt.Errorf("name the backup file to restore: masthead restore FILE")}
	}
	created := notThere(c)
	st, files, err := openSite(ctx, c)
	if err != nil {
		removeAll(created)
		return err
	}
	start := time.Now()
	m, err := backup.Restore(ctx, file, st, files, backup.RestoreOptions{
		Options: backup.Options{Progress: progressTo(stderr), TempDir: c.Data}, Replace: *replace})
	st.Close()
	if err != nil {
		// A refused or failed restore leaves --data as it found it, not
		// with an empty database that looks like a site.
		removeAll(created)
		return err
	}
	fmt.Fprintf(stderr, "restored the %s backup of %s into %s (%s) in %s\n", m.Engine, m.CreatedAt.Format(time.RFC3339),
		describeDB(c.DB), st.Engine(), time.Since(start).Round(100*time.Millisecond))
	return nil
}

// moveCmd copies the site into another database, the way a newsroom moves
// from SQLite to PostgreSQL: `masthead move --to postgres://…`. The media
// stay where they are; start the site with the new --db afterwards.
func moveCmd(ctx context.Context, args []string, stderr io.Writer) error {
	var c config
	fs := flag.NewFlagSet("move", flag.ContinueOnError)
	c.flags(fs)
	mediaFlag(fs, &c)
	to := fs.String("to", "", "the `DATABASE` to move the site into: a postgres:// URL or an SQLite file path; it must be empty")
	if err := c.parse(fs, args, stderr); err != nil {
		return err
	}
	if *to == "" {
		return usageError{fmt.Errorf("--to DATABASE is required, such as --to postgres://user@host/masthead")}
	}
	if strings.Contains(*to, "://") && !store.IsPostgres(*to) {
		return usageError{fmt.Errorf("--to %q: use a postgres:// URL or an SQLite file path", *to)}
	}
	if *to == c.DB {
		return usageError{fmt.Errorf("--to names the database the site is in already")}
	}
	from, files, err := openSite(ctx, c)
	if err != nil {
		return err
	}
	defer from.Close()
	dest, err := store.Open(ctx, *to)
	if err != nil {
		return err
	}
	defer dest.Close()
	if applied, err := dest.AppliedMigrations(ctx); err != nil {
		return err
	} else if len(applied) > 0 {
		// Loading would refuse a site with content anyway; a migrated but
		// empty database is fine only at the very same schema, so say it
		// plainly rather than half-way.
		if has, err := dest.HasContent(ctx); err != nil || has {
			if err == nil {
				err = fmt.Errorf("the database %s already holds a site; move into an empty database", describeDB(*to))
			}
			return err
		}
	}
	progress := progressTo(stderr)
	start := time.Now()
	tmp := filepath.Join(c.Data, fmt.Sprintf("masthead-move-%d.tar.gz", os.Getpid()))
	defer os.Remove(tmp)
	// The pictures stay in the media storage both databases use, so the
	// move carries rows only and keeps the renditions as they are.
	if _, _, err := backup.WriteTo(ctx, from, files, tmp, backup.Options{NoMedia: true, Progress: progress, TempDir: c.Data}); err != nil {
		return err
	}
	if _, err := backup.Restore(ctx, tmp, dest, files, backup.RestoreOptions{Options: backup.Options{Progress: progress, TempDir: c.Data}}); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "moved the site from %s to %s in %s: stop the site, and start it again with --db %s (the old database is left as it was)\n",
		describeDB(c.DB), describeDB(*to), time.Since(start).Round(100*time.Millisecond), describeDB(*to))
	return nil
}

func mediaFlag(fs *flag.FlagSet, c *config) {
	fs.StringVar(&c.Media, "media", env("MASTHEAD_MEDIA", ""), "where pictures are kept: empty for DATA/media, or `s3://BUCKET?endpoint=HOST:PORT&region=REGION` [MASTHEAD_MEDIA]")
}

// openSite opens the database without migrating it (a backup records the
// schema as it is; a restore builds the schema of its backup) and the media
// storage.
func openSite(ctx context.Context, c config) (*store.Store, media.Storage, error) {
	if !store.IsPostgres(c.DB) || c.Media == "" {
		if err := checkDataDir(c.Data); err != nil {
			return nil, nil, err
		}
	}
	st, err := store.Open(ctx, c.DB)
	if err != nil {
		return nil, nil, err
	}
	files, err := media.OpenStorage(ctx, c.Media, c.Data)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, files, nil
}

// notThere lists what a restore into c may create that does not exist yet:
// the data directory itself, or else the SQLite file (with its WAL, shared
// memory and journal) and the media folder.
func notThere(c config) []string {
	missing := func(p string) bool {
		_, err := os.Lstat(p)
		return errors.Is(err, fs.ErrNotExist)
	}
	if missing(c.Data) {
		return []string{c.Data}
	}
	var paths []string
	if !store.IsPostgres(c.DB) {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			if missing(c.DB + suffix) {
				paths = append(paths, c.DB+suffix)
			}
		}
	}
	if dir := filepath.Join(c.Data, "media"); c.Media == "" && missing(dir) {
		paths = append(paths, dir)
	}
	return paths
}

// removeAll removes paths, which notThere listed before this run made them.
func removeAll(paths []string) {
	for _, p := range paths {
		os.RemoveAll(p)
	}
}

// progressTo writes progress lines to w.
func progressTo(w io.Writer) func(string) {
	return func(line string) { fmt.Fprintln(w, line) }
}
