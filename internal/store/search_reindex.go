package store

import (
	"context"
	"database/sql"
	"fmt"
	"masthead/internal/cachekey"
)

// reindexBatch is how many articles Reindex writes per transaction: big
// enough to be quick, small enough not to hold the SQLite write lock for long.
const reindexBatch = 500

// Reindex rebuilds the search index from the articles: every published
// article is written again, in batches, and rows of articles no longer
// published are removed. Search keeps answering throughout. progress, if not
// nil, is told after each batch how many of the published articles are done.
func (s *Store) Reindex(ctx context.Context, progress func(done, total int)) error {
	var total int
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM articles WHERE status = 'published'").Scan(&total); err != nil {
		return fmt.Errorf("store.Reindex: %w", err)
	}
	done := 0
	var after int64
	for {
		ids, err := s.publishedIDsAfter(ctx, after, reindexBatch)
		if err != nil {
			return fmt.Errorf("store.Reindex: %w", err)
		}
		if len(ids) == 0 {
			break
		}
		err = s.indexArticles(ctx, ids, s.putSearchDoc)
		if err != nil {
			return fmt.Errorf("store.Reindex: %w", err)
		}
		done += len(ids)
		after = ids[len(ids)-1]
		if progress != nil {
			progress(done, total)
		}
	}
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Search)
		_, err := tx.ExecContext(ctx, `DELETE FROM article_search WHERE `+s.fts.key()+` NOT IN
			(SELECT id FROM articles WHERE status = 'published')`)
		return err
	})
	if err != nil {
		return fmt.Errorf("store.Reindex: %w", err)
	}
	return s.reindexStaff(ctx)
}

// publishedIDsAfter returns up to n IDs of published articles above after,
// in order, so batches page by key rather than by a growing OFFSET.
func (s *Store) publishedIDsAfter(ctx context.Context, after int64, n int) ([]int64, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id FROM articles WHERE status = 'published' AND id > $1
		ORDER BY id LIMIT $2`, after, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
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

// indexArticles writes the index documents of the articles ids, in one
// transaction, through put: the readers' index or the newsroom's.
func (s *Store) indexArticles(ctx context.Context, ids []int64, put func(context.Context, *sql.Tx, int64, searchDoc) error) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			a, err := s.ArticleByID(ctx, id)
			if err != nil {
				return err
			}
			names := make([]string, len(a.Authors))
			for i, au := range a.Authors {
				names[i] = au.Name
			}
			if err := put(ctx, tx, id, docOf(&a, names)); err != nil {
				return err
			}
		}
		return nil
	})
}
