package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// TeaserQuery selects published articles for an index page, newest first.
// Zero fields do not filter.
type TeaserQuery struct {
	SectionID int64
	AuthorID  int64
	TagID     int64
	From, To  time.Time // published in [From, To)
	Limit     int       // defaults to 20
	Offset    int
}

const teaserColumns = `a.id, a.slug, a.headline, a.standfirst, a.published_at, a.updated_at, a.lead_image,
	s.id, s.slug, s.name, ` + bylinesColumn

// bylinesColumn stands in a query for the teaser's bylines as a JSON array of
// {"id", "slug", "name", "photo"} objects in byline order; teasers puts in
// the engine's own SQL for it. A list page's bylines, and their photos, thus
// come with its teasers, without a second round trip to the database.
const bylinesColumn = "{{bylines}}"

// bylinesSQL is the correlated subquery for bylinesColumn on each engine.
var bylinesSQL = map[dialect]string{
	sqlite: `(SELECT json_group_array(json_object('id', bu.id, 'slug', bu.slug, 'name', bu.name, 'photo', json(bu.photo)) ORDER BY ba.position)
		FROM article_authors ba JOIN authors bu ON bu.id = ba.author_id WHERE ba.article_id = a.id)`,
	postgres: `(SELECT CAST(json_agg(json_build_object('id', bu.id, 'slug', bu.slug, 'name', bu.name, 'photo', CAST(bu.photo AS JSON)) ORDER BY ba.position) AS TEXT)
		FROM article_authors ba JOIN authors bu ON bu.id = ba.author_id WHERE ba.article_id = a.id)`,
}

// Teasers returns one page of published articles matching q, with bylines, in
// two queries.
func (s *Store) Teasers(ctx context.Context, q TeaserQuery) ([]news.Teaser, error) {
	if q.Limit <= 0 {
		q.Limit = 20
	}
	switch {
	case q.SectionID != 0:
		cachekey.Add(ctx, cachekey.SectionList(q.SectionID))
	case q.AuthorID != 0:
		cachekey.Add(ctx, cachekey.AuthorList(q.AuthorID))
	case q.TagID != 0:
		cachekey.Add(ctx, cachekey.TagList(q.TagID))
	default:
		cachekey.Add(ctx, cachekey.All)
	}
	var join, where strings.Builder
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if q.AuthorID != 0 {
		join.WriteString(" JOIN article_authors aa ON aa.article_id = a.id AND aa.author_id = " + arg(q.AuthorID))
	}
	if q.TagID != 0 {
		join.WriteString(" JOIN article_tags at ON at.article_id = a.id AND at.tag_id = " + arg(q.TagID))
	}
	if q.SectionID != 0 {
		where.WriteString(" AND a.section_id = " + arg(q.SectionID))
	}
	if !q.From.IsZero() {
		where.WriteString(" AND a.published_at >= " + arg(q.From.Unix()))
	}
	if !q.To.IsZero() {
		where.WriteString(" AND a.published_at < " + arg(q.To.Unix()))
	}
	if q.Offset >= markStride {
		// A deep page starts from its list's mark (page_marks.go).
		m, err := s.listMarksFor(ctx, fmt.Sprintf("%d/%d/%d/%d/%d", q.SectionID, q.AuthorID, q.TagID,
			unix(q.From).Int64, unix(q.To).Int64), ` FROM articles a`+join.String(), where.String(), args)
		if err != nil {
			return nil, fmt.Errorf("store.Teasers: %w", err)
		}
		if q.Offset >= m.n {
			return nil, nil
		}
		k := m.keys[q.Offset/markStride]
		at := arg(k.at)
		where.WriteString(" AND a.published_at <= " + at + " AND (a.published_at < " + at + " OR a.id <= " + arg(k.id) + ")")
		q.Offset %= markStride
	}
	query := `SELECT ` + teaserColumns + ` FROM articles a JOIN sections s ON s.id = a.section_id` + join.String() +
		` WHERE a.status = 'published'` + where.String() +
		` ORDER BY a.published_at DESC, a.id DESC` + s.limit(q.Limit, q.Offset, arg)
	return s.teasers(ctx, query, args...)
}

// SectionFronts returns the newest n published articles of each section,
// keyed by section ID, in two queries. Each section is its own LIMIT over the
// (section, status, published_at) index, so the cost follows n and the number
// of sections, not the size of the archive.
func (s *Store) SectionFronts(ctx context.Context, sectionIDs []int64, n int) (map[int64][]news.Teaser, error) {
	out := map[int64][]news.Teaser{}
	if len(sectionIDs) == 0 {
		return out, nil
	}
	parts := make([]string, len(sectionIDs))
	// n is written into the statement, not passed: see Store.limit.
	var args []any
	for i, id := range sectionIDs {
		cachekey.Add(ctx, cachekey.SectionList(id))
		args = append(args, id)
		parts[i] = fmt.Sprintf(`SELECT * FROM (SELECT id FROM articles WHERE section_id = $%d AND status = 'published'
			ORDER BY published_at DESC, id DESC LIMIT %d) f%d`, len(args), n, i)
	}
	list, err := s.teasers(ctx, `SELECT `+teaserColumns+` FROM (`+strings.Join(parts, " UNION ALL ")+`) r
		JOIN articles a ON a.id = r.id JOIN sections s ON s.id = a.section_id
		ORDER BY s.position, a.published_at DESC, a.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store.SectionFronts: %w", err)
	}
	for _, t := range list {
		out[t.Section.ID] = append(out[t.Section.ID], t)
	}
	return out, nil
}

// teasers runs a query selecting teaserColumns, bylines included, in one
// round trip.
func (s *Store) teasers(ctx context.Context, query string, args ...any) ([]news.Teaser, error) {
	rows, err := s.readQuery(ctx, strings.Replace(query, bylinesColumn, bylinesSQL[s.dialect], 1), args...)
	if err != nil {
		return nil, fmt.Errorf("store.teasers: %w", err)
	}
	defer rows.Close()
	var out []news.Teaser
	for rows.Next() {
		var t news.Teaser
		var published, updated sql.NullInt64
		var lead, bylines sql.NullString
		if err := rows.Scan(&t.ID, &t.Slug, &t.Headline, &t.Standfirst, &published, &updated, &lead,
			&t.Section.ID, &t.Section.Slug, &t.Section.Name, &bylines); err != nil {
			return nil, fmt.Errorf("store.teasers: %w", err)
		}
		t.PublishedAt, t.UpdatedAt = fromUnix(published), fromUnix(updated)
		if t.LeadImage, err = parseImage(lead); err != nil {
			return nil, fmt.Errorf("store.teasers %d: %w", t.ID, err)
		}
		if bylines.Valid {
			if err := json.Unmarshal([]byte(bylines.String), &t.Authors); err != nil {
				return nil, fmt.Errorf("store.teasers %d: bylines: %w", t.ID, err)
			}
		}
		addTeaserKeys(ctx, &t)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store.teasers: %w", err)
	}
	rows.Close()
	if err := s.resolveTeaserImages(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// addTeaserKeys records what a teaser shows: the article and its bylines.
func addTeaserKeys(ctx context.Context, t *news.Teaser) {
	if !cachekey.Collecting(ctx) {
		return
	}
	cachekey.Add(ctx, cachekey.Article(t.ID))
	for _, au := range t.Authors {
		cachekey.Add(ctx, cachekey.Author(au.ID))
	}
}

// MonthCount is how many articles were published in one month of a year.
type MonthCount struct {
	Month time.Month
	Count int
}

// ArchiveMonths returns, for each month of year with published articles, how
// many there are, in calendar order.
func (s *Store) ArchiveMonths(ctx context.Context, year int) ([]MonthCount, error) {
	cachekey.Add(ctx, cachekey.All)
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	rows, err := s.read.QueryContext(ctx, `SELECT `+s.dialect.monthOf("published_at")+` AS m, COUNT(*)
		FROM articles WHERE status = 'published' AND published_at >= $1 AND published_at < $2
		GROUP BY m ORDER BY m`, from.Unix(), from.AddDate(1, 0, 0).Unix())
	if err != nil {
		return nil, fmt.Errorf("store.ArchiveMonths: %w", err)
	}
	defer rows.Close()
	var out []MonthCount
	for rows.Next() {
		var mc MonthCount
		if err := rows.Scan(&mc.Month, &mc.Count); err != nil {
			return nil, fmt.Errorf("store.ArchiveMonths: %w", err)
		}
		out = append(out, mc)
	}
	return out, rows.Err()
}

// HasContent reports whether the site has any section or article yet.
func (s *Store) HasContent(ctx context.Context) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM sections) + (SELECT COUNT(*) FROM articles)`).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store.HasContent: %w", err)
	}
	return n > 0, nil
}
