package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
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
		{"bad env level", []string{"serve"}, map[string]string{"MASTHEAD_LOG_LEVEL": "loud"}, 2, "not a log level"},
		{"unknown command", []string{"frobnicate"}, nil, 2, `unknown command "frobnicate"`},
		{"data dir is a file", []string{"serve", "--data", file}, nil, 1, "data directory"},
		{"unreachable database", []string{"serve", "--data", t.TempDir(), "--db",
			"postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"}, nil, 1, "cannot reach the postgres database"},
		{"bad media", []string{"serve", "--media", "ftp://pictures"}, nil, 2, `--media "ftp://pictures"`},
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
			second := serveOnce(t, args, func(string) {})
			if !strings.Contains(second, "demo content skipped") {
				t.Errorf("second start did not leave the content alone: %s", second)
			}
		})
	}
}

// serveOnce starts serve on a free port, calls check with its base URL, then
// cancels it and returns its log.
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
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			break
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
