package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"masthead/internal/cachekey"
)

// The site's language chooses how search cuts words down to their stems:
// on PostgreSQL a text-search configuration per language (french stems
// "élections" and "élection" alike), on SQLite FTS5's porter stemmer for
// English and, for every other language, unicode61 without stemming (porter
// knows English only, and its English rules would join unrelated words of
// another language, "général" with "génération").
//
// The index is written in one language at a time. A change of language
// starts a rebuild, a durable job in the jobs table (kind 'reindex') that one
// node claims and works through in batches, remembering where it got to, so
// a restart carries on where it stopped. Search keeps answering meanwhile:
// on PostgreSQL the documents are rewritten in place and a query asks in both
// languages until the rebuild ends; on SQLite the rebuild fills new FTS5
// tables beside the live ones (which keep answering with the old stemming,
// and which every save keeps writing too) and takes their place at the end.

// Settings keys of the search index's language; the store writes them, the
// settings screen does not.
const (
	keySearchLanguage  = "search.language"         // the language the index is written in
	keyRebuildLanguage = "search.rebuild_language" // the language a rebuild writes, while one runs
	keyRebuildAfter    = "search.rebuild_after"    // the last article ID the rebuild has written
	keyRebuiltAt       = "search.rebuilt_at"       // when the last rebuild ended (Unix seconds)
)

// The tables a rebuild fills on SQLite before they take the live ones' place.
const (
	nextSearchTable = "article_search_next"
	nextStaffTable  = "article_search_staff_next"
)

// rebuildLease is how long a node's claim on the rebuild lasts without a
// batch: a node that stops lets another (or itself, restarted) carry on
// after it.
const rebuildLease = time.Minute

// pgConfigs maps languages (their primary subtag) to PostgreSQL's built-in
// text-search configurations. A language missing here, or whose
// configuration the server lacks (estonian came with PostgreSQL 16), is
// indexed with 'simple': words lower-cased, not stemmed.
var pgConfigs = map[string]string{
	"ca": "catalan", "da": "danish", "nl": "dutch", "en": "english", "et": "estonian", "fi": "finnish",
	"fr": "french", "de": "german", "el": "greek", "hu": "hungarian", "ga": "irish", "it": "italian",
	"lt": "lithuanian", "nb": "norwegian", "nn": "norwegian", "pt": "portuguese", "ro": "romanian",
	"es": "spanish", "sv": "swedish", "tr": "turkish",
}

// FTS5 tokenizers: porter stems English; unicode61 alone folds case and, with
// remove_diacritics 2, accents ("elections" finds "élections").
const (
	ftsEnglish = "porter unicode61 remove_diacritics 2"
	ftsPlain   = "unicode61 remove_diacritics 2"
)

// primaryTag is a language tag's first subtag, lower-cased: "en" of "en-GB".
func primaryTag(lang string) string {
	tag, _, _ := strings.Cut(strings.ToLower(cmp.Or(lang, defaultLanguage)), "-")
	return tag
}

// ftsTokenizer is the FTS5 tokenizer of a language.
func ftsTokenizer(lang string) string {
	if primaryTag(lang) == "en" {
		return ftsEnglish
	}
	return ftsPlain
}

// searchLangs is the index's language and, while a rebuild runs, the
// language it is being rewritten in.
type searchLangs struct {
	live, next string
	after      int64 // the rebuild's progress: the last article ID written
}

// target is the language new documents are written in.
func (l searchLangs) target() string { return cmp.Or(l.next, l.live) }

func readSearchLangs(ctx context.Context, q querier) (searchLangs, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM settings WHERE key IN ($1, $2, $3)`,
		keySearchLanguage, keyRebuildLanguage, keyRebuildAfter)
	if err != nil {
		return searchLangs{}, err
	}
	defer rows.Close()
	l := searchLangs{live: defaultLanguage}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return searchLangs{}, err
		}
		switch k {
		case keySearchLanguage:
			l.live = cmp.Or(v, defaultLanguage)
		case keyRebuildLanguage:
			l.next = v
		case keyRebuildAfter:
			l.after, _ = strconv.ParseInt(v, 10, 64)
		}
	}
	return l, rows.Err()
}

// searchLangMemo keeps the index's languages for queries, so that a search
// on PostgreSQL costs no extra round trip; it is forgotten whenever the
// settings or the search index change, here or on another node.
type searchLangMemo struct {
	mu     sync.Mutex
	gen    uint64
	ok     bool
	langs  searchLangs
	pgHave map[string]bool // the server's text-search configurations
}

func (m *searchLangMemo) forget(keys []string, _ bool) {
	for _, k := range keys {
		if k == cachekey.Site || k == cachekey.Search || k == cachekey.Everything {
			m.mu.Lock()
			m.gen++
			m.ok = false
			m.mu.Unlock()
			return
		}
	}
}

// queryLangs returns the languages a query must ask in: the index's, and
// the rebuild's while one runs.
func (s *Store) queryLangs(ctx context.Context) (searchLangs, error) {
	m := &s.searchLangs
	m.mu.Lock()
	if m.ok {
		l := m.langs
		m.mu.Unlock()
		return l, nil
	}
	gen := m.gen
	m.mu.Unlock()
	l, err := readSearchLangs(ctx, s.read)
	if err != nil {
		return searchLangs{}, err
	}
	m.mu.Lock()
	if gen == m.gen {
		m.langs, m.ok = l, true
	}
	m.mu.Unlock()
	return l, nil
}

// pgConfig is the PostgreSQL text-search configuration of a language.
func (s *Store) pgConfig(ctx context.Context, lang string) (string, error) {
	m := &s.searchLangs
	m.mu.Lock()
	have := m.pgHave
	m.mu.Unlock()
	if have == nil {
		names, err := strings1(ctx, s.read, `SELECT cfgname FROM pg_ts_config`)
		if err != nil {
			return "", err
		}
		have = map[string]bool{}
		for _, n := range names {
			have[n] = true
		}
		m.mu.Lock()
		m.pgHave = have
		m.mu.Unlock()
	}
	if c, ok := pgConfigs[primaryTag(lang)]; ok && have[c] {
		return c, nil
	}
	return "simple", nil
}

// searchConfigs are the PostgreSQL configurations a query asks in, the
// rebuild's first (ts_headline uses it): one, or two while a rebuild runs.
func (s *Store) searchConfigs(ctx context.Context) ([]string, error) {
	if s.dialect != postgres {
		return nil, nil
	}
	l, err := s.queryLangs(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, lang := range []string{l.target(), l.live} {
		c, err := s.pgConfig(ctx, lang)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out, nil
}

// sameIndexing reports whether two languages index alike on this engine,
// so that changing from one to the other needs no rebuild (en to en-GB).
func (s *Store) sameIndexing(ctx context.Context, a, b string) (bool, error) {
	if s.dialect != postgres {
		return ftsTokenizer(a) == ftsTokenizer(b), nil
	}
	ca, err := s.pgConfig(ctx, a)
	if err != nil {
		return false, err
	}
	cb, err := s.pgConfig(ctx, b)
	return ca == cb, err
}

// indexTarget is where and how a transaction writes index documents.
type indexTarget struct {
	config string // PostgreSQL: the configuration of the documents written
	live   bool   // write the tables search reads
	next   bool   // SQLite: write the rebuild's tables
}

// searchTables are the tables of base ("article_search" or
// "article_search_staff") that t writes.
func (t indexTarget) tables(base string) []string {
	var out []string
	if t.live {
		out = append(out, base)
	}
	if t.next {
		out = append(out, base+"_next")
	}
	return out
}

// indexTargetIn is where a save writes in tx: the live tables, in the
// rebuild's language on PostgreSQL, and on SQLite the rebuild's tables too
// once they exist, so that an article the rebuild has passed stays right.
func (s *Store) indexTargetIn(ctx context.Context, tx querier) (indexTarget, error) {
	if s.dialect != postgres {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE name = $1`, nextSearchTable).Scan(&n)
		return indexTarget{live: true, next: n > 0}, err
	}
	l, err := readSearchLangs(ctx, tx)
	if err != nil {
		return indexTarget{}, err
	}
	c, err := s.pgConfig(ctx, l.target())
	return indexTarget{config: c, live: true}, err
}

// languageChanged starts a rebuild of the search index in lang, inside the
// transaction that changes the site's language, unless the index is (or is
// being) written in a language that indexes alike; force starts one anyway.
func (s *Store) languageChanged(ctx context.Context, tx *sql.Tx, lang string, force bool) error {
	l, err := readSearchLangs(ctx, tx)
	if err != nil {
		return err
	}
	if !force {
		same, err := s.sameIndexing(ctx, l.target(), lang)
		if err != nil || same {
			return err
		}
	}
	for k, v := range map[string]string{keyRebuildLanguage: lang, keyRebuildAfter: "0"} {
		if err := setSettingIn(ctx, tx, k, v); err != nil {
			return err
		}
	}
	if s.dialect != postgres {
		// A rebuild in another language may have begun tables: the job
		// starts them again.
		for _, t := range []string{nextSearchTable, nextStaffTable} {
			if _, err := tx.ExecContext(ctx, `DROP TABLE IF EXISTS `+t); err != nil {
				return err
			}
		}
	}
	now := s.Now().Unix()
	_, err = tx.ExecContext(ctx, `INSERT INTO jobs (kind, run_at, created_at) SELECT 'reindex', $1, $1
		WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE kind = 'reindex' AND done_at IS NULL)`, now)
	return err
}

func setSettingIn(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// errRebuildClaimLost stops a rebuild whose node no longer holds the job.
var errRebuildClaimLost = errors.New("another node took over the search rebuild")

// RunSearchRebuild claims the search index's rebuild, if one is due and no
// other node holds it, and works it through to the end. It reports whether
// it ran one. progress, if not nil, hears after each batch.
func (s *Store) RunSearchRebuild(ctx context.Context, progress func(done, total int)) (bool, error) {
	return s.runSearchRebuild(ctx, false, progress)
}

// runSearchRebuild is RunSearchRebuild; takeOver claims the rebuild even
// from a node that holds it.
func (s *Store) runSearchRebuild(ctx context.Context, takeOver bool, progress func(done, total int)) (bool, error) {
	now := s.Now().Unix()
	var job int64
	held := " AND claimed_until < $3"
	if takeOver {
		held = " AND $3 = $3"
	}
	err := s.write.QueryRowContext(ctx, `UPDATE jobs SET claimed_by = $1, claimed_until = $2
		WHERE kind = 'reindex' AND done_at IS NULL AND run_at <= $3`+held+` RETURNING id`,
		s.changes.node, now+int64(rebuildLease/time.Second), now).Scan(&job)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store.RunSearchRebuild: %w", err)
	}
	var total int
	if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`).Scan(&total); err != nil {
		return false, fmt.Errorf("store.RunSearchRebuild: %w", err)
	}
	done := 0
	for {
		n, finished, err := s.rebuildBatch(ctx, job)
		if err != nil {
			return true, fmt.Errorf("store.RunSearchRebuild: %w", err)
		}
		done += n
		if progress != nil && n > 0 {
			progress(min(done, total), total)
		}
		if finished {
			return true, nil
		}
	}
}

// RunSearchRebuilds looks for a due rebuild every interval until ctx ends;
// on every node, so that whichever claims it first runs it.
func (s *Store) RunSearchRebuilds(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		start := time.Now()
		if ran, err := s.RunSearchRebuild(ctx, nil); err != nil && ctx.Err() == nil {
			log.Error("search rebuild", "err", err)
		} else if ran {
			log.Info("search index rebuilt in the site's language", "duration", time.Since(start).Round(time.Second))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// rebuildBatch writes the next batch of articles in the rebuild's language,
// or, with none left, puts the rebuilt index in place and ends the job, in
// one transaction that first renews the node's claim.
func (s *Store) rebuildBatch(ctx context.Context, job int64) (n int, finished bool, err error) {
	err = s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		now := s.Now().Unix()
		res, err := tx.ExecContext(ctx, `UPDATE jobs SET claimed_until = $1
			WHERE id = $2 AND claimed_by = $3 AND done_at IS NULL`, now+int64(rebuildLease/time.Second), job, s.changes.node)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errRebuildClaimLost
		}
		l, err := readSearchLangs(ctx, tx)
		if err != nil {
			return err
		}
		if l.next == "" { // nothing to rebuild
			finished = true
			_, err = tx.ExecContext(ctx, `DELETE FROM jobs WHERE id = $1`, job)
			return err
		}
		t := indexTarget{live: true}
		if s.dialect == postgres {
			if t.config, err = s.pgConfig(ctx, l.next); err != nil {
				return err
			}
		} else {
			t = indexTarget{next: true}
			if l.after == 0 {
				if err := s.createNextTables(ctx, tx, ftsTokenizer(l.next)); err != nil {
					return err
				}
			}
		}
		ids, err := int64s(ctx, tx, `SELECT id FROM articles WHERE id > $1 ORDER BY id LIMIT $2`, l.after, reindexBatch)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			finished = true
			return s.finishRebuild(ctx, tx, ch, job, l)
		}
		n = len(ids)
		if err := s.indexArticlesIn(ctx, tx, ids, t); err != nil {
			return err
		}
		return setSettingIn(ctx, tx, keyRebuildAfter, strconv.FormatInt(ids[len(ids)-1], 10))
	})
	return n, finished, err
}

// createNextTables makes the rebuild's FTS5 tables on SQLite with the
// tokenizer of its language, as the migrations make the live ones.
func (s *Store) createNextTables(ctx context.Context, tx *sql.Tx, tokenizer string) error {
	for _, t := range []string{nextSearchTable, nextStaffTable} {
		if _, err := tx.ExecContext(ctx, `DROP TABLE IF EXISTS `+t); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `CREATE VIRTUAL TABLE `+t+` USING fts5(
			headline, standfirst, tags, body, bylines, tokenize = '`+tokenizer+`')`); err != nil {
			return err
		}
	}
	return nil
}

// finishRebuild makes the index's language the rebuild's: on SQLite the
// rebuilt tables replace the live ones; on PostgreSQL every document is
// already rewritten. Rows of articles that left either index are removed.
// The job's row goes: the settings keep the state. A rebuild in the
// language the index had (`masthead reindex`, a restore) leaves the
// settings as they were, so a restored site's rows are the backup's.
func (s *Store) finishRebuild(ctx context.Context, tx *sql.Tx, ch *changes, job int64, l searchLangs) error {
	if s.dialect != postgres {
		for _, base := range []string{"article_search", "article_search_staff"} {
			if _, err := tx.ExecContext(ctx, `DROP TABLE `+base); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `ALTER TABLE `+base+`_next RENAME TO `+base); err != nil {
				return err
			}
		}
	}
	key := s.fts.key()
	for _, q := range []string{
		`DELETE FROM article_search WHERE ` + key + ` NOT IN (SELECT id FROM articles WHERE status = 'published')`,
		`DELETE FROM article_search_staff WHERE ` + key + ` IN (SELECT id FROM articles WHERE status = 'published')`,
		`DELETE FROM settings WHERE key IN ('` + keyRebuildLanguage + `', '` + keyRebuildAfter + `')`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM jobs WHERE id = $1`, job); err != nil {
		return err
	}
	ch.add(cachekey.Search)
	if l.next == l.live {
		return nil
	}
	for k, v := range map[string]string{keySearchLanguage: l.next, keyRebuiltAt: strconv.FormatInt(s.Now().Unix(), 10)} {
		if err := setSettingIn(ctx, tx, k, v); err != nil {
			return err
		}
	}
	return nil
}

// SearchRebuild is the state of the search index's language, for the
// settings screen.
type SearchRebuild struct {
	Language string // the index's language, or the one it is being rebuilt in
	Running  bool
	// Done and Total count the articles the running rebuild has written and
	// has in all.
	Done, Total int
	At          time.Time // when the last rebuild ended; zero if none has
}

// SearchRebuildStatus says which language the search index is written in
// and how far a rebuild has got.
func (s *Store) SearchRebuildStatus(ctx context.Context) (SearchRebuild, error) {
	l, err := readSearchLangs(ctx, s.read)
	if err != nil {
		return SearchRebuild{}, fmt.Errorf("store.SearchRebuildStatus: %w", err)
	}
	r := SearchRebuild{Language: l.target(), Running: l.next != ""}
	if r.Running {
		err = s.read.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(CASE WHEN id <= $1 THEN 1 END) FROM articles`,
			l.after).Scan(&r.Total, &r.Done)
	} else {
		var at string
		if at, err = s.Setting(ctx, keyRebuiltAt, ""); at != "" {
			n, _ := strconv.ParseInt(at, 10, 64)
			r.At = time.Unix(n, 0).UTC()
		}
	}
	if err != nil {
		return SearchRebuild{}, fmt.Errorf("store.SearchRebuildStatus: %w", err)
	}
	return r, nil
}
