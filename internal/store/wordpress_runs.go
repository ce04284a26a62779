package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ImportRun is an import started from the newsroom: its files, where it
// stands and, when done, its report.
type ImportRun struct {
	ID             int64
	File           string // the export, under the data directory
	Uploads        string // the unpacked uploads folder, or ""
	DefaultSection string
	State          string // queued, running, done or failed
	Progress       string
	Report         string
	CreatedBy      int64
	CreatedAt      time.Time
	FinishedAt     time.Time
}

// CreateImportRun queues an import and sets its ID.
func (s *Store) CreateImportRun(ctx context.Context, r *ImportRun) error {
	r.State, r.CreatedAt = "queued", s.Now()
	err := s.write.QueryRowContext(ctx, `INSERT INTO wordpress_imports (file, uploads, default_section, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, r.File, r.Uploads, r.DefaultSection, nullID(r.CreatedBy), r.CreatedAt.Unix()).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("store.CreateImportRun: %w", err)
	}
	return nil
}

const importRunColumns = `id, file, uploads, default_section, state, progress, report, COALESCE(created_by, 0), created_at, finished_at`

func scanImportRun(row interface{ Scan(...any) error }) (ImportRun, error) {
	var r ImportRun
	var created int64
	var finished sql.NullInt64
	err := row.Scan(&r.ID, &r.File, &r.Uploads, &r.DefaultSection, &r.State, &r.Progress, &r.Report, &r.CreatedBy, &created, &finished)
	r.CreatedAt, r.FinishedAt = time.Unix(created, 0).UTC(), fromUnix(finished)
	return r, err
}

// ImportRuns lists the newest imports first.
func (s *Store) ImportRuns(ctx context.Context, limit int) ([]ImportRun, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+importRunColumns+" FROM wordpress_imports ORDER BY id DESC LIMIT $1", limit)
	if err != nil {
		return nil, fmt.Errorf("store.ImportRuns: %w", err)
	}
	defer rows.Close()
	var out []ImportRun
	for rows.Next() {
		r, err := scanImportRun(rows)
		if err != nil {
			return nil, fmt.Errorf("store.ImportRuns: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ClaimImportRun claims the oldest import that is queued, or running under
// a lease that ran out (its node stopped), for worker until lease from
// now; ok is false when there is none.
func (s *Store) ClaimImportRun(ctx context.Context, worker string, lease time.Duration) (r ImportRun, ok bool, err error) {
	now := s.Now()
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM wordpress_imports
			WHERE state = 'queued' OR (state = 'running' AND claimed_until < $1) ORDER BY id LIMIT 1`, now.Unix()).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE wordpress_imports SET state = 'running', claimed_by = $1, claimed_until = $2
			WHERE id = $3 AND (state = 'queued' OR (state = 'running' AND claimed_until < $4))`,
			worker, now.Add(lease).Unix(), id, now.Unix())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // another node took it first
		}
		r, err = scanImportRun(tx.QueryRowContext(ctx, "SELECT "+importRunColumns+" FROM wordpress_imports WHERE id = $1", id))
		ok = err == nil
		return err
	})
	if err != nil {
		return r, false, fmt.Errorf("store.ClaimImportRun: %w", err)
	}
	return r, ok, nil
}

// ImportRunProgress records how far a claimed import has got and renews
// its lease.
func (s *Store) ImportRunProgress(ctx context.Context, id int64, worker, progress string, lease time.Duration) error {
	_, err := s.write.ExecContext(ctx, `UPDATE wordpress_imports SET progress = $1, claimed_until = $2
		WHERE id = $3 AND claimed_by = $4 AND state = 'running'`, progress, s.Now().Add(lease).Unix(), id, worker)
	if err != nil {
		return fmt.Errorf("store.ImportRunProgress: %w", err)
	}
	return nil
}

// FinishImportRun records a claimed import's end: done or failed, with
// its report.
func (s *Store) FinishImportRun(ctx context.Context, id int64, worker string, failed bool, report string) error {
	state := "done"
	if failed {
		state = "failed"
	}
	_, err := s.write.ExecContext(ctx, `UPDATE wordpress_imports SET state = $1, report = $2, finished_at = $3
		WHERE id = $4 AND claimed_by = $5`, state, report, s.Now().Unix(), id, worker)
	if err != nil {
		return fmt.Errorf("store.FinishImportRun: %w", err)
	}
	return nil
}
