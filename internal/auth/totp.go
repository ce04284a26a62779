package auth

import (
	"crypto/rand"
	"fmt"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// NewTOTP makes a TOTP secret for an account and the otpauth:// URL an
// authenticator app takes (by QR code or typed in).
func NewTOTP(issuer, account string) (secret, url string, err error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: account})
	if err != nil {
		return "", "", err
	}
	return key.Secret(), key.URL(), nil
}

// TOTPStep checks a six-digit code against secret at now, allowing one step
// (30 s) of clock drift either way, and returns the time step it matched, so
// the caller can refuse the same code twice. ok is false for a wrong code.
func TOTPStep(secret, code string, now time.Time) (step int64, ok bool) {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	if len(code) != 6 {
		return 0, false
	}
	for _, skew := range []int64{0, -1, 1} {
		t := now.Add(time.Duration(skew) * 30 * time.Second)
		want, err := totp.GenerateCodeCustom(secret, t, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err == nil && want == code {
			return t.Unix() / 30, true
		}
	}
	return 0, false
}

// TOTPCode returns the current code for secret, for tests and for showing
// that enrolment works.
func TOTPCode(secret string, now time.Time) string {
	code, _ := totp.GenerateCodeCustom(secret, now, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	return code
}

// NewRecoveryCodes returns n one-time codes for signing in without the
// authenticator, as xxxxx-xxxxx in an alphabet without look-alike letters.
func NewRecoveryCodes(n int) []string {
	const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	out := make([]string, n)
	for i := range out {
		b := make([]byte, 10)
		_, _ = rand.Read(b)
		for j := range b {
			b[j] = alphabet[int(b[j])%len(alphabet)]
		}
		out[i] = fmt.Sprintf("%s-%s", b[:5], b[5:])
	}
	return out
}

// NormalizeRecoveryCode folds what a person typed to the stored form.
func NormalizeRecoveryCode(s string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
}
