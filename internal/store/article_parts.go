package store

import (
	"cmp"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
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
	// SQLite writes each aggregate's ORDER BY as a temporary table, opened,
	// filled and dropped for every article read, which cost a seventh of
	// the statement: each part carries its order instead (the bylines' and
	// the sources' positions, the notes' IDs) and decode sorts them.
	sqlite: `(SELECT json_group_array(json_object('id', au.id, 'slug', au.slug, 'name', au.name, 'photo', json(au.photo), 'pos', aa.position))
			FROM article_authors aa JOIN authors au ON au.id = aa.author_id WHERE aa.article_id = a.id),
		(SELECT json_group_array(json_object('id', t.id, 'slug', t.slug, 'name', t.name))
			FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id),
		(SELECT json_group_array(json_object('name', x.name, 'url', x.url, 'note', x.note, 'pos', x.position))
			FROM article_sources x WHERE x.article_id = a.id),
		(SELECT json_group_array(json_object('kind', n.kind, 'at', n.at, 'text', n.text, 'added', n.added_at, 'id', n.id))
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
// of a part gets NULL (PostgreSQL) or [] (SQLite). sorted says whether the
// engine wrote each part in order; otherwise decode puts them in order.
type articlePartsJSON struct {
	authors, tags, sources, notes sql.NullString
	sorted                        bool
}

func (p articlePartsJSON) decode(a *news.Article) error {
	a.Authors, a.Tags, a.Sources, a.Notes = nil, nil, nil, nil
	var bylines []struct {
		news.Author
		Pos int
	}
	var sources []struct {
		news.Source
		Pos int
	}
	var notes []struct {
		Kind  string
		At    int64
		Text  string
		Added int64
		ID    int64
	}
	for _, part := range []struct {
		name string
		col  sql.NullString
		dst  any
	}{{"bylines", p.authors, &bylines}, {"tags", p.tags, &a.Tags}, {"sources", p.sources, &sources}, {"notes", p.notes, &notes}} {
		if !part.col.Valid || part.col.String == "[]" {
			continue
		}
		if err := json.Unmarshal([]byte(part.col.String), part.dst); err != nil {
			return fmt.Errorf("%s: %w", part.name, err)
		}
	}
	if !p.sorted {
		// As partsSQL orders them on PostgreSQL; SQLite compares names
		// byte by byte, as Go does.
		slices.SortStableFunc(bylines, func(x, y struct {
			news.Author
			Pos int
		}) int {
			return cmp.Compare(x.Pos, y.Pos)
		})
		slices.SortStableFunc(a.Tags, func(x, y news.Tag) int { return strings.Compare(x.Name, y.Name) })
		slices.SortStableFunc(sources, func(x, y struct {
			news.Source
			Pos int
		}) int {
			return cmp.Compare(x.Pos, y.Pos)
		})
		slices.SortStableFunc(notes, func(x, y struct {
			Kind  string
			At    int64
			Text  string
			Added int64
			ID    int64
		}) int {
			return cmp.Or(cmp.Compare(x.At, y.At), cmp.Compare(x.ID, y.ID))
		})
	}
	for _, b := range bylines {
		a.Authors = append(a.Authors, b.Author)
	}
	for _, src := range sources {
		a.Sources = append(a.Sources, src.Source)
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
