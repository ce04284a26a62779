package store_test

import (
	"context"
	"database/sql"
	"os"
	"strings"
	"testing"
	"time"
	"unicode"

	"masthead/internal/dbtest"
	"masthead/internal/store"
)

// FuzzSearch feeds anything a reader might type to the search: the terms it
// is cut into must be at most 32 words of lower-case letters and digits
// taken from the input, each engine's query must quote every term (so no
// input becomes FTS5 or tsquery syntax), and the search itself must answer
// without an error on SQLite and, when it is there, on PostgreSQL, and find
// a story by a word of its headline whatever surrounds it.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"harbour cranes", `"harbour cranes" idle`, `"unterminated`, `AND OR NOT`, `NEAR(a b)`,
		`*`, `headline:harbour`, `'; DROP TABLE articles; --`, "😀 Ünïcödé ß", strings.Repeat("news ", 50),
		"harbour\x00cranes", "\xff\xfe", `harbour -cranes`, `^harbour`, `""`, `a:b:c "d" e*`, "İstanbul ǅ ﬁ", "x\u200by"} {
		f.Add(s)
	}
	stores := []*store.Store{dbtest.SQLite(f)}
	if os.Getenv("MASTHEAD_REQUIRE_POSTGRES") == "1" || postgresAnswers() {
		// dbtest.Postgres would skip the whole target, SQLite too, when
		// there is no server.
		stores = append(stores, dbtest.Postgres(f))
	}
	for _, st := range stores {
		searchFixture(f, st)
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, text string) {
		terms := store.SearchTerms(text)
		lower := strings.ToLower(strings.ToValidUTF8(text, " "))
		words := 0
		for _, term := range terms {
			if len(term) == 0 {
				t.Fatalf("an empty term from %q", text)
			}
			for _, w := range term {
				words++
				if w == "" || strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
					t.Fatalf("term word %q from %q holds more than letters and digits", w, text)
				}
				if !strings.Contains(lower, w) {
					t.Fatalf("term word %q is not in the input %q", w, text)
				}
			}
		}
		if words > 32 {
			t.Fatalf("%d words from %q, over the 32 a query may have", words, text)
		}
		if len(terms) > 0 {
			checkQuoted(t, store.FTSMatch(terms), " AND ")
			checkQuoted(t, store.TSQuery(terms), " ")
		}
		for _, st := range stores {
			if _, err := st.Search(ctx, store.SearchQuery{Text: text}); err != nil {
				t.Fatalf("Search(%q): %v", text, err)
			}
			// A story holding every word of the query is found, whatever
			// else the input held around them (quotes aside: a phrase
			// needs its words side by side).
			with := "harbour " + text
			if !strings.Contains(text, `"`) && allIn(store.SearchTerms(with), "harbour cranes stand idle dockers wait for the ruling",
				"idle talk at the harbour the cranes moved the stand emptied") {
				if res, err := st.Search(ctx, store.SearchQuery{Text: with}); err != nil || res.Total == 0 {
					t.Errorf("Search(%q) found %d (%v)", with, res.Total, err)
				}
			}
		}
	})
}

// postgresAnswers reports whether the test PostgreSQL server answers.
func postgresAnswers() bool {
	dsn := os.Getenv("MASTHEAD_TEST_POSTGRES")
	if dsn == "" {
		dsn = dbtest.DefaultPostgres
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return false
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	return db.PingContext(ctx) == nil
}

// allIn reports whether some document holds every word of terms.
func allIn(terms [][]string, docs ...string) bool {
	for _, d := range docs {
		words := strings.Fields(d)
		all := true
		for _, term := range terms {
			for _, w := range term {
				if !containsWord(words, w) {
					all = false
				}
			}
		}
		if all {
			return true
		}
	}
	return false
}

func containsWord(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}

// checkQuoted checks that q is double-quoted strings joined by sep, with no
// quote inside any of them.
func checkQuoted(t *testing.T, q, sep string) {
	t.Helper()
	for rest := q; ; {
		inner, after, ok := strings.Cut(strings.TrimPrefix(rest, `"`), `"`)
		if !strings.HasPrefix(rest, `"`) || !ok || inner == "" {
			t.Fatalf("engine query %q is not quoted strings joined by %q", q, sep)
		}
		if after == "" {
			return
		}
		if rest, ok = strings.CutPrefix(after, sep); !ok {
			t.Fatalf("engine query %q is not quoted strings joined by %q", q, sep)
		}
	}
}
