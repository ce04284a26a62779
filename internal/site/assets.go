package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"

	"masthead/internal/csp"
)

// asset is a static file held in memory with its gzip form, served under a
// URL that carries a hash of its content so browsers may keep it for a year.
type asset struct {
	body, gz []byte
	ctype    string
	url      string
	// integrity is the hash a script element names and the policy allows.
	integrity string
}

// assets maps a file name (site.css) to its asset and its hashed URL back.
type assets struct {
	byName map[string]*asset
	byURL  map[string]*asset
}

func loadAssets(files fs.FS) (*assets, error) {
	a := &assets{byName: map[string]*asset{}, byURL: map[string]*asset{}}
	err := fs.WalkDir(files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(body)
		ext := path.Ext(name)
		as := &asset{body: body, ctype: mime.TypeByExtension(ext), integrity: csp.Integrity(body),
			url: "/static/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:6]) + ext}
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		if gz.Len() < len(body) {
			as.gz = gz.Bytes()
		}
		a.byName[name] = as
		a.byURL[as.url] = as
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("site: static files: %w", err)
	}
	return a, nil
}

// url returns the hashed URL of a static file, for templates.
func (a *assets) url(name string) (string, error) {
	as := a.byName[name]
	if as == nil {
		return "", fmt.Errorf("no static file %q", name)
	}
	return as.url, nil
}

// integrity returns the integrity value of a static file, for a script
// element: the policy lets a script run only by this hash.
func (a *assets) integrity(name string) (string, error) {
	as := a.byName[name]
	if as == nil {
		return "", fmt.Errorf("no static file %q", name)
	}
	return as.integrity, nil
}

// scripts returns the integrity values of every script, sorted.
func (a *assets) scripts() []string {
	var out []string
	for name, as := range a.byName {
		if path.Ext(name) == ".js" {
			out = append(out, as.integrity)
		}
	}
	slices.Sort(out)
	return out
}

// handleStatic serves a static file by its hashed URL. An old hash is a 404,
// not the new file, so a stale page never pairs with a newer stylesheet
// under a cache lifetime of a year.
func (s *Site) handleStatic(w http.ResponseWriter, r *http.Request) {
	as := s.assets.byURL[r.URL.Path]
	if as == nil {
		s.notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", as.ctype)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("Vary", "Accept-Encoding")
	body := as.body
	if as.gz != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = as.gz
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) != "gzip" {
			continue
		}
		q := strings.TrimPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		if f, err := strconv.ParseFloat(q, 64); q == "" || err == nil && f > 0 {
			return true
		}
	}
	return false
}
