package store_test

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// finishWork makes up renditions for the pending asset id as the media
// worker would record them.
func finishWork(t *testing.T, st *store.Store, id int64, width int) {
	t.Helper()
	ctx := context.Background()
	w, ok, err := st.ClaimAssetWork(ctx, "test-worker", time.Minute)
	if err != nil || !ok || w.Asset.ID != id {
		t.Fatalf("claiming asset %d: %+v %v %v", id, w.Asset, ok, err)
	}
	rs := []news.Rendition{{Format: "jpeg", Width: width, Height: width / 2, Key: "r/test-" + strconv.Itoa(width) + ".jpg", Bytes: 100}}
	if err := st.FinishAssetWork(ctx, id, "test-worker", rs); err != nil {
		t.Fatal(err)
	}
}

// TestRenditionsAreNeverStale: a picture's renditions are remembered between
// reads, and every change to them is seen at once.
func TestRenditionsAreNeverStale(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		checkRenditionsFollowChanges(t, st, st)
	})
}

// TestRenditionsAreNeverStaleAcrossNodes: a node that had a picture's
// renditions remembered sees the ones another node makes.
func TestRenditionsAreNeverStaleAcrossNodes(t *testing.T) {
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
	checkRenditionsFollowChanges(t, nodes[0], nodes...)
}

func checkRenditionsFollowChanges(t *testing.T, st *store.Store, readers ...*store.Store) {
	ctx := context.Background()
	a := news.Asset{Name: "harbour.jpg", Type: "image/jpeg", Bytes: 1000, Width: 2000, Height: 1000, State: news.AssetPending}
	if err := st.CreateAsset(ctx, &a, "originals/harbour.jpg"); err != nil {
		t.Fatal(err)
	}
	widthSeen := func(r *store.Store) int {
		got, err := r.Asset(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Renditions) == 0 {
			return 0
		}
		return got.Renditions[0].Width
	}
	waitWidth := func(want int) {
		t.Helper()
		for i, r := range readers {
			deadline := time.Now().Add(2 * time.Second)
			for widthSeen(r) != want {
				if time.Now().After(deadline) {
					t.Fatalf("node %d still shows width %d, want %d", i+1, widthSeen(r), want)
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
	}
	waitWidth(0) // pending: remembered as having none
	finishWork(t, st, a.ID, 640)
	waitWidth(640)
	// A moved focal point sends the picture back to the worker, which
	// replaces its renditions.
	a.FocusX, a.FocusY = 0.2, 0.3
	if err := st.UpdateAsset(ctx, &a); err != nil {
		t.Fatal(err)
	}
	finishWork(t, st, a.ID, 480)
	waitWidth(480)
}
