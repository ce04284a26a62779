package blocks

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// fullDoc holds every block type and mark.
func fullDoc() Document {
	return Document{
		Heading(2, "A “heading”"),
		P(T("Plain <text> & "), B("bold"), I("italic"), L("link", "https://example.com/?a=1&b=2"), T("\nafter a break")),
		Quote("Quoted.", "Someone"),
		PullQuote("Pulled.", ""),
		List(false, []Inline{T("one")}, []Inline{B("two")}),
		List(true, []Inline{T("first")}),
		ImageBlock("/media/a.jpg", 800, 600, "Alt", "Caption", "Credit"),
		AssetImage(12, "", "A caption of its own", ""),
		Embed("https://vimeo.com/1", "A film"),
		FactBox("Facts", P(T("x")), Heading(3, "y"), List(false, []Inline{T("z")})),
		Divider(),
	}
}

func TestParseGood(t *testing.T) {
	tests := []struct {
		name, json string
		want       Document
	}{
		{"empty list", `[]`, Document{}},
		{"null", `null`, nil},
		{"whitespace", " \n[ {\"type\" : \"divider\"} ]\n", Document{Divider()}},
		{"paragraph", `[{"type":"paragraph","content":[{"text":"Hi ","bold":true},{"text":"there","link":"mailto:a@example.com"}]}]`,
			Document{P(Inline{Text: "Hi ", Bold: true}, L("there", "mailto:a@example.com"))}},
		{"escaped key", `[{"typ\u0065":"divider"}]`, Document{Divider()}},
		{"library image", `[{"type":"image","asset":7,"caption":"At dawn"}]`, Document{AssetImage(7, "", "At dawn", "")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse([]byte(tt.json))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse = %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestParseBad(t *testing.T) {
	tests := []struct {
		name, json string
		want       string
		block      int // for a *ValidationError; 0 if another error
	}{
		{"unknown block field", `[{"type":"divider"},{"type":"divider","colour":"red"}]`,
			`block 2: "colour" is not a field a block can have (field names are lower case)`, 2},
		{"field in the wrong case", `[{"Type":"divider"}]`,
			`block 1: "Type" is not a field a block can have (field names are lower case)`, 1},
		{"unknown run field in a list", `[{"type":"divider"},null,{"type":"list","items":[[{"text":"a"}],[{"text":"b","underline":true}]]}]`,
			`block 3: "underline" is not a field of a run of text; use text, bold, italic or link`, 3},
		{"unknown field in a fact box", `[{"type":"factbox","title":"F","body":[{"type":"paragraph","content":[{"text":"a","Link":"x"}]}]}]`,
			`block 1: "Link" is not a field of a run of text; use text, bold, italic or link`, 1},
		{"run field on a block", `[{"type":"paragraph","text":"a"}]`,
			`block 1: "text" is not a field a block can have (field names are lower case)`, 1},
		{"wrong value type", `[{"type":"divider"},{"type":"heading","level":"2","content":[{"text":"x"}]}]`,
			"block 2: level holds a JSON string, which is the wrong kind of value for it", 2},
		{"asset as a string", `[{"type":"image","asset":"7"}]`,
			"block 1: asset holds a JSON string, which is the wrong kind of value for it", 1},
		{"asset beyond int64", `[{"type":"image","asset":9223372036854775808}]`,
			"block 1: asset holds a JSON number 9223372036854775808, which is the wrong kind of value for it", 1},
		{"fraction", `[{"type":"heading","level":2.5,"content":[{"text":"x"}]}]`,
			"block 1: level holds a JSON number 2.5, which is the wrong kind of value for it", 1},
		{"validation", `[{"type":"divider"},{"type":"heading","level":1,"content":[{"text":"x"}]}]`,
			"block 2 (heading): level must be 2, 3 or 4", 2},
		{"null block", `[{"type":"divider"},null]`, "block 2: the block has no type", 2},
		{"object", `{"type":"divider"}`, "the body must be a JSON list of blocks", 0},
		{"string", `"hello"`, "the body must be a JSON list of blocks", 0},
		{"empty input", ``, "the body is empty; an empty body is written []", 0},
		{"cut off", `[{"type":`, "the body's JSON is cut off before its end", 0},
		{"syntax", `[{"type":"divider"},{"type" "divider"}]`,
			"the body is not valid JSON: invalid character '\"' after object key (in block 2, at byte 29)", 0},
		{"trailing data", `[] []`, "the body has more JSON after the list of blocks", 0},
		{"too deep", `[{"type":"list","items":[[[[[[]]]]]]}]`, "the body is nested more deeply than any block document can be", 0},
		{"invalid UTF-8", "[{\"type\":\"paragraph\",\"content\":[{\"text\":\"\xff\"}]}]", "the body is not valid UTF-8", 0},
		{"escaped control", `[{"type":"paragraph","content":[{"text":"a\u0000b"}]}]`,
			"block 1 (paragraph): the text contains an invisible character (U+0000); only line breaks and tabs are allowed", 1},
		{"too big", `[` + strings.Repeat(`{"type":"divider"},`, maxBytes/19) + `{"type":"divider"}]`,
			"the body is 4194308 bytes of JSON; the limit is 4 MiB", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse([]byte(tt.json))
			if err == nil {
				t.Fatalf("Parse = %v, nil; want an error", doc)
			}
			if err.Error() != tt.want {
				t.Errorf("Parse error =\n%s\nwant\n%s", err, tt.want)
			}
			var ve *ValidationError
			if got := errors.As(err, &ve); got != (tt.block > 0) || got && ve.Block != tt.block {
				t.Errorf("Parse error %#v; want a *ValidationError for block %d", err, tt.block)
			}
		})
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	doc := fullDoc()
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse(Marshal(doc)): %v\n%s", err, data)
	}
	if !reflect.DeepEqual(back, doc) {
		t.Errorf("round trip changed the document:\n got %#v\nwant %#v", back, doc)
	}
	if data, _ := json.Marshal(Document(nil)); string(data) != "[]" {
		t.Errorf("Marshal(nil) = %s, want []", data)
	}
	type article struct{ Body Document }
	if data, _ := json.Marshal(article{}); string(data) != `{"Body":[]}` {
		t.Errorf("Marshal of an empty body in a struct = %s", data)
	}
}
