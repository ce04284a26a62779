package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"masthead/internal/news"
)

// Job is a due job a node has claimed.
type Job struct {
	ID        int64
	Kind      string
	ArticleID int64
	RunAt     time.Time
}

// RunDueJobs claims the jobs whose time has come and carries them out: it
// publishes scheduled articles. Each job takes effect once, even when nodes
// race: its effect and its done_at are written in one transaction that
// first checks done_at is still empty. It returns how many jobs it ran.
func (s *Store) RunDueJobs(ctx context.Context) (int, error) {
	now := s.Now()
	skipLocked := ""
	if s.dialect == postgres {
		skipLocked = " FOR UPDATE SKIP LOCKED"
	}
	rows, err := s.write.QueryContext(ctx, `UPDATE jobs SET claimed_by = $1, claimed_until = $2
		WHERE id IN (SELECT id FROM jobs WHERE done_at IS NULL AND run_at <= $3 AND claimed_until < $3 AND kind NOT IN ('backup', 'reindex')
			ORDER BY run_at LIMIT 20`+skipLocked+`)
		RETURNING id, kind, COALESCE(article_id, 0), run_at`, s.changes.node, now.Add(time.Minute).Unix(), now.Unix())
	if err != nil {
		return 0, fmt.Errorf("store.RunDueJobs: claim: %w", err)
	}
	var jobs []Job
	for rows.Next() {
		var j Job
		var at int64
		if err := rows.Scan(&j.ID, &j.Kind, &j.ArticleID, &at); err != nil {
			rows.Close()
			return 0, fmt.Errorf("store.RunDueJobs: %w", err)
		}
		j.RunAt = time.Unix(at, 0).UTC()
		jobs = append(jobs, j)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("store.RunDueJobs: %w", err)
	}
	ran := 0
	for _, j := range jobs {
		ok, err := s.runJob(ctx, j)
		if err != nil {
			return ran, fmt.Errorf("store.RunDueJobs: job %d: %w", j.ID, err)
		}
		if ok {
			ran++
		}
	}
	return ran, nil
}

// runJob carries out a scheduled job: it publishes a scheduled article, or
// makes a live article's pending version live. It asks the rule table again
// first: the person who scheduled it (and, for an update, whoever saved the
// version last) must still be allowed to, or the job is dropped and the
// article taken off the schedule. It reports false when another node did
// it first or the job was dropped.
func (s *Store) runJob(ctx context.Context, j Job) (bool, error) {
	if j.Kind != "publish" && j.Kind != "update" {
		return false, fmt.Errorf("unknown job kind %q", j.Kind)
	}
	ed, err := s.EditableArticle(ctx, j.ArticleID)
	if err != nil {
		return false, err
	}
	a, st := ed.Article, ed.State
	e, stage := Edit{job: j.ID}, st.Stage(a.Status)
	if j.Kind == "publish" {
		// What goes out is the article the scheduler approved, never a
		// pending version saved since.
		a = ed.Live
		a.Status = news.Published
		if a.PublishedAt.IsZero() {
			a.PublishedAt = j.RunAt
		}
		no, zero := false, time.Time{}
		e.Note, e.Submitted, e.PublishAt = "published as scheduled", &no, &zero
	} else {
		if !st.Pending {
			return false, s.dropJob(ctx, j, "no pending changes")
		}
		e.Note, e.ClearPending = "update made live as scheduled", true
	}
	e.Article = &a
	if why, err := s.jobRefused(ctx, j, ed.Live, st, stage); err != nil || why != "" {
		if err == nil {
			err = s.dropJob(ctx, j, why)
		}
		return false, err
	}
	// Based on the version read above: a save that lands in between makes
	// this one stale, and the job runs again once its claim runs out,
	// rather than making live (or dropping) a version it did not read.
	e.Base = st.Version
	_, err = s.SaveEdit(ctx, e)
	var stale *StaleError
	if errors.Is(err, errJobDone) || errors.As(err, &stale) {
		return false, nil
	}
	return err == nil, err
}

// jobRefused asks the rule table whether the scheduled job may still run,
// and says why not; ownership is read from the live article a.
func (s *Store) jobRefused(ctx context.Context, j Job, a news.Article, st ArticleState, stage news.Stage) (string, error) {
	var by, savedBy sql.NullInt64
	if err := s.read.QueryRowContext(ctx, `SELECT created_by FROM jobs WHERE id = $1`, j.ID).Scan(&by); err != nil {
		return "", err
	}
	people := []int64{by.Int64}
	if j.Kind == "update" {
		err := s.read.QueryRowContext(ctx, `SELECT saved_by FROM article_pending WHERE article_id = $1`, a.ID).Scan(&savedBy)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", err
		}
		people = append(people, savedBy.Int64)
	}
	act := news.ActSchedule
	if j.Kind == "update" {
		act = news.ActUpdate
	}
	for _, id := range people {
		if id == 0 {
			continue // scheduled or saved by the program itself (an import, a command)
		}
		u, err := s.UserByID(ctx, id)
		if news.ErrorCode(err) == news.ENOTFOUND {
			return "the person who scheduled or saved it no longer has an account", nil
		}
		if err != nil {
			return "", err
		}
		own := st.CreatedBy == u.ID || u.AuthorID != 0 && slices.ContainsFunc(a.Authors, func(au news.Author) bool { return au.ID == u.AuthorID })
		if u.Disabled || !news.Allowed(u.Role, own, act, stage) {
			return u.Name + " (" + string(u.Role) + ") may not " + string(act) + " it", nil
		}
	}
	return "", nil
}

// dropJob marks a job done without its effect, takes the article off the
// schedule, and says why in the audit log.
func (s *Store) dropJob(ctx context.Context, j Job, why string) error {
	dropped := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE jobs SET done_at = $1 WHERE id = $2 AND done_at IS NULL`, s.Now().Unix(), j.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // another node dropped it
		}
		dropped = true
		q := `UPDATE articles SET publish_at = NULL WHERE id = $1`
		if j.Kind == "update" {
			q = `UPDATE article_pending SET update_at = NULL WHERE article_id = $1`
		}
		_, err = tx.ExecContext(ctx, q, j.ArticleID)
		return err
	})
	if err != nil || !dropped {
		return err
	}
	return s.Audit(ctx, news.AuditEntry{Action: "article.schedule.dropped", Subject: "article:" + strconv.FormatInt(j.ArticleID, 10),
		Detail: "The scheduled " + j.Kind + " did not run: " + why + "."})
}

// RunJobs runs due jobs and unpins the stories whose time ran out, every
// interval until ctx ends, logging failures.
func (s *Store) RunJobs(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := s.RunDueJobs(ctx); err != nil && ctx.Err() == nil {
			log.Error("scheduled jobs", "err", err)
		} else if n > 0 {
			log.Info("scheduled jobs ran", "jobs", n)
		}
		if fronts, err := s.ExpirePins(ctx); err != nil && ctx.Err() == nil {
			log.Error("unpinning expired stories", "err", err)
		} else if len(fronts) > 0 {
			log.Info("unpinned stories whose time ran out", "fronts", len(fronts))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
