package store

import (
	"context"
	"fmt"
)

// Heartbeat writes node's row in node_heartbeats: a write as small as one
// can be, to learn whether this node can write at all.
func (s *Store) Heartbeat(ctx context.Context, node string) error {
	_, err := s.write.ExecContext(ctx, `INSERT INTO node_heartbeats (node, at) VALUES ($1, $2)
		ON CONFLICT (node) DO UPDATE SET at = excluded.at`, node, s.Now().Unix())
	if err != nil {
		return fmt.Errorf("store.Heartbeat: %w", err)
	}
	return nil
}
