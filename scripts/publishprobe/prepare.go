package main

import (
	"context"
	"fmt"

	"masthead/internal/auth"
	"masthead/internal/news"
	"masthead/internal/store"
)

// probeEmail is the account the probe signs in with when it has the
// database: an editor of its own, so that its saves are marked as its own
// in the revisions and the audit log.
const probeEmail = "publishprobe@example.org"

// prepare makes or reuses the probe's account with a fresh password, and
// picks the newest published article and the newest draft, from the
// nodes' database. The store is closed before anything is timed: the
// probe is a browser, and what it measures is the nodes' work.
func prepare(ctx context.Context, c *config) error {
	st, err := store.Open(ctx, c.dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	c.email, c.password = probeEmail, auth.NewToken()
	hash := auth.HashPassword(c.password)
	u, _, err := st.UserByEmail(ctx, probeEmail)
	switch {
	case err == nil:
		if u.Role != news.RoleEditor || u.Disabled {
			return fmt.Errorf("the account %s exists but is not an enabled editor", probeEmail)
		}
		err = st.SetPassword(ctx, u.ID, hash)
	case news.ErrorCode(err) == news.ENOTFOUND:
		u = news.User{Email: probeEmail, Name: "Publish probe", Role: news.RoleEditor}
		err = st.CreateUser(ctx, &u, hash)
	}
	if err != nil {
		return fmt.Errorf("the probe's account: %w", err)
	}
	list, err := st.Teasers(ctx, store.TeaserQuery{Limit: 1})
	if err != nil || len(list) == 0 {
		return fmt.Errorf("no published article to change (%v)", err)
	}
	c.article = list[0].ID
	drafts, err := st.ArticleList(ctx, store.ArticleFilter{Stage: news.StageDraft, Limit: 1})
	if err != nil {
		return err
	}
	if len(drafts.Articles) > 0 {
		c.draft = drafts.Articles[0].ID
	}
	return nil
}
