package store_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"masthead/internal/blocks"
	"masthead/internal/dbtest"
	"masthead/internal/store"
)

// TestPicturesAreNeverStale: the pictures pages show are remembered between
// reads, and every change to them is seen at once.
func TestPicturesAreNeverStale(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		checkPicturesFollowChanges(t, st, st)
	})
}

// TestPicturesAreNeverStaleAcrossNodes: a node that remembers a picture sees
// the renditions and words another node records.
func TestPicturesAreNeverStaleAcrossNodes(t *testing.T) {
	dsn := dbtest.PostgresDSN(t)
	ctx := context.Background()
	var nodes []*store.Store
	for range 2 {
		st, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if err := st.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		nodes = append(nodes, st)
	}
	lctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { nodes[1].Listen(lctx, slog.New(slog.NewTextHandler(io.Discard, nil))); close(done) }()
	defer func() { cancel(); <-done }()
	for deadline := time.Now().Add(5 * time.Second); !nodes[1].Listening(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the second node never listened")
		}
	}
	checkPicturesFollowChanges(t, nodes[0], nodes...)
}

// checkPicturesFollowChanges changes a picture in a published article's body
// through st and checks that each reader's article page shows each change:
// its renditions once made, and the library's alt text, which the block
// leaves to the library.
func checkPicturesFollowChanges(t *testing.T, st *store.Store, readers ...*store.Store) {
	ctx := context.Background()
	dbtest.SetClock(st, t0)
	f := newFixture(t, st)
	pic := newAsset(t, st, "Boats at the quay")
	a := article("Boats return to the harbour", f.world, f.ana)
	a.Body = append(a.Body, blocks.AssetImage(pic.ID, "", "", ""))
	if err := st.SaveArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	shown := func(r *store.Store) string {
		got, err := r.ArticleByID(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		p := got.Body[1].Picture
		if p == nil || len(p.JPEG) == 0 {
			return "no picture"
		}
		return p.JPEG[len(p.JPEG)-1].URL + " " + p.Alt
	}
	wait := func(want string) {
		t.Helper()
		for i, r := range readers {
			deadline := time.Now().Add(2 * time.Second)
			for shown(r) != want {
				if time.Now().After(deadline) {
					t.Fatalf("node %d shows %q, want %q", i+1, shown(r), want)
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
	}
	wait("no picture") // renditions pending: remembered as none
	makeRenditions(t, st, pic.ID)
	src := fmt.Sprintf("/media/r/a%d-1200.jpg", pic.ID)
	wait(src + " Boats at the quay")
	pic.Alt = "Fishing boats moored at the quay"
	if err := st.UpdateAsset(ctx, &pic); err != nil {
		t.Fatal(err)
	}
	wait(src + " Fishing boats moored at the quay")
}
