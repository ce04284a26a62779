package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// NoteRewordWindow is how long after a correction or update is added its
// words may still change; after that it is permanent, as newsroom ethics
// codes expect, and a later correction corrects it.
const NoteRewordWindow = 15 * time.Minute

// maxNoteText bounds a correction's text: a paragraph, not an article.
const maxNoteText = 2000

// AddNote adds a correction or update to a published article at once: the
// live page, its structured data, feeds and dateModified change now, even
// while the article has other changes not yet live. base is the version the
// newsroom saw; a newer one is refused with a *StaleError. It returns the new
// version, which the revisions list as "added a correction".
func (s *Store) AddNote(ctx context.Context, id int64, base int, n news.Note, by int64) (int, error) {
	now := s.Now()
	n.Text = strings.TrimSpace(n.Text)
	n.Added = now
	if n.At.IsZero() {
		n.At = now
	}
	n.At = n.At.UTC().Truncate(time.Second)
	if err := checkNote(n, now); err != nil {
		return 0, err
	}
	event := ""
	if n.Kind == news.Correction {
		event = news.EventCorrection
	}
	return s.changeNotes(ctx, id, base, by, "added a "+string(n.Kind), event, func(a *news.Article) (string, []any, error) {
		a.Notes = append(a.Notes, n)
		return `INSERT INTO article_notes (article_id, kind, at, text, added_at) VALUES ($1, $2, $3, $4, $5)`,
			[]any{id, string(n.Kind), n.At.Unix(), n.Text, now.Unix()}, nil
	})
}

// RewordNote changes the words of the article's note at position pos (1 for
// the oldest) within NoteRewordWindow of its being added, and refuses after
// with an ECONFLICT error.
func (s *Store) RewordNote(ctx context.Context, id int64, base, pos int, text string, by int64) (int, error) {
	now := s.Now()
	text = strings.TrimSpace(text)
	return s.changeNotes(ctx, id, base, by, "reworded note "+fmt.Sprint(pos), "", func(a *news.Article) (string, []any, error) {
		if pos < 1 || pos > len(a.Notes) {
			return "", nil, news.Errorf(news.ENOTFOUND, "This article has no correction or update %d.", pos)
		}
		n := &a.Notes[pos-1]
		if n.Added.IsZero() || now.Sub(n.Added) > NoteRewordWindow {
			return "", nil, &news.Error{Code: news.ECONFLICT, Field: "note",
				Message: fmt.Sprintf("This %s is permanent: it can be reworded only in the first %d minutes. Add a new correction to correct it.",
					n.Kind, int(NoteRewordWindow.Minutes()))}
		}
		n.Text = text
		if err := checkNote(*n, now); err != nil {
			return "", nil, err
		}
		// The notes' order is their time, then the order they were added.
		return `UPDATE article_notes SET text = $1 WHERE id = (SELECT id FROM article_notes
			WHERE article_id = $2 ORDER BY at, id LIMIT 1 OFFSET $3)`, []any{text, id, pos - 1}, nil
	})
}

func checkNote(n news.Note, now time.Time) error {
	switch {
	case n.Kind != news.Correction && n.Kind != news.Update:
		return news.FieldError("kind", "Say whether this is a correction or an update.")
	case n.Text == "":
		return news.FieldError("text", "Write what readers should be told.")
	case len(n.Text) > maxNoteText:
		return news.FieldError("text", "Keep it under %d characters.", maxNoteText)
	case n.At.After(now.Add(time.Minute)):
		return news.FieldError("at", "A %s cannot carry a time in the future.", n.Kind)
	}
	return nil
}

// changeNotes runs one change to a published article's notes: it checks the
// version, lets change alter the article and name its statement, and writes
// the statement, the new version, dateModified and a revision in one
// transaction, purging the pages that show the article. A non-empty event
// is queued for webhooks in the same transaction.
func (s *Store) changeNotes(ctx context.Context, id int64, base int, by int64, note, event string,
	change func(a *news.Article) (string, []any, error)) (int, error) {
	st, err := s.ArticleState(ctx, id)
	if err != nil {
		return 0, err
	}
	a, err := s.ArticleByID(ctx, id)
	if err != nil {
		return 0, err
	}
	if st.Version != base {
		return 0, &StaleError{Current: a, Version: st.Version}
	}
	if a.Status != news.Published {
		return 0, news.Errorf(news.ECONFLICT, "Corrections and updates are for published articles; edit a draft directly.")
	}
	query, args, err := change(&a)
	if err != nil {
		return 0, err
	}
	now := s.Now()
	a.UpdatedAt = now
	var version int
	err = s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		if err := tx.QueryRowContext(ctx, `SELECT version FROM articles WHERE id = $1`, id).Scan(&version); err != nil {
			return err
		}
		if version != base {
			return errStale
		}
		if _, err := tx.ExecContext(ctx, query, args...); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `UPDATE articles SET updated_at = $1, version = version + 1 WHERE id = $2
			RETURNING version`, now.Unix(), id).Scan(&version); err != nil {
			return err
		}
		content, err := json.Marshal(a)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_revisions (article_id, version, saved_at, user_id, note, content)
			VALUES ($1, $2, $3, $4, $5, $6)`, id, version, now.Unix(), nullID(by), note, string(content)); err != nil {
			return err
		}
		// The article's page and the lists and feeds it is on show its
		// notes or its dateModified.
		before, err := articlePublicState(ctx, tx, id)
		if err != nil {
			return err
		}
		ch.add(cachekey.Article(id), cachekey.Sitemaps)
		ch.add(before.lists()...)
		if event == "" {
			return nil
		}
		data, err := articleEventData(ctx, tx, a)
		if err != nil {
			return err
		}
		data.Correction = a.Notes[len(a.Notes)-1].Text
		return s.queueEvent(ctx, tx, ch, event, data)
	})
	if errors.Is(err, errStale) {
		cur, cerr := s.ArticleByID(ctx, id)
		st, serr := s.ArticleState(ctx, id)
		if err := errors.Join(cerr, serr); err != nil {
			return 0, fmt.Errorf("store.changeNotes: %w", err)
		}
		return 0, &StaleError{Current: cur, Version: st.Version}
	}
	if err != nil {
		return 0, fmt.Errorf("store.changeNotes: %w", err)
	}
	return version, nil
}
