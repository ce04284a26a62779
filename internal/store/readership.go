package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// A page view is counted once per reader, article and day without keeping
// anything that identifies the reader: the reader is known only by
// sha256(salt, IP address, user agent, article), where the salt is random,
// made fresh for each UTC day and deleted when the day rolls over. The
// counters are per article and hour and say nothing about who read.

// RecordView counts a view of a published article by the reader at ip with
// userAgent, unless that reader has been counted for it today. It reports
// whether the view was counted; a view of an article that does not exist or
// is not published is not counted and is no error. The caller filters out
// bots; ip and userAgent are hashed and never stored.
func (s *Store) RecordView(ctx context.Context, articleID int64, ip, userAgent string) (bool, error) {
	now := s.Now().UTC()
	day := now.Truncate(24 * time.Hour)
	salt, err := s.viewSalt(ctx, day)
	if err != nil {
		return false, fmt.Errorf("store.RecordView: %w", err)
	}
	h := sha256.New()
	h.Write(salt)
	for _, part := range []string{ip, userAgent, strconv.FormatInt(articleID, 10)} {
		h.Write([]byte{0})
		h.Write([]byte(part))
	}
	sum := h.Sum(nil)[:16]
	counted := false
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var status string
		err := tx.QueryRowContext(ctx, "SELECT status FROM articles WHERE id = $1", articleID).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) || err == nil && status != "published" {
			return nil
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO view_seen (day, hash) VALUES ($1, $2)
			ON CONFLICT (day, hash) DO NOTHING`, day.Unix(), sum)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO article_views (article_id, hour, views) VALUES ($1, $2, 1)
			ON CONFLICT (article_id, hour) DO UPDATE SET views = article_views.views + 1`,
			articleID, now.Truncate(time.Hour).Unix())
		counted = err == nil
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store.RecordView: %w", err)
	}
	return counted, nil
}

// viewSalt returns the salt of day, making it if this is the day's first
// view anywhere; several nodes agree on it through the database. Making a
// new day's salt deletes the salts and seen-hashes of the days before.
func (s *Store) viewSalt(ctx context.Context, day time.Time) ([]byte, error) {
	var salt []byte
	err := s.write.QueryRowContext(ctx, "SELECT salt FROM view_salts WHERE day = $1", day.Unix()).Scan(&salt)
	if err == nil {
		return salt, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	fresh := make([]byte, 32)
	_, _ = rand.Read(fresh)
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO view_salts (day, salt) VALUES ($1, $2)
			ON CONFLICT (day) DO NOTHING`, day.Unix(), fresh); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM view_salts WHERE day < $1", day.Unix()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM view_seen WHERE day < $1", day.Unix())
		return err
	})
	if err != nil {
		return nil, err
	}
	// Another node may have made the day's salt first; its salt is the one.
	err = s.write.QueryRowContext(ctx, "SELECT salt FROM view_salts WHERE day = $1", day.Unix()).Scan(&salt)
	return salt, err
}

// ForgetOldViewSalts deletes the salts and seen-hashes of the days before
// today. Counting a view does this at the first view of a day; a scheduler
// may call it just after midnight so that a quiet site forgets on time too.
func (s *Store) ForgetOldViewSalts(ctx context.Context) error {
	day := s.Now().UTC().Truncate(24 * time.Hour).Unix()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM view_salts WHERE day < $1", day); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM view_seen WHERE day < $1", day)
		return err
	})
	if err != nil {
		return fmt.Errorf("store.ForgetOldViewSalts: %w", err)
	}
	return nil
}

// MostRead returns up to limit published articles with the most views
// since the given time (counted by the hour it falls in), most read first.
func (s *Store) MostRead(ctx context.Context, since time.Time, limit int) ([]news.Teaser, error) {
	cachekey.Add(ctx, cachekey.MostRead)
	// CROSS JOIN keeps the views outermost on SQLite, which otherwise may
	// walk every published article looking each up in the views: 0.9 s at
	// 100,000 articles, on every article page whose node had to work the
	// lists out again (PostgreSQL reads it as the inner join it is).
	list, err := s.teasers(ctx, `SELECT `+teaserColumns+` FROM (SELECT article_id, SUM(views) AS n
		FROM article_views WHERE hour >= $1 GROUP BY article_id) v
		CROSS JOIN articles a JOIN sections s ON s.id = a.section_id
		WHERE a.id = v.article_id AND a.status = 'published'
		ORDER BY v.n DESC, a.published_at DESC, a.id DESC LIMIT $2`,
		since.UTC().Truncate(time.Hour).Unix(), limit)
	if err != nil {
		return nil, fmt.Errorf("store.MostRead: %w", err)
	}
	return list, nil
}

// ArticleViews returns the views of each of the given articles since the
// given time (all time when since is zero), for the newsroom's dashboard.
// An article nobody read is absent from the map.
func (s *Store) ArticleViews(ctx context.Context, ids []int64, since time.Time) (map[int64]int64, error) {
	out := map[int64]int64{}
	if len(ids) == 0 {
		return out, nil
	}
	args := []any{since.UTC().Truncate(time.Hour).Unix()}
	marks := make([]string, len(ids))
	for i, id := range ids {
		args = append(args, id)
		marks[i] = "$" + strconv.Itoa(i+2)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT article_id, SUM(views) FROM article_views
		WHERE hour >= $1 AND article_id IN (`+strings.Join(marks, ", ")+`) GROUP BY article_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store.ArticleViews: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("store.ArticleViews: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}

// AddViews adds n views of an article to the hour holding at, for counts
// that come from elsewhere: an import from an older system, or the demo
// paper. Nothing about any reader is involved.
func (s *Store) AddViews(ctx context.Context, articleID int64, at time.Time, n int64) error {
	_, err := s.write.ExecContext(ctx, `INSERT INTO article_views (article_id, hour, views) VALUES ($1, $2, $3)
		ON CONFLICT (article_id, hour) DO UPDATE SET views = article_views.views + excluded.views`,
		articleID, at.UTC().Truncate(time.Hour).Unix(), n)
	if err != nil {
		return fmt.Errorf("store.AddViews: %w", err)
	}
	return nil
}
