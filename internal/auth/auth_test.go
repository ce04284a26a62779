package auth_test

import (
	"strings"
	"testing"
	"time"

	"masthead/internal/auth"
	"masthead/internal/news"
)

func TestPasswordRules(t *testing.T) {
	for _, c := range []struct {
		pw string
		ok bool
	}{
		{"short", false},
		{"password123", false},
		{"qwertyuiop", false},
		{"harbourcourier2026", false}, // built from the person's own details
		{"iloveyou12345", false},
		{strings.Repeat("x", 300), false},
		{"tidal lantern copper orchard", true},
		{"Mv7#kq2!Lp9zR", true},
	} {
		err := auth.CheckPassword(c.pw, "Harbour Courier", "ed@harbourcourier.example")
		if (err == nil) != c.ok {
			t.Errorf("CheckPassword(%q) = %v, want ok=%v", c.pw, err, c.ok)
		}
		if err != nil && news.ErrorCode(err) != news.EINVALID {
			t.Errorf("CheckPassword(%q): code %s, want invalid", c.pw, news.ErrorCode(err))
		}
	}
}

func TestHashAndVerify(t *testing.T) {
	h := auth.HashPassword("tidal lantern copper orchard")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not an argon2id PHC string with our cost", h)
	}
	if h == auth.HashPassword("tidal lantern copper orchard") {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	if !auth.VerifyPassword(h, "tidal lantern copper orchard") {
		t.Error("the right password does not verify")
	}
	for _, wrong := range []string{"tidal lantern copper orchar", "", "Tidal lantern copper orchard"} {
		if auth.VerifyPassword(h, wrong) {
			t.Errorf("%q verifies", wrong)
		}
	}
	for _, bad := range []string{"", "plain", "$argon2id$v=19$m=0,t=2,p=1$AAAA$AAAA", "$argon2id$v=19$m=19456,t=2,p=1$!!$AAAA", "$bcrypt$x"} {
		if auth.VerifyPassword(bad, "x") {
			t.Errorf("unreadable hash %q verifies", bad)
		}
	}
}

func TestTokens(t *testing.T) {
	a, b := auth.NewToken(), auth.NewToken()
	if a == b || len(a) < 40 {
		t.Errorf("tokens %q and %q: want long and different", a, b)
	}
	if auth.TokenHash(a) == a || auth.TokenHash(a) != auth.TokenHash(a) || auth.TokenHash(a) == auth.TokenHash(b) {
		t.Error("token hashes are not a stable, distinct function of the token")
	}
}

func TestTOTP(t *testing.T) {
	secret, url, err := auth.NewTOTP("The Harbour Courier", "ed@harbourcourier.example")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(url, "otpauth://totp/") || !strings.Contains(url, secret) {
		t.Errorf("otpauth URL %q", url)
	}
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	code := auth.TOTPCode(secret, now)
	step, ok := auth.TOTPStep(secret, code, now.Add(20*time.Second))
	if !ok || step == 0 {
		t.Errorf("the current code is refused")
	}
	if _, ok := auth.TOTPStep(secret, code, now.Add(5*time.Minute)); ok {
		t.Error("a five-minute-old code is accepted")
	}
	if _, ok := auth.TOTPStep(secret, "12345", now); ok {
		t.Error("a five-digit code is accepted")
	}
	codes := auth.NewRecoveryCodes(10)
	seen := map[string]bool{}
	for _, c := range codes {
		if len(c) != 11 || seen[c] {
			t.Errorf("recovery code %q: want 11 characters, all different", c)
		}
		seen[c] = true
	}
	if auth.NormalizeRecoveryCode(" ABCDE-fghjk ") != "abcde-fghjk" {
		t.Error("recovery codes are not folded to lower case")
	}
}
