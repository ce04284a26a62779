package news

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"strconv"
	"testing"
)

// TestHTTPStatus is the table of every error code and the one status it
// answers everywhere (the site, the newsroom, the API). The codes are read
// from errors.go itself, so a code added without a row here fails.
func TestHTTPStatus(t *testing.T) {
	want := map[string]int{
		ENOTFOUND:    http.StatusNotFound,
		EGONE:        http.StatusGone,
		EINVALID:     http.StatusUnprocessableEntity,
		EMALFORMED:   http.StatusBadRequest,
		ECONFLICT:    http.StatusConflict,
		EINTERNAL:    http.StatusInternalServerError,
		EUNAVAILABLE: http.StatusServiceUnavailable,
	}
	declared := declaredCodes(t)
	if len(declared) != len(want) {
		t.Errorf("errors.go declares the codes %v; the table has %d rows", declared, len(want))
	}
	for _, code := range declared {
		status, ok := want[code]
		if !ok {
			t.Errorf("code %q has no row in this table: give it its status in HTTPStatus and here", code)
			continue
		}
		if code != EINTERNAL && HTTPStatus(&Error{Code: code}) == http.StatusInternalServerError {
			t.Errorf("code %q falls through HTTPStatus to 500: give it a case", code)
		}
		for _, err := range []error{
			&Error{Code: code, Message: "m"},
			fmt.Errorf("wrapped: %w", &Error{Code: code, Message: "m"}),
		} {
			if got := HTTPStatus(err); got != status {
				t.Errorf("HTTPStatus(%v) = %d, want %d", err, got, status)
			}
		}
	}
	if got := HTTPStatus(nil); got != http.StatusOK {
		t.Errorf("HTTPStatus(nil) = %d, want 200", got)
	}
	if got := HTTPStatus(errors.New("disk on fire")); got != http.StatusInternalServerError {
		t.Errorf("HTTPStatus(plain error) = %d, want 500", got)
	}
	if got := HTTPStatus(Unavailable(errors.New("read-only file system"))); got != http.StatusServiceUnavailable {
		t.Errorf("HTTPStatus(Unavailable(...)) = %d, want 503", got)
	}
	if got := HTTPStatus(FieldError("title", "Give a headline.")); got != http.StatusUnprocessableEntity {
		t.Errorf("HTTPStatus(FieldError) = %d, want 422", got)
	}
}

// declaredCodes returns the values of the E… constants errors.go declares.
func declaredCodes(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "errors.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			v := s.(*ast.ValueSpec)
			for i, name := range v.Names {
				if len(name.Name) < 2 || name.Name[0] != 'E' || name.Name[1] < 'A' || name.Name[1] > 'Z' || i >= len(v.Values) {
					continue
				}
				lit, ok := v.Values[i].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				code, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				codes = append(codes, code)
			}
		}
	}
	if len(codes) == 0 {
		t.Fatal("found no error codes in errors.go")
	}
	return codes
}
