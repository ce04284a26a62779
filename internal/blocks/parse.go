package blocks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

const (
	// maxBytes bounds the JSON a body may be parsed from: many times the
	// longest article, small enough that decoding it cannot hurt the server.
	maxBytes = 4 << 20
	// maxDepth is the deepest a valid document nests: list > block > fact box
	// body > block > items > item > run. Checking it before decoding keeps a
	// hostile input of a million brackets away from the recursive decoder.
	maxDepth = 7
)

// Parse decodes a body from JSON and validates it. Decoding is strict: field
// names must match exactly (encoding/json alone would accept "TYPE"), unknown
// fields and trailing data are refused, and so are inputs over 4 MiB, not
// valid UTF-8 or nested deeper than any document can be. JSON null is read
// as an empty document. Errors are sentences an editor can read; a bad block
// is reported as a *ValidationError.
func Parse(data []byte) (Document, error) {
	if len(data) > maxBytes {
		return nil, fmt.Errorf("the body is %d bytes of JSON; the limit is 4 MiB", len(data))
	}
	if !utf8.Valid(data) {
		return nil, errors.New("the body is not valid UTF-8")
	}
	if err := scan(data); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var d Document
	if err := dec.Decode(&d); err != nil {
		return nil, jsonError(err, data)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("the body has more JSON after the list of blocks")
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

// jsonError turns a decoding error into a sentence for an editor, naming the
// block it is in when the error says where it happened.
func jsonError(err error, data []byte) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return errors.New("the body is empty; an empty body is written []")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the body's JSON is cut off before its end")
	case errors.As(err, &syn):
		return fmt.Errorf("the body is not valid JSON: %v (in block %d, at byte %d)", syn, blockAt(data, syn.Offset), syn.Offset)
	case errors.As(err, &typ) && typ.Field == "":
		return errors.New("the body must be a JSON list of blocks")
	case errors.As(err, &typ):
		field := blockField(typ.Field)
		return &ValidationError{Block: blockAt(data, typ.Offset), Field: field,
			Reason: fmt.Sprintf("%s holds a JSON %s, which is the wrong kind of value for it", field, typ.Value)}
	}
	return fmt.Errorf("the body is not a valid block document: %v", err)
}

// What a JSON container holds, as far as scan needs to know.
const (
	kDoc    = iota // the top-level list of blocks
	kBlock         // a block object
	kBlocks        // a fact box's body
	kRuns          // content, or one list item: a list of runs
	kItems         // a list's items
	kRun           // an inline object
	kOther         // anything else; json.Decode reports it as a wrong type
)

var (
	blockKeys = map[string]bool{"type": true, "level": true, "content": true, "attribution": true,
		"ordered": true, "items": true, "src": true, "width": true, "height": true, "alt": true,
		"caption": true, "credit": true, "url": true, "title": true, "body": true, "asset": true}
	runKeys = map[string]bool{"text": true, "bold": true, "italic": true, "link": true}
)

// scan walks the JSON once before it is decoded to bound its nesting and to
// check every field name exactly, naming the block it is in. It leaves
// syntax errors for json.Decode to report.
func scan(data []byte) error {
	var stack [maxDepth]int
	depth, block := 0, 0
	expectKey, key := false, ""
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '"':
			end := stringEnd(data, i)
			if end < 0 {
				return nil
			}
			if expectKey {
				key = rawKey(data[i : end+1])
				if bad := unknownKey(stack[depth-1], key); bad != "" {
					return &ValidationError{Block: block, Field: shorten(key), Reason: bad}
				}
				expectKey = false
			}
			i = end
		case '{', '[':
			if depth == maxDepth {
				return errors.New("the body is nested more deeply than any block document can be")
			}
			kind := kOther
			switch {
			case depth > 0:
				kind = childKind(stack[depth-1], key, c)
			case c == '[':
				kind, block = kDoc, 1
			}
			stack[depth] = kind
			depth++
			expectKey = c == '{'
		case '}', ']':
			if depth == 0 {
				return nil
			}
			depth--
			expectKey = false
		case ',':
			if depth == 1 {
				block++
			}
			// Only blocks and runs have their keys checked, so only they
			// need to know that a key comes next.
			expectKey = depth > 0 && (stack[depth-1] == kBlock || stack[depth-1] == kRun)
		}
	}
	return nil
}

// blockAt returns the 1-based number of the top-level block that the byte
// offset off falls in.
func blockAt(data []byte, off int64) int {
	depth, block := 0, 1
	for i := 0; i < len(data) && int64(i) < off; i++ {
		switch data[i] {
		case '"':
			if i = stringEnd(data, i); i < 0 {
				return block
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		case ',':
			if depth == 1 {
				block++
			}
		}
	}
	return block
}

// childKind says what a container opened inside parent holds; key is the
// field it is the value of, if parent is an object.
func childKind(parent int, key string, open byte) int {
	switch {
	case (parent == kDoc || parent == kBlocks) && open == '{':
		return kBlock
	case parent == kBlock && open == '[' && key == "content":
		return kRuns
	case parent == kBlock && open == '[' && key == "items":
		return kItems
	case parent == kBlock && open == '[' && key == "body":
		return kBlocks
	case parent == kItems && open == '[':
		return kRuns
	case parent == kRuns && open == '{':
		return kRun
	}
	return kOther
}

// unknownKey returns why key cannot be in an object of the given kind, or "".
func unknownKey(kind int, key string) string {
	switch {
	case kind == kBlock && !blockKeys[key]:
		return fmt.Sprintf("%q is not a field a block can have (field names are lower case)", shorten(key))
	case kind == kRun && !runKeys[key]:
		return fmt.Sprintf("%q is not a field of a run of text; use text, bold, italic or link", shorten(key))
	}
	return ""
}

// stringEnd returns the index of the quote closing the string that opens at
// data[start], or -1 if it is not closed.
func stringEnd(data []byte, start int) int {
	for i := start + 1; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// rawKey decodes a quoted JSON object key. Keys almost never hold escapes,
// so the common case is a plain slice.
func rawKey(quoted []byte) string {
	if bytes.IndexByte(quoted, '\\') < 0 {
		return string(quoted[1 : len(quoted)-1])
	}
	var s string
	if json.Unmarshal(quoted, &s) != nil {
		return string(quoted)
	}
	return s
}

// blockField is a type error's field within its block: since Go 1.27 the
// decoder names the whole path from the top, which starts with the block's
// index in the list ("1.level"), and the block is reported on its own.
func blockField(path string) string {
	head, rest, found := strings.Cut(path, ".")
	if !found {
		return path
	}
	if _, err := strconv.Atoi(head); err != nil {
		return path
	}
	return rest
}
