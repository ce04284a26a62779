package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"masthead/internal/auth"
	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/demo"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/store"
)

// The kill -9 harness runs `masthead serve` as a child process: the test
// binary itself, which runs the command line in MASTHEAD_KILLTEST_ARGS
// instead of the tests (TestMain), so no separate build is needed.
func TestMain(m *testing.M) {
	if args := os.Getenv("MASTHEAD_KILLTEST_ARGS"); args != "" {
		os.Exit(run(context.Background(), strings.Split(args, "\n"), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// killCycles is how many times each engine's node is killed: 20 in the
// suite; scripts/killtest asks for 200.
func killCycles(t *testing.T) int {
	if v := os.Getenv("MASTHEAD_KILL_CYCLES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("MASTHEAD_KILL_CYCLES=%q", v)
		}
		return n
	}
	return 20
}

// TestKillNine proves DESIGN §6: a crash at any moment loses no
// acknowledged write. Writers save, publish, correct and upload through the
// newsroom API, several at once, while the server is killed with SIGKILL at
// a random moment; after each restart every write that was answered 2xx is
// there, SQLite's integrity check passes, the search index agrees with the
// articles, and the media worker finishes every acknowledged upload. On
// PostgreSQL two nodes serve the site and one of them is killed each cycle.
func TestKillNine(t *testing.T) {
	if testing.Short() {
		t.Skip("the kill -9 harness runs serve processes")
	}
	t.Run("sqlite", func(t *testing.T) {
		data := t.TempDir()
		killHarness(t, data, filepath.Join(data, "masthead.db"), 1)
	})
	t.Run("postgres", func(t *testing.T) {
		killHarness(t, t.TempDir(), dbtest.PostgresDSN(t), 2)
	})
}

// acked is what the server acknowledged.
type acked struct {
	mu       sync.Mutex
	articles map[int64]string // id → headline
	// saving is the headline of a save not yet answered: if the server died
	// first, the article may hold either.
	saving    map[int64]string
	published map[int64]bool
	notes     map[int64][]string
	assets    map[int64]bool
	cycle     map[int64]bool // the articles of the cycle under way
	writes    int
}

func (a *acked) add(fn func()) {
	a.mu.Lock()
	defer a.mu.Unlock()
	fn()
	a.writes++
}

func killHarness(t *testing.T, data, dsn string, nodes int) {
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	sec := news.Section{Slug: "harbour", Name: "Harbour", Position: 1}
	if err := st.CreateSection(ctx, &sec); err != nil {
		t.Fatal(err)
	}
	au := news.Author{Slug: "ines-marlow", Name: "Ines Marlow"}
	if err := st.CreateAuthor(ctx, &au); err != nil {
		t.Fatal(err)
	}
	const email, password = "desk@courier.example", "a long night at the copy desk"
	u := news.User{Email: email, Name: "Desk", Role: news.RoleEditor}
	if err := st.CreateUser(ctx, &u, auth.HashPassword(password)); err != nil {
		t.Fatal(err)
	}
	if err := st.LinkAuthor(ctx, u.ID, au.ID); err != nil {
		t.Fatal(err)
	}
	picture, err := demo.ImageJPEG(demo.ImageNames()[0], 320, 180)
	if err != nil {
		t.Fatal(err)
	}

	servers := make([]*child, nodes)
	for i := range servers {
		servers[i] = startChild(t, data, dsn, "")
	}
	defer func() {
		for _, s := range servers {
			s.kill()
		}
	}()
	got := &acked{articles: map[int64]string{}, saving: map[int64]string{}, published: map[int64]bool{}, notes: map[int64][]string{}, assets: map[int64]bool{}}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 17))
	cycles := killCycles(t)
	start := time.Now()
	// Sessions live in the database and a node comes back on its address,
	// so one sign-in per node lasts through every crash.
	clients := make([]*http.Client, len(servers))
	for i, s := range servers {
		clients[i] = signIn(t, s.base, email, password)
	}
	for cycle := range cycles {
		got.mu.Lock()
		got.cycle = map[int64]bool{}
		got.mu.Unlock()
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for w := range 4 {
			n := w % len(servers)
			wg.Go(func() { writer(servers[n].base, clients[n], w, cycle, sec.ID, picture, got, stop) })
		}
		time.Sleep(time.Duration(150+rng.IntN(450)) * time.Millisecond)
		victim := rng.IntN(len(servers))
		servers[victim].kill()
		// The other node's writers go on until the victim is back.
		if st.Engine() == "sqlite" {
			checkIntegrity(t, dsn)
		}
		servers[victim] = startChild(t, data, dsn, servers[victim].addr)
		close(stop)
		wg.Wait()
		checkAcked(t, st, got, cycle, false)
		if (cycle+1)%10 == 0 {
			// A long run (scripts/killtest) stopped part-way still tells
			// how far it got, every cycle so far having been checked.
			got.mu.Lock()
			t.Logf("%d/%d kill cycles on %s in %s: %d acknowledged writes, none lost", cycle+1, cycles, st.Engine(),
				time.Since(start).Round(time.Second), got.writes)
			got.mu.Unlock()
		}
	}
	checkAcked(t, st, got, cycles, true)
	for _, s := range servers {
		s.kill()
	}
	finishRenditions(t, st, data, got)
	t.Logf("%d kill cycles on %s (%d node(s)) in %s: %d acknowledged writes, %d articles, %d pictures, none lost",
		cycles, st.Engine(), nodes, time.Since(start).Round(time.Second), got.writes, len(got.articles), len(got.assets))
}

// child is a `masthead serve` process.
type child struct {
	cmd    *exec.Cmd
	addr   string
	base   string
	stderr *bytes.Buffer
}

// startChild starts serve on addr, or on a free port when addr is "".
func startChild(t *testing.T, data, dsn, addr string) *child {
	t.Helper()
	if addr == "" {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr = ln.Addr().String()
		ln.Close()
	}
	args := []string{"serve", "--data", data, "--db", dsn, "--addr", addr, "--cache-size", "8"}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "MASTHEAD_KILLTEST_ARGS="+strings.Join(args, "\n"))
	c := &child{cmd: cmd, addr: addr, base: "http://" + addr, stderr: &bytes.Buffer{}}
	cmd.Stderr = &syncWriter{w: c.stderr}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		resp, err := http.Get(c.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return c
			}
		}
		if i == 600 { // a minute: far beyond a start, which takes well under a second
			c.kill()
			t.Fatalf("serve did not become ready: %v\n%s", err, c.stderr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (c *child) kill() {
	if c.cmd.ProcessState == nil {
		_ = c.cmd.Process.Kill() // SIGKILL
		_ = c.cmd.Wait()
	}
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func signIn(t *testing.T, base, email, password string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	// A minute: a sign-in hashes the password, which on a busy machine under
	// nice took over ten seconds. A killed server refuses at once, so no
	// writer waits this long for one.
	c := &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(base+"/admin/signin", url.Values{"email": {email}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusFound {
		t.Fatalf("signing in: %s", resp.Status)
	}
	return c
}

// writer creates, saves, publishes and corrects articles and uploads pictures
// until stop closes or the server stops answering, recording each write the
// server acknowledged.
func writer(base string, c *http.Client, w, cycle int, section int64, picture []byte, got *acked, stop chan struct{}) {
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		if w == 3 {
			if id, ok := upload(base, c, picture); ok {
				got.add(func() { got.assets[id] = true })
			} else {
				return
			}
			// Pictures are few beside saves in a newsroom, and each costs
			// the worker a second of CPU.
			time.Sleep(100 * time.Millisecond)
			continue
		}
		headline := fmt.Sprintf("Writer %d, cycle %d, story %d", w, cycle, i)
		var doc struct {
			Article map[string]any
			Version int
		}
		ok := call(c, "POST", base+"/admin/api/articles", map[string]any{"article": map[string]any{
			"Headline": headline, "Standfirst": "Filed before the crash.", "Section": map[string]any{"ID": section},
			"Body": blocks.Document{blocks.P(blocks.T("The tide came in at " + headline + "."))},
		}}, &doc)
		if !ok {
			return
		}
		id := int64(doc.Article["ID"].(float64))
		got.add(func() { got.articles[id], got.cycle[id] = headline, true })
		path := fmt.Sprintf("%s/admin/api/articles/%d", base, id)
		// The writer saves its story again, as the editor's autosave does,
		// with the text changed.
		saved := headline + ", saved"
		art := doc.Article
		art["Headline"] = saved
		art["Body"] = blocks.Document{blocks.P(blocks.T("The tide came in at " + saved + "."))}
		got.mu.Lock()
		got.saving[id] = saved
		got.mu.Unlock()
		ok = call(c, "PUT", path, map[string]any{"base": doc.Version, "article": art}, &doc)
		if !ok {
			return
		}
		got.add(func() { got.articles[id] = saved; delete(got.saving, id) })
		if !call(c, "POST", path+"/publish", map[string]any{"base": doc.Version}, &doc) {
			return
		}
		got.add(func() { got.published[id] = true })
		text := "An earlier version misspelled " + headline + "."
		if !call(c, "POST", path+"/note", map[string]any{"base": doc.Version, "kind": "correction", "text": text}, &doc) {
			return
		}
		got.add(func() { got.notes[id] = append(got.notes[id], text) })
	}
}

// call sends a JSON request and reports whether it was answered 2xx.
func call(c *http.Client, method, u string, body, into any) bool {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, u, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return false
	}
	return json.NewDecoder(resp.Body).Decode(into) == nil
}

func upload(base string, c *http.Client, picture []byte) (int64, bool) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	part, _ := mw.CreateFormFile("files", "tide.jpg")
	part.Write(picture)
	mw.Close()
	req, _ := http.NewRequest("POST", base+"/admin/media", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return 0, false
	}
	defer resp.Body.Close()
	var out struct {
		Results []struct {
			Error string
			Asset struct{ ID int64 }
		} `json:"results"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&out) != nil || len(out.Results) != 1 || out.Results[0].Error != "" {
		return 0, false
	}
	return out.Results[0].Asset.ID, true
}

// checkIntegrity runs SQLite's own check on the file the killed process
// left.
func checkIntegrity(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check after kill -9: %q %v", res, err)
	}
}

// checkAcked finds the acknowledged writes in the database: those of the
// cycle just ended, or with all every one since the start.
func checkAcked(t *testing.T, st *store.Store, got *acked, cycle int, all bool) {
	t.Helper()
	ctx := context.Background()
	got.mu.Lock()
	defer got.mu.Unlock()
	published := 0
	for id, headline := range got.articles {
		if !all && !got.cycle[id] {
			published += b2i(got.published[id])
			continue
		}
		a, err := st.ArticleByID(ctx, id)
		if err != nil {
			t.Fatalf("cycle %d: acknowledged article %d (%q) is lost: %v", cycle, id, headline, err)
		}
		if a.Headline != headline && (got.saving[id] == "" || a.Headline != got.saving[id]) {
			t.Fatalf("cycle %d: article %d has headline %q, acknowledged %q", cycle, id, a.Headline, headline)
		}
		if got.published[id] && a.Status != news.Published {
			t.Fatalf("cycle %d: article %d was acknowledged published but is %s", cycle, id, a.Status)
		}
		for _, text := range got.notes[id] {
			found := false
			for _, n := range a.Notes {
				found = found || n.Text == text
			}
			if !found {
				t.Fatalf("cycle %d: article %d lost its acknowledged correction %q", cycle, id, text)
			}
		}
		if a.Status == news.Published {
			published++
		}
	}
	for id := range got.assets {
		if _, err := st.Asset(ctx, id); err != nil {
			t.Fatalf("cycle %d: acknowledged picture %d is lost: %v", cycle, id, err)
		}
	}
	counts, err := st.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts["articles"] < int64(len(got.articles)) || counts["media_assets"] < int64(len(got.assets)) {
		t.Fatalf("cycle %d: %d articles and %d pictures stored, fewer than the %d and %d acknowledged",
			cycle, counts["articles"], counts["media_assets"], len(got.articles), len(got.assets))
	}
	found, err := st.Search(ctx, store.SearchQuery{Text: "tide", Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if found.Total < published && !found.More {
		t.Fatalf("cycle %d: search finds %d of the %d acknowledged published articles", cycle, found.Total, published)
	}
}

// finishRenditions checks that the media worker finishes every
// acknowledged upload. A picture whose worker was killed mid-way stays
// claimed by it until its lease (5 minutes) runs out, then any node takes it
// over; rather than wait, the worker here runs with its clock past the lease.
func finishRenditions(t *testing.T, st *store.Store, data string, got *acked) {
	t.Helper()
	ctx := context.Background()
	files, err := media.NewDisk(filepath.Join(data, "media"))
	if err != nil {
		t.Fatal(err)
	}
	st.Now = func() time.Time { return time.Now().UTC().Add(6 * time.Minute).Truncate(time.Second) }
	if _, err := media.New(st, files, media.Options{}).ProcessPending(ctx); err != nil {
		t.Fatal(err)
	}
	for id := range got.assets {
		a, err := st.Asset(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.State != news.AssetReady || len(a.Renditions) == 0 {
			t.Errorf("picture %d is %s with %d renditions after the crashes", id, a.State, len(a.Renditions))
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
