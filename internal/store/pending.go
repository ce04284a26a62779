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

// A live article is never edited in place: saves to a published or
// scheduled article are kept in article_pending, whole, until someone
// allowed makes them live (Update) or drops them (Discard). Readers, feeds,
// sitemaps, search and caches read only the articles row.

// savePending stores the edit's article as the pending version, moving the
// article's version on and, when the edit says, scheduling or calling off
// the update.
func (s *Store) savePending(ctx context.Context, tx *sql.Tx, e Edit, now time.Time) error {
	content, err := json.Marshal(e.Article)
	if err != nil {
		return err
	}
	id := e.Article.ID
	if _, err := tx.ExecContext(ctx, `INSERT INTO article_pending (article_id, content, saved_at, saved_by) VALUES ($1, $2, $3, $4)
		ON CONFLICT (article_id) DO UPDATE SET content = excluded.content, saved_at = excluded.saved_at, saved_by = excluded.saved_by`,
		id, string(content), now.Unix(), nullID(e.By)); err != nil {
		return err
	}
	if e.UpdateAt != nil {
		if _, err := tx.ExecContext(ctx, `DELETE FROM jobs WHERE article_id = $1 AND kind = 'update' AND done_at IS NULL`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE article_pending SET update_at = $1 WHERE article_id = $2`, unix(*e.UpdateAt), id); err != nil {
			return err
		}
		if !e.UpdateAt.IsZero() {
			if _, err := tx.ExecContext(ctx, `INSERT INTO jobs (kind, article_id, run_at, created_by, created_at)
				VALUES ('update', $1, $2, $3, $4)`, id, e.UpdateAt.Unix(), nullID(e.By), now.Unix()); err != nil {
				return err
			}
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE articles SET version = version + 1 WHERE id = $1`, id)
	return err
}

// dropPending removes an article's pending version and any scheduled update.
func (s *Store) dropPending(ctx context.Context, tx *sql.Tx, id int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM jobs WHERE article_id = $1 AND kind = 'update' AND done_at IS NULL`, id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM article_pending WHERE article_id = $1`, id)
	return err
}

// Editable is an article as the newsroom edits it: its pending version
// when there is one (with the live article's status, dates and corrections,
// which are not staged), else the article itself; and the live article.
type Editable struct {
	Article news.Article
	Live    news.Article
	State   ArticleState
}

// EditableArticle returns the article with the ID as the newsroom edits it.
func (s *Store) EditableArticle(ctx context.Context, id int64) (Editable, error) {
	var e Editable
	var err error
	if e.Live, err = s.ArticleByID(ctx, id); err != nil {
		return e, err
	}
	e.Article = e.Live
	if e.State, err = s.ArticleState(ctx, id); err != nil || !e.State.Pending {
		return e, err
	}
	p, _, err := s.pending(ctx, id)
	if errors.Is(err, sql.ErrNoRows) { // made live or dropped in between
		e.State.Pending = false
		return e, nil
	}
	if err != nil {
		return e, fmt.Errorf("store.EditableArticle: %w", err)
	}
	l := e.Live
	p.ID, p.Status, p.PublishedAt, p.UpdatedAt, p.Notes = l.ID, l.Status, l.PublishedAt, l.UpdatedAt, l.Notes
	if _, err := s.resolveImages(ctx, []*news.Image{p.LeadImage, p.SocialImage}, p.Body); err != nil {
		return e, err
	}
	e.Article = p
	return e, nil
}

// pending reads an article's pending version and who saved it.
func (s *Store) pending(ctx context.Context, id int64) (news.Article, int64, error) {
	var content string
	var by sql.NullInt64
	var p news.Article
	if err := s.read.QueryRowContext(ctx, `SELECT content, saved_by FROM article_pending WHERE article_id = $1`, id).Scan(&content, &by); err != nil {
		return p, 0, err
	}
	err := json.Unmarshal([]byte(content), &p)
	return p, by.Int64, err
}

// Refusal is a save refused as stale, as kept by SaveEdit.
type Refusal struct {
	Base           int
	CurrentVersion int
	At             time.Time
}

// RefusedSave returns the person's last refused save of the article that
// was refused in favour of version current, or ENOTFOUND: a save based on
// current right after it is the person keeping their text over the other.
func (s *Store) RefusedSave(ctx context.Context, articleID, userID int64, current int) (Refusal, error) {
	var r Refusal
	var at int64
	err := s.read.QueryRowContext(ctx, `SELECT base, current_version, saved_at FROM article_refused
		WHERE article_id = $1 AND user_id = $2 AND current_version = $3 ORDER BY id DESC LIMIT 1`, articleID, userID, current).
		Scan(&r.Base, &r.CurrentVersion, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return r, news.Errorf(news.ENOTFOUND, "No save was refused.")
	}
	if err != nil {
		return r, fmt.Errorf("store.RefusedSave: %w", err)
	}
	r.At = time.Unix(at, 0).UTC()
	return r, nil
}

// RevisionAuthor returns who saved a version of an article, by name, or "".
func (s *Store) RevisionAuthor(ctx context.Context, articleID int64, version int) (int64, string, error) {
	var id int64
	var name string
	err := s.read.QueryRowContext(ctx, `SELECT COALESCE(r.user_id, 0), COALESCE(u.name, '') FROM article_revisions r
		LEFT JOIN users u ON u.id = r.user_id WHERE r.article_id = $1 AND r.version = $2`, articleID, version).Scan(&id, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("store.RevisionAuthor: %w", err)
	}
	return id, name, nil
}
