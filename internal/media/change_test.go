package media_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/store"
)

// keysOf lists the storage keys of an asset: its original and renditions.
func keysOf(t *testing.T, st *store.Store, a news.Asset) []string {
	t.Helper()
	orig, err := st.AssetOriginalKey(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{orig}
	for _, r := range a.Renditions {
		keys = append(keys, r.Key)
	}
	return keys
}

func exists(files media.Storage, key string) bool {
	obj, err := files.Open(context.Background(), key)
	if err != nil {
		return false
	}
	obj.Close()
	return true
}

// TestDeleteAndReplaceRemoveTheirFiles (issue 15, item 7): deleting a
// picture removes its original and renditions from storage, on disk and on
// S3, but not a file another picture made from the same bytes still
// needs; a picture in use is refused and keeps everything; replacing a
// picture's file keeps its number and words, makes its renditions again and
// removes the old files once the new ones are made.
func TestDeleteAndReplaceRemoveTheirFiles(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		eachStorage(t, func(t *testing.T, files media.Storage) {
			ctx := context.Background()
			lib := media.New(st, files, media.Options{Widths: []int{320}, Crops: []media.Crop{}})
			wide := photo(t, 800, 450)
			a, err := lib.Ingest(ctx, bytes.NewReader(wide), "quay.jpg")
			if err != nil {
				t.Fatal(err)
			}
			twin, err := lib.Ingest(ctx, bytes.NewReader(wide), "quay-again.jpg")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := lib.ProcessPending(ctx); err != nil {
				t.Fatal(err)
			}
			a, _ = st.Asset(ctx, a.ID)
			twin, _ = st.Asset(ctx, twin.ID)
			a.Alt, a.Caption = "The quay at dawn", "The quay."
			if err := st.UpdateAsset(ctx, &a); err != nil {
				t.Fatal(err)
			}
			old := keysOf(t, st, a)
			if len(old) < 2 {
				t.Fatalf("no renditions made: %v", old)
			}

			// Replace: a refused file changes nothing.
			if _, err := lib.Replace(ctx, a.ID, bytes.NewReader([]byte("not a picture")), "notes.jpg"); news.ErrorCode(err) != news.EINVALID {
				t.Fatalf("replacing with a text file: %v, want EINVALID", err)
			}
			if k, _ := st.AssetOriginalKey(ctx, a.ID); k != old[0] || !exists(files, old[0]) {
				t.Fatal("a refused replacement changed the picture's original")
			}
			got, err := lib.Replace(ctx, a.ID, bytes.NewReader(photo(t, 300, 400)), "tall.jpg")
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != a.ID || got.Alt != "The quay at dawn" || got.Caption != "The quay." || got.Width != 300 || got.Height != 400 || got.State != news.AssetPending {
				t.Errorf("after replacing: %+v", got)
			}
			if exists(files, old[0]) {
				t.Error("the replaced original is still stored")
			}
			if len(got.Renditions) == 0 {
				t.Error("the old renditions went before the new ones were made: pages would lose the picture")
			}
			if _, err := lib.ProcessPending(ctx); err != nil {
				t.Fatal(err)
			}
			got, _ = st.Asset(ctx, a.ID)
			if got.State != news.AssetReady || got.Renditions[0].Height <= got.Renditions[0].Width {
				t.Errorf("the new renditions: %+v", got.Renditions)
			}
			// The old renditions are the twin's too: they stay while it needs them.
			for _, k := range old[1:] {
				if !exists(files, k) {
					t.Errorf("%s was removed though picture %d still uses it", k, twin.ID)
				}
			}

			// Delete: refused while an author's photo is the picture.
			au := news.Author{Name: fmt.Sprintf("Ana Ortiz of %s", path.Base(t.Name())), Photo: &news.Image{Asset: a.ID}}
			if err := st.CreateAuthor(ctx, &au); err != nil {
				t.Fatal(err)
			}
			var inUse *store.InUseError
			if err := lib.Delete(ctx, a.ID); !errors.As(err, &inUse) || len(inUse.Uses) != 1 || inUse.Uses[0].Kind != store.UseAuthor {
				t.Fatalf("deleting an author's photo: %v, want refused naming the author", err)
			}
			now := keysOf(t, st, got)
			for _, k := range now {
				if !exists(files, k) {
					t.Errorf("a refused delete removed %s", k)
				}
			}
			au.Photo = nil
			if err := st.UpdateAuthor(ctx, &au); err != nil {
				t.Fatal(err)
			}
			if err := lib.Delete(ctx, a.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := st.Asset(ctx, a.ID); news.ErrorCode(err) != news.ENOTFOUND {
				t.Errorf("the deleted picture: %v", err)
			}
			for _, k := range now {
				if exists(files, k) {
					t.Errorf("%s is still stored after the delete", k)
				}
			}
			// The twin's files go with the last picture that uses them.
			if err := lib.Delete(ctx, twin.ID); err != nil {
				t.Fatal(err)
			}
			for _, k := range old[1:] {
				if exists(files, k) {
					t.Errorf("%s is still stored after both pictures were deleted", k)
				}
			}
			if err := lib.Delete(ctx, twin.ID); news.ErrorCode(err) != news.ENOTFOUND {
				t.Errorf("deleting it again: %v, want ENOTFOUND", err)
			}
		})
	})
}
