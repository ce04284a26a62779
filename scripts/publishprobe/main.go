// Command publishprobe measures what an editor waits for, over HTTP against
// running `masthead serve` nodes: it signs in to the newsroom of the first
// node as an editor and, each round, changes a published article's headline
// as the browser's editor does (the save, PUT /admin/api/articles/{id},
// which keeps a live article's changes pending, then Update, POST
// .../update, which makes them live), saves a draft the same way, and polls
// the article's public page on every node each 5 ms until the new headline
// shows. It prints the median and 95th percentile of each request's time
// and of each node's time from the start of the Update to the new headline.
// At the end it puts the headlines back.
//
// With -db (the nodes' database) it makes or reuses the account
// publishprobe@example.org with a fresh password and picks the newest
// published article and the newest draft; without it, give -email,
// -article and optionally -draft, and the password in
// MASTHEAD_PROBE_PASSWORD. scripts/bench runs it against two nodes on one
// PostgreSQL database.
//
//	publishprobe -db DSN [-rounds 5] [-timeout 10s] http://127.0.0.1:8081 http://127.0.0.1:8082
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"
)

func main() {
	var c config
	flag.StringVar(&c.dsn, "db", "", "the nodes' database (a postgres:// URL or an SQLite file), to make the probe's account and choose its articles")
	flag.StringVar(&c.email, "email", "", "sign in as this editor (without -db); the password is in MASTHEAD_PROBE_PASSWORD")
	flag.Int64Var(&c.article, "article", 0, "the published article to change (without -db)")
	flag.Int64Var(&c.draft, "draft", 0, "a draft to save too (without -db; optional)")
	flag.IntVar(&c.rounds, "rounds", 5, "how many changes to time")
	flag.DurationVar(&c.timeout, "timeout", 10*time.Second, "give up on a node after this long")
	flag.Parse()
	c.nodes = flag.Args()
	if len(c.nodes) == 0 || (c.dsn == "" && (c.email == "" || c.article == 0)) {
		fmt.Fprintln(os.Stderr, "usage: publishprobe -db DSN [-rounds N] NODE_URL...\n   or: publishprobe -email E -article ID [-draft ID] [-rounds N] NODE_URL...")
		os.Exit(2)
	}
	c.password = os.Getenv("MASTHEAD_PROBE_PASSWORD")
	if err := run(context.Background(), c); err != nil {
		fmt.Fprintln(os.Stderr, "publishprobe:", err)
		os.Exit(1)
	}
}

type config struct {
	dsn, email, password string
	article, draft       int64
	rounds               int
	timeout              time.Duration
	nodes                []string
}

func run(ctx context.Context, c config) error {
	if c.dsn != "" {
		if err := prepare(ctx, &c); err != nil {
			return err
		}
	}
	ed, err := signIn(c.nodes[0], c.email, c.password)
	if err != nil {
		return err
	}
	r, err := probe(ed, c)
	if err != nil {
		return err
	}
	r.print(c.nodes)
	return nil
}

// results are the times of each round.
type results struct {
	save, update, draft []time.Duration
	visible             [][]time.Duration // per node
}

func (r results) print(nodes []string) {
	line := func(what string, ds []time.Duration) {
		if len(ds) > 0 {
			fmt.Printf("%s: median %.1f ms, p95 %.1f ms\n", what, median(ds), percentile(ds, 95))
		}
	}
	line("save, live article (PUT, changes pending)", r.save)
	line("update, live article (POST update, goes live)", r.update)
	line("save, draft (PUT)", r.draft)
	for i, n := range nodes {
		fmt.Printf("node %d (%s): new headline on the page after the update's start, median %.1f ms, p95 %.1f ms over %d rounds:",
			i+1, n, median(r.visible[i]), percentile(r.visible[i], 95), len(r.visible[i]))
		for _, t := range r.visible[i] {
			fmt.Printf(" %.1f", ms(t))
		}
		fmt.Println()
	}
}

func median(ds []time.Duration) float64 { return percentile(ds, 50) }

func percentile(ds []time.Duration, p int) float64 {
	s := slices.Clone(ds)
	slices.Sort(s)
	return ms(s[min(len(s)-1, len(s)*p/100)])
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
