package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// SaveArticle stores a new article (ID zero) or replaces a stored one, with its
// bylines, tags, sources and notes, in one transaction. Tags are created as
// needed; the section and authors must exist. A publish sets PublishedAt when
// it is zero; UpdatedAt defaults to now. A changed slug keeps the old one
// answering with a redirect. Published articles get related articles.
func (s *Store) SaveArticle(ctx context.Context, a *news.Article) error {
	if err := s.ImportArticle(ctx, a); err != nil {
		return err
	}
	if a.Status == news.Published {
		if err := s.refreshRelatedAround(ctx, a.ID); err != nil {
			return fmt.Errorf("store.SaveArticle: %w", err)
		}
	}
	return nil
}

// ImportArticle saves like SaveArticle but leaves related articles alone: a
// bulk load saves everything first and calls RefreshRelated once at the end.
func (s *Store) ImportArticle(ctx context.Context, a *news.Article) error {
	rows, err := s.prepareArticles(ctx, s.Now(), keepDates, a)
	if err != nil {
		return err
	}
	err = s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		return s.saveArticleTx(ctx, tx, ch, a, rows[0])
	})
	if err != nil {
		return fmt.Errorf("store.SaveArticle: %w", err)
	}
	return nil
}

// articleRow is an article made ready for its row: its body and its lead
// and social pictures encoded as their columns hold them.
type articleRow struct {
	body         string
	lead, social sql.NullString
}

// dating says how a save sets an article's dates.
type dating int

const (
	// keepDates keeps the dates an article brings, filling in those it
	// lacks: an import keeps a story's original dates.
	keepDates dating = iota
	// touchDates makes now the time it was last updated: a newsroom save.
	touchDates
	// noDates leaves the dates alone: a pending version, which changes
	// nothing readers see.
	noDates
)

// prepareArticles makes articles ready to be written: the checks every
// save makes (the pictures are the library's, the article is valid, nobody
// is on a byline twice, every tag has a slug), their dates, and their
// columns encoded. It is the one way an article is made ready for its
// rows, shared by ImportArticle (SaveArticle), SaveEdit (the newsroom and
// the scheduled jobs) and ImportArticles (the bulk imports: the demo and
// WordPress), so that an article saved one way reads back as it would
// saved another. Validation errors come back as they are, for the person
// who made them.
func (s *Store) prepareArticles(ctx context.Context, now time.Time, d dating, list ...*news.Article) ([]articleRow, error) {
	if err := s.checkPictures(ctx, list...); err != nil {
		return nil, err
	}
	rows := make([]articleRow, len(list))
	for i, a := range list {
		if err := a.Validate(); err != nil {
			return nil, err
		}
		seen := map[int64]bool{}
		for _, au := range a.Authors {
			if seen[au.ID] {
				return nil, news.FieldError("authors", "%s is on the byline twice.", au.Name)
			}
			seen[au.ID] = true
		}
		for j := range a.Tags {
			t := &a.Tags[j]
			if t.Slug == "" {
				t.Slug = news.Slugify(t.Name)
			}
			if t.Slug == "" {
				return nil, news.FieldError("tags", "Tag %d has no letters or digits in its name.", j+1)
			}
		}
		if d != noDates {
			if a.Status != news.Draft && a.PublishedAt.IsZero() {
				a.PublishedAt = now
			}
			if d == touchDates || a.UpdatedAt.IsZero() {
				a.UpdatedAt = now
			}
		}
		body, err := json.Marshal(a.Body)
		if err != nil {
			return nil, fmt.Errorf("store: encoding article %q: %w", a.Headline, err)
		}
		r := &rows[i]
		r.body = string(body)
		if r.lead, err = imageJSON(storedImage(a.LeadImage)); err != nil {
			return nil, fmt.Errorf("store: encoding article %q: %w", a.Headline, err)
		}
		if r.social, err = imageJSON(storedImage(a.SocialImage)); err != nil {
			return nil, fmt.Errorf("store: encoding article %q: %w", a.Headline, err)
		}
	}
	return rows, nil
}

// saveArticleTx writes an article and its parts in tx and names the cache
// keys the save touches: the one way an article becomes rows, shared by
// ImportArticle (and SaveArticle) and SaveEdit (the newsroom, Update,
// publishing and the scheduled jobs).
func (s *Store) saveArticleTx(ctx context.Context, tx *sql.Tx, ch *changes, a *news.Article, row articleRow) error {
	if err := checkReferences(ctx, tx, a); err != nil {
		return err
	}
	var err error
	now := s.Now()
	var before publicState
	if a.ID != 0 {
		if before, err = articlePublicState(ctx, tx, a.ID); err != nil {
			return err
		}
	}
	if a.ID == 0 {
		err = tx.QueryRowContext(ctx, `INSERT INTO articles (slug, headline, standfirst, body, status,
			section_id, lead_image, published_at, updated_at, created_at, seo_title, seo_description, social_image)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
			a.Slug, a.Headline, a.Standfirst, row.body, string(a.Status), a.Section.ID, row.lead,
			unix(a.PublishedAt), a.UpdatedAt.Unix(), now.Unix(), a.SEOTitle, a.SEODescription, row.social).Scan(&a.ID)
	} else {
		err = updateArticleRow(ctx, tx, a, row)
	}
	if isUniqueViolation(err) {
		return &news.Error{Code: news.ECONFLICT, Field: "slug",
			Message: fmt.Sprintf("Another article already has the slug %q.", a.Slug)}
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM article_old_slugs WHERE slug = $1", a.Slug); err != nil {
		return err
	}
	if err := s.saveArticleParts(ctx, tx, a); err != nil {
		return err
	}
	if err := s.saveTerms(ctx, tx, a); err != nil {
		return err
	}
	after := newPublicState(a)
	ch.add(before.changedKeys(a.ID, after)...)
	if event := articleEvent(before, after); event != "" {
		data, err := articleEventData(ctx, tx, *a)
		if err != nil {
			return err
		}
		if err := s.queueEvent(ctx, tx, ch, event, data); err != nil {
			return err
		}
	}
	t, err := s.indexTargetIn(ctx, tx)
	if err != nil {
		return err
	}
	if err := s.saveStaffDoc(ctx, tx, t, a); err != nil {
		return err
	}
	return s.saveSearchDoc(ctx, tx, t, a)
}

// updateArticleRow writes the article's own columns, first keeping its old
// slug for redirects when the slug changes.
func updateArticleRow(ctx context.Context, tx *sql.Tx, a *news.Article, row articleRow) error {
	var oldSlug string
	err := tx.QueryRowContext(ctx, "SELECT slug FROM articles WHERE id = $1", a.ID).Scan(&oldSlug)
	if errors.Is(err, sql.ErrNoRows) {
		return news.Errorf(news.ENOTFOUND, "Article %d does not exist.", a.ID)
	}
	if err != nil {
		return err
	}
	if oldSlug != a.Slug {
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_old_slugs (slug, article_id) VALUES ($1, $2)
			ON CONFLICT (slug) DO UPDATE SET article_id = excluded.article_id`, oldSlug, a.ID); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE articles SET slug = $1, headline = $2, standfirst = $3, body = $4,
		status = $5, section_id = $6, lead_image = $7, published_at = $8, updated_at = $9, version = version + 1,
		seo_title = $10, seo_description = $11, social_image = $12
		WHERE id = $13`, a.Slug, a.Headline, a.Standfirst, row.body, string(a.Status), a.Section.ID, row.lead,
		unix(a.PublishedAt), a.UpdatedAt.Unix(), a.SEOTitle, a.SEODescription, row.social, a.ID)
	return err
}

// saveArticleParts replaces the article's bylines, tags, sources and notes
// (checked by prepareArticles), each table with one statement on
// PostgreSQL, where every statement is a round trip the editor waits for.
func (s *Store) saveArticleParts(ctx context.Context, tx *sql.Tx, a *news.Article) error {
	// The four deletes go in one round trip: a statement without
	// parameters may hold several (pgx sends it as a simple query), and
	// the ID is an integer, written into the text as such.
	id := strconv.FormatInt(a.ID, 10)
	var del strings.Builder
	for _, table := range []string{"article_authors", "article_tags", "article_sources", "article_notes"} {
		del.WriteString("DELETE FROM " + table + " WHERE article_id = " + id + ";\n")
	}
	if _, err := tx.ExecContext(ctx, del.String()); err != nil {
		return err
	}
	if err := saveTags(ctx, tx, a.Tags); err != nil {
		return err
	}
	bylines, tags, sources, notes := partRows(a)
	for _, ins := range []struct {
		head string
		rows [][]any
		cols int
	}{
		{"INSERT INTO article_authors (article_id, author_id, position) VALUES ", bylines, 3},
		{"INSERT INTO article_tags (article_id, tag_id) VALUES ", tags, 2},
		{"INSERT INTO article_sources (article_id, position, name, url, note) VALUES ", sources, 5},
		{"INSERT INTO article_notes (article_id, kind, at, text, added_at) VALUES ", notes, 5},
	} {
		if err := s.insertRows(ctx, tx, ins.head, ins.rows, plainRow(ins.cols)); err != nil {
			return err
		}
	}
	return nil
}

// partRows are the rows of an article's bylines, tags (each once), sources
// and notes, for article_authors, article_tags, article_sources and
// article_notes, as a save and the bulk import write them.
func partRows(a *news.Article) (bylines, tags, sources, notes [][]any) {
	for i, au := range a.Authors {
		bylines = append(bylines, []any{a.ID, au.ID, i})
	}
	seen := map[int64]bool{}
	for _, t := range a.Tags {
		if !seen[t.ID] {
			seen[t.ID] = true
			tags = append(tags, []any{a.ID, t.ID})
		}
	}
	for i, src := range a.Sources {
		sources = append(sources, []any{a.ID, i, src.Name, src.URL, src.Note})
	}
	for _, n := range a.Notes {
		notes = append(notes, []any{a.ID, string(n.Kind), n.At.Unix(), n.Text, unix(n.Added)})
	}
	return bylines, tags, sources, notes
}

// saveTags creates the tags that do not exist yet, in one statement, and
// sets every tag's ID and stored name (a tag named again with other
// capitals keeps its first name).
func saveTags(ctx context.Context, tx *sql.Tx, tags []news.Tag) error {
	if len(tags) == 0 {
		return nil
	}
	var values []string
	var args []any
	stored := map[string]news.Tag{}
	for _, t := range tags {
		if _, ok := stored[t.Slug]; ok {
			// One statement may not upsert a row twice (PostgreSQL refuses).
			continue
		}
		stored[t.Slug] = news.Tag{}
		values = append(values, fmt.Sprintf("($%d, $%d)", len(args)+1, len(args)+2))
		args = append(args, t.Slug, t.Name)
	}
	rows, err := tx.QueryContext(ctx, `INSERT INTO tags (slug, name) VALUES `+strings.Join(values, ", ")+`
		ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id, slug, name`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var t news.Tag
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name); err != nil {
			return err
		}
		stored[t.Slug] = t
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range tags {
		t, ok := stored[tags[i].Slug]
		if !ok || t.ID == 0 {
			return fmt.Errorf("tag %q was not stored", tags[i].Slug)
		}
		tags[i].ID, tags[i].Name = t.ID, t.Name
	}
	return nil
}

// ArticleBySlug returns the article with the slug, whatever its status, or an
// ENOTFOUND error. Callers decide what a status means for the reader.
func (s *Store) ArticleBySlug(ctx context.Context, slug string) (news.Article, error) {
	a, _, err := s.articleRead(ctx, "a.slug = $1", slug, 0)
	return a, err
}

// ArticleByID returns the article with the ID, whatever its status.
func (s *Store) ArticleByID(ctx context.Context, id int64) (news.Article, error) {
	a, _, err := s.articleRead(ctx, "a.id = $1", id, 0)
	return a, err
}

// ArticleWithRelated returns the article with the slug, as ArticleBySlug,
// and up to n of its related published articles, best first, read in the
// same statement: an article page costs one round trip to the database.
// An article whose related articles were never worked out has them worked
// out as Related does.
func (s *Store) ArticleWithRelated(ctx context.Context, slug string, n int) (news.Article, []news.Teaser, error) {
	a, related, err := s.articleRead(ctx, "a.slug = $1", slug, n)
	if err != nil || len(related) > 0 || a.Status != news.Published {
		return a, related, err
	}
	related, err = s.Related(ctx, a.ID, n)
	return a, related, err
}

// ArticleSlugFor returns the current slug of the article that once had slug,
// or an ENOTFOUND error.
func (s *Store) ArticleSlugFor(ctx context.Context, oldSlug string) (string, error) {
	var slug string
	err := s.read.QueryRowContext(ctx, `SELECT a.slug FROM article_old_slugs o
		JOIN articles a ON a.id = o.article_id WHERE o.slug = $1`, oldSlug).Scan(&slug)
	if errors.Is(err, sql.ErrNoRows) {
		return "", news.Errorf(news.ENOTFOUND, "No article ever had the slug %q.", oldSlug)
	}
	if err != nil {
		return "", fmt.Errorf("store.ArticleSlugFor: %w", err)
	}
	return slug, nil
}

// articleRead loads one article and its parts in one query, whatever its
// size, and with related > 0 up to that many of its related published
// articles in the same query.
func (s *Store) articleRead(ctx context.Context, where string, arg any, related int) (news.Article, []news.Teaser, error) {
	var a news.Article
	var body, status string
	var lead, social, teasers sql.NullString
	var published, updated sql.NullInt64
	parts := articlePartsJSON{sorted: s.dialect == postgres}
	dest := []any{&a.ID, &a.Slug, &a.Headline, &a.Standfirst, &body, &status, &lead, &published, &updated,
		&a.SEOTitle, &a.SEODescription, &social, &a.Section.ID, &a.Section.Slug, &a.Section.Name, &a.Section.Description, &a.Section.Position,
		&parts.authors, &parts.tags, &parts.sources, &parts.notes}
	if related > 0 {
		dest = append(dest, &teasers)
	}
	err := s.readQueryRow(ctx, articleSQL(s.dialect, where, related), arg).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return a, nil, news.Errorf(news.ENOTFOUND, "There is no such article.")
	}
	if err != nil {
		return a, nil, fmt.Errorf("store.article: %w", err)
	}
	a, err = s.articleFrom(ctx, a, body, status, lead, social, published, updated, parts)
	if err != nil || !teasers.Valid {
		return a, nil, err
	}
	list, err := s.relatedFromJSON(ctx, teasers.String)
	if err != nil {
		return a, nil, fmt.Errorf("store.article %d: %w", a.ID, err)
	}
	return a, list, nil
}

// articleStatements holds the statements articleRead runs, written once:
// each is a few kilobytes, which writing again and hashing into the
// statement cache cost on every read.
var articleStatements sync.Map // articleStatement -> string

type articleStatement struct {
	d       dialect
	where   string
	related int
}

// articleSQL is articleRead's statement.
func articleSQL(d dialect, where string, related int) string {
	key := articleStatement{d, where, related}
	if q, ok := articleStatements.Load(key); ok {
		return q.(string)
	}
	relatedColumn := ""
	if related > 0 {
		// n is written into the statement, not passed: see Store.limit.
		relatedColumn = ", " + strings.Replace(relatedSQL[d], "{{n}}", strconv.Itoa(related), 1)
	}
	q := `SELECT a.id, a.slug, a.headline, a.standfirst, a.body, a.status,
		a.lead_image, a.published_at, a.updated_at, a.seo_title, a.seo_description, a.social_image,
		s.id, s.slug, s.name, s.description, s.position, ` +
		partsSQL[d] + relatedColumn + `
		FROM articles a JOIN sections s ON s.id = a.section_id WHERE ` + where
	articleStatements.Store(key, q)
	return q
}

// articleFrom completes an article read by articleRead from its columns.
func (s *Store) articleFrom(ctx context.Context, a news.Article, body, status string, lead, social sql.NullString,
	published, updated sql.NullInt64, parts articlePartsJSON) (news.Article, error) {
	var err error
	a.Status = news.Status(status)
	a.PublishedAt, a.UpdatedAt = fromUnix(published), fromUnix(updated)
	if a.Body, err = blocks.Decode(body); err != nil {
		return a, fmt.Errorf("store.article %d: body: %w", a.ID, err)
	}
	if a.LeadImage, err = parseImage(lead); err != nil {
		return a, fmt.Errorf("store.article %d: lead image: %w", a.ID, err)
	}
	if a.SocialImage, err = parseImage(social); err != nil {
		return a, fmt.Errorf("store.article %d: social image: %w", a.ID, err)
	}
	if err := parts.decode(&a); err != nil {
		return a, fmt.Errorf("store.article %d: %w", a.ID, err)
	}
	// A library picture whose renditions are not made yet stays on the
	// article (with no Src) so that a save keeps it; pages skip it. The
	// bylines' photos are read in the same query, and shown once made.
	show, err := s.resolveImages(ctx, append([]*news.Image{a.LeadImage, a.SocialImage}, authorPhotos(a.Authors)...), a.Body)
	if err != nil {
		return a, err
	}
	dropUnmade(a.Authors, show[2:])
	if cachekey.Collecting(ctx) {
		cachekey.Add(ctx, cachekey.Article(a.ID))
		for _, au := range a.Authors {
			cachekey.Add(ctx, cachekey.Author(au.ID))
		}
		for _, t := range a.Tags {
			cachekey.Add(ctx, cachekey.Tag(t.ID))
		}
	}
	return a, nil
}
