package demo

// Local stories: the harbour, housing, trams, the river and the ferry.

var localKinds = []*kind{harbourHomes, tramOverrun, floodDefences, ferryCuts}

var harbourHomes = &kind{
	section: "local",
	topic:   "the harbour scheme",
	tags:    []string{"housing", "harbour-redevelopment", "planning", "city-council", "cost-of-living"},
	motifs:  []motif{cranes, skyline, lighthouse, room},
	roles: []role{
		{"p1", "Cllr", "who chairs the council’s planning committee"},
		{"p2", "", "who lives on {street} and helped organise the objections"},
		{"p3", "", "a director of {dev}"},
	},
	nums: []num{n("homes", 120, 980, 2), n("afford", 15, 35, 1), n("for", 18, 34, 1), n("against", 4, 16, 1),
		cnt("storeys", 6, 22), n("hours", 3, 7, 1), d("levy", 12, 98), n("objections", 150, 2400, 50),
		n("empty", 8, 30, 1), n("years", 2, 5, 1), n("rent", 18, 42, 1), n("walk", 300, 900, 10), n("withdrawn", 3, 9, 1)},
	pools: []pool{
		{"dev", []string{"Quayline Group", "Brackwater Land", "Tidemark Living", "Northstone Partnership", "Lowther & Crane"}},
		{"site", []string{"old grain wharf", "former ice works", "Custom House car park", "disused ferry terminal", "timber yard at Pier 4", "former gasworks site"}},
		{"back", []string{"back", "approve", "wave through", "endorse"}},
	},
	derive: func(c *cast) {
		v := c.num("afford") + 5 + c.r.IntN(10)
		c.set("promised", thousands(v), v)
	},
	headlines: []string{
		"Councillors {back} {homes}-home plan for {area} waterfront by {for} votes to {against}",
		"{site.cap} in {area} to become {homes} homes, {afford}% of them affordable",
		"{homes} homes, {storeys} storeys: {area} harbour scheme wins approval",
		"{p2.last} leads fight against {homes}-home plan for {area} quay",
		"Harbour’s future rests on {homes}-home {area} vote, says {p1.last}",
		"{dev} cuts {area} quay tower to {storeys} storeys after {objections} objections",
		"Affordable share of {area} harbour homes stuck at {afford}% as {dev} plan goes to vote",
	},
	standfirsts: []string{
		"The {dev} scheme on the {site} passed after a meeting that ran for more than {hours.word} hours. Opponents say the affordable share is far too small.",
		"Supporters call it the biggest change to the {area} waterfront in a generation; critics fear it will push rents up across the ward.",
		"The tallest block was cut by two floors during negotiations. Several councillors said they backed the scheme only because a refusal would probably have been overturned on appeal.",
		"Neighbours say the towers will take their light and their view of the water. More than {objections} people have written to the council to object.",
		"The {site} has stood empty for {empty} years. The chair of the planning committee says a city that needs 1,400 new homes a year cannot wait any longer.",
		"The developer has stepped the top floors back from the water after a wave of complaints. Objectors say the change is cosmetic and the tower is still too tall.",
		"Just {afford} per cent of the new homes will be let below market rents — down from the {promised} per cent first promised.",
	},
	ledes: []string{
		"Saltmere’s planning committee has approved {homes} new homes on the {site} in {area}, ending almost two years of argument over one of the last empty stretches of the harbour.",
		"Plans to turn the {site} in {area} into {homes} flats and maisonettes were approved on {day} night by {for} votes to {against}, after a meeting that ran for more than {hours.word} hours.",
		"The largest housing scheme on Saltmere’s waterfront since the shipyards closed was given the go-ahead on {day}, as councillors voted {for} to {against} in favour of {dev.poss} plans for {area}.",
	},
	facts: []string{
		"The scheme includes {homes} homes in blocks of up to {storeys} storeys, a public quayside walk and space for shops and cafés at street level.",
		"Of the new homes, {afford} per cent are to be let at below market rents, a share that fell from the {promised} per cent promised when the plans were first published.",
		"Building work is expected to start next spring and to take about {years.word} years, with the first residents moving in long before the final blocks are finished.",
		"{dev} has agreed to pay £{levy}m towards a new primary school and changes to the Quay Road junction, according to the [committee report](https://council.example/planning/{area.slug}-quay).",
		"More than {objections} people wrote to the council to object, most of them about the height of the towers and the loss of views across the water.",
		"Council officers had recommended approval, noting that the site had stood empty for {empty} years and that the city needs about 1,400 new homes a year to keep up with demand.",
		"The committee attached conditions limiting construction traffic on {street} to weekday daytime hours.",
		"Under the plans the old harbour wall and two listed iron bollards will be kept, and a stretch of the original cobbles will be relaid along the new promenade.",
		"An earlier proposal for the {site}, which included a hotel, was withdrawn {withdrawn.word} years ago after its developer ran into financial trouble.",
		"The tallest block, at {storeys} storeys, was cut by two floors during negotiations, and its top levels were stepped back from the water.",
		"Several councillors said they had voted in favour **reluctantly**, arguing that refusal would probably have been overturned on appeal.",
	},
	quotes: []quote{
		{"p1", "This is not a perfect scheme, but it is a good one, and the {site} has waited long enough. Every year it stays empty is another year of families on the waiting list."},
		{"p1", "We pushed hard on affordability and on height, and the developer moved on both. I am satisfied the conditions protect the people who already live here."},
		{"p2", "Nobody in {area} is against new homes. We are against homes that the people who grew up here will never be able to afford."},
		{"p2", "We were consulted about the colour of the bricks, not about whether towers belong on our waterfront."},
		{"p3", "We have listened throughout and changed the design in response. This will open up a part of the harbour that has been fenced off for decades."},
	},
	background: []string{
		"The {area} waterfront was once home to more than a dozen shipbuilding and repair yards, the last of which closed in the late 1980s.",
		"Average rents in {area} have risen by about {rent} per cent in five years, according to the council’s latest housing strategy.",
		"Since the yards closed, the site has served as a car park and an occasional market while one plan after another stalled.",
		"Saltmere’s local plan, adopted in {planyear}, names the harbour as the main place for new homes in the city over the next fifteen years.",
	},
	next: []string{
		"The mayor, {mayor}, can still call the decision in within 21 days, although a spokesperson said there were no plans to do so.",
		"Residents’ groups said they would take legal advice on a judicial review, a step that could hold up construction for a year or more.",
		"{dev} said it expected to submit detailed designs for the first phase by {nextmonth}.",
	},
	headings:  []string{"A divided committee", "What the scheme includes", "Questions of affordability", "Residents’ concerns"},
	listTitle: "The {area} scheme in numbers",
	listIntro: "What the approved plans include:",
	list: []string{
		"**{homes}** homes, {afford} per cent at below market rents",
		"Blocks of up to **{storeys}** storeys",
		"**£{levy}m** towards a school and road changes",
		"A public quayside walk about {walk} metres long",
		"Construction expected to take about {years.word} years",
	},
	captions: []string{
		"The waterfront at {area}, where the {homes} homes will be built.",
		"The {site} has stood empty for {empty} years.",
	},
	sources: []source{
		{"Saltmere City Council planning committee", "https://council.example/planning/committee/{month.slug}-{year}", "Officers’ report and recommendation, {month} {year}"},
		{"{dev}: application documents", "https://planning.council.example/applications/{area.slug}-quay", "Design and access statement"},
		{"Saltmere housing strategy", "https://council.example/housing/strategy", "Rent figures, published {lastyear}"},
	},
	corrections: []string{
		"An earlier version of this article said the vote was {against} to {for}. It was {for} to {against} in favour.",
		"An earlier version of this article said the tallest block would have {storeys} flats. It will have {storeys} storeys.",
	},
	updates: []string{
		"This article was updated after {dev} confirmed when it expects construction to start.",
		"This article has been updated with a response from residents on {street}.",
	},
	embed: "The {area} waterfront from the water",
}

var tramOverrun = &kind{
	section: "local",
	topic:   "the tram extension",
	tags:    []string{"trams", "transport", "infrastructure", "city-council", "council-budget", "commuting"},
	motifs:  []motif{street, bridge, skyline},
	roles: []role{
		{"p1", "Cllr", "the council’s cabinet member for transport"},
		{"p2", "Cllr", "who sits on the council’s scrutiny committee for Harbour First"},
		{"p3", "", "who commutes from {area2} to the city centre"},
	},
	nums: []num{n("line", 3, 5, 1), n("budget", 120, 340, 1), n("overrun", 12, 96, 1), cnt("delay", 4, 22),
		n("stops", 9, 18, 1), d("km", 48, 126), n("pax", 8000, 24000, 250), d("contingency", 30, 90), cnt("weeks", 6, 14)},
	pools: []pool{
		{"consult", []string{"Harcastle Associates", "Meridian Rail Advisory", "Fallowfield Engineering", "Greyling Infrastructure Review"}},
		{"admits", []string{"council admits", "review finds", "report says", "officials confirm"}},
	},
	derive: func(c *cast) {
		v := c.num("budget") + c.num("overrun")
		c.set("total", thousands(v), v)
	},
	headlines: []string{
		"Tram extension to {area}: £{budget}m budget overshot by £{overrun}m",
		"{p1.last} under pressure as tram costs climb £{overrun}m and {area} line slips {delay} months",
		"Tram to {area} will be {delay} months late and £{overrun}m over its £{budget}m budget, {admits}",
		"Who pays for the £{overrun}m tram overrun? Questions for {p1.last} over {area} line",
		"{area} tram will have {stops} stops and carry {pax} passengers a day, once it opens {delay} months late",
		"Consultants {consult} called in as {area} tram bill rises by £{overrun}m",
	},
	standfirsts: []string{
		"An independent review blames soft ground near the river and late design changes. Opposition councillors want the contractor’s bonus withheld.",
		"Opposition councillors say the cabinet member for transport knew of the overrun months before the public did. The bill now stands at £{total}m.",
		"The Line {line} extension to {area} was meant to open next summer. It will now carry its first passengers {delay} months later than planned.",
		"The extra money will come partly from the council’s capital reserves and partly from borrowing. Opposition councillors want to know what will be cut to pay for it.",
		"The {km}km extension is still forecast to be one of the busiest routes in the city. Passengers in {area} will simply have to wait longer to use it.",
		"The engineers found that the original budget underestimated the cost of moving gas mains and sewers along {street}. A further £{contingency}m has been set aside for surprises.",
	},
	ledes: []string{
		"The tram extension to {area} will cost £{overrun}m more than budgeted and open {delay} months late, an independent review commissioned by Saltmere City Council has found.",
		"Saltmere’s flagship transport project is £{overrun}m over its £{budget}m budget, the council confirmed on {day}, blaming unexpected ground conditions under the old railway cutting.",
		"Passengers in {area} face a wait of at least {delay} more months for their tram, after the council admitted that the Line {line} extension had run into serious trouble.",
	},
	facts: []string{
		"The review, by the engineering consultancy {consult}, found that the original budget had underestimated the cost of moving gas mains and sewers along {street}.",
		"The {km}km extension will have {stops} stops and is forecast to carry about {pax} passengers a day once it is fully open.",
		"Work stopped for {weeks} weeks last winter after contractors found that part of the route crossed an old tidal channel filled with soft silt.",
		"The revised cost of £{total}m will be met partly from the council’s capital reserves and partly from borrowing, according to [the review’s summary](https://council.example/transport/line-{line}-review).",
		"The council’s own risk register rated the chance of a major overrun as _low_ as recently as last spring.",
		"A further £{contingency}m has been set aside for contingencies, which officers say should cover any more surprises below ground.",
		"Shops along the route have complained for months about lost trade, and some say their takings fell by as much as a third while the road was closed.",
		"The contractor has not commented publicly on the review, but is understood to dispute some of its conclusions about the design changes.",
		"Councillors were first told of a possible overrun in a confidential briefing, the review notes, but the figure was not made public for several months.",
	},
	quotes: []quote{
		{"p1", "Nobody is pretending this is good news. But stopping now would waste everything already spent and leave {area} without the link it was promised."},
		{"p1", "We have changed how the project is managed, and I will publish a cost report every month from now on."},
		{"p2", "Residents were told again and again that this project was on time and on budget. Someone has to answer for that."},
		{"p2", "The contractor should not see a penny of its performance bonus until the line is open."},
		{"p3", "I was looking forward to getting rid of the car. Now I’m told it’s another year of sitting in traffic on the bridge."},
	},
	background: []string{
		"Saltmere’s first two tram lines opened more than a decade ago and carry about 60,000 passengers on a typical weekday.",
		"The extension was approved in {planyear} with a budget of £{budget}m, about two-thirds of it from a national transport fund.",
		"Projects like it elsewhere have often come unstuck over pipes and cables, which are poorly mapped beneath older streets.",
		"Line {line} was meant to be the first stage of a wider network reaching the estates on the edge of the city.",
	},
	next: []string{
		"The council’s scrutiny committee will examine the review at a public meeting on {day2}.",
		"Officers are due to report back by {nextmonth} with a revised timetable and a plan to ease the disruption for businesses.",
	},
	headings:  []string{"Where the money went", "Trouble underground", "Businesses count the cost", "Who knew what"},
	listTitle: "The Line {line} extension",
	listIntro: "The extension at a glance:",
	list: []string{
		"**{km}km** of new track and {stops} stops",
		"Original budget: **£{budget}m**",
		"Now forecast: **£{total}m**",
		"Opening delayed by **{delay} months**",
		"Expected passengers: about {pax} a day",
	},
	captions: []string{
		"The city centre, which the extension will link with {area}.",
		"Work near {street} was halted for {weeks} weeks last winter.",
	},
	sources: []source{
		{"{consult}: independent review of the Line {line} extension", "https://council.example/transport/line-{line}-review", "Summary published {month} {year}"},
		{"Saltmere City Council transport cabinet papers", "https://council.example/cabinet/transport", "Revised cost and funding report"},
	},
	corrections: []string{
		"An earlier version of this article said the review was commissioned by the contractor. It was commissioned by the council.",
		"An earlier version of this article gave the length of the extension in miles; it is {km} kilometres.",
	},
	updates: []string{
		"This article was updated with the date of the scrutiny committee meeting.",
		"This article was updated to include a response from the contractor, which said it was “working closely with the council” on a revised programme.",
	},
	embed: "Riding the existing tram line to {area}",
}
