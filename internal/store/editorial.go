package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"masthead/internal/news"
)

// ArticleState is where an article stands in the newsroom, beside what
// readers see: its version (one per save), who made it, whether it waits
// for review or is scheduled, and whether changes to it wait to go live.
type ArticleState struct {
	Version     int
	CreatedBy   int64
	SubmittedAt time.Time // zero unless waiting for review
	PublishAt   time.Time // zero unless scheduled
	// Pending says a pending version exists: saved changes to a live
	// article that readers do not see yet. UpdateAt is when they are
	// scheduled to go live, or zero.
	Pending  bool
	UpdateAt time.Time
}

// Stage names the state as the rule table knows it.
func (st ArticleState) Stage(status news.Status) news.Stage {
	switch {
	case status == news.Published && st.Pending:
		return news.StagePending
	case status == news.Published:
		return news.StagePublished
	case status == news.Unpublished:
		return news.StageUnpublished
	case !st.PublishAt.IsZero():
		return news.StageScheduled
	case !st.SubmittedAt.IsZero():
		return news.StageSubmitted
	}
	return news.StageDraft
}

// ArticleState returns an article's newsroom state.
func (s *Store) ArticleState(ctx context.Context, id int64) (ArticleState, error) {
	var st ArticleState
	var by, submitted, publishAt, pendingAt, updateAt sql.NullInt64
	err := s.read.QueryRowContext(ctx, `SELECT a.version, a.created_by, a.submitted_at, a.publish_at, p.saved_at, p.update_at
		FROM articles a LEFT JOIN article_pending p ON p.article_id = a.id WHERE a.id = $1`, id).
		Scan(&st.Version, &by, &submitted, &publishAt, &pendingAt, &updateAt)
	if errors.Is(err, sql.ErrNoRows) {
		return st, news.Errorf(news.ENOTFOUND, "There is no article %d.", id)
	}
	if err != nil {
		return st, fmt.Errorf("store.ArticleState: %w", err)
	}
	st.CreatedBy, st.SubmittedAt, st.PublishAt = by.Int64, fromUnix(submitted), fromUnix(publishAt)
	st.Pending, st.UpdateAt = pendingAt.Valid, fromUnix(updateAt)
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
	return news.Errorf(news.ECONFLICT, "Someone else saved this article after you opened it. Their version is shown; your text is kept. Compare the two, then save yours over theirs or take theirs.")
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
	// Pending stores the article as the pending version of a live one:
	// the articles row and everything readers see stay as they are.
	// UpdateAt, with Pending, schedules the pending version to go live at
	// a time (a zero time calls the scheduled update off).
	Pending  bool
	UpdateAt *time.Time
	// ClearPending drops the pending version in the same transaction: the
	// article written is that version made live (Update, publish), or
	// folded back into a draft (unschedule, unpublish).
	ClearPending bool
	// Discard drops the pending version and writes nothing else: readers
	// keep what they see; the revision records the live article again.
	Discard bool
	// Autosave folds the save into the same person's autosave revision of
	// the last ten minutes, if there is one.
	Autosave bool
	// KeepIfStale records the article when the save is refused as stale,
	// so that the text is never lost (see RefusedSave).
	KeepIfStale bool
	// Audit, when not nil, is the audit log's entry for the save, written
	// in its transaction: the entry exists exactly when the save does, and
	// the editor waits for one commit, not two.
	Audit *news.AuditEntry
	// job, when not zero, is the scheduled job this save carries out: it
	// takes effect only if the job is not done yet.
	job int64
}

// autosaveFold is how long one person's autosaves fold into one revision.
const autosaveFold = 10 * time.Minute

// errJobDone reports that another node carried the job out first.
var errJobDone = errors.New("job done already")

// SaveEdit saves an article as a new revision, refusing a save based on a
// version that is no longer the latest with a *StaleError. It returns the
// new version. It is the one write path of the newsroom and of scheduled
// jobs: the article itself, a pending version, or neither (a discard).
func (s *Store) SaveEdit(ctx context.Context, e Edit) (int, error) {
	a := e.Article
	now := s.Now()
	// A discard writes no article; a pending version is checked like any
	// save but leaves the dates readers see alone.
	var row articleRow
	if !e.Discard {
		d := touchDates
		if e.Pending {
			d = noDates
		}
		rows, err := s.prepareArticles(ctx, now, d, a)
		if err != nil {
			return 0, err
		}
		row = rows[0]
	}
	var version int
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		if e.job != 0 {
			res, err := tx.ExecContext(ctx, `UPDATE jobs SET done_at = $1 WHERE id = $2 AND done_at IS NULL`, now.Unix(), e.job)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return errJobDone
			}
		}
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
		switch {
		case e.Pending:
			if err := s.savePending(ctx, tx, e, now); err != nil {
				return err
			}
		case e.Discard:
			if err := s.dropPending(ctx, tx, a.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET version = version + 1 WHERE id = $1`, a.ID); err != nil {
				return err
			}
		default:
			if err := s.writeArticle(ctx, tx, ch, e, row, now); err != nil {
				return err
			}
		}
		if err := tx.QueryRowContext(ctx, `SELECT version FROM articles WHERE id = $1`, a.ID).Scan(&version); err != nil {
			return err
		}
		if err := s.addRevision(ctx, tx, e, version, now); err != nil {
			return err
		}
		if e.Audit == nil {
			return nil
		}
		return s.auditIn(ctx, tx, *e.Audit)
	})
	if errors.Is(err, errStale) {
		return 0, s.stale(ctx, e)
	}
	if err != nil {
		return 0, fmt.Errorf("store.SaveEdit: %w", err)
	}
	if a.Status == news.Published && !e.Pending && !e.Discard {
		if err := s.refreshRelatedAround(ctx, a.ID); err != nil {
			return version, fmt.Errorf("store.SaveEdit: %w", err)
		}
	}
	return version, nil
}

// writeArticle writes the article itself and the newsroom state the edit
// sets.
func (s *Store) writeArticle(ctx context.Context, tx *sql.Tx, ch *changes, e Edit, row articleRow, now time.Time) error {
	a := e.Article
	if err := s.saveArticleTx(ctx, tx, ch, a, row); err != nil {
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
	if e.ClearPending {
		return s.dropPending(ctx, tx, a.ID)
	}
	return nil
}

// addRevision records the save, or folds an autosave into the same
// person's autosave revision of the last ten minutes.
func (s *Store) addRevision(ctx context.Context, tx *sql.Tx, e Edit, version int, now time.Time) error {
	content, err := json.Marshal(e.Article)
	if err != nil {
		return err
	}
	if e.Autosave && e.By != 0 {
		var id int64
		var by, started sql.NullInt64
		var auto int
		err := tx.QueryRowContext(ctx, `SELECT id, user_id, started_at, autosave FROM article_revisions
			WHERE article_id = $1 ORDER BY version DESC LIMIT 1`, e.Article.ID).Scan(&id, &by, &started, &auto)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err == nil && auto == 1 && by.Int64 == e.By && started.Valid && now.Unix()-started.Int64 < int64(autosaveFold/time.Second) {
			_, err = tx.ExecContext(ctx, `UPDATE article_revisions SET version = $1, saved_at = $2, note = $3, content = $4 WHERE id = $5`,
				version, now.Unix(), e.Note, string(content), id)
			return err
		}
	}
	auto := 0
	if e.Autosave {
		auto = 1
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO article_revisions (article_id, version, saved_at, user_id, note, content, started_at, autosave)
		VALUES ($1, $2, $3, $4, $5, $6, $3, $7)`, e.Article.ID, version, now.Unix(), nullID(e.By), e.Note, string(content), auto)
	return err
}

// stale builds the answer to a stale save, first keeping the refused text
// when the edit asks.
func (s *Store) stale(ctx context.Context, e Edit) error {
	cur, err := s.EditableArticle(ctx, e.Article.ID)
	if err != nil {
		return fmt.Errorf("store.SaveEdit: %w", err)
	}
	if e.KeepIfStale {
		content, err := json.Marshal(e.Article)
		if err == nil {
			_, err = s.write.ExecContext(ctx, `INSERT INTO article_refused (article_id, base, current_version, user_id, saved_at, content)
				VALUES ($1, $2, $3, $4, $5, $6)`, e.Article.ID, e.Base, cur.State.Version, nullID(e.By), s.Now().Unix(), string(content))
		}
		if err != nil {
			return fmt.Errorf("store.SaveEdit: keeping a refused save: %w", err)
		}
	}
	return &StaleError{Current: cur.Article, Version: cur.State.Version}
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
