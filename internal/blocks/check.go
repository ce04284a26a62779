package blocks

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// checkRuns returns why a run of inline text cannot be shown, or "". empty
// is the sentence to return when the runs hold no visible text.
func checkRuns(runs []Inline, empty string) string {
	blank := true
	for i, r := range runs {
		if r.Text == "" {
			return fmt.Sprintf("part %d of the text is empty; remove it", i+1)
		}
		if why := checkText(r.Text); why != "" {
			return "the text " + why
		}
		visible := strings.TrimSpace(r.Text) != ""
		if r.Link != "" {
			if !SafeURL(r.Link) {
				return fmt.Sprintf("the link on %q goes to %q, which is not a full http, https or mailto address", shorten(r.Text), shorten(r.Link))
			}
			if !visible {
				return fmt.Sprintf("the link to %q has no words to click", shorten(r.Link))
			}
		}
		blank = blank && !visible
	}
	if blank {
		return empty
	}
	return ""
}

// checkField returns why a plain text field cannot be shown, or "".
func checkField(name, s string) string {
	if why := checkText(s); why != "" {
		return name + " " + why
	}
	return ""
}

// checkText returns why s cannot be shown, as the end of a sentence, or "".
// Control characters other than line breaks and tabs are refused: they are
// invisible, come from bad pastes, and some are errors in HTML; so are
// Unicode noncharacters.
func checkText(s string) string {
	if len(s) > maxText {
		if n := utf8.RuneCountInString(s); n > maxText {
			return fmt.Sprintf("is %d characters long; the limit is 20,000", n)
		}
	}
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if unicode.IsControl(r) || nonCharacter(r) {
			return fmt.Sprintf("contains an invisible character (U+%04X); only line breaks and tabs are allowed", r)
		}
	}
	return ""
}

// shorten cuts s to a length that reads well inside an error message.
func shorten(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
