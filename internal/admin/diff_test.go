package admin

import (
	"strings"
	"testing"
)

func TestDiffText(t *testing.T) {
	got := diffText("The council met on Monday to vote.", "The council met on Tuesday to vote again.")
	var b strings.Builder
	for _, c := range got {
		switch c.Op {
		case "del":
			b.WriteString("[-" + c.Text + "-]")
		case "ins":
			b.WriteString("{+" + c.Text + "+}")
		default:
			b.WriteString("(" + c.Text + ")")
		}
	}
	if want := "(The council met on)[-Monday-]{+Tuesday+}(to)[-vote.-]{+vote again.+}"; b.String() != want {
		t.Errorf("diff = %s\nwant   %s", b.String(), want)
	}
	if d := diffText("same words", "same words"); len(d) != 1 || d[0].Op != "same" {
		t.Errorf("no change: %+v", d)
	}
	// A long text is still diffed, without a words×words table.
	long := strings.Repeat("word ", 3000)
	if d := diffText(long+"\nend", long+"\nfinish"); len(d) < 2 {
		t.Errorf("long text diff: %d pieces", len(d))
	}
}
