package admin

import (
	"strings"
	"testing"
)

func show(paras [][]change) string {
	var b strings.Builder
	for i, p := range paras {
		if i > 0 {
			b.WriteString(" ¶ ")
		}
		for _, c := range p {
			switch c.Op {
			case "del":
				b.WriteString("[-" + c.Text + "-]")
			case "ins":
				b.WriteString("{+" + c.Text + "+}")
			default:
				b.WriteString("(" + c.Text + ")")
			}
		}
	}
	return b.String()
}

func TestDiffText(t *testing.T) {
	got := show(diffText("The council met on Monday to vote.", "The council met on Tuesday to vote again."))
	if want := "(The council met on)[-Monday-]{+Tuesday+}(to)[-vote.-]{+vote again.+}"; got != want {
		t.Errorf("diff = %s\nwant   %s", got, want)
	}
	if d := diffText("same words", "same words"); len(d) != 1 || len(d[0]) != 1 || d[0][0].Op != "same" {
		t.Errorf("no change: %+v", d)
	}
	// A long text is still diffed, without a words×words table.
	long := strings.Repeat("word ", 3000)
	if d := diffText(long+"\nend", long+"\nfinish"); len(d) < 2 {
		t.Errorf("long text diff: %d pieces", len(d))
	}
}

// TestDiffKeepsParagraphs (issue 14 item 9): blocks stay apart in the diff,
// a change inside one is shown inside it, and a new paragraph is its own.
func TestDiffKeepsParagraphs(t *testing.T) {
	old := "Harbour wall\nRepairs begin.\n\nThe council voted on Monday.\n\nWork starts in spring."
	new := "Harbour wall\nRepairs begin.\n\nThe council voted on Tuesday.\n\nThe cost is £2m.\n\nWork starts in spring."
	want := "(Harbour wall) ¶ (Repairs begin.) ¶ (The council voted on)[-Monday.-]{+Tuesday.+} ¶ {+The cost is £2m.+} ¶ (Work starts in spring.)"
	if got := show(diffText(old, new)); got != want {
		t.Errorf("diff = %s\nwant   %s", got, want)
	}
}
