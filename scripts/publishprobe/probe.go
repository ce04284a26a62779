package main

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// probe runs the rounds and puts the headlines back at the end.
func probe(ed *editor, c config) (results, error) {
	r := results{visible: make([][]time.Duration, len(c.nodes))}
	live, err := ed.open(c.article)
	if err != nil {
		return r, err
	}
	if live.LiveURL == "" {
		return r, fmt.Errorf("article %d is not published", c.article)
	}
	original, _ := live.Article["Headline"].(string)
	defer func() {
		if err := restore(ed, c.article, original, true); err != nil {
			fmt.Println("publishprobe: putting the headline back:", err)
		}
	}()
	var draftHeadline string
	if c.draft != 0 {
		d, err := ed.open(c.draft)
		if err != nil {
			return r, err
		}
		draftHeadline, _ = d.Article["Headline"].(string)
		defer func() {
			if err := restore(ed, c.draft, draftHeadline, false); err != nil {
				fmt.Println("publishprobe: putting the draft's headline back:", err)
			}
		}()
	}
	reader := &http.Client{Timeout: 2 * time.Second}
	for round := 1; round <= c.rounds; round++ {
		// Every node has the page cached before the change, so what is
		// timed is the change reaching it, not a first render.
		for _, n := range c.nodes {
			for range 3 {
				if _, err := fetch(reader, n+live.LiveURL); err != nil {
					return r, err
				}
			}
		}
		// The editor has the article open: loading it is not timed.
		d, err := ed.open(c.article)
		if err != nil {
			return r, err
		}
		mark := fmt.Sprintf("probe%d%d", round, time.Now().UnixNano()%1e6)
		d.Article["Headline"] = original + " " + mark
		start := time.Now()
		saved, err := ed.save(c.article, d)
		if err != nil {
			return r, err
		}
		r.save = append(r.save, time.Since(start))
		var wg sync.WaitGroup
		start = time.Now()
		for i, n := range c.nodes {
			wg.Go(func() {
				r.visible[i] = append(r.visible[i], poll(reader, n+live.LiveURL, mark, start, c.timeout))
			})
		}
		if _, err := ed.act(c.article, "update", saved.Version); err != nil {
			return r, err
		}
		r.update = append(r.update, time.Since(start))
		wg.Wait()
		if c.draft != 0 {
			d, err := ed.open(c.draft)
			if err != nil {
				return r, err
			}
			d.Article["Headline"] = draftHeadline + " " + mark
			start := time.Now()
			if _, err := ed.save(c.draft, d); err != nil {
				return r, err
			}
			r.draft = append(r.draft, time.Since(start))
		}
	}
	return r, nil
}

// restore puts an article's headline back, making it live again when the
// article is.
func restore(ed *editor, id int64, headline string, live bool) error {
	d, err := ed.open(id)
	if err != nil {
		return err
	}
	d.Article["Headline"] = headline
	if d, err = ed.save(id, d); err != nil || !live {
		return err
	}
	_, err = ed.act(id, "update", d.Version)
	return err
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
