// Package mail sends the newsroom's mail (invitations, password resets,
// notices of account changes) through any SMTP server, from the outbox the
// store keeps: a worker on each node claims due mails, sends them and
// records the outcome, trying a failed one again later and later.
package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"net/url"
	"strings"
	"time"
)

// Server is an SMTP server to send through, as --smtp-url names it.
type Server struct {
	Host     string // host name, also checked against its TLS certificate
	Port     string
	User     string // empty: no authentication
	Password string
	// ImplicitTLS speaks TLS from the first byte (smtps://, usually port
	// 465); otherwise the connection is upgraded with STARTTLS whenever the
	// server offers it.
	ImplicitTLS bool
	// TLSConfig, when set, replaces the default checks of the server's
	// certificate (tests use it to trust their own).
	TLSConfig *tls.Config
}

// ParseURL reads smtp://USER:PASS@HOST:PORT or smtps://USER:PASS@HOST:PORT.
// The port defaults to 587 for smtp and 465 for smtps; the user and the
// password are optional and URL-escaped.
func ParseURL(s string) (Server, error) {
	u, err := url.Parse(s)
	if err != nil {
		return Server{}, fmt.Errorf("--smtp-url: not a URL such as smtp://USER:PASS@HOST:587")
	}
	var srv Server
	switch u.Scheme {
	case "smtp":
		srv.Port = "587"
	case "smtps":
		srv.Port, srv.ImplicitTLS = "465", true
	default:
		return Server{}, fmt.Errorf("--smtp-url: use smtp://USER:PASS@HOST:PORT (STARTTLS) or smtps://USER:PASS@HOST:PORT (TLS), not %q", u.Scheme)
	}
	if u.Path != "" && u.Path != "/" || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return Server{}, fmt.Errorf("--smtp-url: give only USER:PASS@HOST:PORT after %s://", u.Scheme)
	}
	srv.Host = u.Hostname()
	if srv.Host == "" || strings.ContainsAny(srv.Host, " \r\n") {
		return Server{}, fmt.Errorf("--smtp-url: name the mail server's host, as in %s://USER:PASS@HOST:PORT", u.Scheme)
	}
	if p := u.Port(); p != "" {
		srv.Port = p
	}
	if u.User != nil {
		srv.User = u.User.Username()
		srv.Password, _ = u.User.Password()
	}
	return srv, nil
}

// Addr is the server's HOST:PORT.
func (s Server) Addr() string { return net.JoinHostPort(s.Host, s.Port) }

// sendTimeout bounds one attempt at one mail, from dialling to QUIT; the
// store's claim on a mail lasts longer, so no other node sends it meanwhile.
const sendTimeout = time.Minute

// Send delivers one message (with its headers) from from to to.
func (s Server) Send(ctx context.Context, from, to string, msg []byte) error {
	ctx, cancel := context.WithTimeout(ctx, sendTimeout)
	defer cancel()
	tlsConf := s.TLSConfig
	if tlsConf == nil {
		tlsConf = &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12}
	}
	var conn net.Conn
	var err error
	d := &net.Dialer{}
	if s.ImplicitTLS {
		conn, err = (&tls.Dialer{NetDialer: d, Config: tlsConf}).DialContext(ctx, "tcp", s.Addr())
	} else {
		conn, err = d.DialContext(ctx, "tcp", s.Addr())
	}
	if err != nil {
		return err
	}
	defer conn.Close()
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	}
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		return err
	}
	defer c.Close()
	if !s.ImplicitTLS {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(tlsConf); err != nil {
				return fmt.Errorf("STARTTLS: %w", err)
			}
		}
	}
	if s.User != "" {
		// PlainAuth refuses to send the password over a connection that
		// is not encrypted, except to localhost.
		if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, s.Host)); err != nil {
			return fmt.Errorf("AUTH: %w", err)
		}
	}
	if err := c.Mail(from); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// Permanent reports whether err is the server refusing a mail for good (a
// 5xx reply), so trying again would only fail again.
func Permanent(err error) bool {
	var te *textproto.Error
	return errors.As(err, &te) && te.Code >= 500 && te.Code < 600
}
