package site

import (
	"net/http"
	"strings"

	"masthead/internal/media"
)

// handleMedia serves a file from media storage: renditions under /media/r/,
// whose names are hashes of their bytes and so never change, with a year's
// caching; older files (such as earlier demo pictures) for a day. Originals
// are the newsroom's and never served here. Names are checked to one plain
// folder and file name, so no path escapes the storage.
func (s *Site) handleMedia(w http.ResponseWriter, r *http.Request) {
	dir, file := r.PathValue("dir"), r.PathValue("file")
	key := dir + "/" + file
	if !plainName(dir) || !plainName(file) || strings.HasPrefix(key, media.PrivatePrefix) {
		s.notFound(w, r)
		return
	}
	obj, err := s.media.Open(r.Context(), key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer obj.Close()
	if strings.HasPrefix(key, media.PublicPrefix) {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=86400")
	}
	http.ServeContent(w, r, file, obj.ModTime(), obj)
}

// plainName accepts names made of letters, digits, dot, hyphen and underscore
// that do not start with a dot.
func plainName(s string) bool {
	return len(s) <= 200 && !strings.Contains(s, "/") && media.ValidKey(s)
}
