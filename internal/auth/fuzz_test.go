package auth_test

import (
	"testing"
	"time"

	"masthead/internal/auth"
)

// FuzzVerifyPassword reads any stored hash: a malformed or hostile one (huge
// cost parameters, bad base64) matches nothing and never panics or runs
// away with memory.
func FuzzVerifyPassword(f *testing.F) {
	f.Add("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo", "pw")
	f.Add("$argon2id$v=19$m=4294967295,t=4294967295,p=255$AA$AA", "pw")
	f.Add("$argon2id$v=19$m=1,t=1,p=0$$", "")
	f.Fuzz(func(t *testing.T, hash, pw string) {
		if auth.VerifyPassword(hash, pw) && hash != "" {
			// Only a real hash of pw may match; a fuzzer finding one is fine
			// only if re-verifying agrees.
			if !auth.VerifyPassword(hash, pw) {
				t.Errorf("VerifyPassword is not stable for %q", hash)
			}
		}
	})
}

// FuzzTOTPStep takes any typed code: only six digits can match.
func FuzzTOTPStep(f *testing.F) {
	f.Add("JBSWY3DPEHPK3PXP", "123456")
	f.Add("", " 12 34 56 ")
	f.Add("!!", "abcdef")
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, secret, code string) {
		if _, ok := auth.TOTPStep(secret, code, now); ok && len(code) < 6 {
			t.Errorf("code %q of fewer than six characters accepted", code)
		}
	})
}
