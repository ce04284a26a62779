package main

import (
	"context"
	"fmt"
	"io"
)

// reindex rebuilds the search index from the articles, for after a restore
// from backup or a change to how articles are indexed. The site can keep
// serving meanwhile; search answers from the old rows until each batch lands.
func reindex(ctx context.Context, args []string, stderr io.Writer) error {
	st, err := openForCommand(ctx, "reindex", args, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	err = st.Reindex(ctx, func(done, total int) {
		fmt.Fprintf(stderr, "indexed %d/%d\n", done, total)
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(stderr, "search index rebuilt")
	return nil
}
