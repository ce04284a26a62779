package demo

// Politics: questions for the mayor’s office over consultancy contracts.

var contractsRow = &kind{
	section: "politics",
	topic:   "the consultancy contracts",
	tags:    []string{"transparency", "the-mayor", "city-council", "harbour-redevelopment"},
	motifs:  []motif{room, skyline, bridge},
	roles: []role{
		{"p1", "Cllr", "who chairs the council’s audit committee"},
		{"p2", "", "a spokesperson for the mayor’s office"},
		{"p3", "", "of the campaign group Open Saltmere"},
	},
	nums: []num{n("contracts", 6, 24, 1), d("value", 12, 98), n("tendered", 2, 9, 1), n("days", 10, 40, 1), n("pages", 40, 220, 2)},
	pools: []pool{
		{"firm", []string{"Harbourline Strategy", "Castlegate Advisory", "Pennant & Hale", "Brightwell Consulting", "Tessellate Partners"}},
		{"faces", []string{"faces", "under fire over", "questioned over", "pressed to explain"}},
	},
	headlines: []string{
		"Mayor {faces} £{value}m in consultancy contracts, {tendered.word} of {contracts} never tendered, {pages} pages show",
		"{p1.last} demands answers over £{value}m to {firm} and others; {tendered.word} deals untendered",
		"City hall paid consultants £{value}m across {contracts} contracts; {p3.last} calls for ‘full openness’",
		"{firm} was paid £{value}m by city hall without a tender, papers show",
		"Audit committee to investigate {contracts} consultancy deals worth £{value}m",
		"Freedom of information papers took {days} days to release, says {p3.last}",
		"Mayor’s office says all {contracts} contracts worth £{value}m followed the rules",
	},
	standfirsts: []string{
		"Documents released under freedom of information show that {tendered.word} of {contracts} contracts were awarded without competition. The mayor’s office says every award followed the rules.",
		"The audit committee wants to know why a strategy firm was paid to advise on the harbour plans while the council’s own planners were cut.",
		"Campaigners say every direct award should be published with its reason. Spending on consultants has roughly doubled since the current administration took office.",
		"The largest single contract covered eighteen months of advice on the harbour redevelopment. Council rules allow direct awards only in urgent cases.",
		"Councillors will examine how each award was made and recorded. The council’s chief executive has already ordered an internal review.",
		"The {pages} pages of documents arrived {days} days after the legal deadline. Campaigners say the delay tells its own story.",
		"Several of the contracts extended earlier work, the mayor’s office says, and competition would have caused costly delays. Critics are not convinced.",
	},
	ledes: []string{
		"Saltmere’s mayor, {mayor}, is facing questions after documents showed that the city paid £{value}m to management consultants in a single year, much of it without open competition.",
		"The council’s audit committee is to examine {contracts} consultancy contracts worth a combined £{value}m after a freedom of information request revealed that {tendered.word} were never put out to tender.",
	},
	facts: []string{
		"The largest single contract, with {firm}, covered advice on the harbour redevelopment and ran for eighteen months.",
		"The documents, which run to {pages} pages, were released {days} days after the legal deadline for a response.",
		"Council rules allow contracts under a set value to be awarded directly in urgent cases, but each award must be recorded with a reason.",
		"In {tendered.word} cases, the documents give no reason for skipping competition at all.",
		"The mayor’s office said that several of the contracts were extensions of earlier work and that competition would have caused costly delays.",
		"The campaign group Open Saltmere has published [the full set of documents](https://opensaltmere.example/foi/consultancy) on its website.",
		"Spending on consultants has roughly doubled since the current administration took office, according to an analysis by the Courier.",
		"The council’s chief executive has ordered an internal review of how direct awards are recorded.",
		"Some of the work covered by the contracts, such as public consultation and design review, was once done by council staff.",
		"Some of the contracts were signed in the final weeks of the financial year, when departments often rush to spend their budgets.",
		"The council says its use of consultants has fallen since a freeze on hiring permanent staff was lifted last year.",
	},
	quotes: []quote{
		{"p1", "I am not suggesting anyone has broken the law. I am saying the public deserves to know why so much money went out of the door with so little competition."},
		{"p2", "Every contract was awarded in line with the council’s procurement rules. The mayor has nothing to hide and will welcome the committee’s questions."},
		{"p3", "If it takes a freedom of information request and a two-month wait to find out how public money was spent, the system is not working."},
		{"opp", "Residents are losing library hours while consultants are paid £{value}m. The mayor needs to explain those priorities."},
	},
	background: []string{
		"The mayor, {mayor}, was elected on a promise to publish every contract worth more than £100,000 online.",
		"The council’s internal auditors last reviewed consultancy spending three years ago and recommended tighter controls on direct awards.",
	},
	next: []string{
		"The audit committee will take evidence from senior officers at its next meeting on {day2}.",
		"The mayor’s office said it would publish a fuller explanation of each contract within the month.",
	},
	headings: []string{"What the documents show", "The mayor’s response", "A question of rules"},
	captions: []string{"City hall. The audit committee will examine {contracts} contracts.", "Saltmere’s civic quarter at dusk."},
	sources: []source{
		{"Freedom of information response on consultancy spending", "https://opensaltmere.example/foi/consultancy", "Released {month} {year}, {pages} pages"},
		{"Saltmere City Council contract standing orders", "https://council.example/procurement/rules", "Rules on direct awards"},
	},
	corrections: []string{
		"An earlier version of this article said the documents were released on time. They were released {days} days late.",
	},
	updates: []string{"This article was updated with a response from the mayor’s office."},
}
