package store

import (
	"context"
	"database/sql"
	"slices"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// publicState is what decides where an article is listed: whether it is
// public, when it was published, and its section, authors and tags.
type publicState struct {
	published   bool
	publishedAt int64
	section     int64
	authors     []int64
	tags        []int64
}

func newPublicState(a *news.Article) publicState {
	st := publicState{published: a.Status == news.Published, section: a.Section.ID}
	if !a.PublishedAt.IsZero() {
		st.publishedAt = a.PublishedAt.Unix()
	}
	for _, au := range a.Authors {
		st.authors = append(st.authors, au.ID)
	}
	for _, t := range a.Tags {
		st.tags = append(st.tags, t.ID)
	}
	slices.Sort(st.authors)
	slices.Sort(st.tags)
	return st
}

// articlePublicState reads the stored state of an article before a save.
func articlePublicState(ctx context.Context, tx *sql.Tx, id int64) (publicState, error) {
	var st publicState
	var status string
	var published sql.NullInt64
	err := tx.QueryRowContext(ctx, "SELECT status, published_at, section_id FROM articles WHERE id = $1", id).
		Scan(&status, &published, &st.section)
	if err == sql.ErrNoRows {
		return st, nil // updateArticleRow reports the missing article
	}
	if err != nil {
		return st, err
	}
	st.published, st.publishedAt = status == string(news.Published), published.Int64
	if st.authors, err = ids(ctx, tx, "SELECT author_id FROM article_authors WHERE article_id = $1 ORDER BY author_id", id); err != nil {
		return st, err
	}
	st.tags, err = ids(ctx, tx, "SELECT tag_id FROM article_tags WHERE article_id = $1 ORDER BY tag_id", id)
	return st, err
}

func ids(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// lists returns the keys of the lists an article in this state is on.
func (st publicState) lists() []string {
	if !st.published {
		return nil
	}
	keys := []string{cachekey.All, cachekey.SectionList(st.section)}
	for _, id := range st.authors {
		keys = append(keys, cachekey.AuthorList(id))
	}
	for _, id := range st.tags {
		keys = append(keys, cachekey.TagList(id))
	}
	return keys
}

// changedKeys returns the cache keys a save from state before to state after
// touches. A draft saved as a draft touches nothing a reader sees. A public
// article's own key covers every page already showing it; the lists it joins
// or leaves are touched only when it joins or leaves them (or moves in them,
// when its publication time changes), so fixing a typo does not purge every
// front page.
func (before publicState) changedKeys(id int64, after publicState) []string {
	if !before.published && !after.published {
		return nil
	}
	keys := []string{cachekey.Article(id), cachekey.Search, cachekey.Sitemaps}
	if before.published != after.published || before.publishedAt != after.publishedAt {
		keys = append(keys, before.lists()...)
		keys = append(keys, after.lists()...)
		return append(keys, cachekey.Authors, cachekey.Tags)
	}
	was, is := before.lists(), after.lists()
	for _, k := range was {
		if !slices.Contains(is, k) {
			keys = append(keys, k)
		}
	}
	for _, k := range is {
		if !slices.Contains(was, k) {
			keys = append(keys, k)
		}
	}
	return keys
}
