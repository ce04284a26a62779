package demo

// Opinion: columns that argue, in order, about the city’s big questions.

var opinionKinds = []*kind{opTram, opHarbour, opLibraries}

var opTram = &kind{
	section: "opinion",
	opinion: true,
	tags:    []string{"trams", "transport", "council-budget", "city-council"},
	motifs:  []motif{skyline, bridge},
	roles:   []role{{"p1", "", "who runs a café on the tram route in {area}"}},
	nums:    []num{n("overrun", 12, 96, 1), cnt("delay", 4, 22), n("budget", 120, 340, 1)},
	pools: []pool{
		{"verb", []string{"finish", "build", "complete"}},
		{"never", []string{"never again like this", "but learn the lesson", "and own the mistakes"}},
	},
	headlines: []string{
		"The £{overrun}m, {delay}-month tram lesson: {verb} the {area} line — {never}",
		"{delay} months late, £{overrun}m over a £{budget}m budget — and still, cancelling the {area} tram would be worse",
		"Saltmere’s tram to {area} is worth £{budget}m — and even £{overrun}m more. The way it was managed is not",
	},
	standfirsts: []string{
		"The overrun on the tram extension is a scandal of management, not of ambition. The city should finish the job and fix the way it runs big projects.",
		"Stopping now would waste every pound already spent. But councillors owe residents a proper account of what went wrong.",
	},
	ledes: []string{
		"There is a particular kind of silence that falls over a council chamber when a big number is read out. On {day} the number was £{overrun}m, and the silence lasted a long time.",
		"Every city that has built a tram line has a story like this one. That is not an excuse, but it is worth remembering before we decide what to do next.",
	},
	facts: []string{
		"Let us start with what is not in dispute. The extension to {area} is {delay} months late and £{overrun}m over a budget of £{budget}m.",
		"The review blames soft ground, old pipes and late changes to the design, and it is right to.",
		"But it also describes a project board that saw the risks coming and chose, month after month, to report that all was well.",
		"That is not bad luck. It is a failure of candour, and it is the part of this story that should worry residents most.",
		"It is worth pausing on how the city learned about the overrun: not from a council announcement, but from a review commissioned only after months of rumours.",
		"Residents along the route had been asking questions for a year. They were told, again and again, that everything was under control.",
		"Some councillors now argue that the city should cut its losses and stop the line short of {area}.",
		"I understand the temptation, but it would be a mistake.",
		"Most of the money that has been spent cannot be recovered, and a tram that stops in the middle of nowhere carries nobody anywhere useful.",
		"Trams are long-term investments. Nobody judges the first lines by what they cost in the year they opened; they judge them by whether they are full on a wet Monday morning.",
		"The people of {area} were promised a fast, reliable way into the city, and many of them have organised their lives around that promise.",
		"They have also put up with two years of closed roads, diverted buses and noise through the night.",
		"Some of them have lost customers, sleep and patience in roughly equal measure.",
		"To take the tram away from them now, after all that, would be to punish them for the council’s mistakes.",
		"=So the line should be finished. The harder question is what the council changes so that this does not happen again.",
		"=First, cost reports on every major project should be published monthly, in full, not summarised in a paragraph at the back of a cabinet paper.",
		"=Second, the scrutiny committee needs its own independent adviser, so it is not dependent on officers marking their own homework.",
		"=Third, the people who run these projects must be able to bring bad news early without fearing for their careers.",
		"=Fourth, no major scheme should be approved without an honest account of what could go wrong, published alongside the glossy drawings.",
		"There will be a temptation to find one person to blame and move on. That would be a mistake too: this was a failure of culture, not of a single official.",
		"None of this is glamorous, and none of it will appear on a leaflet at the next election.",
		"But a city that wants to build big things has to be honest when they go wrong.",
		"Saltmere is right to want a tram. It now has to show it can be trusted to build one.",
	},
	quotes: []quote{
		{"p1", "We have had the road dug up outside for two years. If they stop now, what was it all for?"},
	},
	background: []string{
		"Tram projects in other cities have run over budget by far more than this one, and most are now regarded as successes.",
		"The first two lines in Saltmere were controversial at the time too, and now carry tens of thousands of people a day.",
	},
	next: []string{
		"Finish the line. Then make sure the next big project starts with the truth.",
		"The tram can still be a success. Whether the council’s reputation recovers is another matter.",
	},
	captions: []string{"The city centre, where the tram extension begins.", "The route towards {area}."},
}

var opHarbour = &kind{
	section: "opinion",
	opinion: true,
	tags:    []string{"housing", "harbour-redevelopment", "planning", "cost-of-living", "young-people"},
	motifs:  []motif{cranes, skyline},
	roles:   []role{{"p1", "", "who grew up in {area} and now rents a room in a shared house there"}},
	nums:    []num{n("homes", 120, 980, 2), n("afford", 12, 30, 1), n("rent", 18, 42, 1), n("age", 24, 38, 1)},
	pools: []pool{
		{"must", []string{"must be", "should be", "have to be"}},
	},
	headlines: []string{
		"Only {afford}% affordable: {homes} harbour homes {must} homes people in {area} can afford",
		"If only {afford}% of {homes} {area} flats are affordable, who is the harbour for?",
		"Rents up {rent}% in five years: {area} needs {homes} homes it can actually afford",
	},
	standfirsts: []string{
		"The city has one chance to get the waterfront right. Councillors should insist on far more genuinely affordable homes.",
		"New homes are desperately needed. But homes priced beyond the reach of the people who already live here will not solve the crisis.",
	},
	ledes: []string{
		"Walk along the {area} waterfront on a weekday evening and you will see the city’s dilemma in a single view: a fenced-off wasteland on one side, a housing waiting list on the other.",
		"Saltmere needs homes. On that, almost everyone agrees. The argument is about who those homes are for.",
	},
	facts: []string{
		"The scheme approved this month would put {homes} new homes on the harbour, and that is a good thing.",
		"The city has not built enough homes for twenty years, and the result is visible in every estate agent’s window.",
		"Rents in {area} have risen by about {rent} per cent in five years, far faster than wages.",
		"A nurse or a bus driver starting out in Saltmere today can expect to spend well over half their take-home pay on rent.",
		"The people who make the city work — in its hospital, its port, its schools and its shops — are increasingly commuting in from elsewhere.",
		"Young people who grew up here are leaving, not because they want to, but because they cannot afford to stay.",
		"Against that background, the affordable share of the new scheme, at {afford} per cent, is simply too low.",
		"The developer says a higher share would make the scheme unviable, and the council’s advisers have accepted that.",
		"Perhaps they are right, but residents have not been shown the figures, and they deserve to see them.",
		"Viability assessments are complicated documents, but they are not state secrets.",
		"If the numbers show that more affordable homes are genuinely impossible, the public can accept that. What it cannot accept is being asked to take it on trust.",
		"The harbour is public land in all but name, shaped by generations of people who worked on it.",
		"It should not be handed over on terms that nobody outside the council offices is allowed to examine.",
		"There are other models. Cities elsewhere have used council-owned companies to build homes for rent at prices linked to local wages.",
		"They have sold land on long leases rather than outright, so that the public keeps a stake in what is built.",
		"Others have insisted that a share of new homes be kept for people who already live and work nearby.",
		"None of these approaches is easy, and all of them take longer than a straightforward deal with a developer.",
		"But the waterfront is not a short-term problem, and it does not need a short-term answer.",
		"The council should publish the viability assessment in full, and go back to the developer with a clear demand for more affordable homes.",
		"If that means a delay of a few months, it is a price worth paying for getting a generation’s worth of decisions right.",
		"The developer will make a profit, as it should. The question is whether the city gets enough in return.",
		"The harbour built this city once. It could help rebuild it now, if we let it.",
	},
	quotes: []quote{
		{"p1", "I am {age} and I have lived here all my life. I will probably never be able to rent one of those flats, let alone buy one."},
	},
	background: []string{
		"The council’s own housing strategy says the city needs about 1,400 new homes a year.",
		"The waiting list for social housing in Saltmere has grown by a third in five years.",
	},
	next: []string{
		"Build the homes. Just make sure they are for the people who need them.",
		"The harbour deserves better than a compromise nobody is allowed to check.",
	},
	captions: []string{"The {area} waterfront, where the new homes are planned.", "Cranes on the harbour at dusk."},
}

var opLibraries = &kind{
	section: "opinion",
	opinion: true,
	tags:    []string{"libraries", "council-budget", "young-people", "social-care"},
	motifs:  []motif{skyline, hills},
	roles:   []role{{"p1", "", "a librarian at the {area} branch"}},
	nums:    []num{n("hours", 6, 18, 1), n("libs", 2, 5, 1), n("visits", 40000, 180000, 1000), d("saving", 2, 9)},
	pools: []pool{
		{"luxury", []string{"not a luxury", "not an extra", "a lifeline"}},
	},
	headlines: []string{
		"{area} library is {luxury}: {visits} visits a year, and {hours} hours a week to be cut",
		"£{saving}m saved, {hours} hours and {visits} visits lost: the false economy of cutting {area} library hours",
		"Cut {hours} hours at {libs.word} libraries and {visits} visits go with them — starting in {area}",
	},
	standfirsts: []string{
		"Libraries are where the city goes to read, to learn, to get warm and to get help. The savings from cutting their hours are tiny; the cost is not.",
		"Councillors face impossible choices. This should not be one of them.",
	},
	ledes: []string{
		"On a wet Tuesday afternoon in {area} library, every seat is taken. There are students, pensioners, a man filling in a benefits form, and two toddlers having a loud disagreement about a picture book.",
		"If you want to understand what a library is for, spend an hour in one. Then try to explain why it should close earlier.",
	},
	facts: []string{
		"The council plans to cut opening hours at {libs.word} branches, including {area}, by about {hours} hours a week.",
		"The saving is about £{saving}m a year, in a budget of well over half a billion pounds.",
		"I do not doubt that the council’s finances are in a terrible state, or that the people running them are trying to do their best.",
		"But every cut has to be weighed against what is lost, and here the loss is out of all proportion to the saving.",
		"The {area} branch had about {visits} visits last year, many of them from people with nowhere else to go.",
		"It is where children do homework when there is no quiet corner at home, and where older people come for company as much as for books.",
		"It is where people without a computer apply for jobs, and where those who have lost their jobs come to start again.",
		"Libraries also run rhyme-time sessions for babies, help older people with online banking and host homework clubs after school.",
		"Their staff are trained to spot people who are struggling, and to point them towards help they did not know existed.",
		"In winter it is, quite simply, one of the few warm places where you can sit all afternoon without buying anything.",
		"In summer it is where children keep reading when school is out, and where parents find a free morning’s entertainment.",
		"Cut its hours, and those people do not stop needing help. They turn up instead at the doctor’s surgery, the job centre or the council’s own front desk.",
		"The costs move elsewhere, and some of them grow.",
		"Visitor numbers tell only part of the story: they count visits, not what those visits make possible.",
		"The people who lose most from shorter hours are the least likely to write to their councillor, or even to know that a decision has been made.",
		"There are other ways to save this money. The council spent several times as much on consultants last year.",
		"It could share buildings with other services, or ask the city’s businesses to sponsor longer opening hours.",
		"If the council must cut, it should at least publish an honest assessment of who will be affected, and how.",
		"What it should not do is chip away at one of the few public services that everyone, rich or poor, can use for free.",
		"Libraries have survived wars, recessions and the internet. It would be a strange thing if they were undone by a rounding error.",
	},
	quotes: []quote{
		{"p1", "People come in for the heating, and stay for the conversation. Some days we are the only people they talk to."},
	},
	background: []string{
		"Saltmere has eleven public libraries, the oldest of which opened in the 1880s with money raised by dock workers.",
		"Library visits in the city have risen again since the pandemic, especially among families with young children.",
	},
	next: []string{
		"Keep the doors open. The city will be poorer, in every sense, if they close early.",
		"A library’s opening hours say something about what a city values. Ours should say the right thing.",
	},
	captions: []string{"The library in {area}, one of {libs.word} facing shorter hours.", "Saltmere’s rooftops on a winter afternoon."},
}
