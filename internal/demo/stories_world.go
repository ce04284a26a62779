package demo

// World: a shipping summit, a storm and an election overseas. The countries
// are as fictional as the city.

var worldKinds = []*kind{seaSummit, coastalStorm, electionAbroad}

var seaSummit = &kind{
	section: "world",
	topic:   "the agreement",
	tags:    []string{"diplomacy", "climate", "shipping", "oceans", "trade"},
	motifs:  []motif{room, cranes, lighthouse, skyline},
	roles: []role{
		{"p1", "", "{country}’s minister for maritime affairs"},
		{"p2", "", "who led the delegation from the Northern Ports Alliance"},
		{"p3", "", "of the campaign group Clean Seas Now"},
	},
	nums: []num{n("nations", 12, 38, 1), n("pct", 20, 60, 1), d("fund", 12, 95), y("target", 2038, 2050), n("days", 3, 6, 1)},
	pools: []pool{
		{"agree", []string{"agree", "sign up to", "back", "commit to"}},
	},
	headlines: []string{
		"{nations} nations {agree} {pct}% cut in shipping emissions by {target} at {host} talks",
		"{host} summit: {nations} nations back €{fund}bn clean ports fund and a {target} deadline",
		"Northern seas deal: {country} pledges {pct}% emissions cut as {nations} nations sign up to €{fund}bn fund",
		"{host} talks: {p1.last} hails ‘turning point’ as {pct}% shipping emissions cut agreed for {target}",
		"€{fund}bn clean ports fund: what the {host} deal means for Saltmere",
		"After {days.word} days of talks in {host}, {nations} nations agree on cleaner ships",
		"{country} minister {p1.last} defends {target} deadline for shipping emissions",
		"Clean Seas Now says {host} deal’s {pct}% cut does not go far enough",
	},
	standfirsts: []string{
		"The agreement commits ports and shipping lines around the northern seas to cleaner fuels. Campaigners say the timetable is too slow.",
		"After {days.word} days of talks, delegates agreed a fund to help smaller ports, including Saltmere, install shore power and cleaner fuel depots.",
		"The fund will be paid for by a levy on fuel sold to ships in the region, with smaller ports given priority for grants.",
		"{country}’s maritime minister says the deal shows the region’s ports can act together. Several countries had wanted an earlier deadline.",
		"The city is expected to bid for money to electrify its container terminal. Ships calling at its quays will have to be able to plug into shore power.",
		"Negotiators argued past midnight over the wording of the review clause, and the talks overran by a day.",
		"Nations with large fishing fleets held out for more time, the minister says, and a later date was the price of agreement.",
		"Campaigners who sailed a flotilla of small boats into the harbour on the opening day say the timetable leaves the seas waiting too long.",
	},
	ledes: []string{
		"Representatives of {nations} nations meeting in {host} have agreed to cut greenhouse gas emissions from shipping in the northern seas by {pct} per cent by {target}.",
		"A summit in {host} ended on {day} with an agreement to set up a €{fund}bn fund to help ports move away from the heaviest marine fuels.",
	},
	facts: []string{
		"The agreement covers ships of more than 5,000 tonnes calling at ports in the signatory countries, which together handle a large share of the region’s trade.",
		"Ports will be required to offer shore power at their main berths, so that ships can switch off their engines while loading and unloading.",
		"The €{fund}bn fund will be paid for by a levy on fuel sold to ships in the region, with smaller ports given priority for grants.",
		"Several countries pushed for an earlier deadline, but agreed to {target} after objections from nations with large fishing fleets.",
		"Delegates from Saltmere’s port attended as observers, and the city is expected to bid for money from the fund to electrify its container terminal.",
		"The final text, published on [the summit’s website](https://northernseasforum.example/agreement), runs to 38 pages and includes a review every three years.",
		"The talks overran by a day after a dispute over how emissions from ships in transit should be counted.",
		"The agreement also sets up a shared system for monitoring ships’ emissions, using sensors at port entrances.",
		"Fishing fleets were given a longer deadline, reflecting the cost of replacing engines on smaller boats.",
		"Observers from shipping companies said the fund would help, but warned that cleaner fuels remained in short supply.",
		"Talks went on past midnight on the final evening as negotiators argued over the wording of the review clause.",
		"Environmental groups staged a flotilla of small boats in the harbour on the opening day, calling for a faster timetable.",
		"The host government said it would meet the costs of a permanent secretariat for the first five years.",
	},
	quotes: []quote{
		{"p1", "This is the first time the countries of the northern seas have agreed a binding target together. It will not be the last."},
		{"p2", "Smaller ports cannot do this on their own. The fund matters as much as the target."},
		{"p3", "A {pct} per cent cut by {target} is better than nothing, but the science says we need to move much faster than this."},
	},
	background: []string{
		"Shipping produces a growing share of global greenhouse gas emissions and has been slower than other industries to set targets.",
		"The Northern Seas Forum was set up in the 1990s to coordinate fishing quotas and has gradually taken on wider environmental work.",
	},
	next: []string{
		"The agreement must now be ratified by national parliaments, a process expected to take up to two years.",
		"The first grants from the fund are expected to be awarded late next year.",
	},
	headings: []string{"What was agreed", "The money", "What it means for Saltmere"},
	captions: []string{"The harbour at {host}, where the talks were held.", "Delegates met for {days.word} days in {host}."},
	sources: []source{
		{"Northern Seas Forum: final agreement", "https://northernseasforum.example/agreement", "Agreement text, {month} {year}"},
	},
	updates: []string{"This article was updated with reaction from the Port of Saltmere."},
	embed:   "The closing session of the {host} talks",
}

var coastalStorm = &kind{
	section: "world",
	topic:   "the government’s response",
	tags:    []string{"storms", "humanitarian-aid", "climate", "charity", "twin-cities"},
	motifs:  []motif{lighthouse, hills, fields},
	roles: []role{
		{"p1", "", "who coordinates emergency appeals for the Saltmere-based charity Harbour Aid"},
		{"p2", "", "the mayor of {host}"},
		{"p3", "", "a forecaster at the {country} weather service"},
	},
	nums: []num{n("homes", 800, 9000, 50), n("wind", 110, 190, 5), n("evac", 2000, 40000, 500), n("raised", 12, 240, 1), n("power", 20000, 180000, 1000)},
	pools: []pool{
		{"storm", []string{"Storm Halvard", "Storm Ines", "Storm Oskar", "Storm Rhea", "Storm Tomas", "Storm Vera"}},
		{"hits", []string{"hits", "batters", "sweeps across", "tears through"}},
	},
	headlines: []string{
		"{storm} {hits} {country} coast, damaging {homes} homes in {host}",
		"Saltmere charity raises £{raised}k as {storm} leaves {evac} people homeless in {country}",
		"{storm}: winds of {wind}km/h cut power to {power} homes in {country}",
		"{evac} people evacuated from {host} as {storm} makes landfall",
		"Harbour Aid sends help to {host} after {storm} damages {homes} homes",
		"Mayor of {host} asks for help to rebuild {homes} homes after {storm}",
		"{storm} leaves {power} homes without power across {country}",
	},
	standfirsts: []string{
		"Forecasters had warned of the storm for days, but its strength surprised even the emergency services.",
		"Thousands of people spent the night in schools and sports halls. In Saltmere, donations have poured into a charity with long links to the region.",
		"The storm surge breached sea walls in at least three places. Engineers are working to reconnect homes, but some could be without power for days.",
		"Residents of low-lying streets were moved out before the storm arrived, and fishing boats were lifted onto the quay by crane.",
		"The charity has long links with the region. Volunteers in Saltmere spent the weekend sorting donations at a warehouse lent by the port.",
		"The surge flooded the city’s old harbour and a neighbouring fishing village. Insurers put early estimates of the damage in the hundreds of millions.",
		"Schools stayed closed and ferries to neighbouring islands were suspended while engineers worked through the damage.",
	},
	ledes: []string{
		"{storm} struck the coast of {country} overnight on {day}, bringing winds of up to {wind}km/h and damaging about {homes} homes in and around the port city of {host}.",
		"A Saltmere charity has raised £{raised}k in three days for families in {country} whose homes were damaged or destroyed by {storm}.",
		"{storm} brought winds of up to {wind}km/h to the coast of {country} overnight on {day}, cutting power to about {power} homes and damaging hundreds more in and around {host}.",
	},
	facts: []string{
		"About {evac} people were moved from low-lying areas before the storm arrived, and many are still in emergency shelters.",
		"At the height of the storm, about {power} homes were without electricity, and some remote villages were cut off by fallen trees and flooded roads.",
		"Harbour Aid, which was founded by Saltmere dock workers in the 1970s, is sending two lorries of blankets, water filters and generators.",
		"{host} has been twinned with Saltmere for more than thirty years, and volunteers from both cities have visited each other every summer.",
		"Donations can be made through [the charity’s appeal page](https://harbouraid.example/appeal), and a collection point has been set up at the ferry terminal.",
		"The storm surge breached sea walls in at least three places, flooding the old harbour and a neighbouring fishing village.",
		"Fishing boats that could not reach shelter were lifted onto the quay by crane in the hours before the storm arrived.",
		"Emergency teams from neighbouring countries, including volunteers from Saltmere’s lifeboat crew, have travelled to help.",
		"Schools in the region stayed closed for the rest of the week while buildings were checked for damage.",
		"Ferries between {host} and neighbouring islands were suspended for two days, leaving hundreds of travellers stranded.",
		"Insurers in {country} have begun assessing the damage, which early estimates put in the hundreds of millions.",
		"Volunteers in Saltmere spent the weekend sorting donations at a warehouse lent by the port.",
	},
	quotes: []quote{
		{"p1", "People in Saltmere know what it is to live by the sea. When we put out the appeal, the phones did not stop ringing."},
		{"p2", "We have lost roofs, boats and roads, but we have not lost a single life in this city, and that is thanks to the people who went door to door."},
		{"p3", "Storms of this strength used to come once in a generation. We have now had three in ten years."},
	},
	background: []string{
		"The coasts of the northern seas have seen a run of severe winter storms in recent years.",
		"Scientists say a warming climate is making the heaviest rainfall and highest storm surges more likely.",
	},
	next: []string{
		"The appeal remains open until the end of {nextmonth}.",
		"The {country} government said it would set out a reconstruction plan within weeks.",
	},
	headings: []string{"A night of damage", "Saltmere responds", "A pattern of storms"},
	captions: []string{"A lighthouse on the {country} coast, where {storm} made landfall.", "The coast near {host}."},
	sources: []source{
		{"Harbour Aid: {storm} appeal", "https://harbouraid.example/appeal", "Appeal total, {month} {year}"},
		{"{country} weather service", "https://weather.{country.slug}.example/warnings", "Storm warnings and wind speeds"},
	},
	corrections: []string{"An earlier version of this article gave the wind speed in miles per hour. It was {wind}km/h."},
	updates:     []string{"This article was updated with the latest total raised by the appeal."},
}

var electionAbroad = &kind{
	section: "world",
	topic:   "the result",
	tags:    []string{"elections", "diplomacy", "trade", "twin-cities"},
	motifs:  []motif{room, skyline, street},
	roles: []role{
		{"p1", "", "the leader of the {party} in {country}"},
		{"p2", "", "the outgoing prime minister of {country}"},
		{"p3", "Dr", "who studies the politics of the region at the University of Saltmere"},
	},
	nums: []num{n("share", 28, 44, 1), n("seats", 60, 110, 1), n("turnout", 58, 81, 1), n("total", 181, 181, 1)},
	pools: []pool{
		{"party", []string{"Centre Union", "Social Democratic League", "Coastal Party", "Green Progress", "National Renewal"}},
		{"wins", []string{"wins", "tops the poll in", "comes first in"}},
	},
	headlines: []string{
		"{party.cap} {wins} {country} election with {share}% and {seats} seats on {turnout}% turnout",
		"{country} election: {p1.last} claims victory with {seats} of {total} seats and {share}% of the vote",
		"{p1.last}’s {party} on {share}% as {country} turnout reaches {turnout}%",
		"{country} votes: {party} to form government after winning {seats} seats",
		"{p2.last} concedes {country} election as {party} takes {share}% of the vote",
		"Turnout of {turnout}% in {country} election is highest in a generation",
		"What a {party} government in {country} means for trade with Saltmere",
	},
	standfirsts: []string{
		"No party has an outright majority, and coalition talks could take weeks. Trade with Saltmere’s port is unlikely to be affected in the short term.",
		"Smaller parties say they are open to talks but will set conditions, including a firm commitment on climate targets.",
		"Exit polls had pointed to a closer race, but the lead grew as results came in from the cities.",
		"The result ends more than a decade of government by the same coalition.",
		"The outgoing government’s vote fell sharply in the cities and along the coast, where housing costs and energy prices dominated the campaign.",
		"Younger voters turned out in greater numbers than at the last election, early analysis suggests. International observers said the vote was well run.",
		"The {party} has promised more homes and investment in offshore wind. Exporters in Saltmere are watching what it means for shipping and the port.",
	},
	ledes: []string{
		"The {party} has won the largest share of the vote in {country}’s general election, with {share} per cent, but will need coalition partners to govern.",
		"{p1}, leader of the {party}, claimed victory in {country} on {day} night after winning {seats} of the {total} seats in parliament.",
	},
	facts: []string{
		"Turnout was {turnout} per cent, according to the electoral commission, slightly up on the last election.",
		"The campaign was dominated by housing costs, energy prices and the future of the country’s fishing industry.",
		"A majority in parliament requires 91 seats, so the {party} will need the support of at least one other party.",
		"International observers said the election had been well run, with only minor problems reported at polling stations.",
		"Results by district are published on [the electoral commission’s website](https://elections.{country.slug}.example/results).",
		"The {party} campaigned on a promise to build more homes and to cut energy bills by investing in offshore wind.",
		"The outgoing government’s share of the vote fell sharply, particularly in the cities and along the coast.",
		"Younger voters turned out in greater numbers than at the last election, according to early analysis of the results.",
		"Leaders of the smaller parties said they were open to talks but would set conditions, including a firm commitment on climate targets.",
		"{country}’s currency rose slightly as markets reacted to the prospect of a stable coalition.",
		"Campaigning was suspended for a day midway through after a storm hit the country’s northern coast.",
		"Exit polls had pointed to a closer race, and the {party}’s lead grew as results came in from the cities.",
	},
	quotes: []quote{
		{"p1", "Voters have asked for change, and we will form a government that delivers it, with anyone who is willing to work with us."},
		{"p2", "We accept the result. We will be a constructive opposition, and we will hold the next government to its promises."},
		{"p3", "Coalition building in {country} usually takes weeks, sometimes months. Nobody should expect rapid changes in policy."},
	},
	background: []string{
		"{country} is one of Saltmere’s most important trading partners, and several of its firms have offices in the city.",
		"The country has been governed by coalitions for most of its modern history.",
	},
	next: []string{
		"Coalition talks are expected to begin next week.",
		"The new parliament will meet for the first time in {nextmonth}.",
	},
	headings: []string{"The result", "Coalition arithmetic", "What it means for trade"},
	captions: []string{"The capital of {country} on election night.", "A view across the capital of {country}."},
	sources: []source{
		{"{country} electoral commission", "https://elections.{country.slug}.example/results", "Provisional results"},
	},
	updates: []string{"This article was updated with final results from all districts."},
}
