package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"sort"

	"masthead/internal/news"
)

// relatedKept is how many related articles are stored per article; pages show
// fewer, so one later unpublished still leaves enough.
const relatedKept = 8

// Related returns up to n published articles related to the article, best
// first, in two queries.
func (s *Store) Related(ctx context.Context, id int64, n int) ([]news.Teaser, error) {
	return s.teasers(ctx, `SELECT `+teaserColumns+` FROM article_related r
		JOIN articles a ON a.id = r.related_id JOIN sections s ON s.id = a.section_id
		WHERE r.article_id = $1 AND a.status = 'published'
		ORDER BY r.score DESC, a.published_at DESC LIMIT $2`, id, n)
}

// RefreshRelated recomputes the related articles of every published article;
// a bulk load calls it once at the end instead of after each article.
func (s *Store) RefreshRelated(ctx context.Context) error {
	rows, err := s.read.QueryContext(ctx, "SELECT id FROM articles WHERE status = 'published'")
	if err != nil {
		return fmt.Errorf("store.RefreshRelated: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("store.RefreshRelated: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		if _, err := s.computeRelated(ctx, id); err != nil {
			return fmt.Errorf("store.RefreshRelated: %w", err)
		}
	}
	return nil
}

// refreshRelatedAround recomputes the related articles of a saved article and
// of the articles it relates to, so a new story also shows up beside the
// earlier coverage it belongs with.
func (s *Store) refreshRelatedAround(ctx context.Context, id int64) error {
	related, err := s.computeRelated(ctx, id)
	if err != nil {
		return err
	}
	for _, r := range related {
		if _, err := s.computeRelated(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// computeRelated scores other published articles by the salient words they
// share with the article (each weighted by its rarity across the site) and by
// shared tags, discounts them by distance in time, and stores the best.
func (s *Store) computeRelated(ctx context.Context, id int64) ([]int64, error) {
	scores, err := s.relatedCandidates(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("store.computeRelated %d: %w", id, err)
	}
	best := topScores(scores, 60)
	final := map[int64]float64{}
	if len(best) > 0 {
		var published int64
		if err := s.read.QueryRowContext(ctx, "SELECT COALESCE(published_at, 0) FROM articles WHERE id = $1",
			id).Scan(&published); err != nil {
			return nil, fmt.Errorf("store.computeRelated %d: %w", id, err)
		}
		rows, err := s.read.QueryContext(ctx, `SELECT id, published_at FROM articles
			WHERE status = 'published' AND id IN (`+placeholders(1, len(best))+`)`, int64Args(best)...)
		if err != nil {
			return nil, fmt.Errorf("store.computeRelated %d: %w", id, err)
		}
		for rows.Next() {
			var other, at int64
			if err := rows.Scan(&other, &at); err != nil {
				rows.Close()
				return nil, err
			}
			days := math.Abs(float64(at-published)) / 86400
			final[other] = scores[other] / (1 + days/30)
		}
		rows.Close()
	}
	kept := topScores(final, relatedKept)
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM article_related WHERE article_id = $1", id); err != nil {
			return err
		}
		for _, other := range kept {
			if _, err := tx.ExecContext(ctx, `INSERT INTO article_related (article_id, related_id, score)
				VALUES ($1, $2, $3)`, id, other, final[other]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store.computeRelated %d: %w", id, err)
	}
	return kept, nil
}

// relatedCandidates returns raw similarity scores of other articles.
func (s *Store) relatedCandidates(ctx context.Context, id int64) (map[int64]float64, error) {
	var total float64
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM articles WHERE status = 'published'").Scan(&total); err != nil {
		return nil, err
	}
	// A word in more than a fiftieth of the site (and at least ten articles)
	// tells little about topic and makes the join large; skip it.
	maxDF := math.Max(10, total/50)
	// Each of the article's words is counted across the site once (df), then
	// joined to the other articles that use it.
	rows, err := s.read.QueryContext(ctx, `WITH mine AS (
			SELECT t.term, t.weight, (SELECT COUNT(*) FROM article_terms d WHERE d.term = t.term) AS df
			FROM article_terms t WHERE t.article_id = $1)
		SELECT x.article_id, x.weight * m.weight, m.df FROM mine m
		JOIN article_terms x ON x.term = m.term AND x.article_id <> $1
		WHERE m.df <= $2`, id, maxDF)
	if err != nil {
		return nil, err
	}
	scores := map[int64]float64{}
	for rows.Next() {
		var other int64
		var w, df float64
		if err := rows.Scan(&other, &w, &df); err != nil {
			rows.Close()
			return nil, err
		}
		idf := math.Log(1 + total/df)
		scores[other] += w * idf * idf
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.read.QueryContext(ctx, `SELECT at.article_id, COUNT(*) FROM article_tags mine
		JOIN article_tags at ON at.tag_id = mine.tag_id AND at.article_id <> mine.article_id
		WHERE mine.article_id = $1 GROUP BY at.article_id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var other int64
		var shared float64
		if err := rows.Scan(&other, &shared); err != nil {
			return nil, err
		}
		if _, ok := scores[other]; ok || shared > 1 {
			scores[other] += 0.5 * shared
		}
	}
	return scores, rows.Err()
}

// topScores returns the n keys with the highest scores, best first.
func topScores(scores map[int64]float64, n int) []int64 {
	ids := make([]int64, 0, len(scores))
	for id, sc := range scores {
		if sc > 0 {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool {
		if scores[ids[i]] != scores[ids[j]] {
			return scores[ids[i]] > scores[ids[j]]
		}
		return ids[i] > ids[j]
	})
	if len(ids) > n {
		ids = ids[:n]
	}
	return ids
}
