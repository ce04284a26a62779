package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"masthead/internal/media"
	"masthead/internal/wordpress"
)

const importUsage = `masthead import wordpress FILE.xml [--uploads DIR] [--dry-run] [--accounts contributor|author] [--default-section NAME] [flags]`

// importCmd runs `masthead import wordpress FILE.xml`: a WordPress export
// (and a copy of its uploads folder) becomes this site's articles, pages,
// authors, sections, tags and pictures, with a redirect from every old
// address. It prints progress on stderr and the report on stdout.
func importCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "wordpress" {
		return usageError{fmt.Errorf("usage: %s", importUsage)}
	}
	file, rest := splitFileArg(args[1:])
	var c config
	fs := flag.NewFlagSet("import wordpress", flag.ContinueOnError)
	c.flags(fs)
	fs.StringVar(&c.Media, "media", env("MASTHEAD_MEDIA", ""), "where pictures are kept, as for serve [MASTHEAD_MEDIA]")
	uploads := fs.String("uploads", "", "the site's wp-content/uploads folder, copied to this machine (no picture is fetched from the network)")
	dryRun := fs.Bool("dry-run", false, "read and convert everything and print the report, saving nothing")
	accounts := fs.String("accounts", "", "also invite each author with an e-mail address to sign in, as `ROLE` contributor or author (no passwords are made)")
	defaultSection := fs.String("default-section", "", "the `NAME` of the section WordPress's \"Uncategorized\" becomes")
	if err := c.parse(fs, rest, stderr); err != nil {
		return err
	}
	if file == "" {
		return usageError{fmt.Errorf("name the export file: %s", importUsage)}
	}
	if *accounts != "" && *accounts != "contributor" && *accounts != "author" {
		return usageError{fmt.Errorf("--accounts %q: give contributor or author", *accounts)}
	}
	if *uploads != "" {
		if st, err := os.Stat(*uploads); err != nil || !st.IsDir() {
			return usageError{fmt.Errorf("--uploads %q is not a folder", *uploads)}
		}
	}
	info, err := os.Stat(file)
	if err != nil {
		return fmt.Errorf("cannot read the export: %w", err)
	}
	if err := checkDataDir(c.Data); err != nil {
		return err
	}
	log := c.logger(stderr)
	st, err := openStore(ctx, c, log)
	if err != nil {
		return err
	}
	defer st.Close()
	opt := wordpress.Options{Uploads: *uploads, DryRun: *dryRun, DefaultSection: strings.TrimSpace(*defaultSection),
		Progress: progressPrinter(stderr)}
	if !*dryRun {
		files, err := media.OpenStorage(ctx, c.Media, c.Data)
		if err != nil {
			return err
		}
		opt.Library = media.New(st, files, media.Options{Log: log})
	}
	src := wordpress.Source{Size: info.Size(), Open: func() (io.ReadCloser, error) { return os.Open(file) }}
	report, err := wordpress.Import(ctx, st, src, opt)
	if err == nil && *accounts != "" && !*dryRun {
		err = wordpress.Invite(ctx, st, report, *accounts)
	}
	fmt.Fprintln(stderr)
	report.Write(stdout)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("stopped; everything saved before stays, and running the same command again goes on from there")
		}
		return fmt.Errorf("%w\n(everything saved before this stays; fix the file and run the same command again to go on)", err)
	}
	return nil
}

// splitFileArg takes the one argument that is not a flag (the export file)
// out of args, wherever it is, so the file may come before or after the flags.
func splitFileArg(args []string) (file string, rest []string) {
	takesValue := map[string]bool{"uploads": true, "accounts": true, "default-section": true, "data": true,
		"db": true, "log-level": true, "media": true}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if strings.HasPrefix(a, "-") {
			rest = append(rest, a)
			name := strings.TrimLeft(a, "-")
			if takesValue[name] && !strings.Contains(name, "=") && i+1 < len(args) {
				i++
				rest = append(rest, args[i])
			}
			continue
		}
		if file == "" {
			file = a
			continue
		}
		rest = append(rest, a) // a second file: the flag parser names it
	}
	return file, rest
}

// progressPrinter shows the import's progress: a bar redrawn in place on a
// terminal, a plain line every two seconds otherwise (a log, CI).
func progressPrinter(w io.Writer) func(wordpress.Progress) {
	tty := false
	if f, ok := w.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	return progressWriter(w, tty, time.Now)
}

// progressWriter is progressPrinter once it knows whether w is a terminal;
// now is the clock the plain lines are spaced by.
func progressWriter(w io.Writer, tty bool, now func() time.Time) func(wordpress.Progress) {
	var last time.Time
	names := map[int]string{1: "authors, categories and pictures", 2: "posts and pages"}
	return func(p wordpress.Progress) {
		pct := 0.0
		if p.Size > 0 {
			pct = 100 * float64(p.Bytes) / float64(p.Size)
		}
		if tty {
			const width = 30
			n := int(pct / 100 * width)
			fmt.Fprintf(w, "\r[%s%s] %3.0f%% pass %d/2: %s, %d items", strings.Repeat("#", n), strings.Repeat(" ", width-n), pct, p.Pass, names[p.Pass], p.Items)
			return
		}
		if now().Sub(last) < 2*time.Second && p.Bytes < p.Size {
			return
		}
		last = now()
		fmt.Fprintf(w, "pass %d/2 (%s): %.0f%% of the file, %d items\n", p.Pass, names[p.Pass], pct, p.Items)
	}
}
