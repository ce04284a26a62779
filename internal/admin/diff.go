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

// diffText returns the changes from old to new, word by word.
func diffText(old, new string) []change {
	op, np := strings.Split(old, "\n"), strings.Split(new, "\n")
	a, b := strings.Fields(old), strings.Fields(new)
	if len(a)*len(b) <= maxDiffCells {
		return diffWords(a, b)
	}
	return diffUnits(op, np, "\n")
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
