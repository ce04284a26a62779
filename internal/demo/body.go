package demo

import (
	"math/rand/v2"
	"strings"

	"masthead/internal/blocks"
)

// builder writes one article body: it deals out the kind's sentences into
// paragraphs, weaves in quotes, and drops pictures, lists and subheadings in
// at plausible places, until the story is about as long as it should be.
type builder struct {
	c      *cast
	r      *rand.Rand
	k      *kind
	doc    blocks.Document
	words  int
	paras  int
	facts  []string
	bg     []string
	quotes []quote
	heads  []string
	said   []said
}

// said remembers a quotation for a possible pull quote.
type said struct{ text, who string }

// extras are the non-paragraph blocks one story gets, and where.
type extras struct {
	image       *picture
	imageAt     int
	leadCaption int // index of the lead picture's caption
	lede        int // which opening paragraph
	listAt      int // 0 for none
	factBox     bool
	pullAt      int // 0 for none
	headEvery   int // 0 for no subheadings
	embed       string
}

func (g *Generator) body(c *cast, x extras, target int) blocks.Document {
	k, r := c.k, c.r
	b := &builder{c: c, r: r, k: k, doc: make(blocks.Document, 0, 28)}
	kt := kits[k.section]
	if k.opinion {
		b.facts = keepSome(r, k.facts, 5)
	} else {
		// The kind's own detail comes first; the section's fills in after.
		b.facts = append(shuffled(r, k.facts), shuffled(r, kt.extras)...)
	}
	// Section context comes only after the kind's own, so it fills in for
	// stories with less to say rather than padding every one.
	b.bg = append(shuffled(r, k.background), shuffled(r, sectionBackground[k.section])...)
	b.quotes = shuffled(r, k.quotes)
	if len(kt.quotes) > 0 {
		b.quotes = append(b.quotes, kt.quotes[r.IntN(len(kt.quotes))])
	}
	b.heads = shuffled(r, k.headings)

	b.para(k.ledes[x.lede])
	nextHead := 4
	for step := 0; b.words < target-45; step++ {
		// A subheading needs a few paragraphs under it, so none goes in
		// near the end.
		if x.headEvery > 0 && b.paras >= nextHead && len(b.heads) > 0 && b.words < target-150 {
			b.doc = append(b.doc, blocks.Heading(2, c.fill(b.heads[0])))
			b.heads = b.heads[1:]
			nextHead = b.paras + x.headEvery
		}
		if !b.step(step) {
			break
		}
		switch {
		case x.image != nil && b.paras == x.imageAt:
			// The lead picture took one caption; this one takes the next.
			caption := k.captions[(x.leadCaption+1)%len(k.captions)]
			b.doc = append(b.doc, blocks.ImageBlock(x.image.src(), 1200, 675, x.image.alt,
				c.fill(caption), credit(r)))
			x.image = nil
		case x.listAt > 0 && b.paras >= x.listAt:
			b.list(x.factBox)
			x.listAt = 0
		case x.pullAt > 0 && b.paras >= x.pullAt && len(b.said) > 0:
			s := b.said[r.IntN(len(b.said))]
			first, _ := firstSentence(s.text)
			b.doc = append(b.doc, blocks.PullQuote(first, s.who))
			x.pullAt = 0
		}
	}
	if x.embed != "" {
		b.doc = append(b.doc, blocks.Embed(x.embed, c.fill(k.embed)))
	}
	b.para(closing(r, k.next)...)
	return b.doc
}

// step writes the next paragraph in a rhythm of detail, voices and context.
// It reports false when the kind has nothing left to say.
func (b *builder) step(n int) bool {
	if len(b.facts)+len(b.bg)+len(b.quotes) == 0 {
		return false
	}
	switch n % 5 {
	case 1, 4:
		if len(b.quotes) > 0 {
			q := b.quotes[0]
			b.quotes = b.quotes[1:]
			if !b.k.opinion && b.r.IntN(4) == 0 {
				b.blockQuote(q)
				return true
			}
			s := b.say(q)
			if b.r.IntN(3) == 0 {
				b.para(append([]string{s}, b.take(1)...)...)
			} else {
				b.para(s)
			}
			return true
		}
		b.para(b.take(2)...)
	case 3:
		b.para(b.takeBg(2 + b.r.IntN(2))...)
	default:
		b.para(b.take(2 + b.r.IntN(2))...)
	}
	return true
}

// take deals n detail sentences, falling back on context when detail runs out.
func (b *builder) take(n int) []string {
	out := make([]string, 0, n)
	for len(out) < n && len(b.facts)+len(b.bg) > 0 {
		if len(b.facts) > 0 {
			out = append(out, b.facts[0])
			b.facts = b.facts[1:]
		} else {
			out = append(out, b.bg[0])
			b.bg = b.bg[1:]
		}
	}
	return out
}

// takeBg deals n context sentences, falling back on detail.
func (b *builder) takeBg(n int) []string {
	out := make([]string, 0, n)
	for len(out) < n && len(b.bg) > 0 {
		out = append(out, b.bg[0])
		b.bg = b.bg[1:]
	}
	return append(out, b.take(n-len(out))...)
}

// para fills and joins sentences into one paragraph.
func (b *builder) para(sentences ...string) {
	text := ""
	for i, s := range sentences {
		if i > 0 {
			text += " "
		}
		text += b.c.fill(s)
	}
	if text == "" {
		return
	}
	b.words += words(text)
	b.paras++
	b.doc = append(b.doc, blocks.P(runs(text)...))
}

// say renders a quotation inside a paragraph, introducing the speaker with
// name and role on first mention and by surname afterwards.
func (b *builder) say(q quote) string {
	p := b.c.person(q.who, -1)
	intro := !p.intro
	name := b.c.personText(p, "")
	role := ""
	if intro && p.job != "" {
		role = ", " + b.c.fill(p.job)
	}
	comma := ""
	if role != "" {
		comma = ","
	}
	t := b.c.fill(q.text)
	b.said = append(b.said, said{t, p.full()})
	switch b.r.IntN(4) {
	case 0:
		return name + role + comma + " said: “" + t + "”"
	case 1:
		if s1, rest := firstSentence(t); rest != "" {
			return "“" + asClause(s1) + "” said " + name + role + ". “" + rest + "”"
		}
	case 2:
		if !intro {
			return "“" + asClause(t) + "” " + name + " said."
		}
	}
	return "“" + asClause(t) + "” said " + name + role + "."
}

// blockQuote sets a longer quotation apart, attributed in full.
func (b *builder) blockQuote(q quote) {
	p := b.c.person(q.who, -1)
	p.intro = true
	who := p.full()
	if p.job != "" {
		who += ", " + b.c.fill(p.job)
	}
	t := b.c.fill(q.text)
	b.said = append(b.said, said{t, p.full()})
	b.words += words(t)
	b.doc = append(b.doc, blocks.Quote(t, who))
}

// list adds the kind's key points as a fact box or as a list after a lead-in.
func (b *builder) list(box bool) {
	items := make([][]blocks.Inline, len(b.k.list))
	for i, it := range b.k.list {
		t := b.c.fill(it)
		b.words += words(t)
		items[i] = runs(t)
	}
	if box {
		b.doc = append(b.doc, blocks.FactBox(b.c.fill(b.k.listTitle), blocks.List(false, items...)))
		return
	}
	b.para(b.k.listIntro)
	b.doc = append(b.doc, blocks.List(false, items...))
}

// closing picks the sentences that end the story.
func closing(r *rand.Rand, next []string) []string {
	if len(next) == 0 {
		return []string{""}
	}
	if len(next) > 1 && r.IntN(2) == 0 {
		i := r.IntN(len(next))
		return []string{next[i], next[(i+1)%len(next)]}
	}
	return []string{pick(r, next)}
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

func shuffled[T any](r *rand.Rand, xs []T) []T {
	out := append([]T(nil), xs...)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// keepSome drops about one sentence in eight from an argument, keeping its
// order, every sentence marked "=" (a numbered point, a turn in the
// argument) and at least min sentences.
func keepSome(r *rand.Rand, xs []string, min int) []string {
	out := make([]string, 0, len(xs))
	for i, x := range xs {
		if keep := strings.HasPrefix(x, "="); keep || r.IntN(8) > 0 || len(xs)-i <= min-len(out) {
			out = append(out, strings.TrimPrefix(x, "="))
		}
	}
	return out
}
