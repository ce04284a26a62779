package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"masthead/internal/blocks"
	"masthead/internal/news"
)

// Where a library picture is used: the newsroom's picture page lists it,
// deleting refuses while there is any, and replacing asks whether the
// person may change each piece of work it changes.

// Kinds of work that can show a library picture.
const (
	UseArticle = "article"
	UsePage    = "page"
	UseAuthor  = "author"
	UseSetting = "setting"
)

// PictureUse is one place a library picture is shown or chosen.
type PictureUse struct {
	Kind      string // UseArticle, UsePage, UseAuthor or UseSetting
	ID        int64  // the article, page or author; 0 for a setting
	Title     string // the headline, page title, author's name or setting's key
	Where     string // what the picture is there: "lead picture", "body", "photo", …
	Published bool   // readers see it now (an article's live version, a page, a byline)
}

// assetPatterns are LIKE patterns that find the asset's number in the JSON
// of an image ("Asset":N) or a body's image block ("asset":N); a match is
// confirmed by decoding, since a number in a caption matches too.
func assetPatterns(asset int64) []any {
	n := strconv.FormatInt(asset, 10)
	return []any{`%"Asset":` + n + `,%`, `%"Asset":` + n + `}%`, `%"asset":` + n + `,%`, `%"asset":` + n + `}%`}
}

// likeAsset is a WHERE condition: col holds one of assetPatterns.
func likeAsset(col string) string {
	return "(" + col + " LIKE $1 OR " + col + " LIKE $2 OR " + col + " LIKE $3 OR " + col + " LIKE $4)"
}

// AssetUses lists every place the picture asset is used: articles (their
// live version's lead, sharing and body pictures, and their pending
// changes), static pages' bodies, authors' photos, and the site settings
// that hold a media number (keys "site.…_media", such as site.logo_media).
func (s *Store) AssetUses(ctx context.Context, asset int64) ([]PictureUse, error) {
	out, err := assetUses(ctx, s.read, asset)
	if err != nil {
		return nil, fmt.Errorf("store.AssetUses: %w", err)
	}
	return out, nil
}

func assetUses(ctx context.Context, q querier, asset int64) ([]PictureUse, error) {
	var out []PictureUse
	like := assetPatterns(asset)
	rows, err := q.QueryContext(ctx, `SELECT id, headline, status, COALESCE(lead_image, ''), COALESCE(social_image, ''), body
		FROM articles WHERE `+likeAsset("lead_image")+` OR `+likeAsset("social_image")+` OR `+likeAsset("body")+` ORDER BY id`, like...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var headline, status, lead, social, body string
		if err := rows.Scan(&id, &headline, &status, &lead, &social, &body); err != nil {
			rows.Close()
			return nil, err
		}
		for _, where := range pictureRoles(asset, lead, social, body) {
			out = append(out, PictureUse{Kind: UseArticle, ID: id, Title: headline, Where: where, Published: status == string(news.Published)})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = q.QueryContext(ctx, `SELECT p.article_id, a.headline, p.content FROM article_pending p
		JOIN articles a ON a.id = p.article_id WHERE `+likeAsset("p.content")+` ORDER BY p.article_id`, like...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var headline, content string
		if err := rows.Scan(&id, &headline, &content); err != nil {
			rows.Close()
			return nil, err
		}
		var art news.Article
		if json.Unmarshal([]byte(content), &art) != nil {
			continue
		}
		if art.LeadImage != nil && art.LeadImage.Asset == asset || art.SocialImage != nil && art.SocialImage.Asset == asset || inBody(asset, art.Body) {
			out = append(out, PictureUse{Kind: UseArticle, ID: id, Title: headline, Where: "pending changes"})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = q.QueryContext(ctx, `SELECT id, title, body FROM pages WHERE `+likeAsset("body")+` ORDER BY id`, like...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var title, body string
		if err := rows.Scan(&id, &title, &body); err != nil {
			rows.Close()
			return nil, err
		}
		var doc blocks.Document
		if json.Unmarshal([]byte(body), &doc) == nil && inBody(asset, doc) {
			out = append(out, PictureUse{Kind: UsePage, ID: id, Title: title, Where: "body", Published: true})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = q.QueryContext(ctx, `SELECT id, name, photo FROM authors WHERE `+likeAsset("photo")+` ORDER BY name, id`, like...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var name, photo string
		if err := rows.Scan(&id, &name, &photo); err != nil {
			rows.Close()
			return nil, err
		}
		var img news.Image
		if json.Unmarshal([]byte(photo), &img) == nil && img.Asset == asset {
			out = append(out, PictureUse{Kind: UseAuthor, ID: id, Title: name, Where: "photo", Published: true})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = q.QueryContext(ctx, `SELECT key FROM settings WHERE key LIKE 'site.%' AND key LIKE '%\_media' ESCAPE '\'
		AND TRIM(value) = $1 ORDER BY key`, strconv.FormatInt(asset, 10))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var key string
		if err := rows.Scan(&key); err != nil {
			rows.Close()
			return nil, err
		}
		if strings.HasPrefix(key, "site.") && strings.HasSuffix(key, "_media") { // SQLite's LIKE ignores case
			out = append(out, PictureUse{Kind: UseSetting, Title: key, Where: "setting", Published: true})
		}
	}
	rows.Close()
	return out, rows.Err()
}

// pictureRoles decodes an article's picture columns and says what the asset
// is in it: its lead picture, sharing picture, a picture in its body.
func pictureRoles(asset int64, lead, social, body string) []string {
	var out []string
	for _, col := range []struct{ json, where string }{{lead, "lead picture"}, {social, "sharing picture"}} {
		var img news.Image
		if col.json != "" && json.Unmarshal([]byte(col.json), &img) == nil && img.Asset == asset {
			out = append(out, col.where)
		}
	}
	var doc blocks.Document
	if json.Unmarshal([]byte(body), &doc) == nil && inBody(asset, doc) {
		out = append(out, "body")
	}
	return out
}

func inBody(asset int64, doc blocks.Document) bool {
	for _, b := range doc {
		if b.Type == blocks.TypeImage && b.Asset == asset {
			return true
		}
	}
	return false
}
