package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// ImportArticles saves many new articles in one transaction, for filling a
// site in bulk (`masthead demo --articles N`): each table gets a few
// multi-row INSERTs per batch on PostgreSQL and one prepared statement on
// SQLite, and the search index and salient words are written in the same
// pass. Each article is made ready by prepareArticles, as every other save
// is, so it reads back as SaveArticle would have stored it (its SEO words,
// social picture and, for a draft, the newsroom's search document too).
// Like ImportArticle it leaves related articles alone (they are worked out when first read, or by
// RefreshRelated). Every article must be new (ID zero); their sections and
// authors (by ID) must exist, and tags are created as needed. Articles get
// IDs above every stored one, in the order given; a slug already taken fails
// the whole batch with ECONFLICT. It is meant for one writer filling a site:
// on PostgreSQL, two bulk imports at once would pick the same IDs.
func (s *Store) ImportArticles(ctx context.Context, list []news.Article) error {
	return s.importArticles(ctx, list, nil)
}

// importArticles is ImportArticles, running after (when not nil) in the
// same transaction once the articles have their IDs, so an importer's own
// rows (what each article was in WordPress) commit or fail with them.
func (s *Store) importArticles(ctx context.Context, list []news.Article, after func(tx *sql.Tx) error) error {
	if len(list) == 0 {
		return nil
	}
	now := s.Now()
	all := make([]*news.Article, len(list))
	for i := range list {
		if list[i].ID != 0 {
			return fmt.Errorf("store.ImportArticles: article %q already has ID %d", list[i].Headline, list[i].ID)
		}
		all[i] = &list[i]
	}
	rows, err := s.prepareArticles(ctx, now, keepDates, all...)
	if err != nil {
		return err
	}
	err = s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		// A batch shows up on lists all over the site: every cached page may
		// be stale.
		ch.add(cachekey.Everything)
		if err := bulkTags(ctx, tx, list); err != nil {
			return err
		}
		var next int64
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM articles").Scan(&next); err != nil {
			return err
		}
		// On SQLite a rebuild's tables need none of these rows: their IDs
		// are past any the rebuild has written, and it writes them when
		// it gets there.
		t, err := s.indexTargetIn(ctx, tx)
		if err != nil {
			return err
		}
		var articles, bylines, tags, sources, notes, terms, search, staff [][]any
		for i := range list {
			a, r := &list[i], &rows[i]
			next++
			a.ID = next
			articles = append(articles, []any{a.ID, a.Slug, a.Headline, a.Standfirst, r.body, string(a.Status),
				a.Section.ID, r.lead, unix(a.PublishedAt), a.UpdatedAt.Unix(), now.Unix(),
				a.SEOTitle, a.SEODescription, r.social})
			by, tg, src, nt := partRows(a)
			bylines, tags = append(bylines, by...), append(tags, tg...)
			sources, notes = append(sources, src...), append(notes, nt...)
			// Its search document (with the tags' stored names, as
			// saveSearchDoc and saveStaffDoc write one): in the readers'
			// index once published, in the newsroom's otherwise.
			names := make([]string, len(a.Authors))
			for j, au := range a.Authors {
				names[j] = au.Name
			}
			doc := docOf(a, names)
			if a.Status == news.Published {
				for term, w := range salientTerms(a) {
					terms = append(terms, []any{a.ID, term, w})
				}
				search = append(search, s.fts.row(a.ID, doc, t.config))
			} else {
				staff = append(staff, s.staffRow(a.ID, doc, t.config))
			}
		}
		err = s.insertRows(ctx, tx, `INSERT INTO articles (id, slug, headline, standfirst, body, status,
			section_id, lead_image, published_at, updated_at, created_at, seo_title, seo_description, social_image) VALUES `,
			articles, plainRow(14))
		if isUniqueViolation(err) {
			return &news.Error{Code: news.ECONFLICT, Field: "slug",
				Message: "Another article already has the slug of one of the imported articles."}
		}
		if err != nil {
			return err
		}
		if s.dialect == postgres {
			// The IDs were given, so the identity sequence must be moved past them.
			if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('articles', 'id'), $1)`, next); err != nil {
				return err
			}
		}
		for _, ins := range []struct {
			head string
			rows [][]any
			row  func(int) string
		}{
			{"INSERT INTO article_authors (article_id, author_id, position) VALUES ", bylines, plainRow(3)},
			{"INSERT INTO article_tags (article_id, tag_id) VALUES ", tags, plainRow(2)},
			{"INSERT INTO article_sources (article_id, position, name, url, note) VALUES ", sources, plainRow(5)},
			{"INSERT INTO article_notes (article_id, kind, at, text, added_at) VALUES ", notes, plainRow(5)},
			{"INSERT INTO article_terms (article_id, term, weight) VALUES ", terms, plainRow(3)},
		} {
			if err := s.insertRows(ctx, tx, ins.head, ins.rows, ins.row); err != nil {
				return err
			}
		}
		err = s.insertRows(ctx, tx, s.fts.insertHead("article_search"), search, s.fts.values)
		if err == nil {
			err = s.insertStaffRows(ctx, tx, staff)
		}
		if err != nil || after == nil {
			return err
		}
		return after(tx)
	})
	if err != nil {
		for i := range list {
			list[i].ID = 0
		}
		if news.ErrorCode(err) != news.EINTERNAL {
			return err
		}
		return fmt.Errorf("store.ImportArticles: %w", err)
	}
	return nil
}

// bulkTags creates the batch's tags that do not exist yet and sets every
// tag's ID and stored name, with one statement per distinct tag.
func bulkTags(ctx context.Context, tx *sql.Tx, list []news.Article) error {
	known := map[string]news.Tag{}
	for i := range list {
		for j := range list[i].Tags {
			t := &list[i].Tags[j]
			if k, ok := known[t.Slug]; ok {
				*t = k
				continue
			}
			if err := tx.QueryRowContext(ctx, `INSERT INTO tags (slug, name) VALUES ($1, $2)
				ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id, name`,
				t.Slug, t.Name).Scan(&t.ID, &t.Name); err != nil {
				return err
			}
			known[t.Slug] = *t
		}
	}
	return nil
}

// plainRow returns the VALUES row of n parameters numbered from first.
func plainRow(n int) func(first int) string {
	return func(first int) string { return "(" + placeholders(first, n) + ")" }
}

// bulkParams is the most parameters one multi-row INSERT takes on
// PostgreSQL: well within its limit of 65535, and enough that each round
// trip carries hundreds of rows.
const bulkParams = 6000

// insertRows inserts rows; row writes one row's VALUES expression given the
// number of its first parameter. On PostgreSQL each statement carries as many
// rows as bulkParams allows, to save round trips; SQLite has none to save and
// parses a long statement slower than it runs a prepared one-row statement
// again, so there it prepares one and runs it for each row.
func (s *Store) insertRows(ctx context.Context, tx *sql.Tx, head string, rows [][]any, row func(first int) string) error {
	if len(rows) == 0 {
		return nil
	}
	if s.dialect == sqlite {
		stmt, err := tx.PrepareContext(ctx, head+row(1))
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, r := range rows {
			if _, err := stmt.ExecContext(ctx, r...); err != nil {
				return err
			}
		}
		return nil
	}
	per := max(1, bulkParams/len(rows[0]))
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(len(rows), start+per)]
		var b strings.Builder
		b.WriteString(head)
		args := make([]any, 0, len(chunk)*len(chunk[0]))
		for i, r := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(row(len(args) + 1))
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// Analyze brings the query planner's statistics up to date after a bulk
// import. PostgreSQL's autovacuum would get there in a while, but until it
// does, it plans queries over a table it has no statistics for as if the
// table were tiny: a section front over 100,000 fresh articles took 230 ms
// instead of 0.1 ms. SQLite plans from its indexes alone, so there it does
// nothing.
func (s *Store) Analyze(ctx context.Context) error {
	if s.dialect != postgres {
		return nil
	}
	if _, err := s.write.ExecContext(ctx, "ANALYZE"); err != nil {
		return fmt.Errorf("store.Analyze: %w", err)
	}
	return nil
}
