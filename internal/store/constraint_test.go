package store_test

import (
	"context"
	"errors"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestConstraintFailuresAreNewsErrors: on each engine, a foreign-key failure
// becomes EINVALID and a unique failure ECONFLICT, so neither reaches a
// person as a 500; where the store knows the field, it names it.
func TestConstraintFailuresAreNewsErrors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newFixture(t, st)
		if err := st.ExecInTx(ctx, `INSERT INTO article_authors (article_id, author_id, position) VALUES (999999, 999999, 0)`); news.ErrorCode(err) != news.EINVALID {
			t.Errorf("a foreign-key failure: %v (code %s), want %s", err, news.ErrorCode(err), news.EINVALID)
		}
		if err := st.ExecInTx(ctx, `INSERT INTO sections (slug, name, description, position) VALUES ($1, 'Again', '', 9)`, f.world.Slug); news.ErrorCode(err) != news.ECONFLICT {
			t.Errorf("a unique failure: %v (code %s), want %s", err, news.ErrorCode(err), news.ECONFLICT)
		}
		if err := st.ExecInTx(ctx, `UPDATE sections SET name = 'x' WHERE id = $1`, f.world.ID); err != nil {
			t.Errorf("a good write: %v", err)
		}
		u := news.User{Email: "linked@courier.example", Name: "Linked", Role: news.RoleAuthor, AuthorID: 999999}
		if err := st.CreateUser(ctx, &u, "hash"); news.ErrorCode(err) != news.EINVALID || fieldOf(err) != "author" {
			t.Errorf("an account linked to a missing author: %v", err)
		}
		u.AuthorID = 0
		if err := st.CreateUser(ctx, &u, "hash"); err != nil {
			t.Fatal(err)
		}
		if err := st.LinkAuthor(ctx, u.ID, 999999); news.ErrorCode(err) != news.EINVALID || fieldOf(err) != "author" {
			t.Errorf("linking a missing author: %v", err)
		}
		if _, err := st.Present(ctx, 999999, u.ID); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("presence on a missing article: %v", err)
		}
		for _, sec := range []int64{999999, -1} {
			a := &news.Article{Headline: "Nowhere", Section: news.Section{ID: sec}, Authors: []news.Author{f.ana}}
			if err := st.SaveArticle(ctx, a); news.ErrorCode(err) != news.EINVALID || fieldOf(err) != "section" {
				t.Errorf("an article in section %d: %v", sec, err)
			}
		}
		a := &news.Article{Headline: "Nobody", Section: f.world, Authors: []news.Author{{ID: 999999}}}
		if err := st.SaveArticle(ctx, a); news.ErrorCode(err) != news.EINVALID || fieldOf(err) != "authors" {
			t.Errorf("an article by a missing author: %v", err)
		}
	})
}

func fieldOf(err error) string {
	var e *news.Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
