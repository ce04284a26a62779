package store

import (
	"context"
	"encoding/json"
	"fmt"

	"masthead/internal/blocks"
	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// ArticleBodies returns the body of each of the articles, keyed by ID, in one
// query: a feed with full text lists Teasers and then needs only their bodies.
// The library pictures in them are resolved in one more.
func (s *Store) ArticleBodies(ctx context.Context, ids []int64) (map[int64]blocks.Document, error) {
	for _, id := range ids {
		cachekey.Add(ctx, cachekey.Article(id))
	}
	out := make(map[int64]blocks.Document, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.read.QueryContext(ctx, `SELECT id, body FROM articles
		WHERE id IN (`+placeholders(1, len(ids))+`)`, int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("store.ArticleBodies: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var body string
		if err := rows.Scan(&id, &body); err != nil {
			return nil, fmt.Errorf("store.ArticleBodies: %w", err)
		}
		var doc blocks.Document
		if err := json.Unmarshal([]byte(body), &doc); err != nil {
			return nil, fmt.Errorf("store.ArticleBodies %d: %w", id, err)
		}
		out[id] = doc
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store.ArticleBodies: %w", err)
	}
	rows.Close()
	docs := make([]blocks.Document, 0, len(out))
	for _, doc := range out {
		docs = append(docs, doc)
	}
	if _, err := s.resolveImages(ctx, nil, docs...); err != nil {
		return nil, err
	}
	return out, nil
}

// TagsOf returns the tags of each of the articles, keyed by ID and sorted by
// name, in one query.
func (s *Store) TagsOf(ctx context.Context, ids []int64) (map[int64][]news.Tag, error) {
	out := make(map[int64][]news.Tag, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.read.QueryContext(ctx, `SELECT at.article_id, t.id, t.slug, t.name FROM article_tags at
		JOIN tags t ON t.id = at.tag_id WHERE at.article_id IN (`+placeholders(1, len(ids))+`)
		ORDER BY at.article_id, t.name`, int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("store.TagsOf: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t news.Tag
		if err := rows.Scan(&id, &t.ID, &t.Slug, &t.Name); err != nil {
			return nil, fmt.Errorf("store.TagsOf: %w", err)
		}
		out[id] = append(out[id], t)
		cachekey.Add(ctx, cachekey.Tag(t.ID))
	}
	return out, rows.Err()
}
