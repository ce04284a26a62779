package media

import (
	"context"
	"runtime"
	"runtime/debug"
	"sync"
)

// Budget is the memory that pictures being read and resized may hold at
// once, shared by the upload checks and every worker of a process: a picture
// of 50 megapixels is 200 MB once decoded, so a few uploads at once, or
// several workers, would otherwise add up to gigabytes. Each piece of work
// states what it will hold (see cost.go) and waits its turn, first come first
// served, so a large picture is not starved by a stream of small ones.
type Budget struct {
	mu    sync.Mutex
	total int64
	used  int64
	queue []*budgetWaiter
	// big is true while work of bigWork bytes or more has run since the
	// budget was last idle.
	big bool
}

type budgetWaiter struct {
	n     int64
	ready chan struct{}
}

// bigWork is the size of work after which the memory it held is handed back
// to the system once the budget is idle: the Go heap keeps freed memory for
// a while, and a server that has just made the renditions of one large
// picture would otherwise stay hundreds of megabytes larger than it needs.
const bigWork = 64 << 20

// NewBudget returns a budget of total bytes.
func NewBudget(total int64) *Budget { return &Budget{total: total} }

// Total is the most the budget lets work hold at once.
func (b *Budget) Total() int64 { return b.total }

// acquire waits until n bytes are free and takes them, or returns ctx's
// error. n must not be over Total; callers refuse such work instead. The
// caller lets go of everything the work allocated before it calls release.
func (b *Budget) acquire(ctx context.Context, n int64) (release func(), err error) {
	n = max(0, min(n, b.total))
	b.mu.Lock()
	if len(b.queue) == 0 && b.used+n <= b.total {
		b.take(n)
		b.mu.Unlock()
		return b.releaser(n), nil
	}
	w := &budgetWaiter{n: n, ready: make(chan struct{})}
	b.queue = append(b.queue, w)
	b.mu.Unlock()
	select {
	case <-w.ready:
		return b.releaser(n), nil
	case <-ctx.Done():
		b.mu.Lock()
		defer b.mu.Unlock()
		select {
		case <-w.ready: // granted as ctx ended: give it back
			b.used -= n
			b.grant()
		default:
			for i, q := range b.queue {
				if q == w {
					b.queue = append(b.queue[:i], b.queue[i+1:]...)
					break
				}
			}
			b.grant() // the head may have changed
		}
		return nil, ctx.Err()
	}
}

func (b *Budget) take(n int64) {
	b.used += n
	if n >= bigWork {
		b.big = true
	}
}

// grant admits waiters in order while they fit. Called with mu held.
func (b *Budget) grant() {
	for len(b.queue) > 0 && b.used+b.queue[0].n <= b.total {
		w := b.queue[0]
		b.queue = b.queue[1:]
		b.take(w.n)
		close(w.ready)
	}
}

func (b *Budget) releaser(n int64) func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			if n >= bigWork {
				// Free this work's pixels before the next work takes their
				// place: the soft memory limit alone lets a heap full of
				// garbage grow by a whole picture before it collects.
				runtime.GC()
			}
			b.mu.Lock()
			b.used -= n
			b.grant()
			idle := b.used == 0 && b.big
			if idle {
				b.big = false
			}
			b.mu.Unlock()
			if idle {
				debug.FreeOSMemory()
			}
		})
	}
}
