package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"masthead/internal/news"
)

// keyAccountDomain is the domain of the addresses of API keys' accounts:
// .invalid can never receive mail, and no person signs up with it.
const keyAccountDomain = "@api-keys.invalid"

const apiKeyColumns = `k.id, k.name, k.prefix, k.scopes, k.user_id, COALESCE(k.created_by, 0), k.created_at,
	k.expires_at, k.revoked_at, k.last_used_at`

func scanAPIKey(row interface{ Scan(...any) error }, extra ...any) (news.APIKey, error) {
	var k news.APIKey
	var scopes string
	var created int64
	var expires, revoked, used sql.NullInt64
	err := row.Scan(append([]any{&k.ID, &k.Name, &k.Prefix, &scopes, &k.UserID, &k.CreatedBy, &created,
		&expires, &revoked, &used}, extra...)...)
	for _, f := range strings.Fields(scopes) {
		k.Scopes = append(k.Scopes, news.Scope(f))
	}
	k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt = time.Unix(created, 0).UTC(), fromUnix(expires), fromUnix(revoked), fromUnix(used)
	return k, err
}

// CreateAPIKey stores a new key under its token's hash, with the account it
// acts as: named for the key, of the role its scopes grant, with no
// password. It sets k.ID, k.UserID and k.CreatedAt.
func (s *Store) CreateAPIKey(ctx context.Context, k *news.APIKey, tokenHash string) error {
	if err := k.Validate(); err != nil {
		return err
	}
	k.CreatedAt = s.Now()
	var b [8]byte
	_, _ = rand.Read(b[:])
	u := news.User{Email: "key-" + hex.EncodeToString(b[:]) + keyAccountDomain, Name: k.ActorName(), Role: news.KeyRole(k.Scopes)}
	if err := u.Validate(); err != nil {
		return err
	}
	var by sql.NullInt64
	if k.CreatedBy != 0 {
		by = sql.NullInt64{Int64: k.CreatedBy, Valid: true}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		// An empty password hash matches no password: the account cannot sign in.
		if err := tx.QueryRowContext(ctx, `INSERT INTO users (email, name, role, password_hash, created_at)
			VALUES ($1, $2, $3, '', $4) RETURNING id`, u.Email, u.Name, string(u.Role), k.CreatedAt.Unix()).Scan(&k.UserID); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `INSERT INTO api_keys (name, prefix, token_hash, scopes, user_id, created_by, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, k.Name, k.Prefix, tokenHash, news.JoinScopes(k.Scopes),
			k.UserID, by, k.CreatedAt.Unix(), unix(k.ExpiresAt)).Scan(&k.ID)
	})
	if err != nil {
		return fmt.Errorf("store.CreateAPIKey: %w", err)
	}
	return nil
}

// APIKeys returns every key, newest first.
func (s *Store) APIKeys(ctx context.Context) ([]news.APIKey, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+apiKeyColumns+` FROM api_keys k ORDER BY k.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("store.APIKeys: %w", err)
	}
	defer rows.Close()
	var out []news.APIKey
	for rows.Next() {
		k, err := scanAPIKey(rows)
		if err != nil {
			return nil, fmt.Errorf("store.APIKeys: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// APIKeyByToken returns the key with the token's hash and the account it
// acts as, whether or not it still works (the caller says why it does not),
// or ENOTFOUND. A key in use has its last use recorded at most once a
// minute, to spare the writer.
func (s *Store) APIKeyByToken(ctx context.Context, tokenHash string) (news.APIKey, news.User, error) {
	var u news.User
	var role string
	k, err := scanAPIKey(s.read.QueryRowContext(ctx, `SELECT `+apiKeyColumns+`, u.email, u.name, u.role
		FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.token_hash = $1`, tokenHash), &u.Email, &u.Name, &role)
	if errors.Is(err, sql.ErrNoRows) {
		return k, u, news.Errorf(news.ENOTFOUND, "There is no such API key.")
	}
	if err != nil {
		return k, u, fmt.Errorf("store.APIKeyByToken: %w", err)
	}
	u.ID, u.Role, u.Disabled = k.UserID, news.Role(role), !k.RevokedAt.IsZero()
	now := s.Now()
	if k.Live(now) && (k.LastUsedAt.IsZero() || now.Sub(k.LastUsedAt) >= time.Minute) {
		if _, err := s.write.ExecContext(ctx, `UPDATE api_keys SET last_used_at = $1 WHERE id = $2`, now.Unix(), k.ID); err != nil &&
			news.ErrorCode(err) != news.EUNAVAILABLE {
			return k, u, fmt.Errorf("store.APIKeyByToken: %w", err)
		}
		k.LastUsedAt = now
	}
	return k, u, nil
}

// RevokeAPIKey stops a key for good and disables its account; revoking a
// revoked key changes nothing.
func (s *Store) RevokeAPIKey(ctx context.Context, id int64) (news.APIKey, error) {
	var k news.APIKey
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		k, err = scanAPIKey(tx.QueryRowContext(ctx, `SELECT `+apiKeyColumns+` FROM api_keys k WHERE k.id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return news.Errorf(news.ENOTFOUND, "There is no such API key.")
		}
		if err != nil || !k.RevokedAt.IsZero() {
			return err
		}
		k.RevokedAt = s.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE api_keys SET revoked_at = $1 WHERE id = $2`, k.RevokedAt.Unix(), id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE users SET disabled_at = $1 WHERE id = $2`, k.RevokedAt.Unix(), k.UserID)
		return err
	})
	if err != nil {
		return k, fmt.Errorf("store.RevokeAPIKey: %w", err)
	}
	return k, nil
}
