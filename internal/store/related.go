package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"sort"
	"sync"
	"time"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// Related articles are found by the search engine, as a "more like this"
// query: the words that best tell what the article is about (its salient words
// weighted by their rarity across the site) are ORed into one query, which the
// engine ranks as it ranks a reader's search (bm25 over weighted columns on
// SQLite, ts_rank over weighted lexemes on PostgreSQL), so stemming, the weight
// of headlines and the length of stories count the same way in both. Stories
// far apart in time count less, and a shared tag counts more.
const (
	// relatedKept is how many related articles are stored per article; pages
	// show fewer, so one later unpublished still leaves enough.
	relatedKept = 8
	// relatedQueryWords is how many words make the query: enough to find a
	// story's coverage, few enough to keep the engine's work small.
	relatedQueryWords = 12
	// relatedCandidates is how many of the engine's best matches are scored.
	relatedCandidates = 40
	// relatedWindow is how many of a query's matches, the nearest in time
	// to the article, PostgreSQL ranks (tsvectorEngine.similar): as many as
	// a reader's search ranks (searchWindow).
	relatedWindow = 2000
	// publishedCountAge is how long a count of the published articles
	// measures rarity (publishedCount).
	publishedCountAge = time.Minute
	// relatedTagBonus is added per shared tag to a match scaled so that the
	// engine's best is 1: tags are an editor's own statement of the topic.
	relatedTagBonus = 0.15
	// relatedEager is how many of the newest articles RefreshRelated works out
	// at once; older ones are worked out when first read.
	relatedEager = 2000
)

// Related returns up to n published articles related to the article, best
// first. An article whose related articles were never worked out (after a
// bulk import) has them worked out now, once.
func (s *Store) Related(ctx context.Context, id int64, n int) ([]news.Teaser, error) {
	list, err := s.relatedTeasers(ctx, id, n)
	if err != nil || len(list) > 0 {
		return list, err
	}
	var at sql.NullInt64
	var status string
	err = s.read.QueryRowContext(ctx, "SELECT related_at, status FROM articles WHERE id = $1", id).Scan(&at, &status)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (at.Valid || status != string(news.Published))) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store.Related: %w", err)
	}
	if s.relatedWork.queue(relatedJob{id: id}) {
		return nil, nil // worked out in the background; the page makes do meanwhile
	}
	if _, err := s.computeRelated(ctx, id, 0); err != nil {
		return nil, err
	}
	return s.relatedTeasers(ctx, id, n)
}

func (s *Store) relatedTeasers(ctx context.Context, id int64, n int) ([]news.Teaser, error) {
	list, err := s.teasers(ctx, `SELECT `+teaserColumns+` FROM article_related r
		JOIN articles a ON a.id = r.related_id JOIN sections s ON s.id = a.section_id
		WHERE r.article_id = $1 AND a.status = 'published'
		ORDER BY r.score DESC, a.published_at DESC LIMIT `+fmt.Sprint(n), id)
	if err != nil {
		return nil, fmt.Errorf("store.Related: %w", err)
	}
	return list, nil
}

// relatedSQL selects up to {{n}} related published articles of the article
// a as one JSON array of teasers, best first, for articleRead: the article
// page's related stories come with the article in one round trip. Each
// teaser holds its bylines as bylinesSQL does.
var relatedSQL = map[dialect]string{
	// On SQLite, where an aggregate's ORDER BY costs a temporary table,
	// each teaser carries its rank and relatedFromJSON sorts them.
	sqlite: `(SELECT json_group_array(json_object('id', ra.id, 'slug', ra.slug, 'headline', ra.headline,
			'standfirst', ra.standfirst, 'published', ra.published_at, 'updated', ra.updated_at, 'lead', json(ra.lead_image),
			'section', json_object('id', rs.id, 'slug', rs.slug, 'name', rs.name),
			'authors', json((SELECT json_group_array(json_object('id', bu.id, 'slug', bu.slug, 'name', bu.name, 'photo', json(bu.photo), 'pos', ba.position))
				FROM article_authors ba JOIN authors bu ON bu.id = ba.author_id WHERE ba.article_id = ra.id)),
			'rank', rr.rank))
		FROM (SELECT r.related_id, row_number() OVER (ORDER BY r.score DESC, x.published_at DESC) AS rank
			FROM article_related r JOIN articles x ON x.id = r.related_id
			WHERE r.article_id = a.id AND x.status = 'published' ORDER BY r.score DESC, x.published_at DESC LIMIT {{n}}) rr
		JOIN articles ra ON ra.id = rr.related_id JOIN sections rs ON rs.id = ra.section_id)`,
	postgres: `(SELECT CAST(json_agg(json_build_object('id', ra.id, 'slug', ra.slug, 'headline', ra.headline,
			'standfirst', ra.standfirst, 'published', ra.published_at, 'updated', ra.updated_at, 'lead', CAST(ra.lead_image AS JSON),
			'section', json_build_object('id', rs.id, 'slug', rs.slug, 'name', rs.name),
			'authors', (SELECT json_agg(json_build_object('id', bu.id, 'slug', bu.slug, 'name', bu.name, 'photo', CAST(bu.photo AS JSON)) ORDER BY ba.position)
				FROM article_authors ba JOIN authors bu ON bu.id = ba.author_id WHERE ba.article_id = ra.id))
			ORDER BY rr.score DESC, rr.published_at DESC) AS TEXT)
		FROM (SELECT r.related_id, r.score, x.published_at FROM article_related r JOIN articles x ON x.id = r.related_id
			WHERE r.article_id = a.id AND x.status = 'published' ORDER BY r.score DESC, x.published_at DESC LIMIT {{n}}) rr
		JOIN articles ra ON ra.id = rr.related_id JOIN sections rs ON rs.id = ra.section_id)`,
}

// relatedTeaserJSON is one teaser of relatedSQL. Rank and the bylines'
// Pos are there where the engine did not order them (SQLite).
type relatedTeaserJSON struct {
	ID                 int64
	Slug               string
	Headline           string
	Standfirst         string
	Published, Updated *int64
	Lead               *news.Image
	Section            news.Section
	Authors            []bylineJSON
	Rank               int
}

// bylineJSON is a byline with its position.
type bylineJSON struct {
	news.Author
	Pos int
}

// relatedFromJSON decodes relatedSQL's column into teasers, as teasers
// reads them: with their pictures resolved and their cache keys recorded.
func (s *Store) relatedFromJSON(ctx context.Context, col string) ([]news.Teaser, error) {
	if col == "" || col == "[]" {
		return nil, nil
	}
	var list []relatedTeaserJSON
	if err := json.Unmarshal([]byte(col), &list); err != nil {
		return nil, fmt.Errorf("related: %w", err)
	}
	slices.SortStableFunc(list, func(x, y relatedTeaserJSON) int { return cmp.Compare(x.Rank, y.Rank) })
	out := make([]news.Teaser, len(list))
	for i, r := range list {
		t := &out[i]
		t.ID, t.Slug, t.Headline, t.Standfirst = r.ID, r.Slug, r.Headline, r.Standfirst
		t.Section, t.LeadImage = r.Section, r.Lead
		slices.SortStableFunc(r.Authors, func(x, y bylineJSON) int { return cmp.Compare(x.Pos, y.Pos) })
		t.Authors = make([]news.Author, len(r.Authors))
		for j, b := range r.Authors {
			t.Authors[j] = b.Author
		}
		if r.Published != nil {
			t.PublishedAt = time.Unix(*r.Published, 0).UTC()
		}
		if r.Updated != nil {
			t.UpdatedAt = time.Unix(*r.Updated, 0).UTC()
		}
		addTeaserKeys(ctx, t)
	}
	if err := s.resolveTeaserImages(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// RefreshRelated works out the related articles of the newest published
// articles and marks the rest to be worked out when first read; a bulk load
// calls it once at the end instead of after each article.
func (s *Store) RefreshRelated(ctx context.Context) error {
	if _, err := s.write.ExecContext(ctx, "UPDATE articles SET related_at = NULL WHERE related_at IS NOT NULL"); err != nil {
		return fmt.Errorf("store.RefreshRelated: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT id FROM articles WHERE status = 'published'
		ORDER BY published_at DESC LIMIT $1`, relatedEager)
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
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store.RefreshRelated: %w", err)
	}
	total, err := s.countPublished(ctx) // a bulk load has just changed it
	if err != nil {
		return fmt.Errorf("store.RefreshRelated: %w", err)
	}
	for _, id := range ids {
		if _, err := s.computeRelated(ctx, id, total); err != nil {
			return fmt.Errorf("store.RefreshRelated: %w", err)
		}
	}
	return nil
}

// refreshRelatedAround works out the related articles of a saved article and
// again those of the articles it relates to, so a new story also shows up
// beside the earlier coverage it belongs with. With the background worker
// running (RunRelatedWorker) the save returns at once and the worker does it.
func (s *Store) refreshRelatedAround(ctx context.Context, id int64) error {
	if s.relatedWork.queue(relatedJob{id: id, around: true}) {
		return nil
	}
	return s.refreshRelatedAroundNow(ctx, id)
}

// refreshRelatedAroundNow does refreshRelatedAround's work here and now.
// When the article's own list comes out as it was stored (an edit that
// leaves the story about what it was about: a headline reworded, a typo
// fixed), the lists around it are left as they are: working them out again
// cost a search-engine query and a transaction each, eight of them, and
// the page-cache invalidation of each article on every node, for lists
// that almost never change, while the editor who pressed Update went on
// working beside that load.
func (s *Store) refreshRelatedAroundNow(ctx context.Context, id int64) error {
	total, err := s.publishedCount(ctx)
	if err != nil {
		return err
	}
	related, changed, err := s.computeRelatedChanged(ctx, id, total)
	if err != nil || !changed {
		return err
	}
	for _, r := range related {
		if _, err := s.computeRelated(ctx, r, total); err != nil {
			return err
		}
	}
	return nil
}

// publishedCount is how many articles are published, the size of the
// collection that rarity is measured against. A count younger than
// publishedCountAge serves again: counting reads the whole status index
// (874 buffers at 100,000 articles, a third of the worker's database time
// after an Update), and a minute's publishing moves the rarity of a word
// by a few articles in thousands.
func (s *Store) publishedCount(ctx context.Context) (int64, error) {
	w := &s.relatedWork
	w.mu.Lock()
	n, at := w.published, w.publishedAt
	w.mu.Unlock()
	if !at.IsZero() && time.Since(at) < publishedCountAge {
		return n, nil
	}
	return s.countPublished(ctx)
}

// countPublished counts the published articles now, for publishedCount.
func (s *Store) countPublished(ctx context.Context) (int64, error) {
	var n int64
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM articles WHERE status = 'published'").Scan(&n); err != nil {
		return 0, err
	}
	w := &s.relatedWork
	w.mu.Lock()
	w.published, w.publishedAt = n, time.Now()
	w.mu.Unlock()
	return n, nil
}

// computeRelated asks the search engine for the articles most like the
// article, rescores them and stores the best. total is the number of
// published articles, or 0 to count them.
func (s *Store) computeRelated(ctx context.Context, id, total int64) ([]int64, error) {
	kept, _, err := s.computeRelatedChanged(ctx, id, total)
	return kept, err
}

// computeRelatedChanged is computeRelated that also reports whether the
// list differs from the one stored. A list the same as the stored one, in
// the same order, is not written again, and the article's page is not
// invalidated for it.
func (s *Store) computeRelatedChanged(ctx context.Context, id, total int64) ([]int64, bool, error) {
	if total == 0 {
		var err error
		if total, err = s.publishedCount(ctx); err != nil {
			return nil, false, fmt.Errorf("store.computeRelated %d: %w", id, err)
		}
	}
	words, published, err := s.relatedWords(ctx, id, total)
	if err != nil {
		return nil, false, fmt.Errorf("store.computeRelated %d: %w", id, err)
	}
	scores := map[int64]float64{}
	if len(words) > 0 {
		if scores, err = s.moreLikeThis(ctx, id, published, words); err != nil {
			return nil, false, fmt.Errorf("store.computeRelated %d: %w", id, err)
		}
		if err := s.dropChanceMatches(ctx, words, scores); err != nil {
			return nil, false, fmt.Errorf("store.computeRelated %d: %w", id, err)
		}
		if err := s.addTagBonus(ctx, id, scores); err != nil {
			return nil, false, fmt.Errorf("store.computeRelated %d: %w", id, err)
		}
	}
	kept := topScores(scores, relatedKept)
	if same, err := s.relatedStored(ctx, id, kept); err != nil {
		return nil, false, fmt.Errorf("store.computeRelated %d: %w", id, err)
	} else if same {
		return kept, false, nil
	}
	err = s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Article(id))
		if _, err := tx.ExecContext(ctx, "DELETE FROM article_related WHERE article_id = $1", id); err != nil {
			return err
		}
		for _, other := range kept {
			if _, err := tx.ExecContext(ctx, `INSERT INTO article_related (article_id, related_id, score)
				VALUES ($1, $2, $3)`, id, other, scores[other]); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, "UPDATE articles SET related_at = $1 WHERE id = $2", s.Now().Unix(), id)
		return err
	})
	if err != nil {
		return nil, false, fmt.Errorf("store.computeRelated %d: %w", id, err)
	}
	return kept, true, nil
}

// relatedStored reports whether the article's related articles were worked
// out before and are kept, in this order, already.
func (s *Store) relatedStored(ctx context.Context, id int64, kept []int64) (bool, error) {
	var at sql.NullInt64
	if err := s.read.QueryRowContext(ctx, "SELECT related_at FROM articles WHERE id = $1", id).Scan(&at); err != nil || !at.Valid {
		return false, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT related_id FROM article_related WHERE article_id = $1
		ORDER BY score DESC, related_id DESC`, id)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	i, same := 0, true
	for rows.Next() {
		var other int64
		if err := rows.Scan(&other); err != nil {
			return false, err
		}
		if i >= len(kept) || kept[i] != other {
			same = false
		}
		i++
	}
	return same && i == len(kept), rows.Err()
}

// relatedWords returns the words of the query for an article's related
// articles: its salient words, each scored by its weight in the article times
// its rarity across the site (inverse document frequency), best first. Words
// in only this article find nothing; words in more than a fiftieth of the site
// (and at least ten articles) tell little about the topic and would make the
// engine score half the archive.
func (s *Store) relatedWords(ctx context.Context, id, total int64) ([]string, int64, error) {
	var published int64
	err := s.read.QueryRowContext(ctx, `SELECT COALESCE(published_at, 0) FROM articles WHERE id = $1`, id).Scan(&published)
	if err != nil {
		return nil, 0, err
	}
	// Counting stops past maxDF: a word that common is dropped whatever its
	// count, and counting a word used in half the archive would cost more than
	// the rest of the work.
	maxDF := math.Max(10, float64(total)/50)
	rows, err := s.read.QueryContext(ctx, `SELECT t.term, t.weight,
		(SELECT COUNT(*) FROM (SELECT 1 FROM article_terms d WHERE d.term = t.term LIMIT $2) capped)
		FROM article_terms t WHERE t.article_id = $1`, id, int64(maxDF)+1)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	scores := map[string]float64{}
	for rows.Next() {
		var term string
		var weight, df float64
		if err := rows.Scan(&term, &weight, &df); err != nil {
			return nil, 0, err
		}
		if df > 1 && df <= maxDF {
			scores[term] = weight * math.Log(1+float64(total)/df)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	words := make([]string, 0, len(scores))
	for w := range scores {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if scores[words[i]] != scores[words[j]] {
			return scores[words[i]] > scores[words[j]]
		}
		return words[i] < words[j]
	})
	if len(words) > relatedQueryWords {
		words = words[:relatedQueryWords]
	}
	return words, published, nil
}

// moreLikeThis runs the words as one ORed query through the engine and
// returns the best matches other than the article itself, each engine score
// discounted by the distance in time from the article (a month apart counts
// half) and scaled so the best is 1.
func (s *Store) moreLikeThis(ctx context.Context, id, published int64, words []string) (map[int64]float64, error) {
	var terms [][]string
	for _, w := range words {
		// A salient word may hold an apostrophe ("o’brien"): as a phrase of
		// its parts it matches what the engine's tokenizer made of the text.
		terms = append(terms, searchTerms(w)...)
	}
	if len(terms) == 0 {
		return map[int64]float64{}, nil
	}
	distance := "(1.0 + ABS(a.published_at - $2) / 86400.0 / " + fmt.Sprint(recencyDays) + ")"
	configs, err := s.searchConfigs(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.fts.similar(ctx, terms, configs, id, distance, published, relatedCandidates)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	scores := map[int64]float64{}
	var best float64
	for rows.Next() {
		var other int64
		var score float64
		if err := rows.Scan(&other, &score); err != nil {
			return nil, err
		}
		scores[other] = score
		best = math.Max(best, score)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for other := range scores {
		if best > 0 {
			scores[other] /= best
		}
	}
	return scores, nil
}

// dropChanceMatches removes the matches that share fewer than two of the
// query's words among their own salient words: one word in common ("rise",
// "raised") is a coincidence, not a topic, and the engine alone would rank a
// short story with one rare shared word above real coverage.
func (s *Store) dropChanceMatches(ctx context.Context, words []string, scores map[int64]float64) error {
	if len(scores) == 0 || len(words) < 2 {
		return nil
	}
	ids := make([]int64, 0, len(scores))
	for other := range scores {
		ids = append(ids, other)
	}
	args := make([]any, 0, len(words)+len(ids))
	for _, w := range words {
		args = append(args, w)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT article_id, COUNT(*) FROM article_terms
		WHERE term IN (`+placeholders(1, len(words))+`) AND article_id IN (`+placeholders(len(words)+1, len(ids))+`)
		GROUP BY article_id`, append(args, int64Args(ids)...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	shared := map[int64]int{}
	for rows.Next() {
		var other int64
		var n int
		if err := rows.Scan(&other, &n); err != nil {
			return err
		}
		shared[other] = n
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for other := range scores {
		if shared[other] < 2 {
			delete(scores, other)
		}
	}
	return nil
}

// addTagBonus raises the score of each match by relatedTagBonus for every tag
// it shares with the article.
func (s *Store) addTagBonus(ctx context.Context, id int64, scores map[int64]float64) error {
	if len(scores) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(scores))
	for other := range scores {
		ids = append(ids, other)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT theirs.article_id, COUNT(*) FROM article_tags mine
		JOIN article_tags theirs ON theirs.tag_id = mine.tag_id
		WHERE mine.article_id = $1 AND theirs.article_id IN (`+placeholders(2, len(ids))+`)
		GROUP BY theirs.article_id`, append([]any{id}, int64Args(ids)...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var other int64
		var shared float64
		if err := rows.Scan(&other, &shared); err != nil {
			return err
		}
		scores[other] += relatedTagBonus * shared
	}
	return rows.Err()
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

// relatedJob is work for the related-articles worker: one article's list,
// or (around) also the lists of the articles it relates to.
type relatedJob struct {
	id     int64
	around bool
}

// relatedWorker takes the working out of related articles off the request
// path: on a big archive one article's list costs a search-engine query per
// related article, up to seconds on PostgreSQL, which neither a reader nor
// an editor saving should wait for. When its lists change, the store
// announces the article's cache key, so its page shows them.
type relatedWorker struct {
	mu      sync.Mutex
	jobs    chan relatedJob
	pending map[relatedJob]bool
	// published is publishedCount's last count, made at publishedAt.
	published   int64
	publishedAt time.Time
}

// relatedQueueSize bounds the waiting work; past it, first reads are not
// queued (the next reader queues them again) and saves work inline.
const relatedQueueSize = 4096

// queue hands a job to the running worker and reports whether it took it.
// A job already waiting is not queued twice.
func (w *relatedWorker) queue(j relatedJob) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.jobs == nil {
		return false
	}
	if w.pending[j] {
		return true
	}
	select {
	case w.jobs <- j:
		w.pending[j] = true
		return true
	default:
		return !j.around
	}
}

func (w *relatedWorker) done(j relatedJob) {
	w.mu.Lock()
	delete(w.pending, j)
	w.mu.Unlock()
}

// RunRelatedWorker works out related articles in the background until ctx
// ends; while it runs, first reads and saves queue the work instead of
// doing it. serve runs one per node.
func (s *Store) RunRelatedWorker(ctx context.Context, log *slog.Logger) {
	w := &s.relatedWork
	w.mu.Lock()
	w.jobs, w.pending = make(chan relatedJob, relatedQueueSize), map[relatedJob]bool{}
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		w.jobs = nil
		w.mu.Unlock()
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-w.jobs:
			var err error
			if j.around {
				err = s.refreshRelatedAroundNow(ctx, j.id)
			} else {
				_, err = s.computeRelated(ctx, j.id, 0)
			}
			w.done(j)
			if err != nil && ctx.Err() == nil {
				log.Error("working out related articles", "article", j.id, "err", err)
			}
		}
	}
}
