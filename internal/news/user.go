package news

import (
	"net/mail"
	"strings"
	"time"
)

// User is a member of the newsroom who signs in. AuthorID links the account
// to the public author profile bylines show, when there is one.
type User struct {
	ID        int64
	Email     string
	Name      string
	Role      Role
	AuthorID  int64
	TOTP      bool // a second factor is on
	CreatedAt time.Time
	Disabled  bool
}

// NormalizeEmail folds an address to the form accounts are kept under.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Validate checks the fields a person types, folding the address.
func (u *User) Validate() error {
	u.Email = NormalizeEmail(u.Email)
	u.Name = strings.TrimSpace(u.Name)
	if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email || len(u.Email) > MaxEmail {
		return FieldError("email", "%.80q is not an e-mail address.", u.Email)
	}
	if u.Name == "" {
		return FieldError("name", "Give a name.")
	}
	if err := tooLong("name", "The name", u.Name, MaxUserName); err != nil {
		return err
	}
	if !u.Role.Valid() {
		return FieldError("role", "%q is not a role: use admin, editor, author or contributor.", u.Role)
	}
	return nil
}

// AuditEntry is one line of the audit log: who did what to which thing, when.
type AuditEntry struct {
	At      time.Time
	UserID  int64
	Email   string // as given, for a failed sign-in with no account
	Name    string // the user's name when read back
	Action  string // such as "signin", "signin.failed", "user.invite", "article.publish"
	Subject string // what it was done to, such as "article:12" or an address
	Detail  string
	Address string // the network address, for sign-ins
}
