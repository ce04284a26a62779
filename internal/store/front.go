package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// HomeFront is the section number of the home page's front.
const HomeFront int64 = 0

// How many stories a front may pin: the home page's lead and four top
// stories, and a few at the head of a section.
const (
	MaxHomePins    = 5
	MaxSectionPins = 3
)

// MaxPins is how many stories the front of section (HomeFront for the home
// page) may pin.
func MaxPins(section int64) int {
	if section == HomeFront {
		return MaxHomePins
	}
	return MaxSectionPins
}

// Pin is one story pinned to a front, as the newsroom arranges it.
type Pin struct {
	ArticleID int64
	Until     time.Time // zero: until it is unpinned
}

// PinnedStory is a pin as the Fronts screen shows it: with the article's
// headline and whether readers see it now.
type PinnedStory struct {
	Pin
	Headline  string
	Published bool
	URL       string
}

// FrontPins returns the pins of a front in order, whether or not readers
// see them now (an unpublished article's pin waits for it to come back).
func (s *Store) FrontPins(ctx context.Context, section int64) ([]PinnedStory, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT p.article_id, p.until_at, a.headline, a.status, a.slug, a.published_at,
			sec.id, sec.slug
		FROM front_pins p JOIN articles a ON a.id = p.article_id JOIN sections sec ON sec.id = a.section_id
		WHERE p.section_id = $1 ORDER BY p.position`, section)
	if err != nil {
		return nil, fmt.Errorf("store.FrontPins: %w", err)
	}
	defer rows.Close()
	var out []PinnedStory
	for rows.Next() {
		var p PinnedStory
		var until, published sql.NullInt64
		var status string
		var a news.Article
		if err := rows.Scan(&p.ArticleID, &until, &p.Headline, &status, &a.Slug, &published, &a.Section.ID, &a.Section.Slug); err != nil {
			return nil, fmt.Errorf("store.FrontPins: %w", err)
		}
		p.Until, a.PublishedAt = fromUnix(until), fromUnix(published)
		p.Published = status == string(news.Published)
		p.URL = a.URL()
		out = append(out, p)
	}
	return out, rows.Err()
}

// SetFront replaces the pins of a front with pins, in that order. Only
// published articles can be pinned, a section's front only pins its own
// articles, and an until time must lie ahead. The change purges that front
// alone, on every node.
func (s *Store) SetFront(ctx context.Context, section int64, pins []Pin, by int64) error {
	if len(pins) > MaxPins(section) {
		return fmt.Errorf("store.SetFront: %w", news.FieldError("story",
			"A front pins at most %d stories: unpin one before pinning another.", MaxPins(section)))
	}
	now := s.Now()
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Front(section))
		if section != HomeFront {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sections WHERE id = $1`, section).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return news.Errorf(news.ENOTFOUND, "Section %d does not exist.", section)
			}
		}
		seen := map[int64]bool{}
		for _, p := range pins {
			if seen[p.ArticleID] {
				return news.FieldError("story", "Article %d is pinned twice; pin it once.", p.ArticleID)
			}
			seen[p.ArticleID] = true
			if !p.Until.IsZero() && !p.Until.After(now) {
				return news.FieldError("until", "The time to unpin a story must be in the future.")
			}
			var status string
			var sectionID int64
			err := tx.QueryRowContext(ctx, `SELECT status, section_id FROM articles WHERE id = $1`, p.ArticleID).Scan(&status, &sectionID)
			if err == sql.ErrNoRows {
				return news.FieldError("story", "There is no article %d.", p.ArticleID)
			}
			if err != nil {
				return err
			}
			if status != string(news.Published) {
				// One already pinned may have been unpublished since: it
				// may stay, to come back if it is published again.
				var was int
				if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM front_pins WHERE section_id = $1 AND article_id = $2`,
					section, p.ArticleID).Scan(&was); err != nil {
					return err
				}
				if was == 0 {
					return news.FieldError("story", "Only published articles can be pinned; article %d is not published.", p.ArticleID)
				}
			}
			if section != HomeFront && sectionID != section {
				return news.FieldError("story", "A section's front pins only its own articles; article %d is in another section.", p.ArticleID)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM front_pins WHERE section_id = $1`, section); err != nil {
			return err
		}
		for i, p := range pins {
			if _, err := tx.ExecContext(ctx, `INSERT INTO front_pins (section_id, position, article_id, until_at, pinned_by, pinned_at)
				VALUES ($1, $2, $3, $4, $5, $6)`, section, i, p.ArticleID, unix(p.Until), by, now.Unix()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store.SetFront: %w", err)
	}
	return nil
}

// PinnedTeasers returns what readers see pinned to a front, in order: the
// published articles whose pin has not run out (on a section's front, those
// still in the section).
func (s *Store) PinnedTeasers(ctx context.Context, section int64) ([]news.Teaser, error) {
	cachekey.Add(ctx, cachekey.Front(section))
	query := `SELECT ` + teaserColumns + ` FROM front_pins p JOIN articles a ON a.id = p.article_id
		JOIN sections s ON s.id = a.section_id
		WHERE p.section_id = $1 AND a.status = 'published' AND (p.until_at IS NULL OR p.until_at > $2)`
	if section != HomeFront {
		query += ` AND a.section_id = p.section_id`
	}
	list, err := s.teasers(ctx, query+` ORDER BY p.position`, section, s.Now().Unix())
	if err != nil {
		return nil, fmt.Errorf("store.PinnedTeasers: %w", err)
	}
	return list, nil
}

// ExpirePins removes the pins whose time has run out, and purges the fronts
// that showed them on every node: a cached front must not keep a pin past
// its time though no one writes to the site. When nodes race, the delete
// lets one of them do it. It returns the fronts it changed.
func (s *Store) ExpirePins(ctx context.Context) ([]int64, error) {
	// It runs every second: a read finds most often that nothing is due,
	// and then there is no write.
	var due int
	if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM front_pins WHERE until_at <= $1`, s.Now().Unix()).Scan(&due); err != nil {
		return nil, fmt.Errorf("store.ExpirePins: %w", err)
	}
	if due == 0 {
		return nil, nil
	}
	var fronts []int64
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		rows, err := tx.QueryContext(ctx, `DELETE FROM front_pins WHERE until_at <= $1 RETURNING section_id, article_id`, s.Now().Unix())
		if err != nil {
			return err
		}
		defer rows.Close()
		var gone []string
		for rows.Next() {
			var section, article int64
			if err := rows.Scan(&section, &article); err != nil {
				return err
			}
			if !slices.Contains(fronts, section) {
				fronts = append(fronts, section)
				ch.add(cachekey.Front(section))
			}
			gone = append(gone, fmt.Sprintf("article %d from %s", article, cachekey.Front(section)))
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		if len(gone) == 0 {
			return nil
		}
		// In the same transaction: the audit says it happened exactly when it did.
		_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (at, email, action, subject, detail, address)
			VALUES ($1, '', 'front.pin.expired', 'fronts', $2, '')`, s.Now().Unix(),
			"Unpinned at their time: "+strings.Join(gone, ", ")+".")
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store.ExpirePins: %w", err)
	}
	return fronts, nil
}

// PublishedByHeadline returns up to limit published articles whose headline
// contains words (any case), newest first, for picking a story to pin. A
// words of "#123" or "123" also finds article 123 itself.
func (s *Store) PublishedByHeadline(ctx context.Context, words string, limit int) ([]news.Teaser, error) {
	words = strings.TrimSpace(words)
	var id int64
	if _, err := fmt.Sscanf(strings.TrimPrefix(words, "#"), "%d", &id); err != nil || fmt.Sprint(id) != strings.TrimPrefix(words, "#") {
		id = -1
	}
	like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(strings.ToLower(words)) + "%"
	list, err := s.teasers(ctx, `SELECT `+teaserColumns+` FROM articles a JOIN sections s ON s.id = a.section_id
		WHERE a.status = 'published' AND (LOWER(a.headline) LIKE $1 ESCAPE '\' OR a.id = $2)
		ORDER BY a.id = $2 DESC, a.published_at DESC, a.id DESC LIMIT `+fmt.Sprint(limit), like, id)
	if err != nil {
		return nil, fmt.Errorf("store.PublishedByHeadline: %w", err)
	}
	return list, nil
}
