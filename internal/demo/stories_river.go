package demo

// Local stories about the water: the River Aske’s defences and the ferry.

var floodDefences = &kind{
	section: "local",
	topic:   "the flood scheme",
	tags:    []string{"flooding", "climate", "environment", "infrastructure", "city-council"},
	motifs:  []motif{bridge, fields, hills},
	roles: []role{
		{"p1", "Cllr", "the council’s cabinet member for climate and environment"},
		{"p2", "", "who runs a {shop} on {street}"},
		{"p3", "Dr", "a coastal engineer at the University of Saltmere"},
	},
	nums: []num{d("cost", 84, 468), n("protected", 400, 3800, 10), n("wall", 300, 1800, 10), d("height", 8, 24),
		n("floods", 3, 9, 1), n("lastflood", 4, 20, 1), n("damaged", 120, 640, 1), cnt("closure", 8, 20)},
	pools: []pool{
		{"welcome", []string{"welcome", "back", "cautiously welcome", "hail"}},
	},
	headlines: []string{
		"£{cost}m flood wall to protect {protected} homes in {area} and {area2}",
		"Flood defences for {area}: {wall} metres of new wall and a £{cost}m bill",
		"{area} shopkeepers {welcome} £{cost}m River Aske flood wall to protect {protected} homes",
		"River Aske at {area} to get {height}m flood wall to shield {protected} homes",
		"After {floods.word} floods in a decade, {area} gets £{cost}m defences — {p2.last} says ‘about time’",
		"{area} riverside to close for {closure} weeks while £{cost}m flood wall is built",
	},
	standfirsts: []string{
		"The scheme, paid for mostly by national flood funding, will raise the riverbank by up to {height} metres. Work is due to start in {nextmonth}.",
		"The plans include two pumping stations and removable barriers that can be slotted into place when storms are forecast. About three-quarters of the money comes from a national grant.",
		"Traders on {street} say they welcome the protection but fear months of closures along the river path.",
		"Engineers have designed the defences to hold back a flood of a size expected once in two hundred years, allowing for the rise in sea level.",
		"The last flood, {lastflood} months ago, damaged {damaged} homes and businesses. Residents who have cleaned up again and again say the wall should have come years ago.",
		"The riverside path will close in sections while the wall goes up. Households on the lowest streets are being offered free flood doors in the meantime.",
	},
	ledes: []string{
		"A £{cost}m flood defence scheme along the River Aske will protect about {protected} homes in {area} and {area2}, the council said on {day}, after the neighbourhoods flooded {floods.word} times in a decade.",
		"Work on new flood walls and embankments along the Aske is to begin in {nextmonth}, in what the council calls the most important climate project in Saltmere’s history.",
		"Homes and shops in {area} that have flooded {floods.word} times in ten years are to be protected by a £{cost}m wall, the council has announced.",
	},
	facts: []string{
		"The plans include {wall} metres of new concrete wall faced with local stone, two pumping stations and a set of removable barriers that can be slotted into place when storms are forecast.",
		"The riverbank will be raised by up to {height} metres along its lowest stretch, near the footbridge at {street}.",
		"About three-quarters of the cost is being met by a national flood resilience grant, with the rest coming from the council and a levy on new developments.",
		"Engineers have designed the defences to cope with a flood of a size expected once in two hundred years, allowing for the projected rise in sea level.",
		"The riverside path between {area} and {area2} will close in sections for up to {closure} months while the work is carried out.",
		"The most recent flood, {lastflood} months ago, damaged {damaged} homes and businesses and closed the main road into the city for three days.",
		"Residents can see the full designs and a timetable of road closures on [the council’s flood scheme pages](https://council.example/flooding/aske-defences).",
		"Trees along the bank that must be felled will be replaced three for one, with saltmarsh planting on the far side of the river to soak up high tides.",
		"Households on the lowest streets have been offered free flood doors and air-brick covers while the work goes on.",
	},
	quotes: []quote{
		{"p1", "Climate change is not something that is coming to Saltmere. It is here, and it is in people’s living rooms every other winter."},
		{"p1", "We have tried to design defences that people will actually want to walk along, not just a grey wall between the city and its river."},
		{"p2", "Every time it rains hard I move the stock upstairs and lie awake listening to the radio. If this works, it will be worth the disruption."},
		{"p2", "What worries me is the path closing. Half my customers walk along the river to get here."},
		{"p3", "The design is sensible, but defences only buy time. The city will still need to think hard about where it builds over the next fifty years."},
	},
	background: []string{
		"The Aske rises in the Wenlow hills and meets the sea at Saltmere, where high tides can hold back floodwater coming downstream.",
		"Insurers have warned that cover in parts of {area} could become unaffordable without better protection.",
		"The city’s last major defences were built in the 1970s, for a climate that no longer exists, according to the council’s own assessment.",
	},
	next: []string{
		"A public exhibition of the plans will be held at {area} library on {day2}, with engineers on hand to answer questions.",
		"The council expects the main walls to be finished before the winter after next, with planting completed the following spring.",
	},
	headings:  []string{"How the defences will work", "Disruption along the river", "Living with the water", "Paying for it"},
	listTitle: "The flood scheme at a glance",
	listIntro: "The scheme in brief:",
	list: []string{
		"**{wall} metres** of new wall",
		"Banks raised by up to **{height}m**",
		"About **{protected}** homes protected",
		"Total cost: **£{cost}m**",
		"Two new pumping stations",
	},
	captions: []string{
		"The River Aske near {area}, where the banks will be raised by up to {height} metres.",
		"The river at {area2}, one of the stretches that flooded {lastflood} months ago.",
	},
	sources: []source{
		{"Saltmere City Council: Aske flood defences", "https://council.example/flooding/aske-defences", "Scheme designs and consultation, {month} {year}"},
		{"National flood resilience fund", "https://floodfund.example/projects/saltmere-aske", "Grant award notice"},
		{"University of Saltmere Institute for Coastal Studies", "https://coastal.saltmere-university.example/reports/aske", "Flood risk modelling for the Aske estuary"},
	},
	corrections: []string{
		"An earlier version of this article said the wall would be {wall} feet long. It will be {wall} metres long.",
	},
	updates: []string{
		"This article was updated with details of the public exhibition.",
		"This article has been updated to include figures on the homes damaged in the most recent flood.",
	},
	embed: "How the Aske flood barriers will work",
}

var ferryCuts = &kind{
	section: "local",
	topic:   "the ferry cuts",
	tags:    []string{"ferries", "transport", "commuting", "city-council", "cost-of-living"},
	motifs:  []motif{lighthouse, cranes, bridge, hills},
	roles: []role{
		{"p1", "", "the managing director of Aske Ferries"},
		{"p2", "", "who has taken the ferry to work for {usedyears} years"},
		{"p3", "Cllr", "who represents {area} on the city council"},
	},
	nums: []num{pence("fare", 220, 650, 10), n("crossings", 24, 40, 1), cnt("cut", 4, 12), n("passengers", 180000, 640000, 1000),
		d("subsidy", 4, 28), cnt("usedyears", 3, 30), cnt("minutes", 9, 16), n("drivearound", 35, 60, 5), n("vessel", 38, 61, 1)},
	pools: []pool{
		{"area", []string{"Eastquay", "Westdock", "Old Town", "Ropewalk", "Saltings"}},
		{"boat", []string{"Kittiwake II", "Aske Belle", "Spirit of Saltmere", "Tern"}},
		{"lose", []string{"lose", "shed", "cut"}},
	},
	headlines: []string{
		"{area} to Beacon Point ferry to {lose} {cut} of its {crossings} daily crossings as fares rise to £{fare}",
		"Beacon Point ferry cuts: {p2.last} and {passengers} other passengers face {cut} fewer crossings a day",
		"Ferry subsidy row: £{subsidy}m ‘not enough’ to keep {crossings} crossings a day from {area}, says {p1.last}",
		"‘A lifeline’: {area} ferry users fight plan to {lose} {cut} of {crossings} crossings and charge £{fare}",
		"{boat} to be withdrawn as Aske Ferries cuts {cut} crossings from {area}",
	},
	standfirsts: []string{
		"The operator says rising fuel and repair costs leave it no choice. Passengers say the ferry is the only sensible way across the estuary.",
		"The crossing takes {minutes} minutes; the drive around the estuary can take {drivearound}. Commuters say the cuts will push them back into their cars.",
		"Aske Ferries says the money the council pays no longer covers the early and late sailings. The two sides have argued over the subsidy for years.",
		"A petition calling on the council to step in has gathered several thousand signatures. Students at the college at Beacon Point say the cuts will make them late for lectures.",
		"The older of the operator’s two boats has spent {vessel} days out of service this year. Without it, the first sailing will leave later and the last evening crossing will go.",
	},
	ledes: []string{
		"The ferry between {area} and Beacon Point will lose {cut} of its {crossings} daily crossings from {nextmonth}, its operator has confirmed, and the single fare will rise to £{fare}.",
		"Aske Ferries is to cut {cut} crossings a day on its busiest route, blaming fuel costs and a long-running dispute with the council over how much public money the service should get.",
	},
	facts: []string{
		"The service carried about {passengers} passengers last year, many of them commuters and students travelling to the college at Beacon Point.",
		"The council pays the operator about £{subsidy}m a year to keep fares down and run early and late sailings that would otherwise lose money.",
		"Under the new timetable, the first crossing of the day will leave {area} at 7.10am rather than 6.25am, and the last evening sailing will be withdrawn entirely.",
		"The crossing takes about {minutes} minutes, while the drive around the estuary can take {drivearound} minutes at rush hour.",
		"The older of the two ferries, the _{boat}_, has spent {vessel} days out of service this year for repairs to its engines.",
		"Season ticket holders will keep their current prices until their tickets expire, the operator said.",
		"A petition calling on the council to step in has gathered several thousand signatures since it was launched at the ferry terminal on {day}.",
		"The timetable change has been published on [the operator’s website](https://askeferries.example/timetable), with the new sailings in bold.",
	},
	quotes: []quote{
		{"p1", "We have kept this ferry running through two fuel crises and a pandemic. We cannot keep losing money on sailings that carry a dozen people."},
		{"p1", "If the council wants a seven-day, early-till-late service, it has to be willing to pay for one."},
		{"p2", "For people like me the ferry is not a pleasant trip across the water. It is how I get to work, and there is no bus that does the same job."},
		{"p3", "The council should be sitting down with the operator this week, not trading statements in the press."},
	},
	background: []string{
		"A ferry has crossed the Aske estuary at Beacon Point since at least the seventeenth century, and the current service has been run privately since the 1990s.",
		"A bridge across the mouth of the estuary has been proposed several times and rejected each time on cost.",
		"Fuel accounts for about a third of the operator’s running costs, according to its most recent published accounts.",
	},
	next: []string{
		"Councillors will discuss the subsidy at a transport committee meeting on {day2}.",
		"The operator said it would review the timetable again in the spring if passenger numbers recovered.",
	},
	headings:  []string{"The new timetable", "Who uses the ferry", "An old argument"},
	listTitle: "The ferry in figures",
	listIntro: "The changes in brief:",
	list: []string{
		"Daily crossings: **{crossings}**, falling by {cut}",
		"Single fare: **£{fare}**",
		"Passengers last year: about {passengers}",
		"Council subsidy: **£{subsidy}m** a year",
	},
	captions: []string{
		"Beacon Point from the water. The crossing from {area} takes about {minutes} minutes.",
		"The ferry terminal at {area}.",
	},
	sources: []source{
		{"Aske Ferries: timetable from {nextmonth}", "https://askeferries.example/timetable", "Published {month} {year}"},
		{"Saltmere City Council transport committee", "https://council.example/transport/ferry-subsidy", "Subsidy agreement and committee papers"},
	},
	corrections: []string{
		"An earlier version of this article said the last morning crossing would be withdrawn. It is the last evening crossing.",
	},
	updates: []string{
		"This article was updated with the date of the council’s transport committee meeting.",
	},
}
