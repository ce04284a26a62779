package redirect

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// browserHost returns the host a browser lands on when a page of
// https://news.example answers with Location: loc, reading it as the URL
// standard does: tabs and newlines dropped, a backslash taken for a slash.
func browserHost(loc string) string {
	loc = strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(strings.Trim(loc, " \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"))
	base, _ := url.Parse("https://news.example/section/page")
	ref, err := url.Parse(loc)
	if err != nil {
		return "unparsable"
	}
	return base.ResolveReference(ref).Host
}

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		target string
		ok     bool
	}{
		{"/", true},
		{"/world", true},
		{"/admin?next=%2Fadmin%2Farticles", true},
		{"/archive/2026/11?page=2", true},
		{"/%5Cevil.example", true}, // escaped: a path on this site
		{"/%2F%2Fevil", true},
		{"/%09/evil.example", true},
		{"/%E2%88%95evil.example", true},
		{"//evil.example", false},
		{`/\evil.example`, false},
		{`/\/evil.example`, false},
		{"/\t/evil.example", false},
		{"/\n/evil.example", false},
		{"/\r\n/evil.example", false},
		{"/ /evil.example", false},
		{"/\x00/evil.example", false},
		{"/a\\b", false},
		{"/∕evil.example", false}, // U+2215 division slash
		{"/／evil.example", false}, // U+FF0F fullwidth solidus
		{"/\u2044evil.example", false},
		{"/.%2E/", false},
		{"/.%2e//evil.example", false},
		{"/%2e%2e/%2e%2e//evil.example", false},
		{"/a/../b", false},
		{"/a/./b", false},
		{"/%", false},
		{"/%zz", false},
		{"https://evil.example/", false},
		{"evil.example", false},
		{"javascript:alert(1)", false},
		{"", false},
		{"/...", true},
	} {
		err := Check(c.target)
		if (err == nil) != c.ok {
			t.Errorf("Check(%q) = %v, want ok=%v", c.target, err, c.ok)
		}
		if err == nil && browserHost(c.target) != "news.example" {
			t.Errorf("Check(%q) passed, but a browser goes to %q", c.target, browserHost(c.target))
		}
	}
}

// FuzzLocal checks that whatever path and query arrive, a target Local
// accepts keeps a browser on this site, is printable ASCII, and starts with
// one slash not followed by a second or a backslash.
func FuzzLocal(f *testing.F) {
	for _, seed := range [][2]string{
		{"/world", ""}, {"/%5Cevil.example", ""}, {"/%09/evil.example", ""}, {"/%2F%5Cevil.example", "a=b"},
		{"//evil", ""}, {`/\evil`, ""}, {"/%2F%2Fevil", ""}, {"/\t/evil.example", ""}, {"/.%2E/", ""},
		{"/／evil.example", ""}, {"/a", "x=\r\nLocation: //evil"}, {"/a", "#//evil"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, path, query string) {
		target, err := Local(path, query)
		if err != nil {
			return
		}
		if target[0] != '/' || len(target) > 1 && (target[1] == '/' || target[1] == '\\') {
			t.Fatalf("Local(%q, %q) = %q", path, query, target)
		}
		for _, c := range []byte(target) {
			if c <= ' ' || c >= 0x7f {
				t.Fatalf("Local(%q, %q) = %q holds byte %#x", path, query, target, c)
			}
		}
		if h := browserHost(target); h != "news.example" {
			t.Fatalf("Local(%q, %q) = %q sends a browser to %q", path, query, target, h)
		}
	})
}

// TestEveryRedirectGoesThroughTo: no code but this package's To calls
// http.Redirect or sets a Location header itself, so every redirect the
// program sends is checked.
func TestEveryRedirectGoesThroughTo(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || path == filepath.Join(root, "internal", "redirect", "redirect.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(src), "\n") {
			if strings.Contains(line, "http.Redirect(") || strings.Contains(line, `"Location"`) {
				t.Errorf("%s:%d redirects by itself, not through redirect.To: %s", path, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
