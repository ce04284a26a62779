package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"masthead/internal/forwarded"
	"masthead/internal/store"
)

// config is everything read from flags and the environment, checked once here
// and passed down as plain values.
type config struct {
	Addr     string
	Data     string
	DB       string
	BaseURL  string
	Demo     bool
	Media    string // "" for DATA/media, or an s3:// URL
	Dev      bool
	LogLevel slog.Level
	LogJSON  bool
	// CacheMB bounds the page cache in megabytes; 0 turns it off.
	CacheMB int
	// FastPath lets the fast path answer cache hits (internal/fastpath).
	FastPath bool
	// APIRate is the requests a second one API client may make that are
	// not cache hits (bursts of four times as many).
	APIRate      float64
	CDNPurgeURL  string
	MetricsToken string
	// WebhooksAllowPrivate lets webhooks reach internal addresses.
	WebhooksAllowPrivate bool
	// TrustedProxies are the proxies whose forwarding headers are believed.
	TrustedProxies forwarded.Trusted
	// Args are the arguments after the flags, when a command takes up to
	// MaxArgs of them (restore FILE).
	Args    []string
	MaxArgs int
	// envErrs are MASTHEAD_* variables whose values could not be read; they
	// are reported as usage errors like a bad flag.
	envErrs []error
}

// flags registers the flags shared by the commands that open the database.
func (c *config) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.Data, "data", env("MASTHEAD_DATA", "./masthead-data"), "data `directory` (SQLite file, media) [MASTHEAD_DATA]")
	fs.StringVar(&c.DB, "db", env("MASTHEAD_DB", ""), "database: a postgres:// URL, or an SQLite file `path`; default DATA/masthead.db [MASTHEAD_DB]")
	fs.TextVar(&c.LogLevel, "log-level", c.levelEnv("MASTHEAD_LOG_LEVEL"), "log `level`: debug (logs every request), info, warn, error [MASTHEAD_LOG_LEVEL]")
	fs.BoolVar(&c.LogJSON, "log-json", c.boolEnv("MASTHEAD_LOG_JSON"), "write logs as JSON lines instead of text [MASTHEAD_LOG_JSON]")
}

// parse parses args and checks the result; a bad value is a usageError.
func (c *config) parse(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usageError{err}
	}
	if len(c.envErrs) > 0 {
		return usageError{c.envErrs[0]}
	}
	if fs.NArg() > c.MaxArgs {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(c.MaxArgs))}
	}
	c.Args = fs.Args()
	if c.Data == "" {
		return usageError{fmt.Errorf("--data must name a directory")}
	}
	if c.DB == "" {
		c.DB = filepath.Join(c.Data, "masthead.db")
	}
	if strings.Contains(c.DB, "://") && !store.IsPostgres(c.DB) {
		return usageError{fmt.Errorf("--db %q: use a postgres:// URL or an SQLite file path", c.DB)}
	}
	if c.Media != "" && !strings.HasPrefix(c.Media, "s3://") {
		return usageError{fmt.Errorf("--media %q: leave it empty for DATA/media, or give s3://BUCKET?endpoint=HOST:PORT&region=REGION", c.Media)}
	}
	if c.Addr != "" {
		if _, _, err := net.SplitHostPort(c.Addr); err != nil {
			return usageError{fmt.Errorf("--addr %q is not HOST:PORT", c.Addr)}
		}
		if c.BaseURL == "" {
			host, port, _ := net.SplitHostPort(c.Addr)
			if host == "" || host == "0.0.0.0" || host == "::" {
				host = "localhost"
			}
			c.BaseURL = "http://" + net.JoinHostPort(host, port)
		}
	}
	return nil
}

// logger returns the process logger as the flags ask for it.
func (c *config) logger(w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogJSON {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// checkDataDir makes sure the data directory exists and can be written, so a
// read-only or mistyped path fails at start with a clear message, not at the
// first upload.
func checkDataDir(dir string) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("cannot create the data directory: %w", err)
	}
	f, err := os.CreateTemp(dir, ".write-check-*")
	if err != nil {
		return fmt.Errorf("cannot write to the data directory %s: %w", dir, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

func (c *config) boolEnv(name string) bool { return c.boolEnvOr(name, false) }

// boolEnvOr is boolEnv for a flag that is on unless turned off.
func (c *config) boolEnvOr(name string, def bool) bool {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		c.envErrs = append(c.envErrs, fmt.Errorf("%s=%q is not true or false", name, v))
	}
	return b
}

func (c *config) intEnv(name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		c.envErrs = append(c.envErrs, fmt.Errorf("%s=%q is not a whole number of 0 or more", name, v))
	}
	return n
}

func (c *config) floatEnv(name string, def float64) float64 {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f <= 0 {
		c.envErrs = append(c.envErrs, fmt.Errorf("%s=%q is not a number above 0", name, v))
	}
	return f
}

func (c *config) durationEnv(name string) time.Duration {
	v := os.Getenv(name)
	if v == "" {
		return 0
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		c.envErrs = append(c.envErrs, fmt.Errorf("%s=%q is not a duration such as 24h", name, v))
	}
	return d
}

func (c *config) levelEnv(name string) *slog.Level {
	l := new(slog.Level)
	if v := os.Getenv(name); v != "" {
		if err := l.UnmarshalText([]byte(v)); err != nil {
			c.envErrs = append(c.envErrs, fmt.Errorf("%s=%q is not a log level (debug, info, warn, error)", name, v))
		}
	}
	return l
}
