// Package mailtest runs a real SMTP server for tests: mailpit
// (go install github.com/axllent/mailpit@v1.33.1) over a temporary folder,
// read back through its HTTP API. Without mailpit a test is skipped, or
// fails when MASTHEAD_REQUIRE_MAIL=1 says it must be there (as in CI).
package mailtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"masthead/internal/mail"
)

// Binary finds mailpit in PATH or in $(go env GOPATH)/bin.
func Binary() string {
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	dirs := []string{os.Getenv("GOPATH")}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, "go"))
	}
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		dirs = append(dirs, strings.TrimSpace(string(out)))
	}
	for _, dir := range dirs {
		if dir == "" {
			continue
		}
		if p := filepath.Join(dir, "bin", "mailpit"); fileExists(p) {
			return p
		}
	}
	return ""
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// Server is a running mailpit.
type Server struct {
	t       testing.TB
	SMTP    string // HOST:PORT of its SMTP side
	API     string // base URL of its web API
	cmd     *exec.Cmd
	dir     string
	binary  string
	stopped bool
}

// FreePort returns a TCP address on 127.0.0.1 that nothing listens on now.
func FreePort(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// Start starts mailpit on free ports, stopped when t ends.
func Start(t testing.TB) *Server {
	t.Helper()
	return StartOn(t, FreePort(t))
}

// StartOn starts mailpit with its SMTP side on smtpAddr (a test of a mail
// server that was down and comes up chooses the address first).
func StartOn(t testing.TB, smtpAddr string) *Server {
	t.Helper()
	bin := Binary()
	if bin == "" {
		if os.Getenv("MASTHEAD_REQUIRE_MAIL") == "1" {
			t.Fatal("mailpit is required (MASTHEAD_REQUIRE_MAIL=1) but not installed: go install github.com/axllent/mailpit@v1.33.1")
		}
		t.Skip("skipping: mailpit is not installed (go install github.com/axllent/mailpit@v1.33.1)")
	}
	s := &Server{t: t, SMTP: smtpAddr, dir: t.TempDir(), binary: bin}
	s.start()
	t.Cleanup(s.Stop)
	return s
}

func (s *Server) start() {
	s.t.Helper()
	api := FreePort(s.t)
	s.API = "http://" + api
	s.cmd = exec.Command(s.binary, "--smtp", s.SMTP, "--listen", api, "--database", filepath.Join(s.dir, "mailpit.db"),
		"--smtp-auth-accept-any", "--smtp-auth-allow-insecure", "--disable-version-check")
	s.cmd.Stdout, s.cmd.Stderr = os.Stderr, os.Stderr
	if err := s.cmd.Start(); err != nil {
		s.t.Fatalf("start mailpit: %v", err)
	}
	s.stopped = false
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(s.API + "/api/v1/messages")
		if err == nil {
			resp.Body.Close()
			if c, err := net.DialTimeout("tcp", s.SMTP, time.Second); err == nil {
				c.Close()
				return
			}
		}
		if time.Now().After(deadline) {
			s.Stop()
			s.t.Fatalf("mailpit did not answer within 60 s on %s and %s", s.API, s.SMTP)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Stop ends mailpit; its SMTP address then refuses connections.
func (s *Server) Stop() {
	if s.stopped || s.cmd == nil || s.cmd.Process == nil {
		return
	}
	s.stopped = true
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
}

// Restart starts mailpit again on the same SMTP address, keeping its mail.
func (s *Server) Restart() { s.start() }

// MailServer is the mail.Server that sends to this mailpit.
func (s *Server) MailServer() mail.Server {
	host, port, _ := net.SplitHostPort(s.SMTP)
	return mail.Server{Host: host, Port: port}
}

// Message is a mail mailpit received.
type Message struct {
	ID      string
	Subject string
	To      []string
	Text    string
}

// Messages returns every mail received, newest first, with its text.
func (s *Server) Messages() []Message {
	s.t.Helper()
	var list struct {
		Messages []struct {
			ID      string
			Subject string
			To      []struct{ Address string }
		}
	}
	s.get("/api/v1/messages", &list)
	out := make([]Message, len(list.Messages))
	for i, m := range list.Messages {
		out[i] = Message{ID: m.ID, Subject: m.Subject}
		for _, to := range m.To {
			out[i].To = append(out[i].To, to.Address)
		}
		var full struct{ Text string }
		s.get("/api/v1/message/"+m.ID, &full)
		out[i].Text = full.Text
	}
	return out
}

// WaitFor polls until a mail to the address arrives whose subject contains
// subject, for up to 60 seconds, and returns it.
func (s *Server) WaitFor(ctx context.Context, to, subject string) Message {
	s.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		for _, m := range s.Messages() {
			if strings.Contains(m.Subject, subject) && strings.Contains(strings.Join(m.To, ","), to) {
				return m
			}
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			s.t.Fatalf("no mail to %s about %q arrived within 60 s", to, subject)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func (s *Server) get(path string, into any) {
	s.t.Helper()
	resp, err := http.Get(s.API + path)
	if err != nil {
		s.t.Fatalf("mailpit API %s: %v", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		s.t.Fatalf("mailpit API %s: %s", path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(into); err != nil {
		s.t.Fatalf("mailpit API %s: %v", path, err)
	}
}

// Link returns the first address in text that starts with prefix.
func Link(text, prefix string) (string, error) {
	i := strings.Index(text, prefix)
	if i < 0 {
		return "", fmt.Errorf("no link starting %s in %q", prefix, text)
	}
	return strings.Fields(text[i:])[0], nil
}
