package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Scheduled backups are jobs of kind 'backup' in the jobs table: one row
// waits for its time; the node that claims it makes the backup and marks it
// done, and the next row is due a period after the last success. The claim
// is the same conditional UPDATE as scheduled publishing, so with several
// nodes each backup is made by one of them.

// ClaimBackup makes sure a backup is scheduled (every after the last one
// that succeeded, or now if none has) and claims it for lease when it is
// due. ok is false when no backup is due or another node holds it.
func (s *Store) ClaimBackup(ctx context.Context, every, lease time.Duration) (id int64, ok bool, err error) {
	now := s.Now().Unix()
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var last sql.NullInt64
		if err := tx.QueryRowContext(ctx, "SELECT MAX(done_at) FROM jobs WHERE kind = 'backup'").Scan(&last); err != nil {
			return err
		}
		runAt := now
		if last.Valid {
			runAt = last.Int64 + int64(every/time.Second)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO jobs (kind, run_at, created_at)
			SELECT 'backup', $1, $2 WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE kind = 'backup' AND done_at IS NULL)`, runAt, now); err != nil {
			return err
		}
		// Two PostgreSQL nodes may each have added one; the oldest stays.
		_, err := tx.ExecContext(ctx, `DELETE FROM jobs WHERE kind = 'backup' AND done_at IS NULL
			AND id > (SELECT MIN(id) FROM jobs WHERE kind = 'backup' AND done_at IS NULL)`)
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("store.ClaimBackup: %w", err)
	}
	err = s.write.QueryRowContext(ctx, `UPDATE jobs SET claimed_by = $1, claimed_until = $2
		WHERE kind = 'backup' AND done_at IS NULL AND run_at <= $3 AND claimed_until < $3 RETURNING id`,
		s.changes.node, now+int64(lease/time.Second), now).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("store.ClaimBackup: %w", err)
	}
	return id, true, nil
}

// FinishBackup records how the claimed backup went: done, or failed and to
// be tried again after retry (by whichever node claims it then).
func (s *Store) FinishBackup(ctx context.Context, id int64, failed bool, retry time.Duration) error {
	now := s.Now().Unix()
	var err error
	if failed {
		_, err = s.write.ExecContext(ctx, `UPDATE jobs SET claimed_by = '', claimed_until = 0, run_at = $1
			WHERE id = $2 AND claimed_by = $3`, now+int64(retry/time.Second), id, s.changes.node)
	} else {
		_, err = s.write.ExecContext(ctx, `UPDATE jobs SET done_at = $1 WHERE id = $2 AND claimed_by = $3`, now, id, s.changes.node)
	}
	if err != nil {
		return fmt.Errorf("store.FinishBackup: %w", err)
	}
	return nil
}

// LastBackup returns when the last scheduled backup succeeded, on any node,
// or the zero time.
func (s *Store) LastBackup(ctx context.Context) (time.Time, error) {
	var last sql.NullInt64
	if err := s.read.QueryRowContext(ctx, "SELECT MAX(done_at) FROM jobs WHERE kind = 'backup'").Scan(&last); err != nil {
		return time.Time{}, fmt.Errorf("store.LastBackup: %w", err)
	}
	return fromUnix(last), nil
}

// BackupsDone counts the scheduled backups that succeeded.
func (s *Store) BackupsDone(ctx context.Context) (int, error) {
	var n int
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM jobs WHERE kind = 'backup' AND done_at IS NOT NULL").Scan(&n); err != nil {
		return 0, fmt.Errorf("store.BackupsDone: %w", err)
	}
	return n, nil
}
