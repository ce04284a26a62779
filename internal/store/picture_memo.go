package store

import (
	"strconv"
	"strings"
	"sync"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// pictureMemo keeps the media library pictures that pages show (their words
// and renditions) in memory: nearly every page has pictures, and they change
// only when the worker makes their renditions again or an editor changes
// their words, each of which announces the picture's key (cachekey.Asset), on
// this node and, through LISTEN, from the others. Reading them costs a query
// of some twenty rows per picture, a quarter of an uncached article page's
// time before this memo.
type pictureMemo struct {
	mu sync.Mutex
	// gen counts the changes heard; a read that began before one is not
	// kept, as it may hold what that change replaced.
	gen uint64
	m   map[int64]news.Asset
}

// pictureMemoSize bounds the pictures remembered (a few kilobytes each);
// past it the memo starts again empty.
const pictureMemoSize = 4096

// get puts the remembered pictures of ids in out and returns the ids it does
// not hold, and the generation to put them back with. The pictures'
// renditions are shared: callers only read them.
func (m *pictureMemo) get(ids []int64, out map[int64]news.Asset) (missing []int64, gen uint64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, id := range ids {
		if a, ok := m.m[id]; ok {
			if a.ID != 0 {
				out[id] = a
			}
		} else {
			missing = append(missing, id)
		}
	}
	return missing, m.gen
}

// put remembers what a read that began at gen found for ids; an id it did
// not find (no renditions yet) is remembered as such until its key is
// announced.
func (m *pictureMemo) put(gen uint64, ids []int64, found map[int64]news.Asset) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if gen != m.gen {
		return
	}
	if m.m == nil || len(m.m)+len(ids) > pictureMemoSize {
		m.m = make(map[int64]news.Asset, len(ids))
	}
	for _, id := range ids {
		m.m[id] = found[id]
	}
}

// forget drops the pictures whose keys a change names.
func (m *pictureMemo) forget(keys []string, _ bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.gen++
	for _, k := range keys {
		if k == cachekey.Everything {
			m.m = nil
			return
		}
		if rest, ok := strings.CutPrefix(k, "asset:"); ok {
			if id, err := strconv.ParseInt(rest, 10, 64); err == nil {
				delete(m.m, id)
			}
		}
	}
}
