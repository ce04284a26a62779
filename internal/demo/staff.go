package demo

import "math/rand/v2"

// writer is a member of staff who gets bylines.
type writer struct {
	name, email, bio string
	look             *look // a columnist's portrait; nil for reporters
}

// staff are the paper's writers; desks below refer to them by index.
var staff = []writer{
	{"Priya Ramaswamy", "priya.ramaswamy@courier.example",
		"Priya Ramaswamy is the Courier’s political editor. She has covered Saltmere City Council for eleven years and has sat through more budget meetings than she cares to count. Before joining the paper she reported on courts for a news agency.", nil},
	{"Tomás Ferreira", "tomas.ferreira@courier.example",
		"Tomás Ferreira reports on Saltmere’s neighbourhoods, from the harbour to the hill estates. He grew up in Ropewalk and still lives there. Send him the story your street is talking about.", nil},
	{"Eleanor Whitcombe", "eleanor.whitcombe@courier.example",
		"Eleanor Whitcombe is the business editor. She writes about the port, local employers and the economics of a city that used to build ships. She spent eight years on a financial desk before coming home to the coast.", nil},
	{"Kwame Osei-Barrow", "kwame.osei-barrow@courier.example",
		"Kwame Osei-Barrow edits the Courier’s world pages and writes about diplomacy, trade and the northern seas. He has reported from more than thirty countries.", nil},
	{"Hannah Lindqvist", "hannah.lindqvist@courier.example",
		"Hannah Lindqvist is the science and environment correspondent. She trained as a marine biologist and has an unreasonable fondness for seagrass. She covers research, climate and the city’s coastline.", nil},
	{"Jonah Achterberg", "jonah.achterberg@courier.example",
		"Jonah Achterberg is the Courier’s culture editor and theatre critic. He reviews everything from the Lantern Theatre’s main stage to pub back rooms, and he believes no play should run longer than two and a half hours.", nil},
	{"Siobhán Carragher", "siobhan.carragher@courier.example",
		"Siobhán Carragher is chief sports writer. She has followed Saltmere Athletic home and away for fifteen seasons and also covers the city’s rowing, running and women’s football.", nil},
	{"Daniel Okonjo", "daniel.okonjo@courier.example",
		"Daniel Okonjo covers transport and the way the city is built: trams, ferries, roads, bridges and the plans to change them. He commutes by bicycle, whatever the weather.", nil},
	{"Ruth Calloway", "ruth.calloway@courier.example",
		"Ruth Calloway writes a weekly column on Saltmere life and politics. She was the Courier’s deputy editor for a decade and now writes what she thinks instead of editing what others think.",
		&look{ground: rgb{196, 214, 206}, ground2: rgb{150, 178, 168}, skin: rgb{236, 196, 170}, hair: rgb{206, 206, 210},
			coat: rgb{44, 62, 92}, collar: rgb{240, 236, 226}, hair2: 2, glasses: true}},
	{"Mei-Ling Tan", "mei-ling.tan@courier.example",
		"Mei-Ling Tan is the data and health reporter. She turns spreadsheets into stories and asks hospitals awkward questions. She joined the Courier from a university statistics department.", nil},
	{"Gideon Ashworth", "gideon.ashworth@courier.example",
		"Gideon Ashworth writes the Courier’s Saturday column on money, work and the port. He was a harbour pilot for twenty years and still reads the tide tables before the news.",
		&look{ground: rgb{232, 206, 160}, ground2: rgb{204, 164, 112}, skin: rgb{150, 102, 76}, hair: rgb{36, 30, 30},
			coat: rgb{92, 48, 40}, collar: rgb{226, 222, 210}, hair2: 3}},
	{"Nadia Karimi", "nadia.karimi@courier.example",
		"Nadia Karimi is a columnist and a housing campaigner who grew up on the Saltings estate. She writes about renting, young people and who the city is being built for.",
		&look{ground: rgb{204, 196, 226}, ground2: rgb{160, 150, 198}, skin: rgb{214, 166, 130}, hair: rgb{58, 38, 32},
			coat: rgb{30, 96, 90}, collar: rgb{244, 240, 232}, hair2: 1}},
}

// columnists are the writers with a portrait, by index into staff.
var columnists = func() []int {
	var out []int
	for i, w := range staff {
		if w.look != nil {
			out = append(out, i)
		}
	}
	return out
}()

// desk is a writer's weight within a section: the chance, out of the section's
// total, that a story there carries that writer's byline first.
type desk struct{ writer, weight int }

// desks say who writes for each section.
var desks = map[string][]desk{
	"local":    {{1, 45}, {7, 30}, {4, 15}, {0, 10}},
	"politics": {{0, 70}, {9, 20}, {1, 10}},
	"business": {{2, 70}, {7, 20}, {9, 10}},
	"world":    {{3, 80}, {9, 20}},
	"science":  {{4, 60}, {9, 40}},
	"culture":  {{5, 100}},
	"sport":    {{6, 100}},
	// Opinion is written by the columnists, whose photos run beside their
	// names.
	"opinion": {{8, 40}, {10, 30}, {11, 30}},
}

// byline picks one to three writers: mostly one, sometimes two, rarely three.
func byline(r *rand.Rand, section string) []int {
	d := desks[section]
	total := 0
	for _, x := range d {
		total += x.weight
	}
	n := r.IntN(total)
	first := d[0].writer
	for _, x := range d {
		if n < x.weight {
			first = x.writer
			break
		}
		n -= x.weight
	}
	out := []int{first}
	want := 1
	if section != "opinion" {
		switch p := r.IntN(100); {
		case p < 4:
			want = 3
		case p < 22:
			want = 2
		}
	}
	// Shared bylines come from the same desk or from the general news
	// reporters, who help out everywhere.
	pool := []int{1, 9}
	for _, x := range d {
		pool = append(pool, x.writer)
	}
	for tries := 0; len(out) < want && tries < 20; tries++ {
		if w := pool[r.IntN(len(pool))]; !contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// photographers take the lead pictures.
var photographers = []string{
	"Anneke de Vries", "Callum Rees", "Yasmin Haddad", "Tobias Wren", "Nadia Forsythe", "Emrys Pugh",
}
