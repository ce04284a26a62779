package demo

// Politics: the council budget, by-elections and questions for city hall.

var politicsKinds = []*kind{budgetVote, byElection, contractsRow}

var budgetVote = &kind{
	section: "politics",
	topic:   "the budget",
	tags:    []string{"council-budget", "city-council", "council-tax", "libraries", "social-care", "cost-of-living"},
	motifs:  []motif{room, skyline, street, cranes},
	roles: []role{
		{"p1", "Cllr", "the council’s cabinet member for finance"},
		{"p2", "", "a branch secretary of the council workers’ union"},
		{"p3", "", "who chairs the Friends of {area} Library"},
	},
	nums: []num{d("tax", 19, 49), n("gap", 8, 38, 1), n("libs", 2, 5, 1), n("posts", 40, 260, 1), n("total", 610, 890, 1),
		n("care", 38, 46, 1), n("hoursdown", 6, 18, 1), n("yes", 31, 36, 1), n("no", 20, 27, 1), d("reserves", 42, 160)},
	pools: []pool{
		{"fill", []string{"fill", "close", "plug", "bridge"}},
		{"passes", []string{"passes", "is approved", "gets through", "scrapes through"}},
	},
	headlines: []string{
		"Saltmere budget {passes}: council tax up {tax}%, {posts} posts to go and £{gap}m gap closed",
		"Council tax to rise {tax}% as councillors {fill} £{gap}m gap, {yes} votes to {no}",
		"{area} library to lose {hoursdown} hours a week as £{gap}m budget squeeze cuts {posts} posts",
		"{p1.last} defends £{gap}m cuts as council tax rises {tax}% and {posts} jobs go",
		"Union warns of strikes over {posts} council job losses in £{gap}m budget",
		"Saltmere to draw £{reserves}m from reserves to soften {tax}% council tax rise",
		"Shorter hours for {libs.word} libraries in £{gap}m budget, {p3.last} warns",
		"Care budget rises to {care}% of council spending as £{gap}m gap is closed",
		"How Saltmere’s £{gap}m budget was closed: {posts} posts, {tax}% tax and {hoursdown} library hours",
	},
	standfirsts: []string{
		"The Civic Alliance says the cuts protect frontline services. The opposition says the city is paying for years of poor planning.",
		"The rise adds roughly £1.40 a week to a typical household’s bill. The vote came after a debate that lasted into the early hours.",
		"The branch in {area} is one of {libs.word} libraries to open for fewer hours. Its regulars say it is one of the few warm, free places left in the neighbourhood.",
		"The cabinet member for finance says the money the council gets has not kept pace with the needs of an older population. The opposition says residents are paying more for less.",
		"Most of the posts will go through vacancies and voluntary redundancy, the council says. The union says its members are already doing the work of two people.",
		"The council’s finance team warns that the money can be spent only once, and that next year’s budget will be harder still.",
		"Campaigners say shorter opening hours cut a lifeline for older residents and families. The council says every library will stay open.",
		"Libraries, parks and back-office staff bear the brunt of savings as rising social care costs swallow a growing share of the council’s money.",
		"A rise in council tax, job cuts and shorter library hours make up most of the savings. Here is where the money will come from, and who will notice.",
	},
	ledes: []string{
		"Council tax in Saltmere will rise by {tax} per cent from April after councillors approved a budget on {day} night that also cuts {posts} jobs and reduces opening hours at {libs.word} libraries.",
		"Saltmere City Council has voted through a £{total}m budget that closes a £{gap}m funding gap, with councillors voting {yes} to {no} after a debate that lasted into the early hours.",
		"Libraries in {area} and elsewhere will open for fewer hours and about {posts} council jobs will go under budget plans approved on {day}.",
	},
	facts: []string{
		"Adult and children’s social care now takes {care} per cent of the council’s spending, up from about a third five years ago.",
		"The {libs.word} libraries affected, including the branch in {area}, will each lose about {hoursdown} opening hours a week.",
		"Most of the {posts} posts will go through vacancies and voluntary redundancy, the council said, though compulsory redundancies have not been ruled out.",
		"The council will also draw £{reserves}m from its reserves, which the finance team warned could not be repeated next year.",
		"An amendment from Harbour First to freeze parking charges and fund it by cutting consultancy spending was defeated.",
		"The full [budget papers](https://council.example/budget/{year}) run to more than 400 pages and include a list of every saving.",
		"Fees for garden waste collection, bereavement services and residents’ parking permits will rise by more than inflation.",
		"The rise of {tax} per cent adds roughly £1.40 a week to the bill of a typical household in the city’s most common band.",
		"Council tax support for low-income households will stay at its current level, despite pressure to cut it.",
	},
	quotes: []quote{
		{"p1", "Nobody comes into politics to close library doors early. But the money we get has not kept pace with the needs of an older population, and something has to give."},
		{"p1", "We have protected the services that keep vulnerable people safe. That had to come first."},
		{"opp", "This administration has spent years on vanity projects and consultants, and now it asks residents to pay more for less."},
		{"p2", "Our members are already doing the work of two people. Losing another {posts} posts will be felt by the public, whatever the council says."},
		{"p3", "The library is the only warm, free place in {area} where you can sit all afternoon without buying anything. Cutting its hours cuts a lifeline."},
	},
	background: []string{
		"Councils across the country have faced similar pressures, with social care and temporary housing the fastest-growing costs.",
		"Saltmere’s grant from central government has fallen by about a quarter in real terms over the past decade.",
		"The council must by law set a balanced budget each year; it cannot borrow to pay for day-to-day services.",
	},
	next: []string{
		"The new council tax bills will be sent to households next month.",
		"Opposition councillors said they would seek a review of the library changes at the next full council meeting.",
	},
	headings:  []string{"Where the cuts fall", "The social care squeeze", "A bitter debate", "What it means for households"},
	listTitle: "The budget in brief",
	listIntro: "The main points of the budget:",
	list: []string{
		"Council tax up **{tax}%**",
		"Spending: **£{total}m**, with a £{gap}m gap closed",
		"About **{posts}** posts cut",
		"Shorter hours at {libs.word} libraries",
		"**£{reserves}m** drawn from reserves",
	},
	captions: []string{
		"City hall, where councillors debated the budget into the early hours.",
		"Saltmere from the river. Council tax will rise by {tax} per cent from April.",
	},
	sources: []source{
		{"Saltmere City Council budget papers, {year}", "https://council.example/budget/{year}", "Full council, {month} {year}"},
		{"Saltmere City Council: library opening hours", "https://council.example/libraries/hours", "Revised opening hours"},
	},
	corrections: []string{
		"An earlier version of this article said {libs.word} libraries would close. They will stay open with reduced hours.",
		"An earlier version of this article gave the council tax rise as {tax} per cent a month. It is an annual rise.",
	},
	updates: []string{
		"This article was updated with the final vote count.",
		"This article has been updated with a list of the libraries affected.",
	},
}

var byElection = &kind{
	section: "politics",
	topic:   "the by-election result",
	tags:    []string{"elections", "city-council", "housing", "transport"},
	motifs:  []motif{room, street, fields, hills},
	roles: []role{
		{"p1", "", "who stood for {winner}"},
		{"p2", "", "who stood for {loser}"},
		{"p3", "Dr", "a lecturer in politics at the University of Saltmere"},
	},
	nums: []num{n("votes", 1200, 3400, 1), n("majority", 40, 900, 1), n("turnout", 18, 39, 1), n("cands", 4, 7, 1), n("swing", 2, 14, 1)},
	pools: []pool{
		{"party", []string{"the Civic Alliance", "Harbour First", "the Independent Group"}},
		{"verb", []string{"hold", "take", "win"}},
	},
	derive: func(c *cast) {
		i := c.r.IntN(3)
		parties := []string{"the Civic Alliance", "Harbour First", "the Independent Group"}
		w := c.slot("party").n
		if i == w {
			i = (i + 1) % 3
		}
		c.set("winner", parties[w], w)
		c.set("loser", parties[i], i)
	},
	headlines: []string{
		"{party.cap} {verb} {area} by-election by {majority} votes on {turnout}% turnout",
		"{area} by-election: {p1.last} wins for {party} with a majority of {majority}",
		"Low turnout, narrow margin: {p1.last} takes {area} seat by {majority} votes",
		"{turnout}% turnout in {area}: only one voter in four came out for by-election",
		"One seat, {cands.word} candidates: {party} wins in {area} on a {swing}-point swing",
		"{p2.last} concedes {area} by-election by {majority} votes and calls for a recount",
		"{swing}-point swing to {party} in {area} by-election is warning to council, says {p3.last}",
	},
	standfirsts: []string{
		"Turnout was just {turnout} per cent. Both main groups claimed the result showed voters’ anger over the cost of living and the harbour plans.",
		"The new councillor, who campaigned on the harbour plans and the delayed tram, has promised a weekly surgery at {area} library.",
		"Counting agents watched the bundles closely as the margin narrowed, and the count at the Guildhall ran past two in the morning.",
		"Many voters said they had received no leaflets at all. Postal votes made up about a third of those cast.",
		"The result leaves the balance of the council unchanged, but the size of the swing will worry {loser}.",
		"The losing candidate says {loser} increased its share of the vote and will be back when all three seats in {area} are contested next May.",
		"By-elections are poor guides to the next full election, a politics lecturer at the University of Saltmere says, but a swing of {swing} points is hard to ignore.",
	},
	ledes: []string{
		"{p1} has won the {area} by-election for {winner}, beating {p2} of {loser} by {majority} votes on a turnout of {turnout} per cent.",
		"{winner.cap} won the {area} council seat in a by-election on {day}, with {p1} taking {votes} votes and a majority of {majority}.",
	},
	facts: []string{
		"The by-election was called after the sitting councillor stood down for health reasons in the spring.",
		"There were {cands.word} candidates on the ballot, and the count at the Guildhall ran past two in the morning after a recount was requested.",
		"Turnout of {turnout} per cent was low even by the standards of by-elections, and below the city average at the last full council elections.",
		"The swing of {swing} points was one of the largest in a Saltmere by-election for a decade.",
		"Both leading candidates campaigned heavily on the harbour housing plans and the delayed tram extension, which would serve the ward.",
		"Full results are published on [the council’s elections page](https://council.example/elections/{area.slug}-by-election).",
		"Polling stations reported steady queues in the early evening, but many voters said they had received no leaflets at all.",
		"Counting agents for both leading candidates watched the bundles closely as the margin narrowed during the evening.",
		"The new councillor has promised to hold a surgery every week at {area} library.",
		"Postal votes made up about a third of the total, a higher proportion than usual.",
		"Campaigners from all parties knocked on doors until the polling stations closed at ten.",
	},
	quotes: []quote{
		{"p1", "People in {area} want a councillor who will answer emails and turn up. That is what I promised, and that is what I will do."},
		{"p2", "We increased our share of the vote and we will be back. The issues in this ward have not gone away."},
		{"p3", "By-elections are poor guides to the next full election, but a swing of this size tells you something about the mood in the city."},
		{"mayor", "I congratulate the new councillor and look forward to working with everyone who wants the best for {area}."},
	},
	background: []string{
		"The council has 60 seats across 20 wards, with three councillors for each ward.",
		"{area} has changed hands twice in the past three elections and is seen by all groups as a bellwether.",
	},
	next: []string{
		"The new councillor will take up the seat at the next full council meeting on {day2}.",
		"Full council elections are due next May, when all three seats in {area} will be contested.",
	},
	headings: []string{"The count", "What the result means", "Voters’ concerns"},
	captions: []string{"Houses in {area}, where turnout was {turnout} per cent.", "The view across {area}."},
	sources: []source{
		{"Saltmere City Council: {area} by-election result", "https://council.example/elections/{area.slug}-by-election", "Declaration of result"},
	},
	corrections: []string{
		"An earlier version of this article gave {p2}’s party incorrectly. They stood for {loser}.",
	},
	updates: []string{"This article was updated with the final turnout figure after the recount."},
}
