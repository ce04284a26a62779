package store

import (
	"strconv"
	"strings"
	"sync"

	"masthead/internal/cachekey"
	"masthead/internal/news"
)

// renditionMemo keeps each picture's renditions in memory: every page with
// pictures needs them, they change only when the worker makes them again or
// the picture goes, and each such change announces the picture's key
// (cachekey.Asset), on this node and from the others. Reading them costs a
// query of some twenty rows per picture, a quarter of an uncached article
// page's time before this memo.
type renditionMemo struct {
	mu sync.Mutex
	// gen counts the changes heard; a read that began before one is not
	// kept, as it may hold what that change replaced.
	gen uint64
	m   map[int64][]news.Rendition
}

// renditionMemoSize bounds the pictures remembered (a few kilobytes each);
// past it the memo starts again empty.
const renditionMemoSize = 4096

// get returns the remembered renditions of ids, and the ids it does not hold.
// The slices are shared: callers only read them.
func (m *renditionMemo) get(ids []int64, out map[int64][]news.Rendition) (missing []int64, gen uint64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, id := range ids {
		if rs, ok := m.m[id]; ok {
			out[id] = rs
		} else {
			missing = append(missing, id)
		}
	}
	return missing, m.gen
}

// put remembers what a read that began at gen found for ids.
func (m *renditionMemo) put(gen uint64, ids []int64, found map[int64][]news.Rendition) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if gen != m.gen {
		return
	}
	if m.m == nil || len(m.m)+len(ids) > renditionMemoSize {
		m.m = make(map[int64][]news.Rendition, len(ids))
	}
	for _, id := range ids {
		m.m[id] = found[id] // nil too: a picture still pending, until its key is announced
	}
}

// forget drops the pictures whose keys a change names.
func (m *renditionMemo) forget(keys []string, _ bool) {
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
