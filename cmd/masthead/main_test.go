package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"masthead/internal/dbtest"
)

func TestCommandLineErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		args   []string
		env    map[string]string
		status int
		want   string
	}{
		{"unknown flag", []string{"serve", "--nope"}, nil, 2, "flag provided but not defined"},
		{"bad address", []string{"serve", "--addr", "8080"}, nil, 2, `--addr "8080" is not HOST:PORT`},
		{"bad db scheme", []string{"serve", "--db", "mysql://x"}, nil, 2, "use a postgres:// URL"},
		{"stray argument", []string{"serve", "extra"}, nil, 2, `unexpected argument "extra"`},
		{"bad env bool", []string{"serve"}, map[string]string{"MASTHEAD_DEMO": "maybe"}, 2, `MASTHEAD_DEMO="maybe"`},
		{"bad fast path switch", []string{"serve"}, map[string]string{"MASTHEAD_FAST_PATH": "off-ish"}, 2, `MASTHEAD_FAST_PATH="off-ish"`},
		{"bad env level", []string{"serve"}, map[string]string{"MASTHEAD_LOG_LEVEL": "loud"}, 2, "not a log level"},
		{"unknown command", []string{"frobnicate"}, nil, 2, `unknown command "frobnicate"`},
		{"data dir is a file", []string{"serve", "--data", file}, nil, 1, "data directory"},
		{"unreachable database", []string{"serve", "--data", t.TempDir(), "--db",
			"postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"}, nil, 1, "cannot reach the postgres database"},
		{"bad media", []string{"serve", "--media", "ftp://pictures"}, nil, 2, `--media "ftp://pictures"`},
		{"bad smtp url", []string{"serve", "--smtp-url", "mail.example:25"}, nil, 2, "--smtp-url"},
		{"bad smtp url env", []string{"serve"}, map[string]string{"MASTHEAD_SMTP_URL": "http://mail.example"}, 2, "--smtp-url: use smtp://"},
		{"bad trusted proxy", []string{"serve", "--trusted-proxies", "10.0.0.0/8,proxy.example"}, nil, 2, `--trusted-proxies: "proxy.example"`},
		{"bad trusted proxy env", []string{"serve"}, map[string]string{"MASTHEAD_TRUSTED_PROXIES": "10.0.0.0/40"}, 2, `"10.0.0.0/40" is neither`},
		{"unreachable media", []string{"serve", "--data", t.TempDir(), "--media",
			"s3://pictures?endpoint=http://127.0.0.1:1&region=us-east-1"}, nil, 1, "cannot reach the S3 bucket pictures"},
		{"help", []string{"help"}, nil, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			var stdout, stderr bytes.Buffer
			status := run(context.Background(), c.args, &stdout, &stderr)
			if status != c.status {
				t.Errorf("exit status %d, want %d; stderr: %s", status, c.status, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.want) {
				t.Errorf("stderr %q does not say %q", stderr.String(), c.want)
			}
		})
	}
}

func TestUnwritableDataDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("skipping: root can write to a read-only directory (the data-dir-is-a-file case covers the message)")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o500)
	var stderr bytes.Buffer
	if status := run(context.Background(), []string{"serve", "--data", dir}, &bytes.Buffer{}, &stderr); status != 1 {
		t.Errorf("exit status %d, want 1: %s", status, stderr.String())
	}
}

// TestServeDemoAndShutdown runs `masthead serve --demo` as a user would, on
// SQLite and on PostgreSQL: the demo paper appears, /healthz answers, a
// second --demo start leaves the content alone, and cancelling (SIGTERM)
// stops the server cleanly with status 0.
func TestServeDemoAndShutdown(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			data := t.TempDir()
			args := []string{"serve", "--demo", "--data", data}
			if engine == "postgres" {
				args = append(args, "--db", dbtest.PostgresDSN(t))
			}
			first := serveOnce(t, args, func(base string) {
				for _, path := range []string{"/healthz", "/readyz", "/", "/about"} {
					resp, err := http.Get(base + path)
					if err != nil || resp.StatusCode != 200 {
						t.Fatalf("GET %s: %v %v", path, resp, err)
					}
					resp.Body.Close()
				}
			})
			if !strings.Contains(first, "demo content loaded") {
				t.Errorf("first start did not load the demo: %s", first)
			}
			if !strings.Contains(first, "demo newsroom account") || !strings.Contains(first, "password=") {
				t.Errorf("first start did not make the demo newsroom account: %s", first)
			}
			second := serveOnce(t, args, func(string) {})
			if !strings.Contains(second, "demo content skipped") {
				t.Errorf("second start did not leave the content alone: %s", second)
			}
			if strings.Contains(second, "demo newsroom account") {
				t.Errorf("second start made another demo account: %s", second)
			}
		})
	}
}

// serveOnce starts serve on a free port, waits until /readyz says it is ready
// (migrated, demo loaded, listening for other nodes' changes), calls check
// with its base URL, then cancels it and returns its log.
func serveOnce(t *testing.T, args []string, check func(base string)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, append(args, "--addr", addr), &bytes.Buffer{}, &stderr) }()
	base := "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case status := <-done:
			cancel()
			t.Fatalf("serve exited with %d: %s", status, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not start: %s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	check(base)
	cancel()
	select {
	case status := <-done:
		if status != 0 {
			t.Errorf("serve exited with %d after shutdown: %s", status, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
	if !strings.Contains(stderr.String(), "stopped") {
		t.Errorf("no clean shutdown in the log: %s", stderr.String())
	}
	return stderr.String()
}

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestSecondServerOnOneSQLiteFileIsRefused: an SQLite site runs on one node;
// a second serve on the same file stops at once and says why, while commands
// that work beside the server still can.
func TestSecondServerOnOneSQLiteFileIsRefused(t *testing.T) {
	data := t.TempDir()
	serveOnce(t, []string{"serve", "--data", data}, func(string) {
		var stderr bytes.Buffer
		status := run(context.Background(), []string{"serve", "--data", data, "--addr", "127.0.0.1:0"}, &bytes.Buffer{}, &stderr)
		if status != 1 || !strings.Contains(stderr.String(), "already serving the SQLite database") ||
			!strings.Contains(stderr.String(), "PostgreSQL") {
			t.Errorf("second serve: status %d, %q", status, stderr.String())
		}
		stderr.Reset()
		if status := run(context.Background(), []string{"migrate", "--data", data}, &bytes.Buffer{}, &stderr); status != 0 {
			t.Errorf("migrate beside the server: status %d: %s", status, stderr.String())
		}
	})
	// Once the first has stopped, the file is free again.
	serveOnce(t, []string{"serve", "--data", data}, func(string) {})
}

// TestUserAdd adds accounts from the command line, with the password on
// standard input, while the site is being served, on both databases.
func TestUserAdd(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			data := t.TempDir()
			db := []string{"--data", data}
			if engine == "postgres" {
				db = append(db, "--db", dbtest.PostgresDSN(t))
			}
			add := func(password string, args ...string) (int, string) {
				stdin = strings.NewReader(password)
				defer func() { stdin = os.Stdin }()
				var stdout, stderr bytes.Buffer
				status := run(context.Background(), append(append([]string{"user", "add"}, args...), db...), &stdout, &stderr)
				return status, stdout.String() + stderr.String()
			}
			serveOnce(t, append([]string{"serve"}, db...), func(base string) {
				status, out := add("tidal lantern copper orchard\n", "--email", "Ed@Courier.example", "--name", "Ed Tor", "--role", "editor")
				if status != 0 || !strings.Contains(out, "added Ed Tor <ed@courier.example> as editor") {
					t.Fatalf("user add: %d %s", status, out)
				}
				for _, c := range []struct {
					password string
					args     []string
					status   int
					want     string
				}{
					{"tidal lantern copper orchard\n", []string{"--email", "ed@courier.example", "--name", "Again", "--role", "author"}, 1, "already an account"},
					{"password123\n", []string{"--email", "new@courier.example", "--name", "New", "--role", "author"}, 1, "too common"},
					{"", []string{"--email", "new@courier.example", "--name", "New", "--role", "author"}, 2, "standard input"},
					{"tidal lantern copper orchard\n", []string{"--email", "new@courier.example", "--name", "New", "--role", "boss"}, 2, "not a role"},
					{"tidal lantern copper orchard\n", []string{"--email", "nope", "--name", "New", "--role", "author"}, 2, "not an e-mail address"},
				} {
					if status, out := add(c.password, c.args...); status != c.status || !strings.Contains(out, c.want) {
						t.Errorf("user add %v: %d %q, want %d saying %q", c.args, status, out, c.status, c.want)
					}
				}
				// The new account signs in on the running site.
				form := url.Values{"email": {"ed@courier.example"}, "password": {"tidal lantern copper orchard"}}
				client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
				resp, err := client.PostForm(base+"/admin/signin", form)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusSeeOther {
					t.Errorf("signing in with the added account: %d", resp.StatusCode)
				}
			})
		})
	}
}
