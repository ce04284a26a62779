package blocks

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	doc := Document{
		Heading(2, "The vote"),
		P(T("The council "), B("paused"), T(" the plan.\nIt’s over — for now.")),
		Quote("We’ll look again.", "A councillor"),
		PullQuote("Not counted twice.", "Nobody"),
		List(false, []Inline{T("cost")}, []Inline{T("delay")}),
		List(true, []Inline{T("first")}, []Inline{L("second", "https://example.com")}),
		ImageBlock("/media/a.jpg", 1, 1, "alt is not text", "The harbour.", "Credit is not text"),
		ImageBlock("/media/b.jpg", 1, 1, "no caption", "", ""),
		Embed("https://example.com/x", "Embed titles are left out"),
		Divider(),
		FactBox("Key facts", P(T("Built 1901.")), List(false, []Inline{T("Long")})),
	}
	want := "The vote\n\n" +
		"The council paused the plan.\nIt’s over — for now.\n\n" +
		"We’ll look again.\n— A councillor\n\n" +
		"- cost\n- delay\n\n" +
		"1. first\n2. second\n\n" +
		"The harbour.\n\n" +
		"Key facts\n\nBuilt 1901.\n\n- Long"
	if got := doc.Text(); got != want {
		t.Errorf("Text() =\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(doc.Text(), "<") {
		t.Error("Text() holds markup")
	}
}

func TestWordCount(t *testing.T) {
	tests := []struct {
		name string
		doc  Document
		want int
	}{
		{"empty", nil, 0},
		{"simple", Document{P(T("one two three"))}, 3},
		{"runs join words", Document{P(T("un"), B("broken"), T(" word"))}, 2},
		{"dashes and markers are not words", Document{P(T("yes — no")), List(true, []Inline{T("a")}, []Inline{T("b")})}, 4},
		{"attribution counts, its dash does not", Document{Quote("Go.", "Ann Lee")}, 3},
		{"numbers and contractions", Document{P(T("It’s 10.5 km, isn’t it?"))}, 5},
		{"pull quotes are not counted", Document{P(T("one")), PullQuote("one", "")}, 1},
		{"captions and fact boxes count", Document{ImageBlock("/media/a.jpg", 1, 1, "x y z", "A cap", "cr"), FactBox("Box", P(T("in it")))}, 5},
		{"line breaks and tabs separate", Document{P(T("a\nb\tc"))}, 3},
	}
	for _, tt := range tests {
		if got := tt.doc.WordCount(); got != tt.want {
			t.Errorf("%s: WordCount() = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestImages(t *testing.T) {
	a := ImageBlock("/media/a.jpg", 1, 1, "a", "", "")
	b := ImageBlock("https://example.com/b.jpg", 2, 2, "b", "", "")
	doc := Document{P(T("x")), a, Divider(), b}
	got := doc.Images()
	if len(got) != 2 || got[0].Src != a.Src || got[1].Src != b.Src {
		t.Errorf("Images() = %+v, want a then b", got)
	}
	if got := (Document{P(T("x"))}).Images(); got != nil {
		t.Errorf("Images() of a text-only body = %+v, want nil", got)
	}
}
