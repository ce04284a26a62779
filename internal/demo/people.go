package demo

// person is someone the article names. The first mention gives the full name
// (and, through {pN.who}, the role); later ones the surname alone.
type person struct {
	key                     string
	first, last, title, job string
	lastIdx                 int
	intro                   bool
}

// isPersonKey reports whether key names a person: p1 to p4, or one of the
// city's recurring figures.
func isPersonKey(key string) bool {
	if len(key) == 2 && key[0] == 'p' && key[1] >= '1' && key[1] <= '4' {
		return true
	}
	_, ok := figures[key]
	return ok
}

// person returns the person for key, inventing one on first mention. lastIdx,
// when not negative, says which of the unused surnames to give them.
func (c *cast) person(key string, lastIdx int) *person {
	for _, p := range c.people {
		if p.key == key {
			return p
		}
	}
	p := &person{key: key, lastIdx: -1}
	if f, ok := figures[key]; ok {
		*p = f
		p.key = key
	} else {
		var used []int
		for _, q := range c.people {
			if q.lastIdx >= 0 {
				used = append(used, q.lastIdx)
			}
		}
		p.lastIdx = pickUnused(c.r, len(surnames), lastIdx, used)
		p.first = forenames[c.r.IntN(len(forenames))]
		p.last = surnames[p.lastIdx]
		if r := kits[c.k.section].role; r.key == key {
			p.title, p.job = r.title, r.job
		}
		for _, r := range c.k.roles {
			if r.key == key {
				p.title, p.job = r.title, r.job
			}
		}
	}
	c.people = append(c.people, p)
	return p
}

// personText names p as the modifier asks.
func (c *cast) personText(p *person, mod string) string {
	if c.short {
		if mod == "first" {
			return p.first
		}
		return p.last
	}
	switch mod {
	case "first":
		return p.first
	case "role":
		return c.fill(p.job)
	case "full":
		p.intro = true
		return p.full()
	case "who":
		if !p.intro {
			p.intro = true
			if p.job == "" {
				return p.full()
			}
			return p.full() + ", " + c.fill(p.job)
		}
	}
	if !p.intro {
		p.intro = true
		return p.full()
	}
	if p.title != "" {
		return p.title + " " + p.last
	}
	return p.last
}

func (p *person) full() string {
	if p.title != "" {
		return p.title + " " + p.first + " " + p.last
	}
	return p.first + " " + p.last
}
