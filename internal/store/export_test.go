package store

import "context"

// ClearSearchIndex empties the search index behind the store's back, so a
// test can check that Reindex rebuilds it.
func (s *Store) ClearSearchIndex(ctx context.Context) error {
	_, err := s.write.ExecContext(ctx, "DELETE FROM article_search")
	return err
}
