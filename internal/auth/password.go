// Package auth holds the newsroom's secrets handling, free of HTTP and SQL:
// password hashing (argon2id) and the password rules, random tokens and their
// stored hashes, and TOTP second factors with recovery codes.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
	"golang.org/x/crypto/argon2"

	"masthead/internal/news"
)

// The argon2id cost: OWASP's recommended minimum (19 MiB, two passes, one
// lane). A sign-in takes about 30 ms of one core here, slow enough to make
// guessing a stolen hash costly, quick enough for a newsroom's sign-ins.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

// Password rules: long enough to resist guessing, not absurdly long (the
// hash's cost grows with it), and not one that guessers try first.
const (
	MinPasswordLength = 10
	MaxPasswordLength = 256
)

// CheckPassword returns a field error (field "password") when pw breaks the
// rules: too short or too long, or common or easy to guess (judged by zxcvbn,
// whose dictionaries hold the passwords people choose most, English words and
// names, keyboard patterns and dates), also given the person's own details.
func CheckPassword(pw string, personal ...string) error {
	n := utf8.RuneCountInString(pw)
	if n < MinPasswordLength {
		return news.FieldError("password", "Use at least %d characters; a few unrelated words make a strong password.", MinPasswordLength)
	}
	if n > MaxPasswordLength {
		return news.FieldError("password", "Use at most %d characters.", MaxPasswordLength)
	}
	var inputs []string
	for _, p := range personal {
		p = strings.ToLower(p)
		inputs = append(inputs, p, strings.ReplaceAll(p, " ", ""))
		inputs = append(inputs, strings.FieldsFunc(p, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})...)
	}
	if zxcvbn.PasswordStrength(pw, inputs).Score < 3 {
		return news.FieldError("password", "That password is too common or too easy to guess. Try a few unrelated words.")
	}
	return nil
}

// HashPassword returns the argon2id hash of pw in the PHC string format, with
// a fresh random salt.
func HashPassword(pw string) string {
	salt := make([]byte, saltLen)
	_, _ = rand.Read(salt)
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// VerifyPassword reports whether pw matches hash, in constant time. A hash it
// cannot read matches nothing.
func VerifyPassword(hash, pw string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	var memory, time uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &time, &threads); err != nil ||
		memory == 0 || memory > 1<<18 || time == 0 || time > 10 || threads == 0 {
		return false
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, time, memory, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is verified against when a sign-in names no account, so that
// answering "no" takes as long as a wrong password and does not tell a
// guesser which addresses have accounts.
var dummyHash = HashPassword("no account has this password")

// WasteTime costs what VerifyPassword costs.
func WasteTime(pw string) { VerifyPassword(dummyHash, pw) }
