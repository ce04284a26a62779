package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"masthead/internal/news"
)

// errLastAdmin refuses the change that would leave the newsroom without an
// active admin, who alone can manage people.
var errLastAdmin = &news.Error{Code: news.ECONFLICT, Field: "role",
	Message: "This is the last active admin; make someone else an admin first, or nobody could manage people."}

// keepAnAdmin fails with errLastAdmin when userID is the only active admin.
// On PostgreSQL it locks the active admins' rows first, so two admins
// demoting each other at once cannot both succeed; SQLite's single writer
// already runs the two one after the other.
func (s *Store) keepAnAdmin(ctx context.Context, tx *sql.Tx, userID int64) error {
	lock := ""
	if s.dialect == postgres {
		lock = " FOR UPDATE"
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL`+lock)
	if err != nil {
		return err
	}
	defer rows.Close()
	others, target := 0, false
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		if id == userID {
			target = true
		} else {
			others++
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if target && others == 0 {
		return errLastAdmin
	}
	return nil
}

// SetRole changes an account's role, unless it would leave no active admin.
func (s *Store) SetRole(ctx context.Context, userID int64, role news.Role) error {
	if !role.Valid() {
		return news.FieldError("role", "Choose a role: admin, editor, author or contributor.")
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if role != news.RoleAdmin {
			if err := s.keepAnAdmin(ctx, tx, userID); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE users SET role = $1 WHERE id = $2`, string(role), userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.ENOTFOUND, "There is no such account.")
		}
		return nil
	})
	if err != nil && news.ErrorCode(err) == news.EINTERNAL {
		return fmt.Errorf("store.SetRole: %w", err)
	}
	return err
}

// SetDisabled deactivates an account, ending all its sessions in the same
// transaction, or reactivates it. Its bylines and its work stay as they
// are. The last active admin cannot be deactivated.
func (s *Store) SetDisabled(ctx context.Context, userID int64, disabled bool) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		at := sql.NullInt64{}
		if disabled {
			if err := s.keepAnAdmin(ctx, tx, userID); err != nil {
				return err
			}
			at = sql.NullInt64{Int64: s.Now().Unix(), Valid: true}
		}
		res, err := tx.ExecContext(ctx, `UPDATE users SET disabled_at = $1 WHERE id = $2`, at, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.ENOTFOUND, "There is no such account.")
		}
		if !disabled {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM password_resets WHERE user_id = $1`, userID)
		return err
	})
	if err != nil && news.ErrorCode(err) == news.EINTERNAL {
		return fmt.Errorf("store.SetDisabled: %w", err)
	}
	return err
}

// Invitation is a pending invitation, known by its token's hash.
type Invitation struct {
	TokenHash string
	Email     string
	Role      news.Role
	InvitedBy string // the inviter's name; empty when their account is gone
	CreatedAt time.Time
	ExpiresAt time.Time
}

// PendingInvites returns the invitations not used, revoked or expired,
// the soonest to expire first.
func (s *Store) PendingInvites(ctx context.Context) ([]Invitation, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT i.token_hash, i.email, i.role, COALESCE(u.name, ''), i.created_at, i.expires_at
		FROM invites i LEFT JOIN users u ON u.id = i.invited_by
		WHERE i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $1 ORDER BY i.expires_at, i.email`, s.Now().Unix())
	if err != nil {
		return nil, fmt.Errorf("store.PendingInvites: %w", err)
	}
	defer rows.Close()
	var out []Invitation
	for rows.Next() {
		var in Invitation
		var role string
		var created, expires int64
		if err := rows.Scan(&in.TokenHash, &in.Email, &role, &in.InvitedBy, &created, &expires); err != nil {
			return nil, fmt.Errorf("store.PendingInvites: %w", err)
		}
		in.Role, in.CreatedAt, in.ExpiresAt = news.Role(role), time.Unix(created, 0).UTC(), time.Unix(expires, 0).UTC()
		out = append(out, in)
	}
	return out, rows.Err()
}

// RevokeInvite makes a pending invitation's link stop working, and returns
// the address it was for.
func (s *Store) RevokeInvite(ctx context.Context, tokenHash string) (string, error) {
	var email string
	err := s.write.QueryRowContext(ctx, `UPDATE invites SET revoked_at = $1
		WHERE token_hash = $2 AND used_at IS NULL AND revoked_at IS NULL RETURNING email`, s.Now().Unix(), tokenHash).Scan(&email)
	if errors.Is(err, sql.ErrNoRows) {
		return "", news.Errorf(news.ENOTFOUND, "That invitation was used or revoked already.")
	}
	if err != nil {
		return "", fmt.Errorf("store.RevokeInvite: %w", err)
	}
	return email, nil
}

// CreatePasswordReset stores a one-time reset link for the active account
// with the address, under the token's hash, and queues the mail that
// carries it in the same transaction. It reports false, having written
// nothing, when no active account has the address.
func (s *Store) CreatePasswordReset(ctx context.Context, email, tokenHash string, ttl time.Duration, mail Mail) (bool, error) {
	found := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM users WHERE email = $1 AND disabled_at IS NULL`,
			news.NormalizeEmail(email)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		found = true
		now := s.Now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO password_resets (token_hash, user_id, created_at, expires_at)
			VALUES ($1, $2, $3, $4)`, tokenHash, id, now.Unix(), now.Add(ttl).Unix()); err != nil {
			return err
		}
		mail.Kind = "reset"
		return s.queueNotices(ctx, tx, id, []Mail{mail})
	})
	if err != nil {
		return false, fmt.Errorf("store.CreatePasswordReset: %w", err)
	}
	return found, nil
}

var errResetGone = news.Errorf(news.ENOTFOUND, "This link to set a new password has been used or has expired; ask for a new one.")

// PasswordReset returns the account a usable reset link is for.
func (s *Store) PasswordReset(ctx context.Context, tokenHash string) (news.User, error) {
	var expires int64
	var used sql.NullInt64
	u, err := scanUser(s.read.QueryRowContext(ctx, `SELECT u.id, u.email, u.name, u.role, COALESCE(u.author_id, 0),
		u.totp_on, u.created_at, u.disabled_at, r.expires_at, r.used_at
		FROM password_resets r JOIN users u ON u.id = r.user_id WHERE r.token_hash = $1`, tokenHash), &expires, &used)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (used.Valid || expires <= s.Now().Unix() || u.Disabled)) {
		return news.User{}, errResetGone
	}
	if err != nil {
		return u, fmt.Errorf("store.PasswordReset: %w", err)
	}
	return u, nil
}

// ResetPassword spends a reset link and sets the account's new password in
// one transaction: every session of the account ends, every other reset
// link of it stops working, and the notice given is queued to the owner.
// A link used at the same moment on another node works only once.
func (s *Store) ResetPassword(ctx context.Context, tokenHash, passwordHash string, notice Mail) (news.User, error) {
	u, err := s.PasswordReset(ctx, tokenHash)
	if err != nil {
		return u, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE password_resets SET used_at = $1
			WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1`, s.Now().Unix(), tokenHash)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errResetGone
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM password_resets WHERE user_id = $1 AND token_hash <> $2`, u.ID, tokenHash); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, passwordHash, u.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, u.ID); err != nil {
			return err
		}
		return s.queueNotices(ctx, tx, u.ID, []Mail{notice})
	})
	if err != nil && news.ErrorCode(err) == news.EINTERNAL {
		return u, fmt.Errorf("store.ResetPassword: %w", err)
	}
	return u, err
}
