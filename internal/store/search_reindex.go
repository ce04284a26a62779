package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"masthead/internal/news"
)

// reindexBatch is how many articles Reindex writes per transaction: big
// enough to be quick, small enough not to hold the SQLite write lock for long.
var reindexBatch = 500

// Reindex rebuilds the search indexes from the articles, in the site's
// language, and returns when it is done: every article is written again, in
// batches, and rows of articles that left an index are removed. Search keeps
// answering throughout. It runs as the rebuild a change of language starts
// (RunSearchRebuild), so it fails if another node holds that rebuild.
// progress, if not nil, is told after each batch how many articles are done.
func (s *Store) Reindex(ctx context.Context, progress func(done, total int)) error {
	lang, err := s.Setting(ctx, keyLanguage, defaultLanguage)
	if err != nil {
		return fmt.Errorf("store.Reindex: %w", err)
	}
	err = s.tx(ctx, func(tx *sql.Tx) error { return s.languageChanged(ctx, tx, lang, true) })
	if err != nil {
		return fmt.Errorf("store.Reindex: %w", err)
	}
	// It takes the rebuild over from any node working on it, which stops
	// at its next batch: the rebuild has just started again from the first
	// article anyway.
	_, err = s.runSearchRebuild(ctx, true, progress)
	return err
}

// SearchIndexSize is the disk space the search index takes: the inverted
// index itself, and the copy of the articles' text it keeps for snippets.
type SearchIndexSize struct {
	Index int64 // bytes of the index structures (FTS5 segments, or the GIN index)
	Text  int64 // bytes of the text kept for snippets (FTS5 content, or the table with its tsvectors)
}

// SearchIndexBytes measures the search index on disk.
func (s *Store) SearchIndexBytes(ctx context.Context) (SearchIndexSize, error) {
	size, err := s.fts.size(ctx)
	if err != nil {
		return SearchIndexSize{}, fmt.Errorf("store.SearchIndexBytes: %w", err)
	}
	return size, nil
}

// indexArticlesIn writes the index documents of the articles ids in tx, to
// the tables t: each published article into the readers' index and out of
// the newsroom's, each other article the other way round.
func (s *Store) indexArticlesIn(ctx context.Context, tx *sql.Tx, ids []int64, t indexTarget) error {
	for _, id := range ids {
		a, err := s.ArticleByID(ctx, id)
		if err != nil {
			return err
		}
		names := make([]string, len(a.Authors))
		for i, au := range a.Authors {
			names[i] = au.Name
		}
		d := docOf(&a, names)
		if a.Status == news.Published {
			err = errors.Join(s.putSearchDoc(ctx, tx, t, id, d), s.dropStaffDoc(ctx, tx, t, id))
		} else {
			err = errors.Join(s.dropSearchDoc(ctx, tx, t, id), s.putStaffDoc(ctx, tx, t, id, d))
		}
		if err != nil {
			return err
		}
	}
	return nil
}
