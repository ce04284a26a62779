// Package webhook tells other servers of what happens on the site: it
// signs messages as the Standard Webhooks specification says, refuses to
// reach internal hosts, and delivers the queued events (see store).
package webhook

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// secretPrefix starts every secret, as the specification's libraries expect.
const secretPrefix = "whsec_"

// NewSecret returns a new endpoint secret: whsec_ and 32 random bytes in
// base64 (the specification asks for 24 to 64).
func NewSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return secretPrefix + base64.StdEncoding.EncodeToString(b[:])
}

// decodeSecret returns the key a secret stands for.
func decodeSecret(secret string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, secretPrefix))
	if err != nil {
		return nil, fmt.Errorf("webhook secret: %w", err)
	}
	return key, nil
}

// Headers returns the Standard Webhooks headers for a message: its id, the
// time it is sent and one v1 signature per secret (space-separated), each an
// HMAC-SHA256 of "id.timestamp.body" keyed with the decoded secret.
func Headers(msgID string, at time.Time, body []byte, secrets []string) (map[string]string, error) {
	ts := strconv.FormatInt(at.Unix(), 10)
	sigs := make([]string, 0, len(secrets))
	for _, s := range secrets {
		key, err := decodeSecret(s)
		if err != nil {
			return nil, err
		}
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(msgID + "." + ts + "."))
		mac.Write(body)
		sigs = append(sigs, "v1,"+base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	}
	return map[string]string{
		"webhook-id":        msgID,
		"webhook-timestamp": ts,
		"webhook-signature": strings.Join(sigs, " "),
	}, nil
}
