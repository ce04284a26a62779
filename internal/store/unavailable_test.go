package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"masthead/internal/news"
)

// TestWhatIsUnavailable: failures of the disk or the connection are
// EUNAVAILABLE; failures of the statement, and a request that gave up, are not.
func TestWhatIsUnavailable(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("store.Something: %w", err) }
	tests := []struct {
		err  error
		want bool
	}{
		{wrap(&pgconn.PgError{Code: "53100"}), true},
		{wrap(&pgconn.PgError{Code: "25006"}), true},
		{wrap(&pgconn.PgError{Code: "57P01"}), true},
		{wrap(&pgconn.PgError{Code: "08006"}), true},
		{wrap(&pgconn.PgError{Code: "23505"}), false}, // unique violation
		{wrap(&pgconn.PgError{Code: "23503"}), false}, // foreign key
		{wrap(&pgconn.PgError{Code: "42601"}), false}, // syntax
		{wrap(io.ErrUnexpectedEOF), true},
		{wrap(&os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}), true},
		{wrap(&os.PathError{Op: "open", Path: "x", Err: syscall.EROFS}), true},
		{wrap(&os.PathError{Op: "open", Path: "x", Err: syscall.ENOENT}), false},
		{wrap(context.DeadlineExceeded), false},
		{wrap(context.Canceled), false},
		{errors.New("anything else"), false},
	}
	s := &Store{dialect: postgres}
	for _, tt := range tests {
		got := news.ErrorCode(s.classify(tt.err)) == news.EUNAVAILABLE
		if got != tt.want {
			t.Errorf("%v: unavailable %v, want %v", tt.err, got, tt.want)
		}
		if err := s.classify(tt.err); !errors.Is(err, tt.err) {
			t.Errorf("%v: the cause is lost from the chain", tt.err)
		}
	}
	// A lost connection makes the pool check its others for a while.
	if !s.shouldPing(0) {
		t.Error("after a lost connection, pooled connections are not checked")
	}
	if (&Store{}).shouldPing(0) {
		t.Error("without a loss, a connection idle under a second is checked")
	}
}
