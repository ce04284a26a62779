package admin

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"path"
	"strings"

	"masthead/internal/csp"
)

//go:embed static
var static embed.FS

// staticFile is one of the newsroom's files (the bundled editor, see
// tools/bundle, and the stylesheet), served under a name that changes with
// its content, so browsers may keep it for a year.
// The people page's copy buttons have a small script of their own.
type staticFile struct {
	body      []byte
	path      string
	ctype     string
	integrity string // what the script element and the policy name
}

func loadStatic(name, ctype string) staticFile {
	b, err := static.ReadFile("static/" + name)
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256(b)
	ext := path.Ext(name)
	return staticFile{body: b, ctype: ctype, integrity: csp.Integrity(b),
		path: "/admin/static/" + strings.TrimSuffix(name, ext) + "-" + hex.EncodeToString(sum[:6]) + ext}
}

var (
	editorScript = loadStatic("editor.js", "text/javascript; charset=utf-8")
	stylesheet   = loadStatic("admin.css", "text/css; charset=utf-8")
	editorStyle  = loadStatic("editor.css", "text/css; charset=utf-8")
	peopleScript = loadStatic("people.js", "text/javascript; charset=utf-8")
	frontsScript = loadStatic("fronts.js", "text/javascript; charset=utf-8")
)

// editorScriptPath is the bundled editor's address.
var editorScriptPath = editorScript.path

// policy is the newsroom's Content-Security-Policy: the editor's script by
// its hash, the stylesheet from the site, no frames (the editor shows an
// embed as its address), and no page framed by another. A preview sets the
// public page's policy instead.
var policy = csp.Policy{Scripts: []string{editorScript.integrity, peopleScript.integrity, frontsScript.integrity}}.String()

func (a *Admin) serveStatic(w http.ResponseWriter, r *http.Request) {
	var f *staticFile
	switch r.URL.Path {
	case editorScript.path:
		f = &editorScript
	case stylesheet.path:
		f = &stylesheet
	case editorStyle.path:
		f = &editorStyle
	case peopleScript.path:
		f = &peopleScript
	case frontsScript.path:
		f = &frontsScript
	default:
		a.notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("Cache-Control", "private, max-age=31536000, immutable")
	_, _ = w.Write(f.body)
}
