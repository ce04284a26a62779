package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"masthead/internal/news"
)

// ArticleState is where an article stands in the newsroom, beside what
// readers see: its version (one per save), who made it, and whether it waits
// for review or is scheduled.
type ArticleState struct {
	Version     int
	CreatedBy   int64
	SubmittedAt time.Time // zero unless waiting for review
	PublishAt   time.Time // zero unless scheduled
}

// Stage names the state as the newsroom says it.
func (st ArticleState) Stage(status news.Status) string {
	switch {
	case status == news.Published:
		return "published"
	case status == news.Unpublished:
		return "unpublished"
	case !st.PublishAt.IsZero():
		return "scheduled"
	case !st.SubmittedAt.IsZero():
		return "submitted"
	}
	return "draft"
}

// ArticleState returns an article's newsroom state.
func (s *Store) ArticleState(ctx context.Context, id int64) (ArticleState, error) {
	var st ArticleState
	var by, submitted, publishAt sql.NullInt64
	err := s.read.QueryRowContext(ctx, `SELECT version, created_by, submitted_at, publish_at FROM articles WHERE id = $1`, id).
		Scan(&st.Version, &by, &submitted, &publishAt)
	if errors.Is(err, sql.ErrNoRows) {
		return st, news.Errorf(news.ENOTFOUND, "There is no article %d.", id)
	}
	if err != nil {
		return st, fmt.Errorf("store.ArticleState: %w", err)
	}
	st.CreatedBy, st.SubmittedAt, st.PublishAt = by.Int64, fromUnix(submitted), fromUnix(publishAt)
	return st, nil
}

// StaleError is the answer to a save based on an older version: someone else
// saved in between. It carries the newer version so the editor can show it;
// nothing was overwritten.
type StaleError struct {
	Current news.Article
	Version int
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("conflict: the article was saved by someone else (now version %d)", e.Version)
}

// Unwrap makes a StaleError an ECONFLICT for news.ErrorCode.
func (e *StaleError) Unwrap() error {
	return news.Errorf(news.ECONFLICT, "Someone else saved this article after you opened it. Their version is shown; copy your changes into it and save again.")
}

// Revision is one saved version of an article.
type Revision struct {
	Version  int
	SavedAt  time.Time
	UserID   int64
	UserName string
	Note     string
}

// Edit is one newsroom save: the article as the editor has it, the version
// it was based on (0 for a new article), who saves, and a note for the
// revision list ("published", "restored version 3").
type Edit struct {
	Article *news.Article
	Base    int
	By      int64
	Note    string
	// Submitted and PublishAt set the newsroom state; nil leaves it.
	Submitted *bool
	PublishAt *time.Time
}

// SaveEdit saves an article as a new revision, refusing a save based on a
// version that is no longer the latest with a *StaleError. It returns the
// new version. A published article gets its related articles worked out.
func (s *Store) SaveEdit(ctx context.Context, e Edit) (int, error) {
	a := e.Article
	if err := s.checkPictures(ctx, a); err != nil {
		return 0, err
	}
	if err := a.Validate(); err != nil {
		return 0, err
	}
	now := s.Now()
	if a.Status != news.Draft && a.PublishedAt.IsZero() {
		a.PublishedAt = now
	}
	a.UpdatedAt = now
	body, err := json.Marshal(a.Body)
	if err != nil {
		return 0, fmt.Errorf("store.SaveEdit: %w", err)
	}
	lead, err := imageJSON(storedImage(a.LeadImage))
	if err != nil {
		return 0, fmt.Errorf("store.SaveEdit: %w", err)
	}
	var version int
	err = s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		if a.ID != 0 {
			if err := tx.QueryRowContext(ctx, `SELECT version FROM articles WHERE id = $1`, a.ID).Scan(&version); errors.Is(err, sql.ErrNoRows) {
				return news.Errorf(news.ENOTFOUND, "There is no article %d.", a.ID)
			} else if err != nil {
				return err
			}
			if version != e.Base {
				return errStale
			}
		}
		if err := s.saveArticleTx(ctx, tx, ch, a, string(body), lead); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET created_by = $1 WHERE id = $2 AND created_by IS NULL`,
			nullID(e.By), a.ID); err != nil {
			return err
		}
		if e.Submitted != nil {
			at := sql.NullInt64{}
			if *e.Submitted {
				at = sql.NullInt64{Int64: now.Unix(), Valid: true}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET submitted_at = $1 WHERE id = $2`, at, a.ID); err != nil {
				return err
			}
		}
		if e.PublishAt != nil {
			if err := s.schedule(ctx, tx, a.ID, *e.PublishAt, e.By); err != nil {
				return err
			}
		}
		if err := tx.QueryRowContext(ctx, `SELECT version FROM articles WHERE id = $1`, a.ID).Scan(&version); err != nil {
			return err
		}
		content, err := json.Marshal(a)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO article_revisions (article_id, version, saved_at, user_id, note, content)
			VALUES ($1, $2, $3, $4, $5, $6)`, a.ID, version, now.Unix(), nullID(e.By), e.Note, string(content))
		return err
	})
	if errors.Is(err, errStale) {
		cur, cerr := s.ArticleByID(ctx, a.ID)
		st, serr := s.ArticleState(ctx, a.ID)
		if err := errors.Join(cerr, serr); err != nil {
			return 0, fmt.Errorf("store.SaveEdit: %w", err)
		}
		return 0, &StaleError{Current: cur, Version: st.Version}
	}
	if err != nil {
		return 0, fmt.Errorf("store.SaveEdit: %w", err)
	}
	if a.Status == news.Published {
		if err := s.refreshRelatedAround(ctx, a.ID); err != nil {
			return version, fmt.Errorf("store.SaveEdit: %w", err)
		}
	}
	return version, nil
}

var errStale = errors.New("stale")

func nullID(id int64) sql.NullInt64 {
	return sql.NullInt64{Int64: id, Valid: id != 0}
}

// schedule sets (or, with a zero time, clears) an article's publication time
// and its job.
func (s *Store) schedule(ctx context.Context, tx *sql.Tx, id int64, at time.Time, by int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM jobs WHERE article_id = $1 AND kind = 'publish' AND done_at IS NULL`, id); err != nil {
		return err
	}
	if at.IsZero() {
		_, err := tx.ExecContext(ctx, `UPDATE articles SET publish_at = NULL WHERE id = $1`, id)
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET publish_at = $1 WHERE id = $2`, at.Unix(), id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO jobs (kind, article_id, run_at, created_by, created_at)
		VALUES ('publish', $1, $2, $3, $4)`, id, at.Unix(), nullID(by), s.Now().Unix())
	return err
}

// Revisions returns an article's saved versions, newest first.
func (s *Store) Revisions(ctx context.Context, id int64) ([]Revision, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT r.version, r.saved_at, COALESCE(r.user_id, 0), COALESCE(u.name, ''), r.note
		FROM article_revisions r LEFT JOIN users u ON u.id = r.user_id
		WHERE r.article_id = $1 ORDER BY r.version DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("store.Revisions: %w", err)
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		var r Revision
		var at int64
		if err := rows.Scan(&r.Version, &at, &r.UserID, &r.UserName, &r.Note); err != nil {
			return nil, fmt.Errorf("store.Revisions: %w", err)
		}
		r.SavedAt = time.Unix(at, 0).UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// RevisionContent returns an article as it was saved at a version.
func (s *Store) RevisionContent(ctx context.Context, id int64, version int) (news.Article, error) {
	var content string
	err := s.read.QueryRowContext(ctx, `SELECT content FROM article_revisions WHERE article_id = $1 AND version = $2`,
		id, version).Scan(&content)
	if errors.Is(err, sql.ErrNoRows) {
		return news.Article{}, news.Errorf(news.ENOTFOUND, "Article %d has no version %d.", id, version)
	}
	if err != nil {
		return news.Article{}, fmt.Errorf("store.RevisionContent: %w", err)
	}
	var a news.Article
	if err := json.Unmarshal([]byte(content), &a); err != nil {
		return a, fmt.Errorf("store.RevisionContent: %w", err)
	}
	return a, nil
}

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
		WHERE id IN (SELECT id FROM jobs WHERE done_at IS NULL AND run_at <= $3 AND claimed_until < $3 AND kind <> 'backup'
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

// runJob publishes a scheduled article, reporting false when another node
// did it first.
func (s *Store) runJob(ctx context.Context, j Job) (bool, error) {
	if j.Kind != "publish" {
		return false, fmt.Errorf("unknown job kind %q", j.Kind)
	}
	a, err := s.ArticleByID(ctx, j.ArticleID)
	if err != nil {
		return false, err
	}
	a.Status = news.Published
	if a.PublishedAt.IsZero() {
		a.PublishedAt = j.RunAt
	}
	a.UpdatedAt = s.Now()
	body, err := json.Marshal(a.Body)
	if err != nil {
		return false, err
	}
	lead, err := imageJSON(storedImage(a.LeadImage))
	if err != nil {
		return false, err
	}
	done := false
	err = s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		res, err := tx.ExecContext(ctx, `UPDATE jobs SET done_at = $1 WHERE id = $2 AND done_at IS NULL`, s.Now().Unix(), j.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // another node ran it
		}
		done = true
		if err := s.saveArticleTx(ctx, tx, ch, &a, string(body), lead); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET publish_at = NULL, submitted_at = NULL WHERE id = $1`, a.ID); err != nil {
			return err
		}
		content, err := json.Marshal(a)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO article_revisions (article_id, version, saved_at, note, content)
			SELECT id, version, $2, 'published as scheduled', $3 FROM articles WHERE id = $1`, a.ID, s.Now().Unix(), string(content))
		return err
	})
	if err != nil || !done {
		return false, err
	}
	return true, s.refreshRelatedAround(ctx, a.ID)
}

// RunJobs runs due jobs every interval until ctx ends, logging failures.
func (s *Store) RunJobs(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := s.RunDueJobs(ctx); err != nil && ctx.Err() == nil {
			log.Error("scheduled jobs", "err", err)
		} else if n > 0 {
			log.Info("scheduled jobs ran", "jobs", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
