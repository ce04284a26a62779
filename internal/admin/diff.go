package admin

import "strings"

// change is one piece of a readable diff: words kept, removed or added.
type change struct {
	Op   string // "same", "del" or "ins"
	Text string
}

// maxDiffCells bounds the word-by-word comparison (its table is words×words);
// longer texts are compared paragraph by paragraph, then word by word inside
// paragraphs that changed.
const maxDiffCells = 2_000_000

// diffText returns the changes from old to new, word by word, as
// paragraphs: a line break in either text (between blocks, list items,
// headline and standfirst) starts a new one, so the diff reads as the
// article does rather than as one run-on paragraph.
func diffText(old, new string) [][]change {
	op, np := strings.Split(old, "\n"), strings.Split(new, "\n")
	a, b := wordsAndBreaks(old), wordsAndBreaks(new)
	if len(a)*len(b) <= maxDiffCells {
		return paragraphs(diffWords(a, b))
	}
	// Compared line by line, every piece ends a paragraph.
	changes := diffUnits(op, np, "\n")
	for i := range changes {
		changes[i].Text += "\n"
	}
	return paragraphs(changes)
}

// paraBreak is the token a line break becomes in the word diff.
const paraBreak = "\n"

// wordsAndBreaks splits text into words, with a paraBreak token where one
// or more line breaks separate them.
func wordsAndBreaks(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		words := strings.Fields(line)
		if len(words) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, paraBreak)
		}
		out = append(out, words...)
	}
	return out
}

// paragraphs cuts a diff into paragraphs at its line breaks.
func paragraphs(changes []change) [][]change {
	out := [][]change{nil}
	for _, c := range changes {
		parts := strings.Split(c.Text, "\n")
		for i, part := range parts {
			if t := strings.TrimSpace(part); t != "" {
				out[len(out)-1] = append(out[len(out)-1], change{c.Op, t})
			}
			if i < len(parts)-1 && len(out[len(out)-1]) > 0 {
				out = append(out, nil)
			}
		}
	}
	if len(out[len(out)-1]) == 0 {
		out = out[:len(out)-1]
	}
	return out
}

func diffWords(a, b []string) []change { return diffUnits(a, b, " ") }

// diffUnits is the longest-common-subsequence diff of two lists, joined back
// with sep, adjacent pieces of one kind merged.
func diffUnits(a, b []string, sep string) []change {
	n, m := len(a), len(b)
	if n*m > maxDiffCells {
		// Too long even by paragraphs: say it all changed.
		return []change{{"del", strings.Join(a, sep)}, {"ins", strings.Join(b, sep)}}
	}
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []change
	add := func(op, text string) {
		if k := len(out) - 1; k >= 0 && out[k].Op == op {
			out[k].Text += sep + text
			return
		}
		out = append(out, change{op, text})
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			add("same", a[i])
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			add("del", a[i])
			i++
		default:
			add("ins", b[j])
			j++
		}
	}
	for ; i < n; i++ {
		add("del", a[i])
	}
	for ; j < m; j++ {
		add("ins", b[j])
	}
	return out
}
