package demo

// sectionBackground holds context any story in a section can use once its own
// runs out. The facts stay the same from story to story, as a city's do.
var sectionBackground = map[string][]string{
	"local": {
		"Saltmere, a city of about 240,000 people at the mouth of the River Aske, has grown faster than any other in the region over the past decade.",
		"In the council’s annual residents’ survey, housing costs and transport came top of the list of people’s concerns for the third year running.",
		"Councillors from all groups say the harbour is central to the city’s future, though they disagree sharply about what should be built there.",
		"Saltmere City Council is run by the Civic Alliance, which holds a narrow majority over Harbour First and a handful of independents.",
		"The city’s population is forecast to pass 260,000 within ten years, according to projections published by the council.",
		"Many of the streets around the old docks were laid out in the nineteenth century and were never designed for the traffic they now carry.",
	},
	"politics": {
		"The Civic Alliance has run the council for six years and holds 33 of its 60 seats.",
		"Harbour First, the main opposition group, has made the cost of living and the harbour redevelopment the centre of its campaigning.",
		"The next full council elections are due in May, and all the main groups have begun selecting candidates.",
		"Turnout in Saltmere’s local elections has fallen steadily, from almost 40 per cent two decades ago to just over 29 per cent last time.",
		"The mayor, {mayor}, was elected on a promise of a more open city hall, and has faced repeated questions about how far that promise has been kept.",
	},
	"business": {
		"Saltmere’s economy has shifted from shipbuilding and fishing towards logistics, software and tourism over the past thirty years.",
		"Unemployment in the city stands at about 4.1 per cent, slightly above the national average.",
		"The port remains the city’s largest single employer, with about 3,200 people working on the docks.",
		"Firms have complained for years about the cost of commercial space near the waterfront, where rents have risen sharply.",
		"About one in five members of the Saltmere Chamber of Commerce say they plan to take on more staff this year.",
	},
	"world": {
		"Saltmere has traded with ports around the northern seas for centuries, and its twin city, Haldenburg, sends a delegation every summer.",
		"Shipping through the region’s ports has recovered strongly in the past two years, according to the Northern Seas Forum.",
		"Several hundred people from the region’s other countries live and work in Saltmere, many of them in the port and the university.",
		"Aid agencies have warned that severe weather is becoming more frequent along the coasts of the northern seas.",
	},
	"science": {
		"The University of Saltmere, founded as a school of navigation in the nineteenth century, now has about 19,000 students and a growing reputation in marine science.",
		"Its Institute for Coastal Studies runs a research vessel, the _Kittiwake_, from a berth in Westdock.",
		"Research councils awarded the university a record £48m in grants last year, much of it for work on oceans and climate.",
		"Independent scientists often caution that a single study, however careful, should be read alongside the wider body of evidence.",
	},
	"culture": {
		"Saltmere’s arts scene has grown steadily since the old Custom House reopened as a gallery, and the city now has four professional theatres.",
		"Arts organisations in the city have lost about a fifth of their public funding over the past five years.",
		"The annual Harbour Lights festival, held every October, draws about 80,000 visitors to the waterfront.",
		"Audiences in the city are younger than the national average, which arts leaders put down to the university.",
	},
	"sport": {
		"Saltmere Athletic play at the Ropeworks Ground, a 14,000-capacity stadium a short walk from the harbour.",
		"The club was promoted two seasons ago and has spent carefully since, keeping one of the lowest wage bills in the division.",
		"Sport in the city relies heavily on volunteers, with more than 300 community clubs affiliated to the Saltmere Sport Partnership.",
		"Football pitches across the city are booked almost every evening, and the council has promised two new all-weather pitches.",
	},
	"opinion": {
		"Saltmere has never been a city that waits to be told what to do.",
		"The decisions made in the next few years will shape the city for decades.",
		"The best decisions this city has made were argued over loudly first.",
		"Councillors are elected to make hard choices, and residents are entitled to see how they make them.",
		"Saltmere’s history is full of projects that were mocked at the start and treasured at the end, and a few that went the other way.",
		"The test of any public decision is whether it still looks sensible in twenty years.",
	},
}

// genericCorrections suit any story; kinds add their own.
var genericCorrections = []string{
	"An earlier version of this article misspelled the surname of {p1.full}. This has been corrected.",
	"A caption in an earlier version of this article named the wrong location. It has been corrected.",
	"An earlier version of this article gave an incorrect job title for {p1.full}. This has been corrected.",
	"This article was amended to correct the spelling of a street name.",
}

// kit is what every story in a section can draw on besides its own
// material: more detail about {topic}, and a local voice, p4.
type kit struct {
	role   role
	nums   []num
	extras []string
	quotes []quote
}

// kits fill out stories whose own material runs short. Their sentences talk
// about {topic}, which each kind names ("the flood scheme").
var kits = map[string]kit{
	"local": {
		role: role{"p4", "", "who has lived in {area} for {lived} years"},
		nums: []num{n("lived", 12, 58, 1)},
		extras: []string{
			"A council spokesperson said a full response on {topic} would be published once officers had considered every comment received.",
			"At a packed meeting in {area} community centre last month, residents queued at the microphone to ask about {topic}.",
			"Ward councillors from all three groups have been asked to set out their positions on {topic} before the next full council meeting.",
			"Readers who contacted the Courier about {topic} were divided, with roughly as many in favour as against.",
			"Several community groups in {area} have formed a joint committee to keep track of {topic} and report back to residents.",
			"Questions about {topic} dominated the council’s most recent online question-and-answer session, which drew more than 600 comments.",
			"The council has promised a drop-in session at {area} library where residents can ask officers about {topic} in person.",
		},
		quotes: []quote{
			{"p4", "I’ve seen plenty of plans come and go around here. I’ll believe it when I see it."},
			{"p4", "Nobody knocked on my door to ask what I thought. I found out from a post on social media."},
			{"p4", "My children will grow up with whatever gets decided now. I just want someone to explain it to us properly."},
		},
	},
	"politics": {
		role: role{"p4", "", "a retired teacher from {area} who attends most council meetings"},
		extras: []string{
			"The Courier asked each of the council’s three groups for a detailed response on {topic}; two replied in full.",
			"A council spokesperson said every paper relating to {topic} had been published in line with the rules.",
			"Questions about {topic} are expected to come up again at the next meeting of the full council.",
			"Opposition members say they will keep pressing for detail on {topic} in the weeks ahead.",
			"Political observers in the city say {topic} could become a defining issue at next year’s elections.",
			"Council meetings can be watched live on [the council’s webcast page](https://council.example/webcasts), and recordings stay online for six months.",
		},
		quotes: []quote{
			{"p4", "I have been coming to these meetings for years. What people want is straight answers, and they rarely get them."},
			{"p4", "Most people I know don’t follow the council at all. They only notice when something they rely on disappears."},
		},
	},
	"business": {
		role: role{"p4", "", "who chairs the Saltmere Chamber of Commerce"},
		extras: []string{
			"The Saltmere Chamber of Commerce said {topic} reflected a wider pattern among its members.",
			"Economists at the University of Saltmere say the city’s economy is more varied than it was a generation ago, which leaves it less exposed to any single shock.",
			"Borrowing costs remain a worry for many firms in the city, particularly smaller ones hoping to expand.",
			"Recruitment is still difficult in some trades, and several employers have started their own training schemes.",
			"The council’s economic development team said it was in regular contact with employers about {topic}.",
		},
		quotes: []quote{
			{"p4", "Businesses here are resilient, but they are tired. Every bit of good news matters."},
			{"p4", "What firms want from the council is simple: clear decisions, made on time."},
		},
	},
	"world": {
		role: role{"p4", "", "who runs an import business in Westdock"},
		extras: []string{
			"Diplomats in the region say {topic} will be watched closely in neighbouring capitals.",
			"Saltmere’s links with the region go back centuries, through the herring trade, the timber trade and, more recently, tourism.",
			"Several Saltmere firms with interests in the region said it was too early to judge what {topic} would mean for them.",
			"Broadcasters across the region gave {topic} blanket coverage, and it dominated conversation online.",
			"Analysts caution that first reactions to {topic} are often revised as the details become clearer.",
			"Community groups in Saltmere with links to the region said they were in touch with friends and relatives there.",
		},
		quotes: []quote{
			{"p4", "We have customers and friends over there. You follow it closely when it’s people you know."},
			{"p4", "For a port city, what happens across the water never stays across the water."},
		},
	},
	"science": {
		role: role{"p4", "", "a science teacher at a secondary school in {area}"},
		extras: []string{
			"The researchers have made their data available to other scientists, so that the results can be checked and built upon.",
			"Money for long-term work like this is hard to come by, and scientists say it is often the first thing to be cut.",
			"The work builds on research carried out in and around Saltmere over several decades.",
			"Scientists not involved in {topic} said the methods were sound, though they cautioned against drawing firm conclusions from one set of results.",
			"The university’s press office said interest in {topic} had been unusually high, with inquiries from around the world.",
		},
		quotes: []quote{
			{"p4", "My students ask me whether science ever happens here, on our doorstep. Now I have an answer."},
			{"p4", "Work like this makes the city feel like a place where discoveries are made, not just read about."},
		},
	},
	"culture": {
		role: role{"p4", "", "who runs the Saltmere Arts Forum"},
		extras: []string{
			"Ticket sales for cultural events in Saltmere have recovered strongly, with some venues reporting their best seasons in a decade.",
			"The city’s arts council has said it wants more work that reflects Saltmere’s history and the lives of the people who live here now.",
			"The city’s maritime history has been a recurring theme in its cultural life this year, from theatre to photography.",
			"Several local businesses have offered support, including discounted meals for ticket holders and free parking on weekday evenings.",
			"Relaxed sessions and audio-described events are planned, with details available from the organisers.",
		},
		quotes: []quote{
			{"p4", "Culture is not a luxury in a city like this. It is how we explain ourselves to each other."},
			{"p4", "There is a real appetite in Saltmere for work about Saltmere. You can feel it in the room."},
		},
	},
	"sport": {
		role: role{"p4", "", "who has followed Saltmere sport for more than {lived} years"},
		nums: []num{n("lived", 20, 55, 1)},
		extras: []string{
			"Interest in local sport has grown sharply, with junior club memberships up by about a fifth in two years.",
			"The Saltmere Sport Partnership said {topic} would inspire more young people to get involved.",
			"Pubs and cafés near the harbour reported a busy day, with supporters spilling onto the pavements well into the evening.",
			"Coaches across the city say the biggest challenge is finding enough pitches, tracks and volunteers.",
			"Volunteers at the city’s clubs say big occasions like this always bring a rush of new members in the weeks that follow.",
		},
		quotes: []quote{
			{"p4", "I’ve been coming since I was a child. Days like this are why you keep coming back."},
			{"p4", "The atmosphere was something else. You could hear it from the harbour."},
		},
	},
}
