package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"masthead/internal/news"
)

// articleParts loads an article's bylines, tags, sources and notes in one
// query, whatever their number: one UNION ALL of four selects sharing the
// columns (kind, n, a, b, c, ord), read back by kind.
func (s *Store) articleParts(ctx context.Context, a *news.Article) error {
	rows, err := s.readQuery(ctx, `SELECT 1 AS kind, au.id AS n, au.slug AS a, au.name AS b, '' AS c, aa.position AS ord
		FROM article_authors aa JOIN authors au ON au.id = aa.author_id WHERE aa.article_id = $1
		UNION ALL SELECT 2, t.id, t.slug, t.name, '', 0 FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = $1
		UNION ALL SELECT 3, 0, name, url, note, position FROM article_sources WHERE article_id = $1
		UNION ALL SELECT 4, at, kind, text, '', id FROM article_notes WHERE article_id = $1
		ORDER BY kind, ord, b`, a.ID)
	if err != nil {
		return fmt.Errorf("store.articleParts: %w", err)
	}
	defer rows.Close()
	a.Authors, a.Tags, a.Sources, a.Notes = nil, nil, nil, nil
	for rows.Next() {
		var kind, ord int
		var n int64
		var x, y, z string
		if err := rows.Scan(&kind, &n, &x, &y, &z, &ord); err != nil {
			return fmt.Errorf("store.articleParts: %w", err)
		}
		switch kind {
		case 1:
			a.Authors = append(a.Authors, news.Author{ID: n, Slug: x, Name: y})
		case 2:
			a.Tags = append(a.Tags, news.Tag{ID: n, Slug: x, Name: y})
		case 3:
			a.Sources = append(a.Sources, news.Source{Name: x, URL: y, Note: z})
		case 4:
			a.Notes = append(a.Notes, news.Note{Kind: news.NoteKind(x), At: fromUnix(sql.NullInt64{Int64: n, Valid: true}), Text: y})
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store.articleParts: %w", err)
	}
	// Notes in time order, ties by the order they were written (their id).
	sort.SliceStable(a.Notes, func(i, j int) bool { return a.Notes[i].At.Before(a.Notes[j].At) })
	return nil
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
