package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/cachekey"
	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// newAsset records a 1200 × 800 picture in the library, pending.
func newAsset(t *testing.T, st *store.Store, alt string) news.Asset {
	t.Helper()
	a := news.Asset{Name: "harbour.jpg", Type: "image/jpeg", Bytes: 1000, Width: 1200, Height: 800, Alt: alt}
	if err := st.CreateAsset(context.Background(), &a, "originals/"+fmt.Sprint(time.Now().UnixNano())+".jpg"); err != nil {
		t.Fatal(err)
	}
	return a
}

// makeRenditions does a worker's job for the oldest pending asset, which
// must be id: two widths in JPEG and WebP.
func makeRenditions(t *testing.T, st *store.Store, id int64) {
	t.Helper()
	ctx := context.Background()
	w, ok, err := st.ClaimAssetWork(ctx, "test", time.Minute)
	if err != nil || !ok || w.Asset.ID != id {
		t.Fatalf("claim: %v %v %+v, want asset %d", ok, err, w.Asset, id)
	}
	var rs []news.Rendition
	for _, width := range []int{640, 1200} {
		for _, f := range []string{"jpeg", "webp"} {
			ext := map[string]string{"jpeg": "jpg", "webp": "webp"}[f]
			rs = append(rs, news.Rendition{Format: f, Width: width, Height: width * 2 / 3,
				Key: fmt.Sprintf("r/a%d-%d.%s", id, width, ext), Bytes: 100})
		}
	}
	if err := st.FinishAssetWork(ctx, id, "test", rs); err != nil {
		t.Fatal(err)
	}
}

// TestBodyPictures: an image block may show a library picture. A picture
// not in the library is refused at any save; one with no alt text (in the
// block or the library) stops publishing, by name; read back, the block
// has the current renditions and the library's words where it has none of
// its own, and only the number and its own words are stored.
func TestBodyPictures(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		f := newFixture(t, st)
		pic := newAsset(t, st, "")

		a := article("Boats return to the harbour", f.world, f.ana)
		a.Body = append(a.Body, blocks.AssetImage(pic.ID, "", "The fleet at dawn.", ""))
		err := st.SaveArticle(ctx, a)
		if e := fieldError(err); e == nil || e.Field != "body" || !strings.Contains(e.Message, fmt.Sprintf("picture %d needs alt text", pic.ID)) ||
			!strings.Contains(e.Message, "Block 2") {
			t.Fatalf("publishing with a body picture without alt text: %v", err)
		}
		if err := st.CheckPublishable(ctx, *a); fieldError(err) == nil {
			t.Errorf("CheckPublishable passes a body picture without alt text")
		}
		a.Status = news.Draft
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatalf("a draft may wait for alt text: %v", err)
		}
		a.Body[1].Alt = "Fishing boats at the quay"
		if err := st.CheckPublishable(ctx, *a); err != nil {
			t.Errorf("CheckPublishable with the block's own alt text: %v", err)
		}
		a.Body[1].Alt = ""

		unknown := *a
		unknown.ID, unknown.Slug = 0, "unknown-picture"
		unknown.Body = blocks.Document{blocks.P(blocks.T("x")), blocks.AssetImage(pic.ID+100, "Alt", "", "")}
		for name, save := range map[string]func() error{
			"SaveArticle":    func() error { return st.SaveArticle(ctx, &unknown) },
			"SaveEdit":       func() error { _, err := st.SaveEdit(ctx, store.Edit{Article: &unknown}); return err },
			"ImportArticles": func() error { return st.ImportArticles(ctx, []news.Article{unknown}) },
		} {
			err := save()
			if e := fieldError(err); e == nil || e.Field != "body" || !strings.Contains(e.Message, fmt.Sprintf("no picture %d in the media library", pic.ID+100)) {
				t.Errorf("%s with a picture not in the library: %v", name, err)
			}
		}

		// Until the renditions are made there is nothing to show.
		got, err := st.ArticleByID(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Body[1].Picture != nil || strings.Contains(string(got.Body.HTML()), "<picture>") {
			t.Errorf("a picture without renditions shows: %+v", got.Body[1].Picture)
		}
		makeRenditions(t, st, pic.ID)
		pic.Alt, pic.Credit = "Boats moored at the quay", "Photo: Courier"
		if err := st.UpdateAsset(ctx, &pic); err != nil {
			t.Fatal(err)
		}
		a.Status = news.Published
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatalf("publishing once the library has alt text: %v", err)
		}

		kctx, keys := cachekey.With(ctx)
		got, err = st.ArticleBySlug(kctx, a.Slug)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(keys.Keys(), cachekey.Asset(pic.ID)) {
			t.Errorf("reading the article records %v, not %s", keys.Keys(), cachekey.Asset(pic.ID))
		}
		p := got.Body[1].Picture
		if p == nil || p.Width != 1200 || p.Height != 800 || len(p.JPEG) != 2 || len(p.WebP) != 2 ||
			p.JPEG[1].URL != fmt.Sprintf("/media/r/a%d-1200.jpg", pic.ID) || p.Alt != "Boats moored at the quay" {
			t.Fatalf("the block's picture: %+v", p)
		}
		if b := got.Body[1]; b.Alt != "" || b.Credit != "" || b.Caption != "The fleet at dawn." {
			t.Errorf("the block's own words changed on reading: %+v", b)
		}
		html := string(got.Body.HTML())
		for _, want := range []string{`<picture><source type="image/webp"`, `alt="Boats moored at the quay" loading="lazy"`,
			`<figcaption>The fleet at dawn. <small class="credit">Photo: Courier</small></figcaption>`} {
			if !strings.Contains(html, want) {
				t.Errorf("the body lacks %s:\n%s", want, html)
			}
		}
		rows, err := st.TableRows(ctx, "articles")
		if err != nil {
			t.Fatal(err)
		}
		stored := fmt.Sprint(rows)
		if want := fmt.Sprintf(`{"type":"image","asset":%d,"caption":"The fleet at dawn."}`, pic.ID); !strings.Contains(stored, want) ||
			strings.Contains(stored, "/media/r/") || strings.Contains(stored, "Boats moored") {
			t.Errorf("the stored body holds more than the picture's number and the block's words:\n%s", stored)
		}

		// The bodies a feed reads have their pictures resolved too.
		bodies, err := st.ArticleBodies(ctx, []int64{a.ID})
		if err != nil {
			t.Fatal(err)
		}
		if bodies[a.ID][1].Picture == nil {
			t.Error("ArticleBodies leaves the library picture unresolved")
		}
	})
}

// TestAssetEditsAnnounced: a change to a picture's words is announced under
// its key, so every cached page showing it is dropped.
func TestAssetEditsAnnounced(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		pic := newAsset(t, st, "Boats")
		var mu sync.Mutex
		var heard []string
		st.Subscribe(func(keys []string, local bool) {
			mu.Lock()
			heard = append(heard, keys...)
			mu.Unlock()
		})
		pic.Alt = "Boats moored at the quay"
		if err := st.UpdateAsset(ctx, &pic); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		if !slices.Contains(heard, cachekey.Asset(pic.ID)) {
			t.Errorf("an alt text edit announced %v, not %s", heard, cachekey.Asset(pic.ID))
		}
		missing := news.Asset{ID: pic.ID + 1, FocusX: 0.5, FocusY: 0.5}
		if err := st.UpdateAsset(ctx, &missing); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("updating a picture that does not exist: %v", err)
		}
	})
}

// TestLeadPictureTakesLaterLibraryWords: a lead picture saved before the
// library had its words shows them once they are written there.
func TestLeadPictureTakesLaterLibraryWords(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newFixture(t, st)
		pic := newAsset(t, st, "")
		a := article("Quay repairs begin", f.world, f.ana)
		a.Status, a.LeadImage = news.Draft, &news.Image{Asset: pic.ID}
		if err := st.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		makeRenditions(t, st, pic.ID)
		pic.Caption = "Scaffolding on the old quay."
		if err := st.UpdateAsset(ctx, &pic); err != nil {
			t.Fatal(err)
		}
		got, err := st.ArticleByID(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.LeadImage == nil || got.LeadImage.Caption != "Scaffolding on the old quay." || got.LeadImage.Src == "" {
			t.Errorf("lead picture %+v, want the library's later caption", got.LeadImage)
		}
	})
}

func fieldError(err error) *news.Error {
	if news.ErrorCode(err) != news.EINVALID {
		return nil
	}
	var e *news.Error
	if !errors.As(err, &e) {
		return nil
	}
	return e
}
