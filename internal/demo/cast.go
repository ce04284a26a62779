package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"masthead/internal/news"
)

// cast holds everything one article refers to by name: its people, places and
// numbers. A value is picked the first time a template asks for it, so every
// later mention in the same article agrees with the first.
type cast struct {
	r      *rand.Rand
	k      *kind
	when   time.Time // publication time; dates in the text are relative to it
	slots  []slot
	people []*person
	short  bool // headline mode: people by surname only, no introductions
}

// slot is one resolved value. For numbers n is the value; for pools it is the
// index picked, so siblings (area, area2) can avoid each other.
type slot struct {
	key, pool, val string
	n              int
	count          bool // spell out below ten in running text
}

func newCast(r *rand.Rand, k *kind, when time.Time) *cast {
	return &cast{r: r, k: k, when: when, slots: make([]slot, 0, 24), people: make([]*person, 0, 4)}
}

// fill replaces each {key} in t with its value.
func (c *cast) fill(t string) string {
	if strings.IndexByte(t, '{') < 0 {
		return t
	}
	var b strings.Builder
	b.Grow(len(t) + 48)
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			b.WriteString(t)
			return b.String()
		}
		b.WriteString(t[:i])
		b.WriteString(c.lookup(t[i+1 : i+j]))
		t = t[i+j+1:]
	}
}

// aside fills t for a place outside the running text (the standfirst, a
// caption under the lead picture, a source) without counting any name in it
// as the body's first mention.
func (c *cast) aside(t string) string {
	was := make([]bool, len(c.people))
	for i, p := range c.people {
		was[i] = p.intro
	}
	s := c.fill(t)
	for i, p := range c.people {
		if i >= len(was) || !was[i] {
			p.intro = false
		}
	}
	return s
}

// lookup resolves one key, with an optional modifier after a dot: last, first,
// full, who and role for people; cap, slug and word for other values.
func (c *cast) lookup(key string) string {
	base, mod, _ := strings.Cut(key, ".")
	if isPersonKey(base) {
		return c.personText(c.person(base, -1), mod)
	}
	s := c.slot(base)
	switch mod {
	case "":
		if s.count && !c.short && s.n < 10 {
			return numWord(s.n)
		}
		return s.val
	case "cap":
		return capFirst(s.val)
	case "slug":
		return news.Slugify(s.val)
	case "word":
		return numWord(s.n)
	case "th":
		return ordinal(s.n)
	case "poss":
		// "Aldermoor Foods’ results", but "Quayline Group’s plans".
		if strings.HasSuffix(s.val, "s") {
			return s.val + "’"
		}
		return s.val + "’s"
	}
	return "{" + key + "}" // an unknown modifier shows up in tests
}

// slot returns the value for key, picking it at random on first use.
func (c *cast) slot(key string) slot {
	for _, s := range c.slots {
		if s.key == key {
			return s
		}
	}
	s := c.resolve(key, -1)
	c.slots = append(c.slots, s)
	return s
}

// num returns a number slot's value; derive functions use it.
func (c *cast) num(key string) int { return c.slot(key).n }

// set fixes a derived value before any template asks for it.
func (c *cast) set(key, val string, n int) {
	c.slots = append(c.slots, slot{key: key, val: val, n: n})
}

// resolve picks key's value: digit chooses it when non-negative (headlines use
// this so that different articles get different headlines), else the rng does.
func (c *cast) resolve(key string, digit int) slot {
	if s, ok := c.dateSlot(key); ok {
		return s
	}
	if key == "topic" {
		return slot{key: key, val: c.fill(c.k.topic)}
	}
	for _, n := range c.k.nums {
		if n.key == key {
			return c.number(n, key, digit)
		}
	}
	for _, n := range kits[c.k.section].nums {
		if n.key == key {
			return c.number(n, key, digit)
		}
	}
	name, vals := c.poolFor(key)
	if vals == nil {
		return slot{key: key, val: "{" + key + "}"}
	}
	var used []int
	for _, s := range c.slots {
		if s.pool == name {
			used = append(used, s.n)
		}
	}
	i := pickUnused(c.r, len(vals), digit, used)
	return slot{key: key, pool: name, val: vals[i], n: i}
}

// number picks a value for a number slot.
func (c *cast) number(n num, key string, digit int) slot {
	if digit < 0 {
		digit = c.r.IntN(n.card())
	}
	v := n.lo + digit*n.step
	return slot{key: key, val: n.format(v), n: v, count: n.count}
}

// poolFor finds the list key draws from: the kind's own pools first, then the
// city's. "area2" draws from "area" and never repeats it.
func (c *cast) poolFor(key string) (string, []string) {
	name := strings.TrimRight(key, "0123456789")
	for _, p := range c.k.pools {
		if p.key == name {
			return name, p.vals
		}
	}
	return name, cityPools[name]
}

// dateSlot answers the keys that depend on the publication time.
func (c *cast) dateSlot(key string) (slot, bool) {
	y, m, _ := c.when.Date()
	switch key {
	case "city":
		return slot{key: key, val: "Saltmere"}, true
	case "day":
		return slot{key: key, val: weekday(c.when.AddDate(0, 0, -1-c.r.IntN(2)), -1)}, true
	case "day2":
		return slot{key: key, val: weekday(c.when.AddDate(0, 0, 2+c.r.IntN(5)), 1)}, true
	case "month":
		return slot{key: key, val: m.String()}, true
	case "nextmonth":
		return slot{key: key, val: (m%12 + 1).String()}, true
	case "year":
		return slot{key: key, val: strconv.Itoa(y), n: y}, true
	case "lastyear":
		return slot{key: key, val: strconv.Itoa(y - 1), n: y - 1}, true
	case "planyear":
		return slot{key: key, val: strconv.Itoa(y - 3), n: y - 3}, true
	}
	return slot{}, false
}

// pickUnused picks an index below n that is not in used; digit, when not
// negative, says which of the remaining ones.
func pickUnused(r *rand.Rand, n, digit int, used []int) int {
	free := n - len(used)
	if free <= 0 {
		return r.IntN(n)
	}
	if digit < 0 || digit >= free {
		digit = r.IntN(free)
	}
	// Step over used indices in ascending order.
	for moved := true; moved; {
		moved = false
		for _, u := range used {
			if u == digit {
				digit++
				moved = true
			}
		}
	}
	return digit
}
