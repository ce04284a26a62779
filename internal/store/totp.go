package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"masthead/internal/news"
)

// StartTOTP keeps a new, not yet active TOTP secret for an account while its
// owner proves their app has it.
func (s *Store) StartTOTP(ctx context.Context, userID int64, secret string) error {
	_, err := s.write.ExecContext(ctx, `UPDATE users SET totp_secret = $1 WHERE id = $2 AND totp_on = 0`, secret, userID)
	return err
}

// TOTPSecret returns an account's TOTP secret (pending or active) and the
// last time step a code was used at.
func (s *Store) TOTPSecret(ctx context.Context, userID int64) (secret string, lastStep int64, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT totp_secret, totp_last FROM users WHERE id = $1`, userID).Scan(&secret, &lastStep)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, news.Errorf(news.ENOTFOUND, "There is no such account.")
	}
	return secret, lastStep, err
}

// EnableTOTP turns the second factor on with the recovery codes' hashes,
// replacing any earlier codes; a notice given is queued to the owner with it.
func (s *Store) EnableTOTP(ctx context.Context, userID, step int64, recoveryHashes []string, notice ...Mail) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET totp_on = 1, totp_last = $1 WHERE id = $2 AND totp_secret <> ''`,
			step, userID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM recovery_codes WHERE user_id = $1`, userID); err != nil {
			return err
		}
		for _, h := range recoveryHashes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)`, userID, h); err != nil {
				return err
			}
		}
		return s.queueNotices(ctx, tx, userID, notice)
	})
}

// DisableTOTP turns the second factor off and forgets its secret and codes;
// a notice given is queued to the owner with it.
func (s *Store) DisableTOTP(ctx context.Context, userID int64, notice ...Mail) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET totp_on = 0, totp_secret = '', totp_last = 0 WHERE id = $1`, userID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM recovery_codes WHERE user_id = $1`, userID); err != nil {
			return err
		}
		return s.queueNotices(ctx, tx, userID, notice)
	})
}

// UseTOTPStep records that a code of time step was used, and reports false
// when that step (or a later one) was used already: each code works once,
// even on two nodes at the same moment.
func (s *Store) UseTOTPStep(ctx context.Context, userID, step int64) (bool, error) {
	res, err := s.write.ExecContext(ctx, `UPDATE users SET totp_last = $1 WHERE id = $2 AND totp_last < $1`, step, userID)
	if err != nil {
		return false, fmt.Errorf("store.UseTOTPStep: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// UseRecoveryCode spends a recovery code, reporting false when the account
// has no such unused code.
func (s *Store) UseRecoveryCode(ctx context.Context, userID int64, codeHash string) (bool, error) {
	res, err := s.write.ExecContext(ctx, `UPDATE recovery_codes SET used_at = $1
		WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL`, s.Now().Unix(), userID, codeHash)
	if err != nil {
		return false, fmt.Errorf("store.UseRecoveryCode: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}
