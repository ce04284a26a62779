package server

import (
	"bytes"
	"context"
	"os"
	"sync"
	"time"

	"masthead/internal/media"
)

// writeProbeEvery is how often at most /readyz checks that the node can
// write; the answers in between repeat the last check, so a load balancer
// polling often costs no more writes.
const writeProbeEvery = 5 * time.Second

// writeProbeKey is the media file the probe writes and removes again.
const writeProbeKey = media.PrivatePrefix + "write-check"

// writeProbeBytes is what the probe writes: a page of the disk, which a full
// disk refuses where an empty file would still be created.
var writeProbeBytes = bytes.Repeat([]byte{'.'}, 4096)

// writeProbe remembers the last check that the node can write.
type writeProbe struct {
	node   string
	mu     sync.Mutex
	at     time.Time
	reason string
	err    error
	media  media.Storage
}

func newWriteProbe(files media.Storage) *writeProbe {
	// Nodes on one host share a row, so the table holds one row per host
	// however often nodes restart.
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "node"
	}
	return &writeProbe{node: host, media: files}
}

// canWrite checks the node can write a heartbeat row in the database and a
// small file in the media storage (removed again), and returns why not: a
// short reason for /readyz, and the error for the log.
func (s *Server) canWrite(ctx context.Context) (reason string, err error) {
	p := s.probe
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.at.IsZero() && time.Since(p.at) < writeProbeEvery {
		return p.reason, p.err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	p.reason, p.err = "", nil
	if err := s.store.Heartbeat(ctx, p.node); err != nil {
		p.reason, p.err = "the database refuses writes", err
	} else if p.media != nil {
		if err := p.media.Put(ctx, writeProbeKey, writeProbeBytes, "application/octet-stream"); err != nil {
			p.reason, p.err = "the media storage refuses writes", err
		} else if err := p.media.Delete(ctx, writeProbeKey); err != nil {
			p.reason, p.err = "the media storage refuses to remove files", err
		}
	}
	p.at = time.Now()
	return p.reason, p.err
}
