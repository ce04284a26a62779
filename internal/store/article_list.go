package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"masthead/internal/news"
)

// ArticleFilter chooses the articles of the newsroom's list. Zero fields do
// not filter.
type ArticleFilter struct {
	Text      string     // words, in either search index (drafts included)
	Stage     news.Stage // where the article stands
	SectionID int64
	AuthorID  int64 // on the byline
	TagID     int64
	From, To  time.Time // last changed in [From, To)
	// Mine, when not zero, keeps the articles the account made or whose
	// byline has its author profile (MineAuthor): all a contributor sees.
	Mine, MineAuthor int64
	After            ListCursor // the last article of the previous page
	Limit            int        // defaults to 50
}

// ListCursor is where a page of the list starts: after the article last
// changed at Changed with this ID. The zero cursor is the first page.
type ListCursor struct {
	Changed int64 // Unix seconds
	ID      int64
}

// ListedArticle is a line of the article list.
type ListedArticle struct {
	Draft
	Stage     news.Stage
	CreatedBy int64
	Authors   []news.Author
	// PendingAt is when changes not yet live were last saved to a live
	// article (zero when there are none); UpdateAt is when they are
	// scheduled to go live.
	PendingAt, UpdateAt time.Time
}

// ArticlePage is one page of the list, and where the next one starts.
type ArticlePage struct {
	Articles []ListedArticle
	Next     ListCursor // zero on the last page
}

// stageConds are the newsroom's stages as conditions on an article (a).
var stageConds = map[news.Stage]string{
	news.StageDraft:     stageWhere["draft"],
	news.StageSubmitted: stageWhere["submitted"],
	news.StageScheduled: stageWhere["scheduled"],
	news.StagePublished: "a.status = 'published' AND " + inList("article_id FROM article_pending", true),
	// Few articles have changes waiting: ArticleList looks them up
	// (pendingIDs) rather than walking the published to find them.
	news.StagePending:     "a.status = 'published' AND a.id IN (SELECT article_id FROM article_pending)",
	news.StageUnpublished: "a.status = 'unpublished'",
}

// pendingLookup bounds the articles with changes waiting that the pending
// stage names one by one: given their IDs, both engines read those rows by
// key and sort them, where with the subquery SQLite walked every published
// article in list order to test it (97 ms at 100,000 articles with none
// waiting) and PostgreSQL, by its estimates, did the same. More than that
// many waiting is not a newsroom's day; the subquery serves then.
const pendingLookup = 500

// inList is the condition that the article is (or, with not, is not) among
// the IDs the SELECT of from returns. The unary plus keeps SQLite walking
// the list's index in order, testing each article against the IDs: left
// to itself it would read every listed article's row (its JSON body
// included) to sort them, 2 s for a tag on 25,000 articles of 100,000.
// PostgreSQL reads it as the plain semi-join it is.
func inList(from string, not bool) string {
	op := " IN "
	if not {
		op = " NOT IN "
	}
	return "+a.id" + op + "(SELECT " + from + ")"
}

// ArticleList returns a page of articles, most recently changed first: the
// story someone just worked on is at the top, and correcting last year's
// story brings it back there. Pages follow (updated_at, id), so a deep page
// costs what the first does.
func (s *Store) ArticleList(ctx context.Context, f ArticleFilter) (ArticlePage, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	where := []string{"TRUE"}
	if f.Text != "" {
		cond, ok, err := s.staffMatch(ctx, f.Text, arg)
		if err != nil {
			return ArticlePage{}, fmt.Errorf("store.ArticleList: %w", err)
		}
		if !ok {
			return ArticlePage{}, nil
		}
		where = append(where, cond)
	}
	if f.Stage != "" {
		cond, ok := stageConds[f.Stage]
		if !ok {
			return ArticlePage{}, &news.Error{Code: news.EINVALID, Field: "stage", Message: fmt.Sprintf("There is no stage %q.", f.Stage)}
		}
		if f.Stage == news.StagePending {
			ids, err := int64s(ctx, s.read, `SELECT article_id FROM article_pending LIMIT `+fmt.Sprint(pendingLookup+1))
			if err != nil {
				return ArticlePage{}, fmt.Errorf("store.ArticleList: %w", err)
			}
			if len(ids) == 0 {
				return ArticlePage{}, nil
			}
			if len(ids) <= pendingLookup {
				marks := make([]string, len(ids))
				for i, id := range ids {
					marks[i] = arg(id)
				}
				// The unary plus keeps SQLite off the status index, which
				// it would walk in list order rather than read the few rows.
				status := "a.status"
				if s.dialect == sqlite {
					status = "+a.status"
				}
				cond = status + " = 'published' AND a.id IN (" + strings.Join(marks, ", ") + ")"
			}
		}
		where = append(where, cond)
	}
	if f.SectionID != 0 {
		where = append(where, "a.section_id = "+arg(f.SectionID))
	}
	if f.AuthorID != 0 {
		where = append(where, inList("article_id FROM article_authors WHERE author_id = "+arg(f.AuthorID), false))
	}
	if f.TagID != 0 {
		where = append(where, inList("article_id FROM article_tags WHERE tag_id = "+arg(f.TagID), false))
	}
	if !f.From.IsZero() {
		where = append(where, "a.updated_at >= "+arg(f.From.Unix()))
	}
	if !f.To.IsZero() {
		where = append(where, "a.updated_at < "+arg(f.To.Unix()))
	}
	if f.Mine != 0 {
		where = append(where, "(a.created_by = "+arg(f.Mine)+
			" OR "+inList("article_id FROM article_authors WHERE author_id = "+arg(f.MineAuthor), false)+")")
	}
	if f.After != (ListCursor{}) {
		c, id := arg(f.After.Changed), arg(f.After.ID)
		where = append(where, "(a.updated_at < "+c+" OR (a.updated_at = "+c+" AND a.id < "+id+"))")
	}
	// The page's IDs are chosen first, from the indexes alone where the
	// filters allow; only their rows are read.
	rows, err := s.read.QueryContext(ctx, `SELECT a.id, a.slug, a.headline, a.standfirst, a.status, a.published_at,
		a.updated_at, a.submitted_at, a.publish_at, a.created_by, s.id, s.slug, s.name, p.saved_at, p.update_at
		FROM (SELECT a.id FROM articles a WHERE `+strings.Join(where, " AND ")+`
			ORDER BY a.updated_at DESC, a.id DESC LIMIT `+arg(f.Limit+1)+`) k
		JOIN articles a ON a.id = k.id JOIN sections s ON s.id = a.section_id LEFT JOIN article_pending p ON p.article_id = a.id
		ORDER BY a.updated_at DESC, a.id DESC`, args...)
	if err != nil {
		return ArticlePage{}, fmt.Errorf("store.ArticleList: %w", err)
	}
	defer rows.Close()
	var out ArticlePage
	for rows.Next() {
		var l ListedArticle
		var st string
		var published, updated, submitted, publishAt, by, pendingAt, updateAt sql.NullInt64
		if err := rows.Scan(&l.ID, &l.Slug, &l.Headline, &l.Standfirst, &st, &published, &updated, &submitted, &publishAt,
			&by, &l.Section.ID, &l.Section.Slug, &l.Section.Name, &pendingAt, &updateAt); err != nil {
			return ArticlePage{}, fmt.Errorf("store.ArticleList: %w", err)
		}
		l.Status, l.PublishedAt, l.UpdatedAt = news.Status(st), fromUnix(published), fromUnix(updated)
		l.PublishAt, l.CreatedBy, l.PendingAt, l.UpdateAt = fromUnix(publishAt), by.Int64, fromUnix(pendingAt), fromUnix(updateAt)
		state := ArticleState{SubmittedAt: fromUnix(submitted), PublishAt: l.PublishAt, Pending: pendingAt.Valid}
		l.Stage = state.Stage(l.Status)
		out.Articles = append(out.Articles, l)
	}
	if err := rows.Err(); err != nil {
		return ArticlePage{}, fmt.Errorf("store.ArticleList: %w", err)
	}
	if len(out.Articles) > f.Limit {
		out.Articles = out.Articles[:f.Limit]
		last := out.Articles[f.Limit-1]
		out.Next = ListCursor{Changed: last.UpdatedAt.Unix(), ID: last.ID}
	}
	if err := s.listBylines(ctx, out.Articles); err != nil {
		return ArticlePage{}, fmt.Errorf("store.ArticleList: %w", err)
	}
	return out, nil
}

// listBylines fills in the authors of a page of the list in one query.
func (s *Store) listBylines(ctx context.Context, list []ListedArticle) error {
	if len(list) == 0 {
		return nil
	}
	at := map[int64]int{}
	args := make([]any, len(list))
	for i, l := range list {
		at[l.ID], args[i] = i, l.ID
	}
	rows, err := s.read.QueryContext(ctx, `SELECT aa.article_id, au.id, au.slug, au.name FROM article_authors aa
		JOIN authors au ON au.id = aa.author_id WHERE aa.article_id IN (`+placeholders(1, len(list))+`)
		ORDER BY aa.article_id, aa.position`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var au news.Author
		if err := rows.Scan(&id, &au.ID, &au.Slug, &au.Name); err != nil {
			return err
		}
		list[at[id]].Authors = append(list[at[id]].Authors, au)
	}
	return rows.Err()
}
