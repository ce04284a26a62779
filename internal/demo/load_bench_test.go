package demo

import (
	"context"
	"syscall"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/media"
)

// BenchmarkFirstLoad loads the default paper into a fresh SQLite database as
// the first start of `masthead` does: nothing drawn or resized yet in the
// process. It reports the process's CPU time per load beside the wall time.
//
//	go test -run '^$' -bench FirstLoad -benchtime 3x ./internal/demo
func BenchmarkFirstLoad(b *testing.B) {
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 15, 4, 0, 0, time.UTC)
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		drawn.Clear()
		demoMemo = media.Memo{}
		st := dbtest.SQLite(b)
		dir := b.TempDir()
		b.StartTimer()
		c0 := cpuTime()
		if _, err := Load(ctx, st, New(Options{Seed: 1, Now: now}), dir); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - c0
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/load")
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
