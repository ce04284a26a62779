//go:build unix

package site_test

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used so far, user and system,
// every goroutine and the collector included: on a loaded machine a render's
// CPU time says more than its wall time, which includes waiting for a core.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
