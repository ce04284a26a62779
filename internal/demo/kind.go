package demo

import (
	"fmt"
	"strconv"
	"strings"
)

// kind is a story template: one sort of story a section runs (a council vote
// on harbour homes, a football match, a theatre review), with everything
// needed to tell it many different ways. Texts hold {key} slots that the
// article's cast fills; see cast.lookup for the modifiers.
//
// Paragraph texts may carry light markup: **bold**, _italic_ and
// [link text](https://…).
type kind struct {
	section string
	topic   string   // what the story is about, as the section kit's sentences name it
	tags    []string // slugs; the first is always used
	motifs  []motif  // which demo pictures suit the story
	roles   []role
	nums    []num
	pools   []pool
	derive  func(c *cast) // sets values computed from others, if any

	headlines   []string // each should hold enough slots to be unique
	standfirsts []string // one per headline, in the same order
	ledes       []string // the opening paragraph
	facts       []string // sentences of detail, any order
	quotes      []quote
	background  []string // sentences of context, any order
	next        []string // what happens next; closes the story
	headings    []string // subheadings for longer stories

	listTitle string   // fact box title
	listIntro string   // the sentence before a plain list
	list      []string // items for the list or the fact box

	captions    []string
	sources     []source
	corrections []string
	updates     []string
	embed       string // title of a video embed; empty for none

	// opinion pieces argue in order: their facts are read top to bottom, and
	// a few may be skipped, except those marked with a leading "=".
	opinion bool

	hl []headlineSpec // filled by init from headlines
}

// role says who pN is in this kind of story.
type role struct{ key, title, job string }

// num is a number slot: lo to hi in steps; tenths prints 42 as 4.2.
type num struct {
	key           string
	lo, hi, step  int
	tenths, plain bool
	clock         bool // seconds, printed h:mm:ss
	pence         bool // pence, printed as pounds: 520 is 5.20
	count         bool // spelled out below ten in running text, as house style asks
}

// n is a whole-number slot.
func n(key string, lo, hi, step int) num { return num{key: key, lo: lo, hi: hi, step: step} }

// d is a slot in tenths: d("cost", 12, 95) gives 1.2 to 9.5.
func d(key string, lo, hi int) num { return num{key: key, lo: lo, hi: hi, step: 1, tenths: true} }

// y is a year slot, printed without a thousands comma.
func y(key string, lo, hi int) num { return num{key: key, lo: lo, hi: hi, step: 1, plain: true} }

// cnt is a count of things, spelled out below ten outside headlines.
func cnt(key string, lo, hi int) num { return num{key: key, lo: lo, hi: hi, step: 1, count: true} }

// pence is a price in pence, printed as pounds and pence.
func pence(key string, lo, hi, step int) num {
	return num{key: key, lo: lo, hi: hi, step: step, pence: true}
}

// clock is a time in seconds, printed as h:mm:ss.
func clock(key string, lo, hi int) num { return num{key: key, lo: lo, hi: hi, step: 1, clock: true} }

func (n num) card() int { return (n.hi-n.lo)/n.step + 1 }

func (n num) format(v int) string {
	if n.clock {
		return fmt.Sprintf("%d:%02d:%02d", v/3600, v/60%60, v%60)
	}
	if n.plain {
		return strconv.Itoa(v)
	}
	if n.pence {
		return fmt.Sprintf("%d.%02d", v/100, v%100)
	}
	if n.tenths {
		return thousands(v/10) + "." + string(rune('0'+v%10))
	}
	return thousands(v)
}

// pool is a list of words or names a slot picks from.
type pool struct {
	key  string
	vals []string
}

// quote is something pN says, without quotation marks.
type quote struct{ who, text string }

// source is a document a story relies on; fields are templates.
type source struct{ name, url, note string }

// headlineSpec lists the slots of one headline with how many values each can
// take, so an article's number can choose them (see Generator.headline).
type headlineSpec struct {
	keys  []string
	cards []uint64
	space uint64 // product of cards
}

// maxSpace bounds a headline's space so products never overflow.
const maxSpace = 1 << 50

// plan works out a headline's slots in the order a cast would meet them.
func (k *kind) plan(h string) headlineSpec {
	var sp headlineSpec
	sp.space = 1
	pools := map[string]int{} // siblings already in the headline, per pool
	people := 0
	for _, part := range strings.Split(h, "{")[1:] {
		key, _, _ := strings.Cut(part, "}")
		base, _, _ := strings.Cut(key, ".")
		if contains2(sp.keys, base) {
			continue
		}
		var card int
		switch {
		case isPersonKey(base):
			if _, fixed := figures[base]; fixed {
				continue
			}
			card = len(surnames) - people
			people++
		case k.numFor(base) != nil:
			card = k.numFor(base).card()
		default:
			c := &cast{k: k}
			name, vals := c.poolFor(base)
			if vals == nil {
				continue // a date or derived value: not chosen by the headline
			}
			card = len(vals) - pools[name]
			pools[name]++
		}
		if card <= 1 || sp.space*uint64(card) > maxSpace {
			continue
		}
		sp.keys = append(sp.keys, base)
		sp.cards = append(sp.cards, uint64(card))
		sp.space *= uint64(card)
	}
	return sp
}

func (k *kind) numFor(key string) *num {
	for i := range k.nums {
		if k.nums[i].key == key {
			return &k.nums[i]
		}
	}
	return nil
}

func contains2(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// kinds lists every story template by section.
var kinds = map[string][]*kind{}

func init() {
	all := [][]*kind{localKinds, politicsKinds, businessKinds, worldKinds,
		scienceKinds, cultureKinds, sportKinds, opinionKinds}
	for _, ks := range all {
		for _, k := range ks {
			for _, h := range k.headlines {
				k.hl = append(k.hl, k.plan(h))
			}
			kinds[k.section] = append(kinds[k.section], k)
		}
	}
	deck = buildDeck()
	rotas = buildRotas()
}
