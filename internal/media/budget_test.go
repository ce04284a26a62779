package media

import (
	"context"
	"runtime"
	"testing"
)

// TestBudgetTakesTurns: work waits while the budget is spent and is let in,
// first come first served, as work finishes: a large piece is not passed by
// small ones that would fit; work that gives up waiting is taken out of the
// line.
func TestBudgetTakesTurns(t *testing.T) {
	b := NewBudget(100)
	ctx := context.Background()
	first, err := b.acquire(ctx, 60)
	if err != nil {
		t.Fatal(err)
	}
	order := make(chan string, 3)
	large := make(chan func())
	go func() {
		r, _ := b.acquire(ctx, 80)
		order <- "large"
		large <- r
	}()
	waitQueued(b, 1)
	cancelled, cancel := context.WithCancel(ctx)
	gaveUp := make(chan error)
	go func() {
		_, err := b.acquire(cancelled, 10)
		gaveUp <- err
	}()
	waitQueued(b, 2)
	cancel()
	if err := <-gaveUp; err != context.Canceled {
		t.Fatalf("work that stopped waiting: %v", err)
	}
	small := make(chan func())
	go func() {
		r, _ := b.acquire(ctx, 30) // fits beside the first, but the large one waits before it
		order <- "small"
		small <- r
	}()
	waitQueued(b, 2)
	first()
	releaseLarge := <-large
	releaseLarge()
	releaseSmall := <-small
	releaseSmall()
	if a, c := <-order, <-order; a != "large" || c != "small" {
		t.Errorf("let in %s then %s, want the large work first", a, c)
	}
	if b.used != 0 || len(b.queue) != 0 {
		t.Errorf("after all work: %d used, %d waiting", b.used, len(b.queue))
	}
}

// waitQueued waits until n pieces of work are waiting for b.
func waitQueued(b *Budget, n int) {
	for {
		b.mu.Lock()
		q := len(b.queue)
		b.mu.Unlock()
		if q == n {
			return
		}
		runtime.Gosched()
	}
}
