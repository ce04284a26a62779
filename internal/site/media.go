package site

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// handleMedia serves an image from the data directory's media folder. Names
// are checked to one plain folder and file name, so no path escapes it.
func (s *Site) handleMedia(w http.ResponseWriter, r *http.Request) {
	dir, file := r.PathValue("dir"), r.PathValue("file")
	if !plainName(dir) || !plainName(file) {
		s.notFound(w, r)
		return
	}
	f, err := os.Open(filepath.Join(s.cfg.DataDir, "media", dir, file))
	if err != nil {
		s.notFound(w, r)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.IsDir() {
		s.notFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=86400")
	http.ServeContent(w, r, file, info.ModTime(), f)
}

// plainName accepts names made of letters, digits, dot, hyphen and underscore
// that do not start with a dot.
func plainName(s string) bool {
	if s == "" || strings.HasPrefix(s, ".") || len(s) > 200 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
