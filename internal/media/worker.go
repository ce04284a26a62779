package media

import (
	"context"
	"errors"
	"fmt"
	"io"
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
		pic, err := decodeAll(w.Asset.Type, data, w.Asset.Name, l.opts.MaxAnimationPixels)
		if err != nil && w.Asset.Type == "image/gif" {
			// Stored before Ingest checked every frame, or over limits
			// lowered since: it keeps its first frame, as it had.
			l.log.Warn("media: keeping a GIF's first frame only", "asset", w.Asset.ID, "err", err)
			pic, err = firstGIFFrame(data)
		}
		if err != nil {
			return err
		}
		img := pic.still()
		if w.Asset.Type == "image/jpeg" {
			img = orient(img, jpegOrientation(data))
		}
		if out, err = l.render(ctx, img, w.Asset); err != nil {
			return err
		}
		if pic.animated() {
			anim, err := l.renderAnimated(ctx, pic.gif)
			if err != nil {
				return err
			}
			out = append(out, anim...)
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
	return l.store.FinishAssetWork(ctx, w.Asset.ID, l.worker, rs)
}
