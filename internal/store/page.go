package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"masthead/internal/cachekey"

	"masthead/internal/news"
)

// pageColumns are a page's columns but its body, in pageFields' order.
const pageColumns = `id, slug, title, updated_at, published, in_footer, in_menu, position, version`

func pageFields(p *news.Page, updated *sql.NullInt64, flags *[3]int) []any {
	return []any{&p.ID, &p.Slug, &p.Title, updated, &flags[0], &flags[1], &flags[2], &p.Position, &p.Version}
}

func setPageFlags(p *news.Page, updated sql.NullInt64, flags [3]int) {
	p.UpdatedAt = fromUnix(updated)
	p.Published, p.InFooter, p.InMenu = flags[0] != 0, flags[1] != 0, flags[2] != 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// CreatePage stores a new static page as its first revision and sets its ID.
func (s *Store) CreatePage(ctx context.Context, p *news.Page) error {
	if err := p.Validate(); err != nil {
		return err
	}
	body, err := json.Marshal(p.Body)
	if err != nil {
		return fmt.Errorf("store.CreatePage: %w", err)
	}
	p.UpdatedAt, p.Version = s.Now(), 1
	err = s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Site)
		if taken, err := rootSlugTaken(ctx, tx, p.Slug); err != nil || taken {
			return errors.Join(err, slugTaken(p.Slug, taken))
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO pages (slug, title, body, updated_at, published, in_footer, in_menu, position, version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) RETURNING id`, p.Slug, p.Title, string(body), p.UpdatedAt.Unix(),
			boolInt(p.Published), boolInt(p.InFooter), boolInt(p.InMenu), p.Position).Scan(&p.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM redirects WHERE path = $1`, p.URL()); err != nil {
			return err
		}
		return addPageRevision(ctx, tx, p, string(body))
	})
	if err != nil && news.ErrorCode(err) == news.EINTERNAL {
		return fmt.Errorf("store.CreatePage: %w", err)
	}
	return err
}

func addPageRevision(ctx context.Context, tx *sql.Tx, p *news.Page, body string) error {
	var by sql.NullInt64
	if p.SavedBy != 0 {
		by = sql.NullInt64{Int64: p.SavedBy, Valid: true}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO page_revisions (page_id, version, title, slug, body, saved_at, user_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, p.ID, p.Version, p.Title, p.Slug, body, p.UpdatedAt.Unix(), by)
	return err
}

// SavePage saves a page's words, address and placement as a new version.
// base is the version the newsroom edited: an older one than stored is
// refused (ECONFLICT), so nobody's save is overwritten. A changed slug
// leaves the old address redirecting to the new one.
func (s *Store) SavePage(ctx context.Context, p *news.Page, base int) error {
	if err := p.Validate(); err != nil {
		return err
	}
	body, err := json.Marshal(p.Body)
	if err != nil {
		return fmt.Errorf("store.SavePage: %w", err)
	}
	p.UpdatedAt = s.Now()
	err = s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		var oldSlug string
		var version int
		err := tx.QueryRowContext(ctx, `SELECT slug, version FROM pages WHERE id = $1`, p.ID).Scan(&oldSlug, &version)
		if errors.Is(err, sql.ErrNoRows) {
			return news.Errorf(news.ENOTFOUND, "There is no page %d.", p.ID)
		}
		if err != nil {
			return err
		}
		if version != base {
			return &news.Error{Code: news.ECONFLICT, Field: "form", Message: fmt.Sprintf(
				"Someone else saved this page (version %d) since you opened it (version %d). Nothing was saved: copy your text, reload the page and make your change again.", version, base)}
		}
		ch.add(cachekey.Site)
		if p.Slug != oldSlug {
			if taken, err := rootSlugTaken(ctx, tx, p.Slug); err != nil || taken {
				return errors.Join(err, slugTaken(p.Slug, taken))
			}
			if err := movePage(ctx, tx, "/"+oldSlug, p.URL(), p.UpdatedAt.Unix()); err != nil {
				return err
			}
			ch.add(cachekey.Redirects)
		}
		p.Version = version + 1
		if _, err := tx.ExecContext(ctx, `UPDATE pages SET slug = $1, title = $2, body = $3, updated_at = $4,
			in_footer = $5, in_menu = $6, position = $7, version = $8 WHERE id = $9`, p.Slug, p.Title, string(body),
			p.UpdatedAt.Unix(), boolInt(p.InFooter), boolInt(p.InMenu), p.Position, p.Version, p.ID); err != nil {
			return err
		}
		return addPageRevision(ctx, tx, p, string(body))
	})
	if err != nil && news.ErrorCode(err) == news.EINTERNAL {
		return fmt.Errorf("store.SavePage: %w", err)
	}
	return err
}

// movePage keeps old links to a page working when it moves from one path
// to another: the old path redirects to the new, redirects that led to the
// old path lead to the new one, and none is left at the new path.
func movePage(ctx context.Context, tx *sql.Tx, from, to string, at int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM redirects WHERE path = $1`, to); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE redirects SET target = $1 WHERE target = $2`, to, from); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO redirects (path, target, origin, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (path) DO UPDATE SET target = excluded.target`, from, to, news.RedirectFromNewsroom, at)
	return err
}

// SetPagePublished makes a page public or takes it down; the menu and the
// footer change with it on every page.
func (s *Store) SetPagePublished(ctx context.Context, id int64, published bool) error {
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		ch.add(cachekey.Site)
		res, err := tx.ExecContext(ctx, `UPDATE pages SET published = $1, updated_at = $2 WHERE id = $3`,
			boolInt(published), s.Now().Unix(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.ENOTFOUND, "There is no page %d.", id)
		}
		return nil
	})
	if err != nil && news.ErrorCode(err) == news.EINTERNAL {
		return fmt.Errorf("store.SetPagePublished: %w", err)
	}
	return err
}

// PageBySlug returns the published static page with the slug, or an
// ENOTFOUND error.
func (s *Store) PageBySlug(ctx context.Context, slug string) (news.Page, error) {
	return s.page(ctx, `slug = $1 AND published = 1`, slug)
}

// PageByID returns a page whether or not it is published, for the newsroom.
func (s *Store) PageByID(ctx context.Context, id int64) (news.Page, error) {
	return s.page(ctx, `id = $1`, id)
}

func (s *Store) page(ctx context.Context, where string, arg any) (news.Page, error) {
	cachekey.Add(ctx, cachekey.Site)
	var p news.Page
	var body string
	var updated sql.NullInt64
	var flags [3]int
	err := s.readQueryRow(ctx, `SELECT `+pageColumns+`, body FROM pages WHERE `+where, arg).
		Scan(append(pageFields(&p, &updated, &flags), &body)...)
	if errors.Is(err, sql.ErrNoRows) {
		return p, news.Errorf(news.ENOTFOUND, "There is no page %v.", arg)
	}
	if err != nil {
		return p, fmt.Errorf("store.Page: %w", err)
	}
	setPageFlags(&p, updated, flags)
	if err := json.Unmarshal([]byte(body), &p.Body); err != nil {
		return p, fmt.Errorf("store.Page %v: body: %w", arg, err)
	}
	if _, err := s.resolveImages(ctx, nil, p.Body); err != nil {
		return p, err
	}
	return p, nil
}

// Pages returns the published static pages, in position order then by
// title, without bodies: the footer and the menu link them.
func (s *Store) Pages(ctx context.Context) ([]news.Page, error) {
	return s.pages(ctx, `WHERE published = 1`)
}

// AllPages returns every static page, published or not, for the newsroom.
func (s *Store) AllPages(ctx context.Context) ([]news.Page, error) {
	return s.pages(ctx, ``)
}

func (s *Store) pages(ctx context.Context, where string) ([]news.Page, error) {
	cachekey.Add(ctx, cachekey.Site)
	rows, err := s.readQuery(ctx, `SELECT `+pageColumns+` FROM pages `+where+` ORDER BY position, title, id`)
	if err != nil {
		return nil, fmt.Errorf("store.Pages: %w", err)
	}
	defer rows.Close()
	var out []news.Page
	for rows.Next() {
		var p news.Page
		var updated sql.NullInt64
		var flags [3]int
		if err := rows.Scan(pageFields(&p, &updated, &flags)...); err != nil {
			return nil, fmt.Errorf("store.Pages: %w", err)
		}
		setPageFlags(&p, updated, flags)
		out = append(out, p)
	}
	return out, rows.Err()
}

// PageRevisions returns every saved version of a page, newest first.
func (s *Store) PageRevisions(ctx context.Context, id int64) ([]news.PageRevision, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT r.version, r.title, r.slug, r.body, r.saved_at, COALESCE(u.name, '')
		FROM page_revisions r LEFT JOIN users u ON u.id = r.user_id WHERE r.page_id = $1 ORDER BY r.version DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("store.PageRevisions: %w", err)
	}
	defer rows.Close()
	var out []news.PageRevision
	for rows.Next() {
		var r news.PageRevision
		var body string
		var at sql.NullInt64
		if err := rows.Scan(&r.Version, &r.Title, &r.Slug, &body, &at, &r.By); err != nil {
			return nil, fmt.Errorf("store.PageRevisions: %w", err)
		}
		r.SavedAt = fromUnix(at)
		if err := json.Unmarshal([]byte(body), &r.Body); err != nil {
			return nil, fmt.Errorf("store.PageRevisions %d: body: %w", id, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
