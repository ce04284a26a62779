package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"masthead/internal/news"
	"masthead/internal/store"
)

// Run makes renditions until ctx ends: whatever is pending now (left by a
// restart, or by a node that died), then each new upload as it is woken, and
// every Poll for work queued on other nodes.
func (l *Library) Run(ctx context.Context) {
	t := time.NewTicker(l.opts.Poll)
	defer t.Stop()
	for {
		if _, err := l.ProcessPending(ctx); err != nil && ctx.Err() == nil {
			l.log.Error("media worker", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-l.wake:
		case <-t.C:
		}
	}
}

// ProcessPending makes the renditions of every pending asset it can claim,
// Options.Workers at a time, and returns how many it finished.
func (l *Library) ProcessPending(ctx context.Context) (int, error) {
	if l.opts.Workers <= 1 {
		return l.drain(ctx)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	done, first := 0, error(nil)
	for range l.opts.Workers {
		wg.Go(func() {
			n, err := l.drain(ctx)
			mu.Lock()
			defer mu.Unlock()
			done += n
			if first == nil {
				first = err
			}
		})
	}
	wg.Wait()
	return done, first
}

// drain makes the renditions of pending assets one after another until it
// finds none to claim.
func (l *Library) drain(ctx context.Context) (int, error) {
	done := 0
	for ctx.Err() == nil {
		w, ok, err := l.store.ClaimAssetWork(ctx, l.worker, l.opts.Lease)
		if err != nil {
			return done, err
		}
		if !ok {
			return done, nil
		}
		start := time.Now()
		err = l.process(ctx, w)
		switch {
		case errors.Is(err, store.ErrWorkLost):
			l.log.Info("media: renditions superseded", "asset", w.Asset.ID)
		case err != nil && ctx.Err() != nil:
			return done, ctx.Err() // stopping: the lease runs out and another run takes it
		case err != nil:
			l.log.Error("media: renditions failed", "asset", w.Asset.ID, "err", err)
			if ferr := l.store.FailAssetWork(context.WithoutCancel(ctx), w.Asset.ID, l.worker, err.Error(), 3, time.Minute); ferr != nil {
				return done, ferr
			}
		default:
			done++
			if l.opts.OnReady != nil {
				l.opts.OnReady(w.Asset.ID)
			}
			l.log.Debug("media: renditions made", "asset", w.Asset.ID, "duration", time.Since(start).Round(time.Millisecond))
		}
	}
	return done, ctx.Err()
}

// process makes and stores one asset's renditions from its original.
func (l *Library) process(ctx context.Context, w store.AssetWork) error {
	obj, err := l.files.Open(ctx, w.OriginalKey)
	if err != nil {
		return fmt.Errorf("opening the original: %w", err)
	}
	data, err := io.ReadAll(obj)
	obj.Close()
	if err != nil {
		return fmt.Errorf("reading the original: %w", err)
	}
	var memoKey string
	out, ok := []made(nil), false
	if l.opts.Memo != nil {
		memoKey = l.opts.Memo.key(data, w.Asset.FocusX, w.Asset.FocusY, l.opts)
		out, ok = l.opts.Memo.get(memoKey)
	}
	if !ok {
		if out, err = l.makeRenditions(ctx, w.Asset, data); err != nil {
			return err
		}
		if l.opts.Memo != nil {
			l.opts.Memo.put(memoKey, out)
		}
	}
	rs := make([]news.Rendition, len(out))
	for i, m := range out {
		if err := l.files.Put(ctx, m.Key, m.data, m.ctype); err != nil {
			return err
		}
		rs[i] = m.Rendition
	}
	if err := l.store.FinishAssetWork(ctx, w.Asset.ID, l.worker, rs); err != nil {
		return err
	}
	// The renditions made before (of a replaced file, or crops around a
	// moved focal point) are no longer named: remove their files unless
	// another picture made from the same bytes still uses them.
	var stale []string
	for _, old := range w.Asset.Renditions {
		if !slices.ContainsFunc(rs, func(r news.Rendition) bool { return r.Key == old.Key }) {
			stale = append(stale, old.Key)
		}
	}
	if len(stale) > 0 {
		unused, err := l.store.UnusedKeys(ctx, stale)
		if err != nil {
			l.log.Warn("media worker: cannot tell which old renditions are unused", "asset", w.Asset.ID, "err", err)
			return nil
		}
		l.removeFiles(context.WithoutCancel(ctx), unused)
	}
	return nil
}

// makeRenditions decodes an original and makes its renditions, holding its
// share of the budget while it does: the decoded picture and every frame
// made from it are let go by the time it returns.
func (l *Library) makeRenditions(ctx context.Context, a news.Asset, data []byte) ([]made, error) {
	k, ok := kinds[a.Type]
	if !ok {
		return nil, fmt.Errorf("an original of type %q", a.Type)
	}
	cfg, err := k.config(data)
	if err != nil {
		return nil, fmt.Errorf("reading the original's header: %w", err)
	}
	p := l.plan(a.Type, data, cfg)
	if p.cost > l.budget.Total() {
		// Stored before uploads were checked against the budget, or the
		// budget was lowered since: it cannot be made within it.
		return nil, fmt.Errorf("making the renditions would take about %d MB of memory, over the %d MB set aside", mb(p.cost), mb(l.budget.Total()))
	}
	release, err := l.budget.acquire(ctx, p.cost+int64(len(data)))
	if err != nil {
		return nil, err
	}
	out, err := l.renditionsFrom(ctx, a, data, p)
	release() // after renditionsFrom, which let go of every picture
	return out, err
}

// renditionsFrom decodes an original and makes its renditions.
func (l *Library) renditionsFrom(ctx context.Context, a news.Asset, data []byte, p work) ([]made, error) {
	var pic picture
	var err error
	if p.firstFrame {
		err = errors.New("over the limits for animations")
	} else {
		pic, err = decodeAll(a.Type, data, a.Name, l.opts.MaxAnimationPixels)
	}
	if err != nil && a.Type == "image/gif" {
		// Stored before Ingest checked every frame, or over limits
		// lowered since: it keeps its first frame, as it had.
		l.log.Warn("media: keeping a GIF's first frame only", "asset", a.ID, "err", err)
		pic, err = firstGIFFrame(data)
	}
	if err != nil {
		return nil, err
	}
	img := pic.still()
	pic.img = nil // render lets go of the original once it has the widest size
	if a.Type == "image/jpeg" {
		img = orient(img, jpegOrientation(data))
	}
	out, err := l.render(ctx, img, a)
	if err != nil {
		return nil, err
	}
	if pic.animated() {
		anim, err := l.renderAnimated(ctx, pic.gif)
		if err != nil {
			return nil, err
		}
		out = append(out, anim...)
	}
	return out, nil
}
