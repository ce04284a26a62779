package pagecache

import (
	"sync/atomic"

	"github.com/VictoriaMetrics/metrics"
)

// The cache's figures on /metrics, summed over the caches of the process.
var requests = struct {
	hit, stale, miss, wait, bypass *metrics.Counter
}{
	hit:    metrics.NewCounter(`masthead_page_cache_requests_total{result="hit"}`),
	stale:  metrics.NewCounter(`masthead_page_cache_requests_total{result="stale"}`),
	miss:   metrics.NewCounter(`masthead_page_cache_requests_total{result="miss"}`),
	wait:   metrics.NewCounter(`masthead_page_cache_requests_total{result="wait"}`),
	bypass: metrics.NewCounter(`masthead_page_cache_requests_total{result="bypass"}`),
}

var (
	purges      = metrics.NewCounter(`masthead_page_cache_purges_total`)
	purgedPages = metrics.NewCounter(`masthead_page_cache_purged_pages_total`)
	evictions   = metrics.NewCounter(`masthead_page_cache_evictions_total`)
	cachedBytes atomic.Int64
	_           = metrics.NewGauge(`masthead_page_cache_bytes`, func() float64 { return float64(cachedBytes.Load()) })
)
