package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"masthead/internal/dbtest"
)

func TestReindexCommand(t *testing.T) {
	cases := []struct {
		name string
		args func(t *testing.T) []string
	}{
		{"sqlite", func(t *testing.T) []string { return []string{"reindex", "--data", t.TempDir()} }},
		{"postgres", func(t *testing.T) []string {
			return []string{"reindex", "--data", t.TempDir(), "--db", dbtest.PostgresDSN(t)}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if status := run(context.Background(), c.args(t), &bytes.Buffer{}, &stderr); status != 0 {
				t.Fatalf("exit status %d; stderr: %s", status, stderr.String())
			}
			if !strings.Contains(stderr.String(), "search index rebuilt") {
				t.Errorf("stderr %q does not say the index was rebuilt", stderr.String())
			}
		})
	}
}
