package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"masthead/internal/news"
)

// partsSQL selects an article's bylines (with their photos), tags, sources
// and notes beside the
// article itself, as four JSON arrays (correlated subqueries on a), so a page
// reads an article whole in one round trip to the database whatever the
// number of its parts.
var partsSQL = map[dialect]string{
	sqlite: `(SELECT json_group_array(json_object('id', au.id, 'slug', au.slug, 'name', au.name, 'photo', json(au.photo)) ORDER BY aa.position)
			FROM article_authors aa JOIN authors au ON au.id = aa.author_id WHERE aa.article_id = a.id),
		(SELECT json_group_array(json_object('id', t.id, 'slug', t.slug, 'name', t.name) ORDER BY t.name)
			FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id),
		(SELECT json_group_array(json_object('name', x.name, 'url', x.url, 'note', x.note) ORDER BY x.position)
			FROM article_sources x WHERE x.article_id = a.id),
		(SELECT json_group_array(json_object('kind', n.kind, 'at', n.at, 'text', n.text, 'added', n.added_at) ORDER BY n.at, n.id)
			FROM article_notes n WHERE n.article_id = a.id)`,
	postgres: `(SELECT CAST(json_agg(json_build_object('id', au.id, 'slug', au.slug, 'name', au.name, 'photo', CAST(au.photo AS JSON)) ORDER BY aa.position) AS TEXT)
			FROM article_authors aa JOIN authors au ON au.id = aa.author_id WHERE aa.article_id = a.id),
		(SELECT CAST(json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) ORDER BY t.name) AS TEXT)
			FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id),
		(SELECT CAST(json_agg(json_build_object('name', x.name, 'url', x.url, 'note', x.note) ORDER BY x.position) AS TEXT)
			FROM article_sources x WHERE x.article_id = a.id),
		(SELECT CAST(json_agg(json_build_object('kind', n.kind, 'at', n.at, 'text', n.text, 'added', n.added_at) ORDER BY n.at, n.id) AS TEXT)
			FROM article_notes n WHERE n.article_id = a.id)`,
}

// articlePartsJSON holds the four columns of partsSQL; an article with none
// of a part gets NULL (PostgreSQL) or [] (SQLite).
type articlePartsJSON struct {
	authors, tags, sources, notes sql.NullString
}

func (p articlePartsJSON) decode(a *news.Article) error {
	a.Authors, a.Tags, a.Sources, a.Notes = nil, nil, nil, nil
	var notes []struct {
		Kind  string
		At    int64
		Text  string
		Added int64
	}
	for _, part := range []struct {
		name string
		col  sql.NullString
		dst  any
	}{{"bylines", p.authors, &a.Authors}, {"tags", p.tags, &a.Tags}, {"sources", p.sources, &a.Sources}, {"notes", p.notes, &notes}} {
		if !part.col.Valid || part.col.String == "[]" {
			continue
		}
		if err := json.Unmarshal([]byte(part.col.String), part.dst); err != nil {
			return fmt.Errorf("%s: %w", part.name, err)
		}
	}
	for _, n := range notes {
		note := news.Note{Kind: news.NoteKind(n.Kind), At: time.Unix(n.At, 0).UTC(), Text: n.Text}
		if n.Added != 0 {
			note.Added = time.Unix(n.Added, 0).UTC()
		}
		a.Notes = append(a.Notes, note)
	}
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
