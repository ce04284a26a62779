//go:build unix

package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// lockSQLite makes sure one process serves an SQLite site. SQLite takes one
// writer and this node's page cache hears only of its own changes, so a
// second `masthead serve` on the same file would show stale pages; it is
// refused with the reason. The lock is an flock on a file beside the
// database, released by the kernel if the process dies. Commands that run
// beside the server (user add, reindex) do not take it.
func lockSQLite(dbPath string) (unlock func(), err error) {
	name := strings.TrimPrefix(strings.TrimPrefix(dbPath, "sqlite://"), "file:")
	if i := strings.IndexByte(name, '?'); i >= 0 {
		name = name[:i]
	}
	name += ".serve-lock"
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o640)
	if err != nil {
		return nil, fmt.Errorf("cannot open the lock file %s: %w", name, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		pid, _ := os.ReadFile(name)
		f.Close()
		holder := ""
		if p := strings.TrimSpace(string(pid)); p != "" {
			holder = " (process " + p + ")"
		}
		return nil, fmt.Errorf("another masthead%s is already serving the SQLite database %s: an SQLite site "+
			"runs on one node; stop the other one, or use PostgreSQL (--db postgres://…) to run several nodes", holder, dbPath)
	}
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
