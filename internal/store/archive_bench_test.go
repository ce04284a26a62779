package store_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"masthead/internal/store"
)

// archiveStore opens the filled site that MASTHEAD_BENCH_DB names (a
// postgres:// DSN or an SQLite file, such as one made by `masthead demo
// --articles 100000`; scripts/bench makes and migrates one), closed when b
// ends. Without it the benchmark is skipped.
func archiveStore(b *testing.B) *store.Store {
	b.Helper()
	dsn := os.Getenv("MASTHEAD_BENCH_DB")
	if dsn == "" {
		b.Skip("set MASTHEAD_BENCH_DB to a filled site's database (see scripts/bench)")
	}
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// reportTimes reports the median and the 95th percentile of times, in
// milliseconds: what a reader or an editor feels, where ns/op is a mean.
func reportTimes(b *testing.B, times []time.Duration) {
	slices.Sort(times)
	b.ReportMetric(ms(times[len(times)/2]), "p50-ms")
	b.ReportMetric(ms(times[len(times)*95/100]), "p95-ms")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
