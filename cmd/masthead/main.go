// Command masthead runs a Masthead news site: `masthead serve` starts it,
// other subcommands manage it. Every flag has a MASTHEAD_* environment
// variable; a flag given on the command line wins.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `Masthead: a newsroom CMS and the news site it serves.

Usage:
  masthead serve [flags]     run the site (the default when no command is given)
  masthead migrate [flags]   apply database migrations and exit
  masthead reindex [flags]   rebuild the search index and exit
  masthead backup --out FILE|s3://BUCKET/KEY [--no-media] [flags]
                             write a consistent backup of the running site
  masthead restore FILE [--replace] [flags]
                             restore a backup into an empty database (either engine)
  masthead move --to postgres://… [flags]
                             copy the site into another database (SQLite to PostgreSQL)
  masthead demo [flags]      fill an empty site with the demo paper (--articles N)
  masthead timezone [NAME] [flags]
                             show, or set to an IANA name (Europe/London), the site's time zone
  masthead import wordpress FILE.xml [--uploads DIR] [--dry-run] [flags]
                             import a WordPress export, with redirects from its old addresses
  masthead user add --email E --name N --role R [flags]
                             add a newsroom account; the password is read from standard input

Run "masthead serve -h" for the flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the process exit status: 0 on
// success, 2 for a usage error, 1 for anything else.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = serve(ctx, args, stderr)
	case "migrate":
		err = migrate(ctx, args, stderr)
	case "reindex":
		err = reindex(ctx, args, stderr)
	case "backup":
		err = backupCmd(ctx, args, stderr)
	case "restore":
		err = restoreCmd(ctx, args, stderr)
	case "move":
		err = moveCmd(ctx, args, stderr)
	case "demo":
		err = demoCmd(ctx, args, stderr)
	case "import":
		err = importCmd(ctx, args, stdout, stderr)
	case "user":
		err = user(ctx, args, stdout, stderr)
	case "timezone":
		err = timezone(ctx, args, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "masthead: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, new(usageError)):
		fmt.Fprintf(stderr, "masthead %s: %v\n", cmd, err)
		return 2
	default:
		fmt.Fprintf(stderr, "masthead %s: %v\n", cmd, err)
		return 1
	}
}

// usageError is a mistake on the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }
