package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"masthead/internal/store"
)

// reindex rebuilds the search index from the articles, for after a restore
// from backup or a change to how articles are indexed. The site can keep
// serving meanwhile; search answers from the old rows until each batch lands.
func reindex(ctx context.Context, args []string, stderr io.Writer) error {
	var c config
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	c.flags(fs)
	if err := c.parse(fs, args, stderr); err != nil {
		return err
	}
	if !store.IsPostgres(c.DB) {
		if err := checkDataDir(c.Data); err != nil {
			return err
		}
	}
	st, err := openStore(ctx, c, c.logger(stderr))
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
