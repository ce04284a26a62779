package mail_test

import (
	"strings"
	"testing"

	"masthead/internal/mail"
)

func TestParseURL(t *testing.T) {
	for _, c := range []struct {
		in   string
		want mail.Server
		err  string
	}{
		{in: "smtp://mailer:p%40ss@mail.example:2525", want: mail.Server{Host: "mail.example", Port: "2525", User: "mailer", Password: "p@ss"}},
		{in: "smtp://mail.example", want: mail.Server{Host: "mail.example", Port: "587"}},
		{in: "smtps://u:p@mail.example", want: mail.Server{Host: "mail.example", Port: "465", User: "u", Password: "p", ImplicitTLS: true}},
		{in: "http://mail.example", err: "use smtp://"},
		{in: "smtp://", err: "host"},
		{in: "smtp://mail.example/path", err: "only USER:PASS@HOST:PORT"},
		{in: "mail.example:25", err: "smtp"},
	} {
		got, err := mail.ParseURL(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) || !strings.Contains(err.Error(), "--smtp-url") {
				t.Errorf("ParseURL(%q) = %v, want an error naming --smtp-url and saying %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got.Host != c.want.Host || got.Port != c.want.Port || got.User != c.want.User ||
			got.Password != c.want.Password || got.ImplicitTLS != c.want.ImplicitTLS {
			t.Errorf("ParseURL(%q) = %+v, %v, want %+v", c.in, got, err, c.want)
		}
	}
}

// FuzzParseURL: any text given as --smtp-url is refused with a message or
// gives a server with a host and a port, and no line breaks to smuggle
// SMTP commands.
func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"smtp://u:p@h:25", "smtps://h", "smtp://[::1]:25", "smtp://%0d%0a@h", "smtp://h:x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		srv, err := mail.ParseURL(s)
		if err != nil {
			if !strings.Contains(err.Error(), "--smtp-url") {
				t.Fatalf("error %q does not name the flag", err)
			}
			return
		}
		if srv.Host == "" || srv.Port == "" || strings.ContainsAny(srv.Host+srv.Port, "\r\n ") {
			t.Fatalf("ParseURL(%q) = %+v", s, srv)
		}
	})
}

func TestRetryBacksOff(t *testing.T) {
	prev := mail.Retry(1)
	if prev.Seconds() != 30 {
		t.Errorf("first retry after %v, want 30s", prev)
	}
	for n := 2; n < 40; n++ {
		d := mail.Retry(n)
		if d < prev || d.Hours() > 1 {
			t.Fatalf("Retry(%d) = %v after %v: want growing, at most an hour", n, d, prev)
		}
		prev = d
	}
	if prev.Hours() != 1 {
		t.Errorf("retries level off at %v, want an hour", prev)
	}
}

func TestMessageRefusesHeaderInjection(t *testing.T) {
	msg, err := mail.Message("Courier <noreply@courier.example>", "ann@courier.example", "Hello\r\nBcc: evil@example.com", "Body\nline", testTime)
	if err != nil {
		t.Fatal(err)
	}
	head, body, _ := strings.Cut(string(msg), "\r\n\r\n")
	if strings.Contains(head, "\r\nBcc:") {
		t.Errorf("a line break in the subject made a header:\n%s", head)
	}
	if !strings.Contains(body, "Body\r\nline") {
		t.Errorf("body lines not CRLF: %q", body)
	}
	if _, err := mail.Message("not an address", "ann@courier.example", "s", "b", testTime); err == nil || !strings.Contains(err.Error(), "mail.from") {
		t.Errorf("a bad From: %v, want an error naming mail.from", err)
	}
}
