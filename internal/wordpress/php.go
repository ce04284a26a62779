package wordpress

import (
	"errors"
	"strconv"
	"strings"
)

// errPHP is any value that is not PHP's serialize() format.
var errPHP = errors.New("not a serialized PHP value")

// unserialize reads the subset of PHP's serialize() format WordPress writes
// in _wp_attachment_metadata: arrays (as map[string]any, keys in decimal
// for numbers), strings, integers, floats, booleans and null. Objects are
// refused: nothing in an attachment's metadata is one, and reading them
// would mean trusting class names from the file.
func unserialize(s string) (any, error) {
	p := &phpParser{s: s}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if p.i != len(p.s) {
		return nil, errPHP
	}
	return v, nil
}

type phpParser struct {
	s string
	i int
}

// maxPHPDepth bounds nesting: metadata is three levels deep.
const maxPHPDepth = 16

func (p *phpParser) value(depth int) (any, error) {
	if depth > maxPHPDepth || p.i+1 >= len(p.s) || p.s[p.i+1] != ':' && p.s[p.i] != 'N' {
		return nil, errPHP
	}
	kind := p.s[p.i]
	switch kind {
	case 'N':
		if !strings.HasPrefix(p.s[p.i:], "N;") {
			return nil, errPHP
		}
		p.i += 2
		return nil, nil
	case 'b', 'i', 'd':
		p.i += 2
		end := strings.IndexByte(p.s[p.i:], ';')
		if end < 0 {
			return nil, errPHP
		}
		lit := p.s[p.i : p.i+end]
		p.i += end + 1
		switch kind {
		case 'b':
			return lit == "1", nil
		case 'i':
			return strconv.ParseInt(lit, 10, 64)
		}
		return strconv.ParseFloat(lit, 64)
	case 's':
		p.i += 2
		n, err := p.length(':')
		if err != nil || p.i+n+3 > len(p.s) || p.s[p.i] != '"' || p.s[p.i+n+1] != '"' || p.s[p.i+n+2] != ';' {
			return nil, errPHP
		}
		v := p.s[p.i+1 : p.i+1+n]
		p.i += n + 3
		return v, nil
	case 'a':
		p.i += 2
		n, err := p.length(':')
		if err != nil || p.i >= len(p.s) || p.s[p.i] != '{' || n > len(p.s) {
			return nil, errPHP
		}
		p.i++
		out := make(map[string]any, min(n, 64))
		for range n {
			k, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			var key string
			switch k := k.(type) {
			case string:
				key = k
			case int64:
				key = strconv.FormatInt(k, 10)
			default:
				return nil, errPHP
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			out[key] = v
		}
		if p.i >= len(p.s) || p.s[p.i] != '}' {
			return nil, errPHP
		}
		p.i++
		return out, nil
	}
	return nil, errPHP
}

// length reads a decimal length up to sep.
func (p *phpParser) length(sep byte) (int, error) {
	end := strings.IndexByte(p.s[p.i:], sep)
	if end < 0 || end > 10 {
		return 0, errPHP
	}
	n, err := strconv.Atoi(p.s[p.i : p.i+end])
	if err != nil || n < 0 {
		return 0, errPHP
	}
	p.i += end + 1
	return n, nil
}

// attachmentFiles returns the files an attachment's metadata names: the
// main file (relative to uploads) and its resized copies (in its folder),
// and the photographer's credit from the picture's IPTC data.
func attachmentFiles(meta string) (main string, sizes []string, credit string) {
	v, err := unserialize(meta)
	if err != nil {
		return "", nil, ""
	}
	m, _ := v.(map[string]any)
	main, _ = m["file"].(string)
	dir := ""
	if i := strings.LastIndexByte(main, '/'); i >= 0 {
		dir = main[:i+1]
	}
	if ss, ok := m["sizes"].(map[string]any); ok {
		for _, s := range ss {
			if s, ok := s.(map[string]any); ok {
				if f, ok := s["file"].(string); ok && f != "" {
					sizes = append(sizes, dir+f)
				}
			}
		}
	}
	if orig, ok := m["original_image"].(string); ok && orig != "" {
		sizes = append(sizes, dir+orig)
	}
	if im, ok := m["image_meta"].(map[string]any); ok {
		credit, _ = im["credit"].(string)
	}
	return main, sizes, credit
}
