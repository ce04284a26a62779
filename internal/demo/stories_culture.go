package demo

// Culture: a theatre review, a gallery show and a music venue saved.

var cultureKinds = []*kind{theatreReview, exhibition, venueSaved}

var theatreReview = &kind{
	section: "culture",
	topic:   "the production",
	tags:    []string{"theatre", "reviews", "heritage", "festivals"},
	motifs:  []motif{street, skyline, bridge},
	roles: []role{
		{"p1", "", "the director"},
		{"p2", "", "who plays {lead}"},
		{"p3", "", "the writer"},
	},
	nums: []num{n("stars", 3, 5, 1), n("mins", 95, 165, 5), n("seats", 240, 620, 10), n("weeks", 3, 8, 1)},
	pools: []pool{
		{"show", []string{"The Salt Road", "Low Water", "A House on Chandler Street", "The Lamplighters", "Ninety Days of Rain", "The Last Ferry", "Kittiwake", "What the Tide Leaves"}},
		{"venue", []string{"Lantern Theatre", "Harbour Playhouse", "Old Sail Loft", "Greyfriars Studio"}},
		{"lead", []string{"a retired harbour pilot", "a ferry captain’s daughter", "a widowed shipwright", "a young customs officer", "a fishwife turned councillor"}},
		{"verdict", []string{"review", "first night", "on stage"}},
	},
	derive: func(c *cast) {
		s := c.num("stars")
		c.set("rating", "★★★★★"[:s*3]+"☆☆☆☆☆"[:(5-s)*3], s)
	},
	headlines: []string{
		"{show} {verdict}: {p2.last} magnificent in {p3.last}’s harbour drama at the {venue}",
		"{show}, {venue}: {p1.last}’s {mins}-minute love letter to the docks runs {weeks.word} weeks",
		"{p1.last} stages {p3.last}’s {show} at the {venue} for {weeks.word} weeks",
		"{show} at the {venue}: {stars.word} stars for a play about the docks",
		"Tickets for {show} go on sale as the {venue} adds {seats} seats",
		"{p3.last} on writing {show}: ‘I wanted the harbour to talk’",
		"{show} transfers to the {venue} after a sold-out run",
		"{mins} minutes at the {venue}: {show} is long, and worth it",
	},
	standfirsts: []string{
		"{rating} The new production at the {venue} is funny, sad and unmistakably local.",
		"{rating} A story of a city and its water, told with warmth and only occasional longueurs.",
		"A new play about the last of the old harbour trades opens at the {venue}, with a cast drawn partly from the city’s community theatre groups.",
		"{rating} Sharp, funny dialogue and a devastating central performance carry a play that sags only a little after the interval.",
		"Cheaper seats for under-26s are on offer on weekday evenings, after an opening night that ended in a standing ovation.",
		"The play was two years in the making, with readings in community centres across the city and long hours listening to how people in the old dock streets speak.",
		"The play about {lead} over a single winter moves to a bigger stage. Its live music, borrowed from old dock-workers’ songs, goes with it.",
		"{rating} The second half sags and one subplot could go, but the storm that closes the first half is worth the wait.",
	},
	ledes: []string{
		"There is a moment, about halfway through _{show}_, when the whole of the {venue} seems to hold its breath.",
		"Plays about Saltmere are not rare. Plays about Saltmere this good are. _{show}_, which opened at the {venue} on {day}, is one of them.",
	},
	facts: []string{
		"The story follows {lead} over a single winter, as the last of the old harbour trades disappear around them.",
		"The set is a simple arrangement of ropes, crates and a vast painted sky that shifts colour from dawn to dusk.",
		"At {mins} minutes including the interval, the second half sags a little, and one subplot could have been cut altogether.",
		"The ensemble, several of them drawn from the city’s community theatre groups, is excellent throughout.",
		"The music, played live by a trio above the stage, borrows from old dock-workers’ songs without tipping into pastiche.",
		"The dialogue is sharp and often very funny, especially in the scenes set in the harbour-master’s office.",
		"Tickets are available from [the {venue} box office](https://{venue.slug}.example/whats-on/{show.slug}), with cheaper seats for under-26s on weekday evenings.",
		"The {venue} seats {seats}, and on opening night it was full, with a standing ovation at the end.",
		"{p2.last}, in the central role, is magnificent: funny and brittle in the first half, devastating in the second.",
		"The lighting is beautifully judged, especially in the storm scene that closes the first half.",
		"There are a few longueurs, and the ending is signposted a little too early.",
		"The accents are carefully done, and the cast has clearly spent time listening to how people in the old dock streets speak.",
		"The play was developed over two years, with readings in community centres across the city.",
	},
	quotes: []quote{
		{"p1", "I wanted to make something that people who have lived here all their lives would recognise, and that would make newcomers understand why they stay."},
		{"p2", "I spent a week on the fishing boats before rehearsals started. I was sick twice, but it was worth it."},
		{"p3", "My grandfather worked on the docks for forty years. Half the stories in the play are his, and the other half are ones he would have liked."},
	},
	background: []string{
		"The {venue} reopened after a long restoration and has built a reputation for new writing about the region.",
		"Theatre audiences in the city have recovered strongly in the past two years, according to figures from the city’s arts council.",
	},
	next:     []string{"_{show}_ runs at the {venue} for {weeks.word} weeks.", "The production will tour to three other coastal towns in the spring."},
	headings: []string{"The performances", "A city on stage", "Verdict"},
	captions: []string{"The {venue}, where {show} runs for {weeks.word} weeks.", "The old docks that inspired {show}."},
	sources: []source{
		{"{venue}: {show}", "https://{venue.slug}.example/whats-on/{show.slug}", "Dates and tickets"},
	},
	corrections: []string{"An earlier version of this review gave the running time as {mins} minutes without the interval. It includes the interval."},
	embed:       "Trailer: {show} at the {venue}",
}

var exhibition = &kind{
	section: "culture",
	topic:   "the exhibition",
	tags:    []string{"art", "exhibitions", "heritage", "tourism"},
	motifs:  []motif{street, skyline, bridge, lighthouse, hills, fields},
	roles: []role{
		{"p1", "", "the artist"},
		{"p2", "", "the curator at the Custom House Gallery"},
	},
	nums: []num{n("works", 24, 140, 1), cnt("years", 5, 40), n("visitors", 8000, 60000, 500), n("price", 4, 12, 1)},
	pools: []pool{
		{"medium", []string{"paintings", "photographs", "prints", "textiles", "ceramics"}},
		{"subject", []string{"the working harbour", "the estuary at low tide", "Saltmere’s disappearing shopfronts", "the city’s night-shift workers", "the hill estates"}},
		{"opens", []string{"opens", "arrives", "goes on show"}},
	},
	headlines: []string{
		"{p1.last}’s {works} {medium} of {subject} {opens} at the Custom House",
		"{years} years, {works} {medium}: {p1.last}’s Saltmere comes to the Custom House Gallery",
		"Custom House Gallery hopes {visitors} visitors will see {p1.last}’s {works} {medium}",
		"{medium.cap} of {subject}: {p1.last} at the Custom House",
		"Gallery review: {p1.last}’s {medium} catch {subject}",
		"Custom House Gallery to charge £{price} to see {p1.last}’s {works} {medium}",
		"{p2.last} on hanging {works} {medium} by one living artist",
	},
	standfirsts: []string{
		"The show gathers work made over {years} years. It is the largest exhibition the gallery has given a living local artist.",
		"Hung in the order they were made, the works let the city change around the visitor from room to room.",
		"Entry is free for Saltmere residents, with late openings on Thursdays and walking tours of the places the work shows.",
		"A quiet, absorbing show that rewards slow looking.",
		"Small, precise early work gives way to a looser final room of new pieces, and some of the best show places that no longer exist.",
		"Residents of the city will still get in free; visitors from elsewhere will pay. The gallery says the charge helps pay for talks and tours.",
		"The curator on borrowing works from private collectors, keeping the wall texts short and giving the last room to new work.",
	},
	ledes: []string{
		"For {years} years, {p1} has been recording {subject}. Now {works} of those {medium} fill the upper galleries of the Custom House.",
		"The Custom House Gallery’s new exhibition brings together {works} {medium} of {subject}, and it is the best thing the gallery has shown in years.",
	},
	facts: []string{
		"The works are hung roughly in the order they were made, so the city changes around the visitor as they walk through the rooms.",
		"Several pieces have been lent by private collectors and have not been shown in public before.",
		"The final room is given over to new work made for the exhibition, which is looser and more experimental than anything before it.",
		"Entry is free for Saltmere residents and £{price} for other visitors, with late openings on Thursdays.",
		"The gallery hopes the exhibition will draw about {visitors} visitors during its run.",
		"More information is on [the gallery’s website](https://customhousegallery.example/exhibitions).",
		"{p1.last} grew up in {area} and trained as a printer before turning to art full time in middle age.",
		"The early work is small and precise, often no bigger than a postcard, and rewards close attention.",
		"Some of the most striking pieces show places that no longer exist: a rope works, a fish market, a row of terraced houses demolished for a road.",
		"Wall texts are kept short, and an audio guide narrated by the artist is available free at the entrance.",
		"The gallery has also arranged a series of talks and walking tours around the places shown in the work.",
		"Prices for the few works for sale start at a few hundred pounds, and the gallery says several have already sold.",
	},
	quotes: []quote{
		{"p1", "I did not set out to make an archive. I just kept going back to the same places, and the places kept changing."},
		{"p2", "There is no one who has looked at this city as closely, or as patiently, for as long."},
		{"p2", "We wanted the exhibition to feel like a walk through the city, with all the detours that involves."},
	},
	background: []string{
		"The Custom House was built in the eighteenth century to collect duties on goods landed at the port and became a gallery in the 1990s.",
		"The gallery’s programme has increasingly focused on artists from the region.",
	},
	next:     []string{"The exhibition runs until the end of {nextmonth}.", "A book of the exhibition is published by the gallery."},
	headings: []string{"The early work", "The new pieces"},
	captions: []string{"The view that has drawn {p1} back for {years} years.", "The Custom House Gallery, on the waterfront."},
	sources: []source{
		{"Custom House Gallery: exhibitions", "https://customhousegallery.example/exhibitions", "Exhibition dates and opening hours"},
	},
	updates: []string{"This article was updated with the gallery’s late opening hours."},
}

var venueSaved = &kind{
	section: "culture",
	topic:   "the appeal",
	tags:    []string{"live-music", "small-business", "festivals", "young-people", "funding"},
	motifs:  []motif{street, skyline, cranes, fields},
	roles: []role{
		{"p1", "", "who has run the {venue} since {since}"},
		{"p2", "", "the singer in the band {band}"},
	},
	nums: []num{n("raised", 40, 240, 1), n("backers", 900, 6200, 10), n("capacity", 150, 450, 10), y("since", 2004, 2019), n("gigs", 120, 260, 5)},
	pools: []pool{
		{"venue", []string{"Signal Box", "Boiler Room", "Net Loft", "Harbour Arms", "Old Pumphouse"}},
		{"band", []string{"The Low Tides", "Gull Weather", "Kilnworth Lights", "Pennant", "Slack Water"}},
	},
	headlines: []string{
		"Music fans raise £{raised}k to save the {venue}, with {backers} backers",
		"‘It’s not just a room’: {backers} backers save the {venue} as {p1.last} hits £{raised}k target",
		"{venue} saved: {capacity}-capacity venue stays open after {backers} backers raise £{raised}k",
		"{band} to play first gig at the saved {venue} after £{raised}k appeal",
		"Landlord puts the {venue} up for sale; {backers} fans back an appeal",
		"{gigs} gigs a year: why the {venue} matters to Saltmere music",
		"Crowdfunder for the {venue} passes £{raised}k in a week",
	},
	standfirsts: []string{
		"The venue faced closure after its landlord put the building up for sale. Fans, bands and a local brewery came to the rescue.",
		"Many of the city’s best-known bands played their first gig there. Now it has a future.",
		"The building will be owned by a community benefit society, with each backer holding a share. Fixing the leaking roof comes first.",
		"The band will open the new season once the roof has been mended and wheelchair access improved.",
		"Developers have shown interest in turning the former railway goods shed into flats. Fans want to buy it first.",
		"Bands playing outside their home towns for the first time, all-ages shows run by volunteers, three decades of posters on the walls: what the city would lose.",
		"Pledges from £10 to several thousand pounds, tracked on a hand-drawn thermometer behind the bar, have carried the appeal past its target.",
	},
	ledes: []string{
		"The {venue}, the {capacity}-capacity music venue where many of Saltmere’s bands played their first gigs, has been saved after {backers} people raised £{raised},000 to buy its building.",
		"A crowdfunding appeal to save one of Saltmere’s best-loved music venues has passed its £{raised}k target, its owners said on {day}.",
	},
	facts: []string{
		"The building will be owned by a community benefit society, with each backer holding a share.",
		"The venue hosts about {gigs} gigs a year, many of them by bands playing outside their home towns for the first time.",
		"The appeal was boosted by a series of benefit gigs and by a donation from a local brewery.",
		"The new owners plan to fix the leaking roof and improve wheelchair access before the autumn season.",
		"Details of the appeal are on [the venue’s website](https://{venue.slug}.example/save).",
		"The building, a former railway goods shed, was put up for sale by its landlord in the spring, and developers had shown interest in turning it into flats.",
		"Backers pledged anything from £10 to several thousand pounds, and the appeal’s progress was tracked on a hand-drawn thermometer behind the bar.",
		"Several bands who started out at the {venue} and went on to national success recorded video messages supporting the campaign.",
		"The venue employs about a dozen people, most of them part-time, and relies on a rota of volunteers for its all-ages shows.",
		"A board elected by the shareholders will oversee the venue’s finances from next year.",
		"Its walls are covered with posters from three decades of shows, which will be kept during the repairs.",
		"The organisers say they will publish the venue’s accounts every year, so shareholders can see where the money goes.",
	},
	quotes: []quote{
		{"p1", "When we put the appeal out, I thought we might get halfway. The city has been extraordinary."},
		{"p2", "We played our first gig there to eleven people and a dog. Every band in this city needs a room like that."},
		{"p1", "Owning the building means we can plan more than six months ahead for the first time in twenty years."},
	},
	background: []string{
		"Small music venues across the country have closed in large numbers in the past decade, squeezed by rising rents and energy bills.",
		"Saltmere has a long musical tradition, from sea shanties to the club scene of the 1990s.",
	},
	next:     []string{"The venue’s autumn season is due to be announced next month.", "A celebration gig is planned for {day2}."},
	headings: []string{"How the appeal worked", "What comes next"},
	captions: []string{"The {venue}, where many of Saltmere’s bands started out.", "The city at night, seen from near the {venue}."},
	sources: []source{
		{"{venue}: save the venue appeal", "https://{venue.slug}.example/save", "Appeal total and plans"},
	},
	updates: []string{"This article was updated with the final appeal total."},
}
