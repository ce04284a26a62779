// Package browsertest starts Debian's chromium for the tests that need what a
// reader or an editor does in a real browser: clicking, typing, and the
// requests a page makes.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// RequireEnv is the variable that turns a missing chromium from a skip into a
// failure; CI sets it so browser tests cannot silently stop running.
const RequireEnv = "MASTHEAD_REQUIRE_BROWSER"

// Path returns the chromium executable, from MASTHEAD_CHROMIUM or Debian's
// package, or "" when there is none.
func Path() string {
	if p := os.Getenv("MASTHEAD_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New starts a headless chromium with a fresh profile and returns a context
// for chromedp actions in one tab. The browser is closed when the test ends.
// Without chromium the test is skipped, or fails when RequireEnv is set.
func New(t testing.TB) context.Context {
	t.Helper()
	path := Path()
	if path == "" {
		if os.Getenv(RequireEnv) != "" {
			t.Fatalf("chromium is not installed and %s is set (apt-get install chromium)", RequireEnv)
		}
		t.Skipf("chromium is not installed (apt-get install chromium); set %s=1 to make this a failure", RequireEnv)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		// This machine's network is closed; without these flags chromium
		// keeps trying to reach Google's services in the background, and
		// those requests would also pollute tests that watch the network.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelTab()
		cancelAlloc()
	})
	return ctx
}
