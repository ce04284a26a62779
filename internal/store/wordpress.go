package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// WordPressItem is what one item of a WordPress export became.
type WordPressItem struct {
	WPID     int64
	GUID     string
	TargetID int64  // the article, page, picture, author, section or tag
	Hash     string // of what the item was turned into
	Version  int    // the article's version the import wrote (articles only)
}

// WordPressItems returns what the items of one kind from the WordPress
// site (its base_site_url) became in earlier imports, by WordPress ID.
func (s *Store) WordPressItems(ctx context.Context, site, kind string) (map[int64]WordPressItem, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT wp_id, guid, target_id, hash, version FROM wordpress_items
		WHERE site = $1 AND kind = $2`, site, kind)
	if err != nil {
		return nil, fmt.Errorf("store.WordPressItems: %w", err)
	}
	defer rows.Close()
	out := map[int64]WordPressItem{}
	for rows.Next() {
		var it WordPressItem
		if err := rows.Scan(&it.WPID, &it.GUID, &it.TargetID, &it.Hash, &it.Version); err != nil {
			return nil, fmt.Errorf("store.WordPressItems: %w", err)
		}
		out[it.WPID] = it
	}
	return out, rows.Err()
}

// SaveWordPressItem records what one WordPress item became.
func (s *Store) SaveWordPressItem(ctx context.Context, site, kind string, it WordPressItem) error {
	err := s.tx(ctx, func(tx *sql.Tx) error { return saveWordPressItem(ctx, tx, site, kind, it) })
	if err != nil {
		return fmt.Errorf("store.SaveWordPressItem: %w", err)
	}
	return nil
}

func saveWordPressItem(ctx context.Context, tx *sql.Tx, site, kind string, it WordPressItem) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO wordpress_items (site, kind, wp_id, guid, target_id, hash, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (site, kind, wp_id) DO UPDATE SET guid = excluded.guid, target_id = excluded.target_id,
		hash = excluded.hash, version = excluded.version`,
		site, kind, it.WPID, it.GUID, it.TargetID, it.Hash, it.Version)
	return err
}

// ImportedArticle is a WordPress post on its way in: the article, what it
// was in WordPress, where it stands in the newsroom and the old addresses
// that must lead to it.
type ImportedArticle struct {
	Article   news.Article
	Item      WordPressItem
	Submitted bool      // waiting for review (WordPress's "pending")
	PublishAt time.Time // scheduled (WordPress's "future"); zero otherwise
	Redirects []news.Redirect
}

// ImportWordPressArticles saves new articles from a WordPress export in one
// transaction with what each was in WordPress, its newsroom state and its
// redirects, through the bulk path of ImportArticles: a batch commits whole
// or not at all, so an interrupted import leaves no article without its
// record and a run again goes on after the last batch. The counts say which
// redirects were new and which were there already (a post remade after the
// newsroom deleted it keeps its old addresses).
func (s *Store) ImportWordPressArticles(ctx context.Context, site string, list []ImportedArticle) (RedirectCounts, error) {
	var rc RedirectCounts
	arts := make([]news.Article, len(list))
	for i := range list {
		arts[i] = list[i].Article
	}
	err := s.importArticles(ctx, arts, func(tx *sql.Tx) error {
		for i := range list {
			in := &list[i]
			in.Article.ID = arts[i].ID
			in.Item.TargetID, in.Item.Version = arts[i].ID, 1
			if err := saveWordPressItem(ctx, tx, site, "post", in.Item); err != nil {
				return err
			}
			if err := s.importState(ctx, tx, in); err != nil {
				return err
			}
			c, err := s.importRedirects(ctx, tx, in.Redirects)
			if err != nil {
				return err
			}
			rc.add(c)
		}
		return nil
	})
	if err != nil {
		if news.ErrorCode(err) != news.EINTERNAL {
			return RedirectCounts{}, err
		}
		return RedirectCounts{}, fmt.Errorf("store.ImportWordPressArticles: %w", err)
	}
	return rc, nil
}

// UpdateWordPressArticle saves a changed WordPress post over the article an
// earlier import made of it (the newsroom's own save path, ImportArticle),
// then its record, newsroom state and redirects; the counts say which of its
// redirects were there already, so a run again does not call them new.
func (s *Store) UpdateWordPressArticle(ctx context.Context, site string, in *ImportedArticle) (RedirectCounts, error) {
	var rc RedirectCounts
	in.Article.ID = in.Item.TargetID
	if err := s.ImportArticle(ctx, &in.Article); err != nil {
		return rc, err
	}
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Redirects)
		if err := tx.QueryRowContext(ctx, "SELECT version FROM articles WHERE id = $1", in.Article.ID).Scan(&in.Item.Version); err != nil {
			return err
		}
		if err := saveWordPressItem(ctx, tx, site, "post", in.Item); err != nil {
			return err
		}
		if err := s.importState(ctx, tx, in); err != nil {
			return err
		}
		var err error
		rc, err = s.importRedirects(ctx, tx, in.Redirects)
		return err
	})
	if err != nil {
		return RedirectCounts{}, fmt.Errorf("store.UpdateWordPressArticle: %w", err)
	}
	return rc, nil
}

// importState sets where an imported draft stands: waiting for review, or
// scheduled with its publishing job.
func (s *Store) importState(ctx context.Context, tx *sql.Tx, in *ImportedArticle) error {
	submitted := sql.NullInt64{}
	if in.Submitted {
		submitted = unix(s.Now())
	}
	if _, err := tx.ExecContext(ctx, "UPDATE articles SET submitted_at = $1 WHERE id = $2", submitted, in.Article.ID); err != nil {
		return err
	}
	if in.PublishAt.IsZero() && in.Article.Status != news.Draft {
		return nil
	}
	return s.schedule(ctx, tx, in.Article.ID, in.PublishAt, 0)
}

// ArticleVersion returns an article's version (one per save), or ENOTFOUND.
func (s *Store) ArticleVersion(ctx context.Context, id int64) (int, error) {
	var v int
	err := s.read.QueryRowContext(ctx, "SELECT version FROM articles WHERE id = $1", id).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, news.Errorf(news.ENOTFOUND, "There is no article %d.", id)
	}
	if err != nil {
		return 0, fmt.Errorf("store.ArticleVersion: %w", err)
	}
	return v, nil
}

// TakenSlugs returns which of the slugs an article or, with root set, a
// section or page already has.
func (s *Store) TakenSlugs(ctx context.Context, slugs []string, root bool) (map[string]bool, error) {
	taken := map[string]bool{}
	query := "SELECT slug FROM articles WHERE slug IN "
	if root {
		query = "SELECT slug FROM sections WHERE slug IN %[1]s UNION SELECT slug FROM pages WHERE slug IN %[1]s"
	}
	for start := 0; start < len(slugs); start += 500 {
		chunk := slugs[start:min(len(slugs), start+500)]
		args := make([]any, len(chunk))
		for i, v := range chunk {
			args[i] = v
		}
		list := "(" + placeholders(1, len(chunk)) + ")"
		q := query + list
		if root {
			q = fmt.Sprintf(query, list)
		}
		rows, err := s.read.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("store.TakenSlugs: %w", err)
		}
		for rows.Next() {
			var slug string
			if err := rows.Scan(&slug); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store.TakenSlugs: %w", err)
			}
			taken[slug] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store.TakenSlugs: %w", err)
		}
	}
	return taken, nil
}

// ImportWordPressPage saves a WordPress page as a static page, new or over
// the one an earlier import made (item.TargetID), with its record and
// redirects, in one transaction; the counts say which redirects were new.
func (s *Store) ImportWordPressPage(ctx context.Context, site string, p *news.Page, item WordPressItem, redirects []news.Redirect) (RedirectCounts, error) {
	var rc RedirectCounts
	if err := p.Validate(); err != nil {
		return rc, err
	}
	body, err := json.Marshal(p.Body)
	if err != nil {
		return rc, fmt.Errorf("store.ImportWordPressPage: %w", err)
	}
	if p.UpdatedAt.IsZero() {
		p.UpdatedAt = s.Now()
	}
	err = s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Site, cachekey.Redirects)
		if item.TargetID != 0 {
			p.ID = item.TargetID
			res, err := tx.ExecContext(ctx, `UPDATE pages SET slug = $1, title = $2, body = $3, updated_at = $4 WHERE id = $5`,
				p.Slug, p.Title, string(body), p.UpdatedAt.Unix(), p.ID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				item.TargetID = 0 // deleted in the newsroom since: make it again
			}
		}
		if item.TargetID == 0 {
			if taken, err := rootSlugTaken(ctx, tx, p.Slug); err != nil || taken {
				return errors.Join(err, slugTaken(p.Slug, taken))
			}
			if err := tx.QueryRowContext(ctx, `INSERT INTO pages (slug, title, body, updated_at) VALUES ($1, $2, $3, $4) RETURNING id`,
				p.Slug, p.Title, string(body), p.UpdatedAt.Unix()).Scan(&p.ID); err != nil {
				return err
			}
		}
		item.TargetID = p.ID
		if err := saveWordPressItem(ctx, tx, site, "page", item); err != nil {
			return err
		}
		var err error
		rc, err = s.importRedirects(ctx, tx, redirects)
		return err
	})
	if isUniqueViolation(err) {
		return RedirectCounts{}, &news.Error{Code: news.ECONFLICT, Field: "slug", Message: fmt.Sprintf("Another page already has the slug %q.", p.Slug)}
	}
	if err != nil && news.ErrorCode(err) == news.EINTERNAL {
		return RedirectCounts{}, fmt.Errorf("store.ImportWordPressPage: %w", err)
	}
	if err != nil {
		return RedirectCounts{}, err
	}
	return rc, nil
}

// ImportRedirects saves redirects an import made, replacing an earlier
// import's for the same old address but never the newsroom's own, and says
// how many were new, changed and already there.
func (s *Store) ImportRedirects(ctx context.Context, list []news.Redirect) (RedirectCounts, error) {
	var c RedirectCounts
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		var err error
		c, err = s.importRedirects(ctx, tx, list)
		if c.New+c.Updated > 0 {
			ch.add(cachekey.Redirects)
		}
		return err
	})
	if err != nil {
		return RedirectCounts{}, fmt.Errorf("store.ImportRedirects: %w", err)
	}
	return c, nil
}
