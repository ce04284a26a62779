package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"masthead/internal/news"
)

// timezone shows or sets the site's time zone (an IANA name), in which the
// newsroom and the reader site show dates. Times are stored in UTC.
func timezone(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var name string
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		name, args = args[0], args[1:]
	}
	st, err := openForCommand(ctx, "timezone", args, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	if name != "" {
		if err := st.SetTimeZone(ctx, name); err != nil {
			if news.ErrorCode(err) == news.EINVALID {
				return usageError{errors.New(news.ErrorMessage(err))}
			}
			return err
		}
	}
	loc, err := st.TimeZone(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, loc.String())
	return nil
}
