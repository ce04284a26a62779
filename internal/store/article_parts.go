package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"masthead/internal/news"
)

// bylines returns the public profiles of the authors of each article, in
// byline order, in one query for any number of articles.
func (s *Store) bylines(ctx context.Context, ids []int64) (map[int64][]news.Author, error) {
	out := make(map[int64][]news.Author, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.read.QueryContext(ctx, `SELECT aa.article_id, au.id, au.slug, au.name
		FROM article_authors aa JOIN authors au ON au.id = aa.author_id
		WHERE aa.article_id IN (`+placeholders(1, len(ids))+`) ORDER BY aa.article_id, aa.position`, int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("store.bylines: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var a news.Author
		if err := rows.Scan(&id, &a.ID, &a.Slug, &a.Name); err != nil {
			return nil, fmt.Errorf("store.bylines: %w", err)
		}
		out[id] = append(out[id], a)
	}
	return out, rows.Err()
}

func (s *Store) articleTags(ctx context.Context, id int64) ([]news.Tag, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT t.id, t.slug, t.name FROM article_tags at
		JOIN tags t ON t.id = at.tag_id WHERE at.article_id = $1 ORDER BY t.name`, id)
	if err != nil {
		return nil, fmt.Errorf("store.articleTags: %w", err)
	}
	defer rows.Close()
	var out []news.Tag
	for rows.Next() {
		var t news.Tag
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name); err != nil {
			return nil, fmt.Errorf("store.articleTags: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func (s *Store) articleSources(ctx context.Context, id int64) ([]news.Source, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT name, url, note FROM article_sources
		WHERE article_id = $1 ORDER BY position`, id)
	if err != nil {
		return nil, fmt.Errorf("store.articleSources: %w", err)
	}
	defer rows.Close()
	var out []news.Source
	for rows.Next() {
		var src news.Source
		if err := rows.Scan(&src.Name, &src.URL, &src.Note); err != nil {
			return nil, fmt.Errorf("store.articleSources: %w", err)
		}
		out = append(out, src)
	}
	return out, rows.Err()
}

func (s *Store) articleNotes(ctx context.Context, id int64) ([]news.Note, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT kind, at, text FROM article_notes
		WHERE article_id = $1 ORDER BY at, id`, id)
	if err != nil {
		return nil, fmt.Errorf("store.articleNotes: %w", err)
	}
	defer rows.Close()
	var out []news.Note
	for rows.Next() {
		var n news.Note
		var kind string
		var at sql.NullInt64
		if err := rows.Scan(&kind, &at, &n.Text); err != nil {
			return nil, fmt.Errorf("store.articleNotes: %w", err)
		}
		n.Kind, n.At = news.NoteKind(kind), fromUnix(at)
		out = append(out, n)
	}
	return out, rows.Err()
}

// placeholders returns "$from, $from+1, …" for n arguments.
func placeholders(from, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", from+i)
	}
	return b.String()
}

func int64Args(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}
