package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"time"

	"masthead/internal/demo"
	"masthead/internal/store"
)

// demoCmd fills an empty site with the demo paper and a number of generated
// articles of your choice, fast, for benchmarks and for trying Masthead with
// a big archive: `masthead demo --articles 100000`.
func demoCmd(ctx context.Context, args []string, stderr io.Writer) error {
	var c config
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	c.flags(fs)
	articles := fs.Int("articles", 320, "how many articles to generate")
	seed := fs.Int64("seed", 1, "picks every name, number and picture; the same seed gives the same paper")
	if err := c.parse(fs, args, stderr); err != nil {
		return err
	}
	if *articles < 1 || *articles > 10_000_000 {
		return usageError{fmt.Errorf("--articles %d: give a number from 1 to 10000000", *articles)}
	}
	// The pictures go to the data directory on PostgreSQL too.
	if err := checkDataDir(c.Data); err != nil {
		return err
	}
	log := c.logger(stderr)
	st, err := openStore(ctx, c, log)
	if err != nil {
		return err
	}
	defer st.Close()
	has, err := st.HasContent(ctx)
	if err != nil {
		return err
	}
	if has {
		return fmt.Errorf("the site at %s already has content; the demo fills only an empty site (use a new --data directory or database)", describeDB(c.DB))
	}
	g := demo.New(demo.Options{Seed: *seed, Now: st.Now(), Articles: *articles})
	start := time.Now()
	last := start
	n, err := demo.LoadBulk(ctx, st, g, c.Data, func(done, total int) {
		if done == total || time.Since(last) >= time.Second {
			last = time.Now()
			elapsed := time.Since(start).Seconds()
			fmt.Fprintf(stderr, "saved %d/%d articles (%.0f a second)\n", done, total, float64(done)/elapsed)
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "demo paper with %d articles loaded in %s; related articles are worked out as each article is first read\n",
		n, time.Since(start).Round(100*time.Millisecond))
	return nil
}

// describeDB names a database for a message without its password.
func describeDB(dsn string) string {
	if store.IsPostgres(dsn) {
		if u, err := url.Parse(dsn); err == nil {
			return u.Redacted()
		}
		return "the PostgreSQL database"
	}
	return dsn
}
