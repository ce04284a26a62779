package store

import (
	"context"
	"database/sql"
	"math"
	"sort"
	"strings"
	"unicode"

	"masthead/internal/news"
)

// maxTerms is how many salient words are kept per article: enough to tell
// what a story is about, few enough to keep the related-articles join small.
const maxTerms = 24

// saveTerms replaces the salient words of a published article; other
// articles have none, so they are never offered as related. The words go
// in with one statement on PostgreSQL: one round trip per word was half
// the statements of a save.
func (s *Store) saveTerms(ctx context.Context, tx *sql.Tx, a *news.Article) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM article_terms WHERE article_id = $1", a.ID); err != nil {
		return err
	}
	if a.Status != news.Published {
		return nil
	}
	var rows [][]any
	for term, w := range salientTerms(a) {
		rows = append(rows, []any{a.ID, term, w})
	}
	return s.insertRows(ctx, tx, "INSERT INTO article_terms (article_id, term, weight) VALUES ", rows, plainRow(3))
}

// salientTerms counts the content words of an article, the headline three
// times and the standfirst twice because they say what the story is about,
// and returns the most frequent with weights scaled to unit length.
func salientTerms(a *news.Article) map[string]float64 {
	counts := map[string]float64{}
	addWords(counts, a.Headline, 3)
	addWords(counts, a.Standfirst, 2)
	addWords(counts, a.Body.Text(), 1)
	for _, t := range a.Tags {
		addWords(counts, t.Name, 2)
	}
	type tc struct {
		term  string
		count float64
	}
	list := make([]tc, 0, len(counts))
	for t, c := range counts {
		list = append(list, tc{t, c})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].count != list[j].count {
			return list[i].count > list[j].count
		}
		return list[i].term < list[j].term
	})
	if len(list) > maxTerms {
		list = list[:maxTerms]
	}
	var norm float64
	for _, x := range list {
		norm += x.count * x.count
	}
	norm = math.Sqrt(norm)
	out := make(map[string]float64, len(list))
	for _, x := range list {
		out[x.term] = x.count / norm
	}
	return out
}

// addWords adds each content word of text to counts with weight w.
func addWords(counts map[string]float64, text string, w float64) {
	for _, word := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '’' && r != '\''
	}) {
		if term := normalizeTerm(word); term != "" {
			counts[term] += w
		}
	}
}

// normalizeTerm drops possessives, short words, numbers and stop words, and
// folds simple plurals so "councils" and "council" count as one word.
func normalizeTerm(word string) string {
	word = strings.TrimSuffix(strings.TrimSuffix(word, "’s"), "'s")
	word = strings.Trim(word, "’'")
	if len(word) < 4 || stopWords[word] || strings.IndexFunc(word, unicode.IsLetter) < 0 {
		return ""
	}
	if strings.HasSuffix(word, "ies") && len(word) > 5 {
		return word[:len(word)-3] + "y"
	}
	if strings.HasSuffix(word, "s") && !strings.HasSuffix(word, "ss") && !strings.HasSuffix(word, "us") && len(word) > 4 {
		return word[:len(word)-1]
	}
	return word
}

// stopWords are common English words of four letters or more that say nothing
// about what a story is about (shorter words are dropped anyway).
var stopWords = setOf(`about above across after again against almost along already also although always
among another anyone anything around away back because been before being below between both
came come could does doing done down during each either else enough even ever every everyone
few first from further gave give given goes going gone have having here herself himself
however into itself just keep know last later least less like likely made make many more most
much must near need never next none nothing often once only other others over perhaps really
said same says seen should show since some something still such take than that their them
themselves then there these they thing things this those though three through thus together
told took toward towards under until upon very want well went were what when where whether
which while whom whose will with within without would year years your yours also told asked
added according week weeks month months today yesterday tomorrow monday tuesday wednesday
thursday friday saturday sunday people percent part time times says think thought into`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
