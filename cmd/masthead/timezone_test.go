package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestTimezoneCommand: the site's time zone is UTC until set to an IANA
// name; a name the time zone database does not know is a usage error and
// changes nothing.
func TestTimezoneCommand(t *testing.T) {
	dir := t.TempDir()
	run1 := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		status := run(context.Background(), append(append([]string{"timezone"}, args...), "--data", dir), &stdout, &stderr)
		return status, strings.TrimSpace(stdout.String()), stderr.String()
	}
	if status, out, errs := run1(); status != 0 || out != "UTC" {
		t.Fatalf("the default: %d %q %s", status, out, errs)
	}
	if status, out, errs := run1("Europe/London"); status != 0 || out != "Europe/London" {
		t.Fatalf("setting it: %d %q %s", status, out, errs)
	}
	if status, _, errs := run1("Mars/Olympus_Mons"); status != 2 || !strings.Contains(errs, "is not a time zone") {
		t.Errorf("an unknown zone: %d %s", status, errs)
	}
	if _, out, _ := run1(); out != "Europe/London" {
		t.Errorf("after a refused change: %q", out)
	}
}
