package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	netmail "net/mail"
	"net/url"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"masthead/internal/admin"
	"masthead/internal/api"
	"masthead/internal/auth"
	"masthead/internal/backup"
	"masthead/internal/cachekey"
	"masthead/internal/demo"
	"masthead/internal/forwarded"
	"masthead/internal/mail"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
	"masthead/internal/webhook"
	"masthead/internal/wordpress"
)

// serve runs the site until ctx is cancelled (SIGINT or SIGTERM), then stops
// taking connections and lets requests in flight finish. It listens before
// it migrates, so /healthz answers and /readyz says "starting" while a long
// migration runs.
func serve(ctx context.Context, args []string, stderr io.Writer) error {
	var c config
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.StringVar(&c.Addr, "addr", env("MASTHEAD_ADDR", "localhost:8080"), "listen on `HOST:PORT` [MASTHEAD_ADDR]")
	fs.StringVar(&c.BaseURL, "base-url", env("MASTHEAD_BASE_URL", ""), "public `URL` of the site, for canonical links; default http://ADDR [MASTHEAD_BASE_URL]")
	fs.BoolVar(&c.Demo, "demo", c.boolEnv("MASTHEAD_DEMO"), "fill an empty site with demo content (does nothing on a site with content) [MASTHEAD_DEMO]")
	fs.StringVar(&c.Media, "media", env("MASTHEAD_MEDIA", ""), "where pictures are kept: empty for DATA/media, or `s3://BUCKET?endpoint=HOST:PORT&region=REGION` (credentials from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) [MASTHEAD_MEDIA]")
	fs.BoolVar(&c.Dev, "dev", c.boolEnv("MASTHEAD_DEV"), "read templates and static files from ./internal/site on each request [MASTHEAD_DEV]")
	fs.IntVar(&c.CacheMB, "cache-size", c.intEnv("MASTHEAD_CACHE_SIZE", 64), "page cache size in `MB`; 0 renders every request [MASTHEAD_CACHE_SIZE]")
	fs.BoolVar(&c.FastPath, "fast-path", c.boolEnvOr("MASTHEAD_FAST_PATH", true), "answer page cache hits without net/http; --fast-path=false leaves every request to net/http [MASTHEAD_FAST_PATH]")
	fs.Float64Var(&c.APIRate, "api-rate", c.floatEnv("MASTHEAD_API_RATE", 10), "API requests a `second` one key or address may make beyond cache hits, in bursts of 4× that [MASTHEAD_API_RATE]")
	fs.StringVar(&c.CDNPurgeURL, "cdn-purge-url", env("MASTHEAD_CDN_PURGE_URL", ""), "`URL` to POST the cache keys of each change to, so a CDN drops the same pages [MASTHEAD_CDN_PURGE_URL]")
	fs.StringVar(&c.MetricsToken, "metrics-token", env("MASTHEAD_METRICS_TOKEN", ""), "bearer `token` that lets a scraper read /metrics from another machine [MASTHEAD_METRICS_TOKEN]")
	smtpURL := fs.String("smtp-url", env("MASTHEAD_SMTP_URL", ""), "mail server to send invitations, password resets and notices through: `smtp://USER:PASS@HOST:PORT` (STARTTLS when offered) or smtps://… (TLS); empty keeps mail in the outbox [MASTHEAD_SMTP_URL]")
	fs.BoolVar(&c.WebhooksAllowPrivate, "webhooks-allow-private", c.boolEnv("MASTHEAD_WEBHOOKS_ALLOW_PRIVATE"), "let webhooks reach loopback, private and link-local addresses and plain http (a receiver on this machine or network) [MASTHEAD_WEBHOOKS_ALLOW_PRIVATE]")
	proxies := fs.String("trusted-proxies", env("MASTHEAD_TRUSTED_PROXIES", ""), "`CIDR,…` of the proxies whose X-Forwarded-For and X-Forwarded-Proto are believed; from others they are ignored [MASTHEAD_TRUSTED_PROXIES]")
	var sch backup.Schedule
	fs.DurationVar(&sch.Every, "backup-every", c.durationEnv("MASTHEAD_BACKUP_EVERY"), "make a backup this often, such as `24h`; 0 makes none [MASTHEAD_BACKUP_EVERY]")
	fs.StringVar(&sch.To, "backup-to", env("MASTHEAD_BACKUP_TO", ""), "where scheduled backups go: a `DIR`, or s3://BUCKET/PREFIX?endpoint=HOST:PORT&region=REGION [MASTHEAD_BACKUP_TO]")
	fs.IntVar(&sch.Keep, "backup-keep", c.intEnv("MASTHEAD_BACKUP_KEEP", 7), "how many of the newest scheduled backups to keep [MASTHEAD_BACKUP_KEEP]")
	c.flags(fs)
	if err := c.parse(fs, args, stderr); err != nil {
		return err
	}
	var err error
	if c.TrustedProxies, err = forwarded.Parse(*proxies); err != nil {
		return usageError{fmt.Errorf("--trusted-proxies: %w", err)}
	}
	var smtp mail.Server
	if *smtpURL != "" {
		if smtp, err = mail.ParseURL(*smtpURL); err != nil {
			return usageError{err}
		}
	}
	if err := sch.Check(); err != nil {
		return usageError{err}
	}
	if sch.Every > 0 && !strings.HasPrefix(sch.To, "s3://") {
		if err := checkDataDir(sch.To); err != nil {
			return fmt.Errorf("--backup-to: %w", err)
		}
	}
	if c.CDNPurgeURL != "" {
		if u, err := url.Parse(c.CDNPurgeURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageError{fmt.Errorf("--cdn-purge-url %q is not an http or https URL", c.CDNPurgeURL)}
		}
	}
	log := c.logger(stderr)
	if err := checkDataDir(c.Data); err != nil {
		return err
	}
	if !store.IsPostgres(c.DB) {
		unlock, err := lockSQLite(c.DB)
		if err != nil {
			return err
		}
		defer unlock()
	}
	if os.Getenv("GOGC") == "" {
		// A node's live heap is small (tens of MB) and nearly all it
		// allocates is pages rendered and written out. Collecting when the
		// heap has grown by twice the live heap rather than once cut the
		// collector's share of an uncached render enough to serve 5 to 15 %
		// more pages a second, for about 15 MB more memory (docs/performance.md).
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// The pictures being worked on are bounded by the media budget;
		// this keeps the garbage they leave from adding up (docs/operations.md: memory).
		debug.SetMemoryLimit(media.ServerMemoryLimit)
	}
	st, err := store.Open(ctx, c.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	files, err := media.OpenStorage(ctx, c.Media, c.Data)
	if err != nil {
		return err
	}
	pub, err := site.New(site.Config{BaseURL: c.BaseURL, Dev: c.Dev, DataDir: c.Data, Media: files}, st, log)
	if err != nil {
		return err
	}
	lib := media.New(st, files, media.Options{Log: log})
	newsroom, err := admin.New(admin.Config{Media: lib, BaseURL: c.BaseURL, SiteName: func(ctx context.Context) string {
		name, _ := st.Setting(ctx, "site.name", "Masthead")
		return name
	}, Preview: pub.Preview, DataDir: c.Data, MailServer: *smtpURL != "", Webhooks: webhook.Guard{AllowPrivate: c.WebhooksAllowPrivate}}, st, log)
	if err != nil {
		return err
	}
	adminHandler := newsroom.Handler()
	content := api.New(api.Config{BaseURL: c.BaseURL, Newsroom: adminHandler, CacheBytes: int64(c.CacheMB) << 20 / 4,
		Rate: c.APIRate, Burst: int(4 * c.APIRate), Log: log}, st)
	srv := server.New(st, pub, log, server.Options{
		Newsroom:       adminHandler,
		API:            content.Handler(),
		CacheBytes:     int64(c.CacheMB) << 20,
		NoFastPath:     !c.FastPath,
		CDNPurgeURL:    c.CDNPurgeURL,
		MetricsToken:   c.MetricsToken,
		TrustedProxies: c.TrustedProxies,
		Media:          files,
		HTTPS:          strings.HasPrefix(c.BaseURL, "https://"),
	})
	defer srv.Close()
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", c.Addr, err)
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(srv.Listener(ln)) }()
	defer hs.Close()

	start := time.Now()
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	log.Debug("migrations applied", "db", st.Engine(), "duration", time.Since(start))
	if c.Demo {
		if err := demo.LoadIfEmpty(ctx, st, files, log); err != nil {
			return fmt.Errorf("demo content: %w", err)
		}
		if err := demoAccount(ctx, st, c.BaseURL, log); err != nil {
			return fmt.Errorf("demo account: %w", err)
		}
	}
	listenCtx, stopListening := context.WithCancel(context.Background())
	defer stopListening()
	go st.Listen(listenCtx, log)
	go st.RunJobs(listenCtx, time.Second, log)
	// A change of the site's language rebuilds the search index here, on
	// whichever node claims it first.
	go st.RunSearchRebuilds(listenCtx, 5*time.Second, log)
	// Imports uploaded at /admin/import run here, one at a time.
	go (&wordpress.Jobs{Store: st, Library: lib, Log: log}).Run(listenCtx, 5*time.Second)
	go housekeeping(listenCtx, st, srv, log)
	go st.RunRelatedWorker(listenCtx, log)
	if *smtpURL != "" {
		// Every node sends from the outbox; each mail is claimed by one.
		w := &mail.Worker{Store: st, Server: smtp, Log: log, From: func(ctx context.Context) string {
			return mailFrom(ctx, st, c.BaseURL)
		}}
		go w.Run(listenCtx, 5*time.Second)
	}
	// Webhooks go out at once from the node that queued them, and every
	// few seconds any node picks up retries and other nodes' messages.
	hooks := &webhook.Worker{Store: st, BaseURL: c.BaseURL, Guard: webhook.Guard{AllowPrivate: c.WebhooksAllowPrivate}, Log: log}
	go hooks.Run(listenCtx, 2*time.Second)
	if sch.Every > 0 {
		sch.TempDir = c.Data
		go sch.Run(listenCtx, st, files, log)
	}
	// The media worker makes renditions of uploads in the background, and
	// at start those a restart (here or on another node) left unfinished.
	workerDone := make(chan struct{})
	go func() { lib.Run(listenCtx); close(workerDone) }()
	defer func() { stopListening(); <-workerDone }()
	srv.SetReady(true)
	log.Info("masthead is serving", "url", c.BaseURL, "addr", ln.Addr().String(), "db", st.Engine(), "data", c.Data,
		"cache_mb", c.CacheMB)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight")
	srv.SetReady(false)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

// openStore connects to the database and brings its schema up to date.
func openStore(ctx context.Context, c config, log *slog.Logger) (*store.Store, error) {
	st, err := store.Open(ctx, c.DB)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	log.Debug("migrations applied", "db", st.Engine(), "duration", time.Since(start))
	return st, nil
}

// migrate applies the migrations and exits, for deployments that migrate
// before rolling out new nodes.
func migrate(ctx context.Context, args []string, stderr io.Writer) error {
	st, err := openForCommand(ctx, "migrate", args, stderr)
	if err != nil {
		return err
	}
	return st.Close()
}

// openForCommand parses the flags of a command that works on the database
// (--data, --db, logging) and returns the migrated store.
func openForCommand(ctx context.Context, name string, args []string, stderr io.Writer, more ...func(*flag.FlagSet)) (*store.Store, error) {
	var c config
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	c.flags(fs)
	for _, add := range more {
		add(fs)
	}
	if err := c.parse(fs, args, stderr); err != nil {
		return nil, err
	}
	if !store.IsPostgres(c.DB) {
		if err := checkDataDir(c.Data); err != nil {
			return nil, err
		}
	}
	return openStore(ctx, c, c.logger(stderr))
}

// demoAccount gives a demo site with no accounts an editor-in-chief, so a
// newcomer can open the newsroom at once. The password is random and shown
// once, in the log.
func demoAccount(ctx context.Context, st *store.Store, baseURL string, log *slog.Logger) error {
	n, err := st.CountUsers(ctx)
	if err != nil || n > 0 {
		return err
	}
	u := news.User{Email: "editor@harbourcourier.example", Name: "Demo Editor", Role: news.RoleAdmin}
	password := auth.NewToken()[:20]
	if err := st.CreateUser(ctx, &u, auth.HashPassword(password)); err != nil {
		return err
	}
	log.Info("demo newsroom account: sign in at "+baseURL+"/admin", "email", u.Email, "password", password)
	return nil
}

// mostReadFreshness is how old the most-read lists on cached pages may get.
const mostReadFreshness = 5 * time.Minute

// housekeeping does what comes with time rather than with a write: most-read
// lists are brought up to date, and yesterday's readership salt is
// forgotten even on a quiet site.
func housekeeping(ctx context.Context, st *store.Store, srv *server.Server, log *slog.Logger) {
	t := time.NewTicker(mostReadFreshness)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		srv.Expire(cachekey.MostRead)
		if err := st.ForgetOldViewSalts(ctx); err != nil && ctx.Err() == nil {
			log.Error("forgetting old readership salts", "err", err)
		}
	}
}

// mailFrom is the From address of the newsroom's mail: the setting
// mail.from, or the site's name at noreply@ its host.
func mailFrom(ctx context.Context, st *store.Store, baseURL string) string {
	from, _ := st.Setting(ctx, "mail.from", "")
	if from = strings.TrimSpace(from); from != "" {
		return from
	}
	host := "localhost"
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	name, _ := st.Setting(ctx, "site.name", "Masthead")
	return (&netmail.Address{Name: name, Address: "noreply@" + host}).String()
}
