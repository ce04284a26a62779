package store_test

import (
	"context"
	"strconv"
	"testing"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// TestAssetUses (issue 15, item 7): every place a picture is used is found,
// the changes waiting on a live article among them, and nothing is found
// for a number that only appears in words, or for a setting that is not a
// site media key.
func TestAssetUses(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		pic, other := newAsset(t, st, "The quay"), newAsset(t, st, "Gulls")
		n := strconv.FormatInt(pic.ID, 10)
		sec := news.Section{Name: "Harbour"}
		au := news.Author{Name: "Ana Ortiz"}
		if err := st.CreateSection(ctx, &sec); err != nil {
			t.Fatal(err)
		}
		if err := st.CreateAuthor(ctx, &au); err != nil {
			t.Fatal(err)
		}
		live := news.Article{Headline: "Quay mended", Section: sec, Authors: []news.Author{au}, Status: news.Published,
			Body: blocks.Document{blocks.P(blocks.T("Picture " + n + " of the quay, in words only."))}, LeadImage: &news.Image{Asset: other.ID}}
		v, err := st.SaveEdit(ctx, store.Edit{Article: &live})
		if err != nil {
			t.Fatal(err)
		}
		if uses, _ := st.AssetUses(ctx, pic.ID); len(uses) != 0 {
			t.Errorf("a number in an article's words counted as a use: %+v", uses)
		}
		pending := live
		pending.Body = append(pending.Body, blocks.AssetImage(pic.ID, "", "", ""))
		if _, err := st.SaveEdit(ctx, store.Edit{Article: &pending, Base: v, Pending: true}); err != nil {
			t.Fatal(err)
		}
		draft := news.Article{Headline: "Gull numbers", Section: sec, Authors: []news.Author{au},
			Body: blocks.Document{blocks.P(blocks.T("Gulls."))}, SocialImage: &news.Image{Asset: pic.ID}}
		if _, err := st.SaveEdit(ctx, store.Edit{Article: &draft}); err != nil {
			t.Fatal(err)
		}
		for k, v := range map[string]string{"site.logo_media": n, "site.organisation_logo_media": " " + n + " ", "site.name": n, "mail.logo_media": n} {
			if err := st.SetSetting(ctx, k, v); err != nil {
				t.Fatal(err)
			}
		}
		uses, err := st.AssetUses(ctx, pic.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.PictureUse{
			{Kind: store.UseArticle, ID: draft.ID, Title: "Gull numbers", Where: "sharing picture"},
			{Kind: store.UseArticle, ID: live.ID, Title: "Quay mended", Where: "pending changes"},
			{Kind: store.UseSetting, Title: "site.logo_media", Where: "setting", Published: true},
			{Kind: store.UseSetting, Title: "site.organisation_logo_media", Where: "setting", Published: true},
		}
		if len(uses) != len(want) {
			t.Fatalf("uses: %+v, want %+v", uses, want)
		}
		for i := range want {
			if uses[i] != want[i] {
				t.Errorf("use %d: %+v, want %+v", i, uses[i], want[i])
			}
		}
	})
}
