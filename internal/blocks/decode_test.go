package blocks

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"reflect"
	"testing"
)

// decodeSeeds are bodies as the store writes them and the shapes the fast
// reader hands to encoding/json: other spellings, null, repeated fields,
// numbers it does not read, escapes of every kind, trailing data.
var decodeSeeds = []string{
	`[]`, `null`, ` [ ] `, `[] x`, `[`, `{}`, `"x"`,
	`[{"type":"paragraph","content":[{"text":"\u003cscript\u003e \u0026 \"q\" ’ — \\ \/ \b\f\n\r\t \u00e9 \ud83d\ude00","bold":true,"italic":true}]}]`,
	`[{"type":"paragraph","content":[{"text":"lone \ud83d half"}]}]`,
	`[{"type":"paragraph","content":[{"text":"low \ude00 half"}]}]`,
	`[{"type":"paragraph","content":[{"text":"x","link":"https://example.com/?q=1"}]}]`,
	`[{"Type":"paragraph"}]`, `[{"type":"paragraph","type":"heading"}]`, `[{"type":null}]`,
	`[{"type":"paragraph","content":null}]`, `[{"type":"paragraph","content":[]}]`, `[{"type":"paragraph","unknown":1}]`,
	`[{"ty\u0070e":"paragraph"}]`,
	`[{"type":"heading","level":3,"content":[{"text":"a"}]},{"type":"divider"}]`,
	`[{"type":"heading","level":3.0}]`, `[{"type":"heading","level":1e1}]`, `[{"type":"heading","level":03}]`,
	`[{"type":"heading","level":-0}]`, `[{"type":"heading","level":99999999999}]`, `[{"type":"heading","level":"3"}]`,
	`[{"type":"quote","content":[{"text":"q"}],"attribution":"a"},{"type":"pullquote","content":[{"text":"p"}]}]`,
	`[{"type":"list","ordered":true,"items":[[{"text":"a"}],[],[{"text":"b","link":"mailto:a@example.com"}]]}]`,
	`[{"type":"list","ordered":tru}]`, `[{"type":"list","items":[null]}]`,
	`[{"type":"image","src":"/media/a.jpg","width":1,"height":20000,"alt":"a","caption":"c","credit":"d"}]`,
	`[{"type":"image","asset":9223372036854775807},{"type":"image","asset":-3,"alt":"a"}]`,
	`[{"type":"image","asset":9223372036854775808}]`,
	`[{"type":"embed","url":"https://youtu.be/x","title":"t"}]`,
	`[{"type":"factbox","title":"F","body":[{"type":"heading","level":4,"content":[{"text":"h"}]},{"type":"list","items":[[{"text":"i"}]]}]}]`,
	"[{\"type\":\"paragraph\",\"content\":[{\"text\":\"tab\tinside\"}]}]",
	"[{\"type\":\"paragraph\",\"content\":[{\"text\":\"bad \xff utf-8\"}]}]",
	" [ { \"type\" : \"paragraph\" , \"content\" : [ { \"text\" : \"spaced\" } ] } ] \n",
}

// FuzzDecode holds Decode to json.Unmarshal: the same document or both an
// error, for any input; and the fast reader, when it takes an input, to
// what json.Unmarshal makes of it.
func FuzzDecode(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add(s)
	}
	full, err := json.Marshal(fullDoc())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(full))
	r := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		data, _ := json.Marshal(randomDocument(r))
		f.Add(string(data))
	}
	f.Fuzz(func(t *testing.T, data string) {
		var want Document
		wantErr := json.Unmarshal([]byte(data), &want)
		got, err := Decode(data)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("Decode(%q): error %v, json.Unmarshal: %v", data, err, wantErr)
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("Decode(%q) = %#v, json.Unmarshal: %#v", data, got, want)
		}
		if fast, ok := decodeStored(data); ok && (wantErr != nil || !reflect.DeepEqual(fast, want)) {
			t.Fatalf("fast reader took %q as %#v; json.Unmarshal: %#v, %v", data, fast, want, wantErr)
		}
	})
}

// TestDecodeTakesStoredBodies: what the store writes, the fast reader
// reads itself, so a page never pays for reflection.
func TestDecodeTakesStoredBodies(t *testing.T) {
	docs := []Document{fullDoc(), benchDoc(), {}}
	r := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		docs = append(docs, randomDocument(r))
	}
	for _, d := range docs {
		data, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := decodeStored(string(data))
		if !ok {
			t.Fatalf("the fast reader refused a stored body: %s", data)
		}
		var want Document
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("fast reader: %#v\njson.Unmarshal: %#v", got, want)
		}
	}
}

// BenchmarkDecode reads a body of the demo paper's (testdata/demo_body.json)
// and a long one.
func BenchmarkDecode(b *testing.B) {
	demo, err := os.ReadFile("testdata/demo_body.json")
	if err != nil {
		b.Fatal(err)
	}
	long, err := json.Marshal(benchDoc())
	if err != nil {
		b.Fatal(err)
	}
	for _, body := range []struct {
		name string
		data []byte
	}{{"demo", demo}, {"long", long}} {
		s := string(body.data)
		b.Run(body.name+"/fast", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Decode(s); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(body.name+"/encoding-json", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var d Document
				if err := json.Unmarshal(body.data, &d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
