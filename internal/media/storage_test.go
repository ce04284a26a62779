package media_test

import (
	"context"
	"io"
	"testing"

	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/s3test"
)

// eachStorage runs fn on media storage in a folder and in an S3 bucket.
func eachStorage(t *testing.T, fn func(t *testing.T, files media.Storage)) {
	t.Helper()
	t.Run("disk", func(t *testing.T) {
		files, err := media.OpenStorage(context.Background(), "", t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		fn(t, files)
	})
	t.Run("s3", func(t *testing.T) {
		files, err := media.OpenStorage(context.Background(), s3test.Start(t), "")
		if err != nil {
			t.Fatal(err)
		}
		fn(t, files)
	})
}

func TestStorage(t *testing.T) {
	eachStorage(t, func(t *testing.T, files media.Storage) {
		ctx := context.Background()
		if _, err := files.Open(ctx, "r/missing.jpg"); news.ErrorCode(err) != news.ENOTFOUND {
			t.Fatalf("opening a missing file: %v, want not found", err)
		}
		want := []byte("not really a picture, but bytes all the same")
		if err := files.Put(ctx, "r/1-w320-abc.jpg", want, "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		obj, err := files.Open(ctx, "r/1-w320-abc.jpg")
		if err != nil {
			t.Fatal(err)
		}
		if obj.Size() != int64(len(want)) || obj.ModTime().IsZero() {
			t.Errorf("size %d, modified %v; want %d and a time", obj.Size(), obj.ModTime(), len(want))
		}
		if _, err := obj.Seek(4, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(obj)
		obj.Close()
		if err != nil || string(got) != string(want[4:]) {
			t.Fatalf("read %q, %v; want %q", got, err, want[4:])
		}
		if err := files.Put(ctx, "r/1-w320-abc.jpg", []byte("second"), "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		if got := readKey(t, files, "r/1-w320-abc.jpg"); string(got) != "second" {
			t.Errorf("after a second Put: %q", got)
		}
		if err := files.Delete(ctx, "r/1-w320-abc.jpg"); err != nil {
			t.Fatal(err)
		}
		if _, err := files.Open(ctx, "r/1-w320-abc.jpg"); news.ErrorCode(err) != news.ENOTFOUND {
			t.Fatalf("opening a deleted file: %v, want not found", err)
		}
		if err := files.Delete(ctx, "r/1-w320-abc.jpg"); err != nil {
			t.Errorf("deleting twice: %v", err)
		}
		for _, bad := range []string{"../etc/passwd", "r/../../x", "/abs", "r//x", ".hidden", "r/a b.jpg", ""} {
			if err := files.Put(ctx, bad, want, "image/jpeg"); news.ErrorCode(err) != news.EINVALID {
				t.Errorf("Put(%q): %v, want refused", bad, err)
			}
			if _, err := files.Open(ctx, bad); news.ErrorCode(err) != news.ENOTFOUND {
				t.Errorf("Open(%q): %v, want not found", bad, err)
			}
		}
	})
}

func readKey(t *testing.T, files media.Storage, key string) []byte {
	t.Helper()
	obj, err := files.Open(context.Background(), key)
	if err != nil {
		t.Fatalf("open %s: %v", key, err)
	}
	defer obj.Close()
	b, err := io.ReadAll(obj)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOpenStorageRefusesOtherSchemes(t *testing.T) {
	for _, spec := range []string{"ftp://x", "s3://", "s3://bucket", "/some/dir"} {
		if _, err := media.OpenStorage(context.Background(), spec, t.TempDir()); news.ErrorCode(err) != news.EINVALID {
			t.Errorf("OpenStorage(%q): %v, want a clear refusal", spec, err)
		}
	}
}
