// Package demo writes a believable, entirely fictional newspaper: The Harbour
// Courier of the port city of Saltmere. Everything is generated from a seed, so
// the same options always give the same paper, and articles are made one at a
// time on request, so a benchmark can ask for a hundred thousand of them
// without holding any in memory.
package demo

import (
	"time"

	"masthead/internal/news"
)

// Options say which paper to generate.
type Options struct {
	Seed     int64     // picks every name, number and picture
	Now      time.Time // the newest story appears shortly before Now; zero means time.Now()
	Articles int       // how many articles Count reports; zero means 320
}

// Generator makes the demo paper's content. It holds no articles; each call to
// Article builds one afresh, so it is safe for concurrent use.
type Generator struct {
	seed uint64
	now  time.Time
	n    int
	// runs and before are the dealt decks (see deal), worked out once.
	runs   [][]uint8
	before [][]int
	// leads holds each section's lead pictures by place (see planLeads).
	leads map[string][]*picture
}

// defaultArticles fills every section front and a few archive pages without
// making the first start-up slow.
const defaultArticles = 320

// New returns a generator for the options.
func New(o Options) *Generator {
	if o.Articles <= 0 {
		o.Articles = defaultArticles
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	g := &Generator{seed: uint64(o.Seed), now: o.Now.Truncate(time.Second), n: o.Articles}
	g.shuffleRuns()
	g.planLeads()
	return g
}

// Count is the number of articles the paper has.
func (g *Generator) Count() int { return g.n }

// SiteName is the paper's title.
func (g *Generator) SiteName() string { return "The Harbour Courier" }

// Sections returns the paper's sections in front-page order. IDs are zero; the
// loader stores them and maps article sections by slug.
func (g *Generator) Sections() []news.Section {
	out := make([]news.Section, len(sectionTable))
	for i, s := range sectionTable {
		out[i] = news.Section{Slug: s.slug, Name: s.name, Description: s.desc, Position: i + 1}
	}
	return out
}

// Authors returns the paper's staff writers. Their e-mail addresses are for
// the newsroom only and never appear in anything the generator writes.
func (g *Generator) Authors() []news.Author {
	out := make([]news.Author, len(staff))
	for i, s := range staff {
		out[i] = news.Author{Slug: news.Slugify(s.name), Name: s.name, Bio: s.bio, Email: s.email}
	}
	return out
}

// Tags returns every topic tag the articles use.
func (g *Generator) Tags() []news.Tag {
	out := make([]news.Tag, len(tagTable))
	for i, t := range tagTable {
		out[i] = news.Tag{Slug: t[0], Name: t[1]}
	}
	return out
}

// sectionTable lists the sections with the share of stories each gets, in
// per mille; local news leads, as it does in a real city paper.
var sectionTable = []struct {
	slug, name, desc string
	share            int
}{
	{"local", "Local", "Saltmere’s neighbourhoods, council decisions, transport and housing.", 240},
	{"politics", "Politics", "City hall, the council chamber and the people who run Saltmere.", 130},
	{"business", "Business", "The port, local firms, jobs and the cost of doing business on the coast.", 130},
	{"world", "World", "News from around the northern seas and beyond, and what it means here.", 100},
	{"science", "Science", "Research from the University of Saltmere, health, wildlife and the sea.", 100},
	{"culture", "Culture", "Theatre, music, art and books in the city and beyond.", 110},
	{"sport", "Sport", "Saltmere Athletic, community sport and the city’s runners and rowers.", 120},
	{"opinion", "Opinion", "Columns and comment from the Courier’s writers.", 70},
}

// tagTable holds the topic tags as slug and name.
var tagTable = [][2]string{
	{"housing", "Housing"}, {"harbour-redevelopment", "Harbour redevelopment"},
	{"planning", "Planning"}, {"transport", "Transport"}, {"trams", "Trams"},
	{"ferries", "Ferries"}, {"flooding", "Flooding"}, {"climate", "Climate"},
	{"environment", "Environment"}, {"infrastructure", "Infrastructure"},
	{"city-council", "City council"}, {"council-budget", "Council budget"},
	{"council-tax", "Council tax"}, {"elections", "Elections"}, {"the-mayor", "The mayor"},
	{"transparency", "Transparency"}, {"libraries", "Libraries"}, {"social-care", "Social care"},
	{"cost-of-living", "Cost of living"}, {"economy", "Economy"}, {"jobs", "Jobs"},
	{"company-results", "Company results"}, {"the-port", "The port"}, {"shipping", "Shipping"},
	{"trade", "Trade"}, {"retail", "Retail"}, {"high-street", "High street"},
	{"small-business", "Small business"}, {"tourism", "Tourism"}, {"energy", "Energy"},
	{"technology", "Technology"}, {"diplomacy", "Diplomacy"}, {"storms", "Storms"},
	{"humanitarian-aid", "Humanitarian aid"}, {"twin-cities", "Twin cities"},
	{"research", "Research"}, {"university-of-saltmere", "University of Saltmere"},
	{"wildlife", "Wildlife"}, {"oceans", "Oceans"}, {"health", "Health"},
	{"medicine", "Medicine"}, {"hospitals", "Hospitals"}, {"theatre", "Theatre"},
	{"reviews", "Reviews"}, {"art", "Art"}, {"exhibitions", "Exhibitions"},
	{"live-music", "Live music"}, {"festivals", "Festivals"}, {"heritage", "Heritage"},
	{"football", "Football"}, {"saltmere-athletic", "Saltmere Athletic"},
	{"womens-football", "Women’s football"}, {"running", "Running"},
	{"community-sport", "Community sport"}, {"charity", "Charity"}, {"volunteering", "Volunteering"},
	{"commuting", "Commuting"}, {"young-people", "Young people"}, {"funding", "Funding"},
}
