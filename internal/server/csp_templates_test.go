package server_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// No template of either surface, and no script of the site or the editor,
// holds what the Content-Security-Policy refuses: a <style> element, a style
// or event-handler attribute, an inline script that would run, a style set
// as an attribute from script, or code made from strings. A template the
// page tests never render is held to it too.
func TestTemplatesKeepToThePolicy(t *testing.T) {
	refused := []struct {
		what string
		re   *regexp.Regexp
	}{
		{"a <style> element", regexp.MustCompile(`(?i)<style\b`)},
		{"a style attribute", regexp.MustCompile(`(?i)<[a-z][^>]*\sstyle\s*=`)},
		{"an event-handler attribute", regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)},
		{"a javascript: URL", regexp.MustCompile(`(?i)javascript:`)},
	}
	fromScript := []struct {
		what string
		re   *regexp.Regexp
	}{
		{"a style attribute set from script", regexp.MustCompile(`setAttribute\(\s*["']style["']`)},
		{"eval", regexp.MustCompile(`\beval\(`)},
		{"code from a string", regexp.MustCompile(`new Function\(|set(?:Timeout|Interval)\(\s*["']`)},
		{"markup written as HTML", regexp.MustCompile(`\.(?:innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write`)},
	}
	var files int
	html := func(p string) bool { return strings.HasSuffix(p, ".html") }
	check := func(root string, match func(string) bool, rules []struct {
		what string
		re   *regexp.Regexp
	}) {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !match(path) {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files++
			if html(path) {
				// A script element must be a file (src) or data (JSON).
				for _, tag := range scriptTag.FindAllStringSubmatch(string(b), -1) {
					if !strings.Contains(tag[1], "src=") && !strings.Contains(tag[1], `type="application/ld+json"`) && !strings.Contains(tag[1], `type="application/json"`) {
						t.Errorf("%s holds an inline script: %q", path, tag[0])
					}
				}
			}
			for _, r := range rules {
				if m := r.re.FindString(string(b)); m != "" {
					t.Errorf("%s holds %s: %q", path, r.what, m)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	check("../site/templates", html, refused)
	check("../admin/templates", html, refused)
	check("../site/static", func(p string) bool { return strings.HasSuffix(p, ".js") }, fromScript)
	check("../../web/editor", func(p string) bool { return p == "../../web/editor/editor.js" }, fromScript)
	if files < 20 {
		t.Fatalf("only %d files checked; the paths are wrong", files)
	}
}
