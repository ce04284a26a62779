package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// AssetWork is an asset a worker has claimed, with where its original is.
type AssetWork struct {
	Asset       news.Asset
	OriginalKey string
}

// ErrWorkLost is returned when a worker finishes work that is no longer its
// own: its claim ran out and another node took it, or the focal point moved
// while it worked. The other node (or the next round) makes the renditions.
var ErrWorkLost = errors.New("store: the asset's work was claimed by someone else or changed meanwhile")

// ClaimAssetWork takes the oldest asset whose renditions are pending and not
// claimed by a live worker, for lease. Any node may call it: the claim is a
// conditional UPDATE, so two nodes never take the same asset, and a node that
// dies leaves work another takes over when the lease runs out. ok is false
// when there is nothing to do.
func (s *Store) ClaimAssetWork(ctx context.Context, worker string, lease time.Duration) (w AssetWork, ok bool, err error) {
	for range 5 {
		now := s.Now().Unix()
		var id int64
		err := s.read.QueryRowContext(ctx, `SELECT id FROM media_assets
			WHERE state = 'pending' AND claimed_until < $1 ORDER BY id LIMIT 1`, now).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return w, false, nil
		}
		if err != nil {
			return w, false, fmt.Errorf("store.ClaimAssetWork: %w", err)
		}
		res, err := s.write.ExecContext(ctx, `UPDATE media_assets SET claimed_by = $1, claimed_until = $2,
			attempts = attempts + 1 WHERE id = $3 AND state = 'pending' AND claimed_until < $4`,
			worker, now+int64(lease/time.Second), id, now)
		if err != nil {
			return w, false, fmt.Errorf("store.ClaimAssetWork: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue // another worker was quicker
		}
		if w.Asset, err = s.Asset(ctx, id); err != nil {
			return w, false, err
		}
		if w.OriginalKey, err = s.AssetOriginalKey(ctx, id); err != nil {
			return w, false, err
		}
		return w, true, nil
	}
	return w, false, nil
}

// FinishAssetWork replaces the asset's renditions with rs and marks it ready,
// if the worker still holds its claim; otherwise it returns ErrWorkLost and
// changes nothing. It announces the change (cache key asset:ID), so the page
// caches of every node drop the pages that show the picture.
func (s *Store) FinishAssetWork(ctx context.Context, id int64, worker string, rs []news.Rendition) error {
	err := s.changeTx(ctx, func(tx *sql.Tx, ch *changes) error {
		res, err := tx.ExecContext(ctx, `UPDATE media_assets SET state = 'ready', claimed_by = '', claimed_until = 0,
			error = '', updated_at = $1 WHERE id = $2 AND state = 'pending' AND claimed_by = $3`, s.Now().Unix(), id, worker)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrWorkLost
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM media_renditions WHERE asset_id = $1", id); err != nil {
			return err
		}
		for _, r := range rs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO media_renditions (asset_id, crop, format, width, height, key, bytes)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, r.Crop, r.Format, r.Width, r.Height, r.Key, r.Bytes); err != nil {
				return err
			}
		}
		// Pages showing the picture had none (or the old crops): drop them,
		// on every node.
		ch.add(cachekey.Asset(id))
		var d EventData
		d.ID = id
		if err := tx.QueryRowContext(ctx, `SELECT content_type, width, height, alt FROM media_assets WHERE id = $1`, id).
			Scan(&d.Type, &d.Width, &d.Height, &d.Alt); err != nil {
			return err
		}
		return s.queueEvent(ctx, tx, ch, news.EventMediaReady, d)
	})
	if err != nil && !errors.Is(err, ErrWorkLost) {
		return fmt.Errorf("store.FinishAssetWork: %w", err)
	}
	return err
}

// FailAssetWork records why the worker could not make an asset's renditions.
// After maxAttempts tries the asset is marked failed; before that it waits
// for retryAfter and is tried again.
func (s *Store) FailAssetWork(ctx context.Context, id int64, worker, reason string, maxAttempts int, retryAfter time.Duration) error {
	now := s.Now().Unix()
	_, err := s.write.ExecContext(ctx, `UPDATE media_assets SET error = $1, claimed_by = '', claimed_until = $2,
		state = CASE WHEN attempts >= $3 THEN 'failed' ELSE state END, updated_at = $4
		WHERE id = $5 AND claimed_by = $6`, reason, now+int64(retryAfter/time.Second), maxAttempts, now, id, worker)
	if err != nil {
		return fmt.Errorf("store.FailAssetWork: %w", err)
	}
	return nil
}

// PendingAssets counts the assets whose renditions are still to be made.
func (s *Store) PendingAssets(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM media_assets WHERE state = 'pending'`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store.PendingAssets: %w", err)
	}
	return n, nil
}
