package demo

// Sport: Saltmere Athletic, the women’s cup run and the half-marathon.

var sportKinds = []*kind{matchReport, womensCup, halfMarathon}

var matchReport = &kind{
	section: "sport",
	topic:   "the result",
	tags:    []string{"football", "saltmere-athletic", "community-sport"},
	motifs:  []motif{pitch, stadium, skyline},
	roles: []role{
		{"p1", "", "the Athletic striker"},
		{"p2", "", "the {rival} goalkeeper"},
		{"p3", "", "the Athletic captain"},
	},
	nums: []num{n("hg", 2, 5, 1), n("margin", 1, 3, 1), n("crowd", 8200, 14000, 10), n("pos", 2, 19, 1), n("minute", 52, 89, 1),
		n("unbeaten", 3, 11, 1), n("first", 6, 38, 1)},
	pools: []pool{
		{"rival", []string{"Wenlow Rovers", "Kelby Town", "Port Anselm United", "Harrowfield City", "Dunmere Athletic",
			"Castlegate Albion", "Brackley Wanderers", "Northwick Town", "Stanmoor United", "Fellbridge City"}},
		{"lift", []string{"lifts", "takes", "moves"}},
	},
	derive: func(c *cast) {
		ag := max(0, c.num("hg")-c.num("margin"))
		c.set("ag", thousands(ag), ag)
	},
	headlines: []string{
		"Saltmere Athletic {hg}–{ag} {rival}: {p1.last} double {lift} side to {pos.th}",
		"{p1.last} strikes in {minute.th} minute as Athletic beat {rival} {hg}–{ag}",
		"Athletic’s unbeaten run reaches {unbeaten.word} with {hg}–{ag} win over {rival} in front of {crowd}",
		"{p3.last} hails Athletic spirit after {rival} win",
		"{crowd} see Athletic climb to {pos.th} with win over {rival}",
		"Late winner from {p1.last} sinks {rival}",
		"{rival} keeper {p2.last} defiant, but Athletic win {hg}–{ag}",
		"Athletic end {rival}’s run with {hg}–{ag} home win",
	},
	standfirsts: []string{
		"A scrappy first half gave way to a thrilling second as the home side found their rhythm. {manager.last} called it the best performance of the season.",
		"{crowd} at the Ropeworks Ground saw Athletic stretch their unbeaten run to {unbeaten.word} matches.",
	},
	ledes: []string{
		"Saltmere Athletic beat {rival} {hg}–{ag} at the Ropeworks Ground on {day}, with {p1} scoring twice to move the side up to {pos.th} in the table.",
		"It took Saltmere Athletic {first} minutes to find their feet and {minute} to make the points safe, but a {hg}–{ag} win over {rival} was thoroughly deserved.",
	},
	facts: []string{
		"{p1.last} opened the scoring after {first} minutes, turning sharply in the box and drilling a low shot past {p2}.",
		"The visitors had the better of the first half, and hit the post shortly before the interval.",
		"The decisive moment came in the {minute.th} minute, when a corner was flicked on at the near post and {p1.last} reacted fastest.",
		"The attendance of {crowd} was the largest at the Ropeworks Ground this season.",
		"Athletic have now gone {unbeaten.word} matches without defeat, their best run since promotion.",
		"{p3} was outstanding in midfield, winning the ball back time after time and rarely wasting a pass.",
		"{rival} will feel aggrieved about a penalty appeal turned down early in the second half, when their winger went down under a challenge from behind.",
		"Full match statistics are available on [the club’s website](https://saltmereathletic.example/matches).",
		"The home side’s pressing set the tone after the break, and {rival} struggled to get out of their own half.",
		"{p2} made a string of fine saves to keep the score respectable.",
		"Athletic’s full-backs pushed high up the pitch throughout, and the visitors’ wingers were rarely able to get forward.",
		"The Athletic manager, {manager}, made two changes at half-time, bringing on fresh legs in midfield, and both substitutes played a part in the win.",
		"Ticket prices were frozen this season, and the club says more than a third of the crowd were under 25.",
		"A minute’s applause was held before kick-off for a long-serving groundsman who died last month.",
	},
	quotes: []quote{
		{"manager", "The first half was not us. We talked at half-time about being braver with the ball, and the players responded."},
		{"manager", "We do not get carried away. It is one game, and there is a long way to go."},
		{"p1", "I should have had a hat-trick, to be honest. But I will take two and the three points."},
		{"p3", "The crowd were unbelievable today. When they get behind us like that, we feel we can beat anyone."},
	},
	background: []string{
		"Athletic finished mid-table last season and were tipped by many to struggle this time around.",
		"{rival} have not won at the Ropeworks Ground for several seasons.",
	},
	next:     []string{"Athletic travel away next weekend, with the game kicking off at 3pm.", "The next home game is on {day2} evening."},
	headings: []string{"First half", "Second half", "Player ratings"},
	captions: []string{"The Ropeworks Ground, where {crowd} watched Athletic beat {rival}.", "Floodlights over the Ropeworks Ground."},
	sources: []source{
		{"Saltmere Athletic: match centre", "https://saltmereathletic.example/matches", "Line-ups and statistics"},
	},
	corrections: []string{"An earlier version of this report said the attendance was {crowd} for the whole season. It was the attendance for this match."},
	updates:     []string{"This report was updated with comments from the Athletic manager."},
	embed:       "Highlights: Saltmere Athletic {hg}–{ag} {rival}",
}

var womensCup = &kind{
	section: "sport",
	topic:   "the cup run",
	tags:    []string{"womens-football", "saltmere-athletic", "football", "young-people"},
	motifs:  []motif{stadium, pitch, street, bridge},
	roles: []role{
		{"p1", "", "the Athletic Women forward"},
		{"p2", "", "the Athletic Women captain"},
	},
	nums: []num{n("goals", 2, 4, 1), n("crowd", 900, 4200, 10), n("round", 3, 6, 1), n("age", 17, 33, 1)},
	pools: []pool{
		{"rival", []string{"Kelby Town Women", "Harrowfield City Women", "Wenlow Rovers Women", "Stanmoor Ladies", "Castlegate Albion Women"}},
		{"win", []string{"win", "triumph", "edge through"}},
	},
	headlines: []string{
		"Athletic Women {win} against {rival} in round {round} as {p1.last} scores and {crowd} watch",
		"{p1.last}, {age}, scores {goals.word} as Athletic Women beat {rival} to reach cup round {round}",
		"Cup run goes on: {p2.last} leads Athletic Women past {rival} in front of {crowd}",
		"Record crowd of {crowd} watch Athletic Women in round {round}",
		"{age}-year-old {p1.last} is the cup’s top scorer after {goals.word} against {rival}",
		"Athletic Women draw {rival} away in cup round {round} after {goals.word}-goal win",
		"{p2.last}: ‘This team believes it can go all the way’",
	},
	standfirsts: []string{
		"A record crowd for a women’s match in the city saw the home side hold their nerve. {wmanager.last} says the squad can go further.",
		"Athletic Women are through to the next round of the cup for the first time in the club’s history.",
	},
	ledes: []string{
		"Saltmere Athletic Women are through to the next round of the cup after beating {rival} in front of {crowd} at the Ropeworks Ground.",
		"{p1}, who is {age}, scored {goals.word} as Saltmere Athletic Women beat {rival} to reach round {round} of the cup.",
	},
	facts: []string{
		"The crowd of {crowd} was a record for a women’s match in Saltmere.",
		"{p1.last} has now scored in every round of this season’s competition.",
		"The club moved the match to the Ropeworks Ground from its usual home at the community stadium in {area} to cope with demand for tickets.",
		"The team trains two evenings a week, and most of the squad have full-time jobs or are studying.",
		"{p2} was a calm presence at the back, organising the defence and clearing one shot off the line.",
		"Tickets for the next round will go on sale through [the club’s website](https://saltmereathletic.example/women).",
		"Athletic Women took the lead early, {p1.last} finishing off a quick passing move down the left.",
		"{rival} pushed hard after the interval and hit the bar with a long-range effort.",
		"Several of the squad came through the club’s academy, which now runs teams for girls from the age of eight.",
		"The club says season-ticket sales for the women’s team have tripled since the start of the cup run.",
		"The visitors’ goalkeeper kept them in the tie with a string of saves in the first half.",
		"Local schools were given free tickets, and the noise from the junior section behind the goal barely stopped for ninety minutes.",
		"The head coach, {wmanager}, has built the side around young players from the city’s estates.",
		"The squad travelled to away games this season by minibus, with players sharing the driving.",
	},
	quotes: []quote{
		{"wmanager", "I am so proud of them. They have trained in the dark and the rain all winter for nights like this."},
		{"p2", "Seeing that many people in the stands, with girls from the junior teams at the front, was something I will never forget."},
		{"p1", "I was shaking before the game. Once the first one went in, I just enjoyed it."},
	},
	background: []string{
		"Women’s football has grown rapidly in Saltmere, with the number of girls’ teams in the city more than doubling in five years.",
		"Athletic Women were formed in the 1990s and joined the club’s main structure only recently.",
	},
	next:     []string{"The draw for the next round takes place on {day2}.", "The next league fixture is at home in two weeks’ time."},
	headings: []string{"The match", "A growing game"},
	captions: []string{"The Ropeworks Ground, where {crowd} watched the cup tie.", "Floodlights at the Ropeworks Ground."},
	sources: []source{
		{"Saltmere Athletic Women", "https://saltmereathletic.example/women", "Fixtures and results"},
	},
	updates: []string{"This report was updated after the draw for the next round."},
	embed:   "Highlights: Athletic Women v {rival}",
}

var halfMarathon = &kind{
	section: "sport",
	topic:   "the race",
	tags:    []string{"running", "community-sport", "charity", "volunteering"},
	motifs:  []motif{street, bridge, fields, hills},
	roles: []role{
		{"p1", "", "a {job} from {area}"},
		{"p2", "", "the race director"},
		{"p3", "", "who was running for the first time"},
	},
	nums: []num{n("runners", 3200, 9800, 10), clock("time", 3720, 4559), d("raised", 4, 28), n("volunteers", 300, 900, 10)},
	pools: []pool{
		{"job", []string{"teacher", "nurse", "firefighter", "software developer", "postal worker", "student"}},
		{"wins", []string{"wins", "takes", "storms to victory in"}},
	},
	headlines: []string{
		"{p1.last} {wins} Saltmere half-marathon in {time} as {runners} run",
		"Saltmere half-marathon raises £{raised}m for charity as {runners} runners and {volunteers} volunteers take to the streets",
		"{runners} runners, {volunteers} volunteers: {p1.last} leads home Saltmere half-marathon",
		"First-time runner {p3.last} finishes Saltmere half-marathon for charity",
		"Half-marathon closes city roads as {runners} runners take part",
		"{volunteers} volunteers keep the Saltmere half-marathon running",
		"Saltmere half-marathon course record falls to {p1.last}",
	},
	standfirsts: []string{
		"Runners crossed the Aske bridge twice and finished on the harbourside in bright, cold conditions.",
		"It was the biggest field in the race’s history, and organisers say the charity total could be a record too.",
	},
	ledes: []string{
		"{p1}, a {job} from {area}, won the Saltmere half-marathon on {day} in a time of {time}, leading a field of {runners} runners.",
		"More than {runners} runners took part in the Saltmere half-marathon on {day}, raising an estimated £{raised}m for charity.",
		"A field of {runners} runners set off from the Old Town on {day}, and {p1}, a {job} from {area}, was the first back to the harbourside, in {time}.",
	},
	facts: []string{
		"The course starts in the Old Town, crosses the Aske bridge twice and finishes on the harbourside at Eastquay.",
		"{p1.last} broke away from the leading group at about the ten-mile mark and finished more than a minute clear.",
		"About {volunteers} volunteers marshalled the course, handed out water and cheered runners on.",
		"Roads across the city centre were closed from early morning until mid-afternoon.",
		"Full results are published on [the race website](https://saltmerehalf.example/results/{year}).",
		"The oldest finisher was 82, and there were several runners in fancy dress, including a man dressed as a lighthouse.",
		"The leading woman finished in the top twenty overall, less than ten minutes behind the winner.",
		"Temperatures were just above freezing at the start, but the sun came out as the first runners reached the bridge.",
		"First aid volunteers treated a small number of runners for minor injuries, and nobody needed to go to hospital.",
		"Bands and drummers played at points along the route, including a brass band outside the cathedral.",
		"Charities say the race is one of their biggest fundraising days of the year.",
		"The course was changed this year to avoid the tram works, adding a loop through the park at Fenwick Hill.",
		"Spectators lined the harbourside several deep, ringing cowbells and holding up hand-made signs.",
		"The race doubled as the regional championship, which brought a stronger field of club runners than usual.",
		"Entries sold out within two days of opening, and the waiting list ran to several hundred names.",
	},
	quotes: []quote{
		{"p1", "I train on these streets every week, so winning here means more than anywhere else. The crowds on the bridge were incredible."},
		{"p2", "Every year people tell us it was the best race yet. This year I think they might be right."},
		{"p3", "I walked a bit of the last mile, but I finished, and I raised money for the hospice that looked after my mum."},
	},
	background: []string{
		"The race was first run in the 1980s and has grown into one of the biggest events in Saltmere’s calendar.",
		"Running clubs in the city report a boom in membership, particularly among women and over-fifties.",
	},
	next:     []string{"Entries for next year’s race open in {nextmonth}.", "Organisers will confirm the final charity total later this month."},
	headings: []string{"The race", "Running for a reason"},
	captions: []string{"Runners crossing the Aske bridge.", "The course runs along the river between the Old Town and Eastquay."},
	sources: []source{
		{"Saltmere half-marathon results", "https://saltmerehalf.example/results/{year}", "Official results"},
	},
	updates: []string{"This article was updated with the estimated charity total."},
}
