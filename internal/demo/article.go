package demo

import (
	"math/bits"
	"math/rand/v2"
	"strconv"
	"time"

	"masthead/internal/news"
)

// Article returns article i, 0 <= i < Count(). The same seed and i always give
// the same article; i = 0 is the newest. Every article is Published except:
// i%80 == 7 is a Draft (no PublishedAt) and i%120 == 59 is Unpublished (it was
// public once, so it keeps its PublishedAt).
func (g *Generator) Article(i int) news.Article {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)*0x9e3779b97f4a7c15+0x632be59bd9b4e019))
	when := g.publishTime(i, r)
	sec, tpl, j := g.deal(i)
	ki, h := tpl.kind, tpl.headline
	k := kinds[sec][ki]
	c := newCast(r, k, when)

	g.chooseHeadline(c, k, ki, h, i)
	if k.derive != nil {
		k.derive(c)
	}
	c.short = true
	headline := c.fill(k.headlines[h])
	c.short = false
	a := news.Article{
		Headline: headline,
		Slug:     news.Slugify(headline),
		Status:   news.Published,
		Section:  news.Section{Slug: sec, Name: sectionName(sec)},
	}
	// Every kind has one standfirst per headline, in order (see
	// TestEveryHeadlineHasItsStandfirst), so neighbouring stories, which
	// never share a headline, never share a standfirst. The draw that once
	// picked one at random stays, so every later choice in an article, and
	// so every demo paper and archive, comes out as it did before.
	r.IntN(len(k.standfirsts))
	a.Standfirst = c.aside(k.standfirsts[h])
	// A kind with one lede per headline pairs them, so the story opens on
	// what its headline promised.
	lede := r.IntN(len(k.ledes))
	if len(k.ledes) == len(k.headlines) {
		lede = h
	}

	for _, t := range pickTags(r, k.tags) {
		a.Tags = append(a.Tags, news.Tag{Slug: t, Name: tagName(t)})
	}
	for _, w := range byline(r, sec) {
		a.Authors = append(a.Authors, news.Author{Slug: news.Slugify(staff[w].name), Name: staff[w].name})
	}

	var lead *picture
	caption := r.IntN(len(k.captions))
	if r.IntN(10) < 9 {
		lead = g.leads[sec][j%len(g.leads[sec])]
		a.LeadImage = &news.Image{Src: lead.src(), Width: 1200, Height: 675, Alt: lead.alt,
			Caption: c.aside(k.captions[caption]), Credit: credit(r)}
	}
	x := g.extras(r, k, lead)
	x.leadCaption = caption
	x.lede = lede
	a.Body = g.body(c, x, target(r, k))

	if len(k.sources) > 0 && r.IntN(4) < 3 {
		for _, s := range shuffled(r, k.sources)[:1+r.IntN(min(3, len(k.sources)))] {
			a.Sources = append(a.Sources, news.Source{Name: c.fill(s.name), URL: c.fill(s.url), Note: c.fill(s.note)})
		}
	}

	switch {
	case withheld(i) && i%80 == 7:
		a.Status = news.Draft
		a.UpdatedAt = when
	case withheld(i):
		a.Status = news.Unpublished
		a.PublishedAt = when
		a.UpdatedAt = g.clamp(when, when.Add(time.Duration(20+r.IntN(60*48))*time.Minute))
	default:
		a.PublishedAt = when
		a.UpdatedAt = when
		g.notes(r, c, &a)
	}
	return a
}

// notes adds a correction to about one article in ten and an update to about
// one in eight, each dated after publication and never after Now.
func (g *Generator) notes(r *rand.Rand, c *cast, a *news.Article) {
	k := c.k
	var notes []news.Note
	if r.IntN(25) < 3 && len(k.updates) > 0 {
		at := g.clamp(a.PublishedAt, a.PublishedAt.Add(time.Duration(35+r.IntN(9*60))*time.Minute))
		notes = append(notes, news.Note{Kind: news.Update, At: at, Text: c.fill(pick(r, k.updates))})
	}
	if r.IntN(10) == 0 {
		at := g.clamp(a.PublishedAt, a.PublishedAt.Add(time.Duration(90+r.IntN(36*60))*time.Minute))
		text := pick(r, genericCorrections)
		if len(k.corrections) > 0 && r.IntN(3) > 0 {
			text = pick(r, k.corrections)
		}
		n := news.Note{Kind: news.Correction, At: at, Text: c.fill(text)}
		if len(notes) > 0 && at.Before(notes[0].At) {
			notes = append([]news.Note{n}, notes...)
		} else {
			notes = append(notes, n)
		}
	}
	for _, n := range notes {
		if n.At.After(a.UpdatedAt) {
			a.UpdatedAt = n.At
		}
	}
	if len(notes) == 0 && r.IntN(5) == 0 {
		// a quiet tidy-up: a reader sees the new time but no note
		a.UpdatedAt = g.clamp(a.PublishedAt, a.PublishedAt.Add(time.Duration(10+r.IntN(240))*time.Minute))
	}
	a.Notes = notes
}

// clamp keeps t at or before Now without going back before floor.
func (g *Generator) clamp(floor, t time.Time) time.Time {
	if t.After(g.now) {
		if floor.After(g.now) {
			return floor
		}
		return floor.Add(g.now.Sub(floor) / 2).Truncate(time.Second)
	}
	return t
}

// The paper publishes between 06:30 and 22:30. Article times are spread
// evenly over those hours of the last six weeks, newest first, or over as
// many days as it takes at perDay stories a day for a big archive (100,000
// articles cover about seven years), so a page of the archive looks like a
// real news day however many articles there are.
const (
	dayStart  = 6*60 + 30
	dayLength = 16 * 60
	spanDays  = 42
	perDay    = 40
)

// days is how many days the paper's articles are spread over.
func (g *Generator) days() int { return max(spanDays, (g.n+perDay-1)/perDay) }

func (g *Generator) publishTime(i int, r *rand.Rand) time.Time {
	loc := g.now.Location()
	y, m, d := g.now.Date()
	midnight := time.Date(y, m, d, 0, 0, 0, 0, loc)
	now := g.now.Sub(midnight).Minutes() - dayStart
	now = max(0, min(now, dayLength))
	// frac is in (0, 1), so article i always falls between i-1 and i+1.
	frac := (float64(r.IntN(1000)) + 0.5) / 1000
	x := now - float64(g.days()*dayLength)*(float64(i)+frac)/float64(g.n)
	day := int(x / dayLength)
	if x < 0 {
		day--
	}
	mins := x - float64(day*dayLength)
	t := time.Date(y, m, d+day, 0, 0, 0, 0, loc).Add(time.Duration((dayStart + mins) * float64(time.Minute)))
	return t.Truncate(time.Second)
}

// chooseHeadline sets the slots headline h uses from the article number,
// through a bijection on the headline's space of values, so two articles
// with the same kind and headline differ unless the space is smaller than
// the number of articles.
func (g *Generator) chooseHeadline(c *cast, k *kind, ki, h, i int) {
	sp := k.hl[h]
	if sp.space <= 1 {
		return
	}
	const a = 2654435761 // prime, so coprime with every space built from small factors
	b := splitmix(g.seed^uint64(ki)<<32^uint64(h)<<48^hashString(k.section)) % sp.space
	// (a*i + b) mod space, without letting a*i overflow and wrap.
	hi, lo := bits.Mul64(a, uint64(i))
	_, rem := bits.Div64(hi%sp.space, lo, sp.space)
	idx := (rem + b) % sp.space
	for j, key := range sp.keys {
		digit := int(idx % sp.cards[j])
		idx /= sp.cards[j]
		if isPersonKey(key) {
			c.person(key, digit)
		} else {
			c.slots = append(c.slots, c.resolve(key, digit))
		}
	}
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// target is how many words the body should have: news runs 470 to 920,
// opinion 520 to 820. A kind with less to say stops when it runs out.
func target(r *rand.Rand, k *kind) int {
	if k.opinion {
		return 520 + r.IntN(300)
	}
	return 470 + r.IntN(450)
}

// extras decides which non-paragraph blocks the story gets.
func (g *Generator) extras(r *rand.Rand, k *kind, lead *picture) extras {
	var x extras
	if r.IntN(100) < 28 {
		x.image = pickPicture(r, k.motifs, lead)
		x.imageAt = 2 + r.IntN(3)
	}
	if len(k.list) > 0 {
		switch p := r.IntN(100); {
		case p < 22:
			x.listAt, x.factBox = 4+r.IntN(4), true
		case p < 38:
			x.listAt = 4 + r.IntN(4)
		}
	}
	if r.IntN(100) < 30 {
		x.pullAt = 4 + r.IntN(5)
	}
	if r.IntN(2) == 0 {
		x.headEvery = 3 + r.IntN(2)
	}
	if k.embed != "" && r.IntN(100) < 7 {
		x.embed = videoURL(r)
	}
	return x
}

func videoURL(r *rand.Rand) string {
	const idChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	if r.IntN(3) == 0 {
		return "https://vimeo.com/" + strconv.Itoa(100000000+r.IntN(800000000))
	}
	id := make([]byte, 11)
	for j := range id {
		id[j] = idChars[r.IntN(len(idChars))]
	}
	return "https://www.youtube.com/watch?v=" + string(id)
}

// credit names who took a picture.
func credit(r *rand.Rand) string {
	if r.IntN(8) == 0 {
		return "Photograph: Handout"
	}
	return "Photograph: " + photographers[r.IntN(len(photographers))] + " / The Harbour Courier"
}

func sectionName(slug string) string {
	for _, s := range sectionTable {
		if s.slug == slug {
			return s.name
		}
	}
	return slug
}

// pickTags keeps the kind's first tag and adds one to four of the others.
func pickTags(r *rand.Rand, tags []string) []string {
	rest := shuffled(r, tags[1:])
	return append([]string{tags[0]}, rest[:min(len(rest), 1+r.IntN(4))]...)
}

func tagName(slug string) string {
	for _, t := range tagTable {
		if t[0] == slug {
			return t[1]
		}
	}
	return slug
}
