// Command publishprobe measures publish-to-visible time across nodes: it
// opens the store on the nodes' database, changes a published article's
// headline with store.SaveArticle, as an editor's save would, and polls the
// article's page on every node each 5 ms until the new headline shows; it
// prints each node's time from the start of the save, the median of several
// rounds, and puts the headline back at the end. It runs the related-articles
// worker as `masthead serve` does, so a save returns when an editor's would
// and the related articles are worked out behind it; the save's median and
// 95th percentile are what the newsroom waits for. scripts/bench runs it
// against two `masthead serve` processes on one PostgreSQL database.
//
//	publishprobe -db DSN [-rounds 5] [-timeout 10s] http://127.0.0.1:8081 http://127.0.0.1:8082
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"masthead/internal/store"
)

func main() {
	dsn := flag.String("db", "", "the nodes' database (a postgres:// URL or an SQLite file)")
	rounds := flag.Int("rounds", 5, "how many changes to time")
	timeout := flag.Duration("timeout", 10*time.Second, "give up on a node after this long")
	flag.Parse()
	if *dsn == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: publishprobe -db DSN [-rounds N] NODE_URL...")
		os.Exit(2)
	}
	if err := probe(context.Background(), *dsn, flag.Args(), *rounds, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "publishprobe:", err)
		os.Exit(1)
	}
}

func probe(ctx context.Context, dsn string, nodes []string, rounds int, timeout time.Duration) error {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	workCtx, stopWork := context.WithCancel(ctx)
	defer stopWork()
	go st.RunRelatedWorker(workCtx, slog.New(slog.NewTextHandler(io.Discard, nil)))
	list, err := st.Teasers(ctx, store.TeaserQuery{Limit: 1})
	if err != nil || len(list) == 0 {
		return fmt.Errorf("no published article to change (%v)", err)
	}
	a, err := st.ArticleByID(ctx, list[0].ID)
	if err != nil {
		return err
	}
	original := a.Headline
	defer func() {
		if b, err := st.ArticleByID(ctx, a.ID); err == nil {
			b.Headline = original
			_ = st.SaveArticle(ctx, &b)
		}
	}()
	client := &http.Client{Timeout: 2 * time.Second}
	times := make([][]time.Duration, len(nodes))
	var saves []time.Duration
	for round := 1; round <= rounds; round++ {
		// Every node has the page cached before the change, so what is
		// timed is the change reaching it, not a first render.
		for _, n := range nodes {
			for range 3 {
				if _, err := fetch(client, n+a.URL()); err != nil {
					return err
				}
			}
		}
		mark := fmt.Sprintf("probe%d%d", round, time.Now().UnixNano()%1e6)
		b, err := st.ArticleByID(ctx, a.ID)
		if err != nil {
			return err
		}
		b.Headline = original + " " + mark
		b.UpdatedAt = time.Time{}
		var wg sync.WaitGroup
		start := time.Now()
		for i, n := range nodes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				times[i] = append(times[i], poll(client, n+a.URL(), mark, start, timeout))
			}()
		}
		if err := st.SaveArticle(ctx, &b); err != nil {
			return err
		}
		saves = append(saves, time.Since(start))
		wg.Wait()
	}
	fmt.Printf("save: median %.1f ms, p95 %.1f ms\n", median(saves), percentile(saves, 95))
	for i, n := range nodes {
		fmt.Printf("node %d (%s): median %.1f ms over %d rounds:", i+1, n, median(times[i]), rounds)
		for _, t := range times[i] {
			fmt.Printf(" %.1f", ms(t))
		}
		fmt.Println()
	}
	return nil
}

// poll fetches url every 5 ms until its body holds mark and returns the time
// since start, or timeout plus one millisecond when it never does.
func poll(client *http.Client, url, mark string, start time.Time, timeout time.Duration) time.Duration {
	for time.Since(start) < timeout {
		if body, err := fetch(client, url); err == nil && strings.Contains(body, mark) {
			return time.Since(start)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return timeout + time.Millisecond
}

func fetch(client *http.Client, url string) (string, error) {
	res, err := client.Get(url)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		return "", fmt.Errorf("GET %s: %s", url, res.Status)
	}
	return string(b), err
}

func median(ds []time.Duration) float64 { return percentile(ds, 50) }

func percentile(ds []time.Duration, p int) float64 {
	s := slices.Clone(ds)
	slices.Sort(s)
	return ms(s[min(len(s)-1, len(s)*p/100)])
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
