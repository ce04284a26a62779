package media

import (
	"crypto/sha256"
	"fmt"
	"sync"
)

// Memo remembers renditions by the original's bytes, the focal point and the
// sizes asked for. It is for loaders that put the same pictures into many
// databases in one process (the demo in tests); a site has no use for it.
type Memo struct {
	mu   sync.Mutex
	made map[string][]made
}

func (m *Memo) key(original []byte, fx, fy float64, o Options) string {
	sum := sha256.Sum256(original)
	return fmt.Sprintf("%x %g %g %v %v %v %d %d %d %d", sum, fx, fy, o.Widths, o.AnimatedWidths, o.Crops,
		o.JPEGQuality, o.WebPQuality, o.WebPMethod, o.MaxAnimationPixels)
}

func (m *Memo) get(k string) ([]made, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out, ok := m.made[k]
	return out, ok
}

func (m *Memo) put(k string, v []made) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.made == nil {
		m.made = map[string][]made{}
	}
	m.made[k] = v
}
