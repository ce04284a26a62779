package backup

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/VictoriaMetrics/metrics"

	"masthead/internal/media"
	"masthead/internal/store"
)

// Schedule is a site's scheduled backups: serve --backup-every,
// --backup-to and --backup-keep.
type Schedule struct {
	Every time.Duration
	// To is a folder, or s3://BUCKET/PREFIX?endpoint=…&region=… .
	To string
	// Keep is how many of the newest backups are kept; older ones are deleted.
	Keep int
	// Retry is how long after a failure the backup is tried again
	// (default 5 minutes, or Every if that is shorter).
	Retry time.Duration
	// Poll is how often a node looks for a due backup (default a minute,
	// or Every if that is shorter).
	Poll    time.Duration
	NoMedia bool
	TempDir string
	// Done, when set, is called after each backup this node made.
	Done func(name string)
}

var (
	lastSuccess    atomic.Int64
	backupFailures = metrics.NewCounter("masthead_backup_failures_total")
	_              = metrics.NewGauge("masthead_backup_last_success_timestamp_seconds",
		func() float64 { return float64(lastSuccess.Load()) })
)

// backupPrefix and backupSuffix frame a scheduled backup's name; the time
// between them sorts oldest first.
const backupPrefix, backupSuffix = "masthead-", ".tar.gz"

// Run makes backups on the schedule until ctx ends. Every node of a site
// may run it: each backup is claimed through the jobs table and made by one
// node. A failure is logged, counted in /metrics and tried again; it never
// stops the site.
func (sch Schedule) Run(ctx context.Context, st *store.Store, files media.Storage, log *slog.Logger) {
	poll := sch.Poll
	if poll <= 0 {
		poll = min(time.Minute, sch.Every)
	}
	retry := sch.Retry
	if retry <= 0 {
		retry = min(5*time.Minute, sch.Every)
	}
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		if last, err := st.LastBackup(ctx); err == nil && !last.IsZero() {
			lastSuccess.Store(last.Unix())
		}
		id, ok, err := st.ClaimBackup(ctx, sch.Every, 6*time.Hour)
		if err != nil && ctx.Err() == nil {
			log.Error("scheduled backup: cannot look for a due backup", "err", err)
		}
		if ok {
			name, err := sch.once(ctx, st, files)
			if ferr := st.FinishBackup(context.WithoutCancel(ctx), id, err != nil, retry); ferr != nil {
				log.Error("scheduled backup: cannot record the outcome", "err", ferr)
			}
			if err != nil {
				log.Error("scheduled backup failed; it is tried again", "to", sch.To, "retry_in", retry, "err", err)
				backupFailures.Inc()
			} else {
				if last, err := st.LastBackup(ctx); err == nil {
					lastSuccess.Store(last.Unix())
				}
				log.Info("scheduled backup written", "name", name)
				if err := sch.prune(ctx); err != nil {
					log.Error("scheduled backup: cannot delete old backups", "err", err)
				}
				if sch.Done != nil {
					sch.Done(name)
				}
				continue // record the success at once
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// once writes one backup named for the time, and returns where it went.
func (sch Schedule) once(ctx context.Context, st *store.Store, files media.Storage) (string, error) {
	name := backupPrefix + time.Now().UTC().Format("20060102-150405.000") + backupSuffix
	out := filepath.Join(sch.To, name)
	if strings.HasPrefix(sch.To, "s3://") {
		u, err := url.Parse(sch.To)
		if err != nil {
			return "", err
		}
		u.Path = path.Join("/", u.Path, name)
		out = u.String()
	}
	_, _, err := WriteTo(ctx, st, files, out, Options{NoMedia: sch.NoMedia, TempDir: sch.TempDir})
	if err != nil {
		return "", err
	}
	return out, nil
}

// prune deletes all but the newest Keep scheduled backups at the destination.
func (sch Schedule) prune(ctx context.Context) error {
	if sch.Keep <= 0 {
		return nil
	}
	if strings.HasPrefix(sch.To, "s3://") {
		u, err := url.Parse(sch.To)
		if err != nil {
			return err
		}
		p, err := parsePlace(ctx, sch.To)
		if err != nil {
			return err
		}
		prefix := strings.TrimPrefix(path.Join(u.Path, backupPrefix), "/")
		keys, err := p.s3.List(ctx, prefix)
		if err != nil {
			return err
		}
		for _, k := range oldest(keys, sch.Keep) {
			if err := p.s3.Delete(ctx, k); err != nil {
				return err
			}
		}
		return nil
	}
	entries, err := os.ReadDir(sch.To)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	for _, n := range oldest(names, sch.Keep) {
		if err := os.Remove(filepath.Join(sch.To, n)); err != nil {
			return err
		}
	}
	return nil
}

// oldest returns the scheduled backups among names beyond the newest keep.
func oldest(names []string, keep int) []string {
	var ours []string
	for _, n := range names {
		base := path.Base(n)
		if strings.HasPrefix(base, backupPrefix) && strings.HasSuffix(base, backupSuffix) {
			ours = append(ours, n)
		}
	}
	sort.Strings(ours)
	if len(ours) <= keep {
		return nil
	}
	return ours[:len(ours)-keep]
}

// Check reports whether the schedule's settings make sense.
func (sch Schedule) Check() error {
	if sch.Every < time.Minute && sch.Every != 0 {
		return fmt.Errorf("--backup-every %s: give a minute or more", sch.Every)
	}
	if sch.Every > 0 && sch.To == "" {
		return fmt.Errorf("--backup-every needs --backup-to DIR or s3://BUCKET/PREFIX")
	}
	if sch.Keep < 1 {
		return fmt.Errorf("--backup-keep %d: keep at least one", sch.Keep)
	}
	return nil
}
