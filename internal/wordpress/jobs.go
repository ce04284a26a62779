package wordpress

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"masthead/internal/media"
	"masthead/internal/store"
)

// jobLease is how long a claimed import is this node's before another may
// take it up; progress renews it every few seconds.
const jobLease = time.Minute

// Jobs runs the imports queued from the newsroom on this node.
type Jobs struct {
	Store   *store.Store
	Library *media.Library
	Log     *slog.Logger
	worker  string
}

// RunOnce claims one queued import (or one whose node stopped mid-way) and
// runs it to its end; ok is false when there was none. An import whose
// export is not on this node's disk is left for the node that took it.
func (j *Jobs) RunOnce(ctx context.Context) (ok bool, err error) {
	if j.worker == "" {
		var b [6]byte
		_, _ = rand.Read(b[:])
		host, _ := os.Hostname()
		j.worker = host + "-" + hex.EncodeToString(b[:])
	}
	run, ok, err := j.Store.ClaimImportRun(ctx, j.worker, jobLease)
	if err != nil || !ok {
		return false, err
	}
	info, err := os.Stat(run.File)
	if err != nil {
		return true, j.Store.FinishImportRun(ctx, run.ID, j.worker, true, "The uploaded export is no longer on this server: "+err.Error())
	}
	last := time.Time{}
	opt := Options{Uploads: run.Uploads, DefaultSection: run.DefaultSection, Library: j.Library,
		Progress: func(p Progress) {
			if time.Since(last) < 2*time.Second {
				return
			}
			last = time.Now()
			pct := 0.0
			if p.Size > 0 {
				pct = 100 * float64(p.Bytes) / float64(p.Size)
			}
			msg := fmt.Sprintf("Pass %d of 2: %.0f%% of the file read, %d items.", p.Pass, pct, p.Items)
			if err := j.Store.ImportRunProgress(ctx, run.ID, j.worker, msg, jobLease); err != nil && j.Log != nil {
				j.Log.Warn("import progress", "run", run.ID, "err", err)
			}
		}}
	src := Source{Size: info.Size(), Open: func() (io.ReadCloser, error) { return os.Open(run.File) }}
	report, err := Import(ctx, j.Store, src, opt)
	if ctx.Err() != nil {
		return true, ctx.Err() // stopping: the lease runs out and a node takes it up again
	}
	text := report.String()
	if err != nil {
		text = "The import stopped: " + err.Error() + "\nEverything saved before stays; upload the file again to go on.\n\n" + text
	}
	return true, j.Store.FinishImportRun(ctx, run.ID, j.worker, err != nil, text)
}

// Run runs queued imports until ctx ends, looking for one every few
// seconds; `masthead serve` starts it on every node.
func (j *Jobs) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		for {
			ok, err := j.RunOnce(ctx)
			if err != nil && ctx.Err() == nil && j.Log != nil {
				j.Log.Error("wordpress import job", "err", err)
			}
			if !ok || err != nil {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
