package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"masthead/internal/auth"
	"masthead/internal/news"
)

// stdin is where `user add` reads the password; tests replace it.
var stdin io.Reader = os.Stdin

// user manages newsroom accounts from the command line. It works while the
// site runs: it only writes rows, as any node would.
func user(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return usageError{errors.New(`use "masthead user add --email E --name N --role R"`)}
	}
	var u news.User
	var role, authorSlug string
	st, err := openForCommand(ctx, "user add", args[1:], stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&u.Email, "email", "", "the person's e-mail `address`, which they sign in with")
		fs.StringVar(&u.Name, "name", "", "the person's `name` as colleagues see it")
		fs.StringVar(&role, "role", "", "`role`: admin, editor, author or contributor")
		fs.StringVar(&authorSlug, "author", "", "the `slug` of the public author profile their bylines use (optional)")
	})
	if err != nil {
		return err
	}
	defer st.Close()
	u.Role = news.Role(role)
	if err := u.Validate(); err != nil {
		return usageError{errors.New(news.ErrorMessage(err))}
	}
	if authorSlug != "" {
		a, err := st.AuthorBySlug(ctx, authorSlug)
		if err != nil {
			return usageError{fmt.Errorf("--author: %s", news.ErrorMessage(err))}
		}
		u.AuthorID = a.ID
	}
	pw, err := readPassword(stderr)
	if err != nil {
		return err
	}
	if err := auth.CheckPassword(pw, u.Email, u.Name); err != nil {
		return errors.New(news.ErrorMessage(err))
	}
	if err := st.CreateUser(ctx, &u, auth.HashPassword(pw)); err != nil {
		if news.ErrorCode(err) == news.EINTERNAL {
			return err
		}
		return errors.New(news.ErrorMessage(err))
	}
	_ = st.Audit(ctx, news.AuditEntry{UserID: u.ID, Action: "user.add", Subject: u.Email,
		Detail: "added from the command line as " + string(u.Role)})
	fmt.Fprintf(stdout, "added %s <%s> as %s\n", u.Name, u.Email, u.Role)
	return nil
}

// readPassword reads one line from standard input: typed at a terminal
// without echo, or piped in (`printf '%s\n' "$PW" | masthead user add …`).
func readPassword(stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading the password from standard input: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", usageError{errors.New("give the password on standard input, e.g. printf '%s\\n' \"$PASSWORD\" | masthead user add …")}
	}
	return line, nil
}
