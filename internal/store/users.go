package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"masthead/internal/news"
)

const userColumns = `id, email, name, role, COALESCE(author_id, 0), totp_on, created_at, disabled_at`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (news.User, error) {
	var u news.User
	var role string
	var totp int
	var created int64
	var disabled sql.NullInt64
	err := row.Scan(append([]any{&u.ID, &u.Email, &u.Name, &role, &u.AuthorID, &totp, &created, &disabled}, extra...)...)
	u.Role, u.TOTP, u.CreatedAt, u.Disabled = news.Role(role), totp == 1, time.Unix(created, 0).UTC(), disabled.Valid
	return u, err
}

// CreateUser stores a new account with its password hash and sets u.ID.
func (s *Store) CreateUser(ctx context.Context, u *news.User, passwordHash string) error {
	if err := u.Validate(); err != nil {
		return err
	}
	u.CreatedAt = s.Now()
	var author sql.NullInt64
	if u.AuthorID != 0 {
		author = sql.NullInt64{Int64: u.AuthorID, Valid: true}
	}
	err := s.write.QueryRowContext(ctx, `INSERT INTO users (email, name, role, password_hash, author_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, u.Email, u.Name, string(u.Role), passwordHash, author,
		u.CreatedAt.Unix()).Scan(&u.ID)
	if isUniqueViolation(err) {
		return &news.Error{Code: news.ECONFLICT, Field: "email", Message: fmt.Sprintf("There is already an account for %s.", u.Email)}
	}
	if isForeignKeyViolation(err) {
		return news.FieldError("author", "There is no author %d to link the account to.", u.AuthorID)
	}
	if err != nil {
		return fmt.Errorf("store.CreateUser: %w", err)
	}
	return nil
}

// UserByEmail returns the account with the address and its password hash.
func (s *Store) UserByEmail(ctx context.Context, email string) (news.User, string, error) {
	var hash string
	u, err := scanUser(s.read.QueryRowContext(ctx, `SELECT `+userColumns+`, password_hash FROM users WHERE email = $1`,
		news.NormalizeEmail(email)), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return u, "", news.Errorf(news.ENOTFOUND, "There is no account for %s.", email)
	}
	if err != nil {
		return u, "", fmt.Errorf("store.UserByEmail: %w", err)
	}
	return u, hash, nil
}

// UserByID returns the account with the ID.
func (s *Store) UserByID(ctx context.Context, id int64) (news.User, error) {
	u, err := scanUser(s.read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return u, news.Errorf(news.ENOTFOUND, "There is no such account.")
	}
	if err != nil {
		return u, fmt.Errorf("store.UserByID: %w", err)
	}
	return u, nil
}

// Users returns every person's account, by name: API keys' accounts are
// listed with the keys.
func (s *Store) Users(ctx context.Context) ([]news.User, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+userColumns+` FROM users
		WHERE id NOT IN (SELECT user_id FROM api_keys) ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("store.Users: %w", err)
	}
	defer rows.Close()
	var out []news.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("store.Users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// CountUsers returns how many accounts there are.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, err
}

// SetPassword replaces an account's password hash and ends all its
// sessions; a notice given is queued to the account's owner with it.
func (s *Store) SetPassword(ctx context.Context, userID int64, passwordHash string, notice ...Mail) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, passwordHash, userID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID); err != nil {
			return err
		}
		return s.queueNotices(ctx, tx, userID, notice)
	})
}

// CreateSession stores a session for the user under the token's hash.
// A pending session is one whose second factor is still due.
func (s *Store) CreateSession(ctx context.Context, userID int64, tokenHash, userAgent string, ttl time.Duration, pending bool) error {
	now := s.Now()
	if len(userAgent) > 300 {
		userAgent = userAgent[:300]
	}
	p := 0
	if pending {
		p = 1
	}
	_, err := s.write.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, seen_at, expires_at, user_agent, pending)
		VALUES ($1, $2, $3, $3, $4, $5, $6)`, tokenHash, userID, now.Unix(), now.Add(ttl).Unix(), userAgent, p)
	if err != nil {
		return fmt.Errorf("store.CreateSession: %w", err)
	}
	return nil
}

// SessionUser returns the account of a live session: one that exists, has
// not expired, and whose account is not disabled. A session in use is
// extended (at most once a minute, to spare the writer) up to ttl from now.
// A pending session is returned only when pending is asked for, and then
// never extended.
func (s *Store) SessionUser(ctx context.Context, tokenHash string, ttl time.Duration, pending bool) (news.User, error) {
	var seen, expires int64
	var p int
	u, err := scanUser(s.read.QueryRowContext(ctx, `SELECT u.id, u.email, u.name, u.role, COALESCE(u.author_id, 0),
		u.totp_on, u.created_at, u.disabled_at, s.seen_at, s.expires_at, s.pending
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`, tokenHash), &seen, &expires, &p)
	now := s.Now()
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (expires <= now.Unix() || u.Disabled || (p == 1) != pending)) {
		return news.User{}, news.Errorf(news.ENOTFOUND, "The session has ended; sign in again.")
	}
	if err != nil {
		return u, fmt.Errorf("store.SessionUser: %w", err)
	}
	if !pending && now.Unix()-seen >= 60 {
		if _, err := s.write.ExecContext(ctx, `UPDATE sessions SET seen_at = $1, expires_at = $2 WHERE token_hash = $3`,
			now.Unix(), now.Add(ttl).Unix(), tokenHash); err != nil && news.ErrorCode(err) != news.EUNAVAILABLE {
			return u, fmt.Errorf("store.SessionUser: %w", err)
		}
		// While nothing can be saved the session goes on unextended, so the
		// newsroom can still be read.
	}
	return u, nil
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := s.write.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return err
}

// DeleteUserSessions ends every session of an account, on every node.
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) error {
	_, err := s.write.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
	return err
}

// CreateInvite stores a one-time invitation under the token's hash, and
// queues the invitation mail given (its address is the invitation's) in the
// same transaction.
func (s *Store) CreateInvite(ctx context.Context, tokenHash, email string, role news.Role, by int64, ttl time.Duration, mail ...Mail) error {
	u := news.User{Email: email, Name: "-", Role: role}
	if err := u.Validate(); err != nil {
		return err
	}
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE email = $1`, u.Email).Scan(&n); err != nil {
		return fmt.Errorf("store.CreateInvite: %w", err)
	}
	if n > 0 {
		return &news.Error{Code: news.ECONFLICT, Field: "email", Message: fmt.Sprintf("There is already an account for %s.", u.Email)}
	}
	now := s.Now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO invites (token_hash, email, role, invited_by, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, tokenHash, u.Email, string(role), nullID(by), now.Unix(), now.Add(ttl).Unix())
		for _, m := range mail {
			if err != nil {
				break
			}
			m.To, m.Kind = u.Email, "invite"
			err = s.queueMail(ctx, tx, m)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("store.CreateInvite: %w", err)
	}
	return nil
}

// Invite returns the address and role of a usable invitation.
func (s *Store) Invite(ctx context.Context, tokenHash string) (email string, role news.Role, err error) {
	var r string
	var expires int64
	var used, revoked sql.NullInt64
	err = s.read.QueryRowContext(ctx, `SELECT email, role, expires_at, used_at, revoked_at FROM invites WHERE token_hash = $1`,
		tokenHash).Scan(&email, &r, &expires, &used, &revoked)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (used.Valid || revoked.Valid || expires <= s.Now().Unix())) {
		return "", "", news.Errorf(news.ENOTFOUND, "This invitation has been used or has expired; ask for a new one.")
	}
	if err != nil {
		return "", "", fmt.Errorf("store.Invite: %w", err)
	}
	return email, news.Role(r), nil
}

// AcceptInvite creates the invited account, once: the invitation is spent in
// the same transaction.
func (s *Store) AcceptInvite(ctx context.Context, tokenHash, name, passwordHash string) (news.User, error) {
	email, role, err := s.Invite(ctx, tokenHash)
	if err != nil {
		return news.User{}, err
	}
	u := news.User{Email: email, Name: name, Role: role}
	if err := u.Validate(); err != nil {
		return u, err
	}
	u.CreatedAt = s.Now()
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE invites SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND revoked_at IS NULL`,
			u.CreatedAt.Unix(), tokenHash)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.ENOTFOUND, "This invitation has been used; ask for a new one.")
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO users (email, name, role, password_hash, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, u.Email, u.Name, string(u.Role), passwordHash, u.CreatedAt.Unix()).Scan(&u.ID)
		if isUniqueViolation(err) {
			return &news.Error{Code: news.ECONFLICT, Field: "email", Message: fmt.Sprintf("There is already an account for %s.", u.Email)}
		}
		return err
	})
	if err != nil {
		return u, fmt.Errorf("store.AcceptInvite: %w", err)
	}
	return u, nil
}

// LinkAuthor links an account to the public author profile its bylines use.
func (s *Store) LinkAuthor(ctx context.Context, userID, authorID int64) error {
	res, err := s.write.ExecContext(ctx, `UPDATE users SET author_id = $1 WHERE id = $2`, nullID(authorID), userID)
	if isForeignKeyViolation(err) {
		return news.FieldError("author", "There is no author %d to link the account to.", authorID)
	}
	if err != nil {
		return fmt.Errorf("store.LinkAuthor: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return news.Errorf(news.ENOTFOUND, "There is no such account.")
	}
	return nil
}
