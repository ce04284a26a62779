package demo

// Business: a local firm’s results, the port, and the high street.

var businessKinds = []*kind{firmResults, portTrade, highStreet}

var firmResults = &kind{
	section: "business",
	topic:   "{firm.poss} results",
	tags:    []string{"company-results", "jobs", "economy", "technology", "energy"},
	motifs:  []motif{street, skyline, cranes, fields},
	roles: []role{
		{"p1", "", "{firm.poss} chief executive"},
		{"p2", "", "an analyst at the stockbroker {broker}"},
		{"p3", "", "a regional organiser for the union representing {firm.poss} workers"},
	},
	nums: []num{d("revenue", 180, 980), n("change", 3, 28, 1), n("jobs", 40, 320, 5), n("staff", 600, 2400, 20),
		d("profit", 11, 95), n("order", 5, 40, 1), n("dividend", 2, 9, 1)},
	pools: []pool{
		{"firm", []string{"Aldermoor Foods", "Ketterick Marine", "Copperleaf Software", "Greyling Logistics", "Northgate Textiles", "Brightwater Energy"}},
		{"broker", []string{"Fenner Shaw", "Quayside Capital", "Marlowe & Pike", "Tidewell Securities"}},
		{"dir", []string{"up", "down"}},
	},
	derive: func(c *cast) {
		f := c.slot("firm").n
		c.set("what", cityMake[f], f)
	},
	headlines: []string{
		"{firm} profits {dir} {change}% on £{revenue}m revenue as Saltmere firm plans {jobs} new jobs",
		"{firm} revenue reaches £{revenue}m; {p1.last} promises {jobs} jobs",
		"Saltmere’s {firm} wins £{order}m order as half-year profit hits £{profit}m; {jobs} jobs to follow",
		"{firm} to raise dividend to {dividend}p after a strong year",
		"{firm} shares slip as {p2.last} questions £{revenue}m sales forecast",
		"Union welcomes {jobs} new jobs at {firm} but asks about pay",
		"{firm} hits £{profit}m profit with a workforce of {staff}",
		"{p1.last}: {firm} will hire {jobs} more people in Saltmere this year",
	},
	standfirsts: []string{
		"The company, which employs about {staff} people, says new contracts abroad will carry it through a difficult year at home.",
		"The new posts will be in engineering, warehouse operations and customer support, and recruitment begins in {nextmonth}.",
		"The contract, with a customer in Kessland, runs for three years and accounts for much of the company’s growth.",
		"The board expects full-year results in line with forecasts, but warns that energy prices and borrowing costs remain the biggest risks.",
		"An analyst at {broker} says the company’s sales forecast leans too heavily on a single overseas contract.",
		"Shares rose in early trading. Unions welcomed the jobs but want a say in how the expansion is run.",
		"The {what} maker has spent heavily on automation in recent years, but says it has not cut jobs as a result.",
		"The chief executive says most of the new staff will work at the company’s site in {area}, which also takes on about twenty apprentices a year.",
	},
	ledes: []string{
		"{firm}, one of Saltmere’s largest private employers, reported revenue of £{revenue}m for the first half of the year and said it would create {jobs} jobs at its {area} site.",
		"Half-year profits at {firm} came in at £{profit}m on {day}, {dir} {change} per cent on a year earlier, as the {what} maker pointed to strong demand from overseas.",
	},
	facts: []string{
		"The company makes {what} and employs about {staff} people, most of them at its site in {area}.",
		"Revenue for the six months was £{revenue}m, and operating profit £{profit}m, according to the [results statement](https://{firm.slug}.example/investors/results).",
		"The board raised the interim dividend by {dividend} per cent and said it expected full-year results to be in line with forecasts.",
		"A £{order}m contract signed last month with a customer in Kessland accounts for much of the growth, and runs for three years.",
		"The new jobs will be mainly in engineering, warehouse operations and customer support, and recruitment will begin in {nextmonth}.",
		"The company warned that energy prices and the cost of borrowing remained the biggest risks to its plans.",
		"It is also spending on apprenticeships, with places for about twenty school-leavers a year at the {area} site.",
		"Shares in {firm} rose by about four per cent in early trading after the results were published.",
		"The company has spent heavily on automation in recent years, but says it has not cut jobs as a result.",
		"The company’s chair is due to step down at the next annual meeting, and a successor is being sought.",
		"It has cut its energy use by a fifth in two years, partly by covering the roof of its {area} plant with solar panels.",
	},
	quotes: []quote{
		{"p1", "Saltmere is where we started and where we intend to grow. These results show that a business can compete around the world from this city."},
		{"p1", "We are cautious about the second half. But the order book is the strongest it has been since I joined."},
		{"p2", "The headline numbers are solid. The question is whether the company can keep its margins if the big overseas contracts are renegotiated."},
		{"p3", "New jobs are good news. We want to make sure they are secure jobs on proper contracts, not agency work that disappears in a bad quarter."},
	},
	background: []string{
		"{firm} was founded in the city more than forty years ago and floated on the stock market in the early 2000s.",
		"Manufacturing still accounts for about one in eight jobs in Saltmere, higher than the national average.",
	},
	next: []string{
		"{firm} will publish full-year results in the spring.",
		"The company said it would hold a recruitment open day at its {area} site on {day2}.",
	},
	headings:  []string{"The numbers", "Jobs and pay", "Risks ahead"},
	listTitle: "{firm}: half-year results",
	listIntro: "The results at a glance:",
	list: []string{
		"Revenue: **£{revenue}m**",
		"Operating profit: **£{profit}m**, {dir} {change}%",
		"New jobs planned: **{jobs}**",
		"Interim dividend up {dividend}%",
	},
	captions: []string{"{firm.poss} site in {area}, where the new jobs will be based.", "The {area} waterfront at the end of a working day."},
	sources: []source{
		{"{firm}: interim results", "https://{firm.slug}.example/investors/results", "Half-year statement, {month} {year}"},
		{"{broker}: research note", "https://{broker.slug}.example/research", "Analyst note on {firm}"},
	},
	corrections: []string{
		"An earlier version of this article said profits were {dir} {change} per cent on the previous quarter. The comparison is with the same half a year earlier.",
	},
	updates: []string{"This article was updated with comments from the union."},
}

// cityMake says what each firm in firmResults' pool makes, in the same order.
var cityMake = []string{"ready meals", "ship engines and propellers", "payroll software",
	"warehousing and haulage", "technical fabrics", "offshore wind components"}

var portTrade = &kind{
	section: "business",
	topic:   "the port’s growth",
	tags:    []string{"the-port", "shipping", "trade", "jobs", "economy"},
	motifs:  []motif{cranes, lighthouse, bridge, hills},
	roles: []role{
		{"p1", "", "the chief executive of the Port of Saltmere"},
		{"p2", "", "a crane operator and shop steward at the container terminal"},
		{"p3", "Prof", "who studies maritime trade at the University of Saltmere"},
	},
	nums: []num{n("teu", 180000, 420000, 100), n("growth", 3, 19, 1), n("calls", 2, 6, 1), d("invest", 120, 680),
		n("tonnes", 2, 9, 1), n("newjobs", 40, 260, 5), n("draught", 12, 16, 1)},
	pools: []pool{
		{"country", []string{"Kessland", "Veradia", "Lusmark", "Orsund"}},
		{"line", []string{"Nordvik Line", "Estmere Shipping", "Blue Heron Container Line", "Caldonia Freight"}},
	},
	headlines: []string{
		"Port of Saltmere handles {teu} containers as trade with {country} grows {growth}%",
		"{line} adds {calls.word} weekly calls at Saltmere in £{invest}m port boost worth {newjobs} jobs",
		"Port’s £{invest}m deep-water berth could bring {newjobs} jobs, says {p1.last}",
		"Container ships with a {draught}m draught to reach Saltmere after £{invest}m dredging",
		"{country} trade lifts Saltmere port volumes by {growth}%",
		"Crane drivers ask for a share of the port’s {growth}% boom as {teu} containers pass",
		"{line} chooses Saltmere for its northern seas hub, bringing {newjobs} jobs",
		"Port of Saltmere moved {tonnes.word} million tonnes of bulk cargo and {teu} containers last year",
	},
	standfirsts: []string{
		"New routes to the northern seas have made the city’s docks busier than at any time since the 1970s. Not everyone is convinced the boom will last.",
		"The shipping line says shorter waiting times than at larger, more congested ports drew it to the city.",
		"The port wants to dredge the channel and build a new quay. Environmental groups are worried about the saltmarsh.",
		"Deepening the channel would let the largest container ships call at the city for the first time. The port has published its plans for consultation.",
		"Timber, grain and containers from {country} have made it one of the port’s fastest-growing routes. Residents of {area} say they can hear it in the lorries on {street}.",
		"Shop stewards at the container terminal say the workforce has carried the extra traffic and should share in the gains. The port, owned by a trust, says its profits go back into the docks.",
		"Ships calling at the new hub will be able to plug into shore power from next year. The port hopes other lines will follow.",
		"Timber, grain and aggregates kept the bulk quays busy, while the container terminal had its busiest year on record.",
	},
	ledes: []string{
		"The Port of Saltmere handled {teu} containers last year, its busiest year on record, as trade with {country} grew by {growth} per cent.",
		"{line} is to add {calls.word} weekly calls at Saltmere from {nextmonth}, the port announced on {day}, making the city a regular stop on its northern route.",
		"The Port of Saltmere has set out plans for a £{invest}m deep-water berth that it says would allow the largest container ships to call at the city for the first time.",
	},
	facts: []string{
		"The port also handled about {tonnes.word} million tonnes of bulk cargo, mostly timber, grain and aggregates.",
		"The proposed berth would need the channel dredged to a depth of {draught} metres, according to [the port’s consultation document](https://portofsaltmere.example/deep-water-berth).",
		"About {newjobs} new jobs would be created on the docks if the berth goes ahead, with more in haulage and warehousing.",
		"The port is owned by a trust, which means profits are reinvested rather than paid out to shareholders.",
		"Lorry traffic through {area} has risen with the growth in containers, and residents have asked for a weight limit on {street}.",
		"Ships calling at Saltmere will be able to plug into shore power from next year, so they can switch off their engines while berthed.",
		"The port has also seen a rise in cruise ships, with more than forty calls expected next year.",
		"Apprenticeships at the port have doubled in three years, with most recruits coming from schools in {area} and nearby.",
		"Shipping lines have been drawn to Saltmere partly by shorter waiting times than at larger, more congested ports.",
		"Plans for a rail freight link to the container terminal have been discussed for years but remain unfunded.",
	},
	quotes: []quote{
		{"p1", "Five years ago people were asking whether Saltmere still needed a port. Nobody asks that now."},
		{"p1", "We will only build the new berth if we can do it without harming the estuary, and we will publish every study we commission."},
		{"p2", "The work is steady again, and young people are coming into the docks for the first time in years. We just want the new jobs to be good jobs."},
		{"p3", "Ports live and die by shipping lines’ decisions, which can change quickly. Saltmere has done well, but it should not assume the growth will continue in a straight line."},
	},
	background: []string{
		"Saltmere has been a trading port since medieval times, and its customs house dates from the eighteenth century.",
		"Container traffic through the city collapsed in the 1980s, when shipping lines moved to larger ports further south.",
	},
	next: []string{
		"Consultation on the deep-water berth closes at the end of {nextmonth}.",
		"The port’s board will decide whether to seek planning consent for the berth early next year.",
	},
	headings:  []string{"A busier harbour", "The deep-water plan", "Concerns on shore"},
	listTitle: "The port in numbers",
	listIntro: "Last year at the port:",
	list: []string{
		"Containers handled: **{teu}**",
		"Bulk cargo: about **{tonnes.word} million tonnes**",
		"Trade with {country}: up **{growth}%**",
		"Proposed investment: **£{invest}m**",
	},
	captions: []string{"Cranes at the container terminal, which handled {teu} boxes last year.", "The approach to the Port of Saltmere."},
	sources: []source{
		{"Port of Saltmere annual review", "https://portofsaltmere.example/annual-review/{lastyear}", "Cargo statistics for {lastyear}"},
		{"Port of Saltmere: deep-water berth consultation", "https://portofsaltmere.example/deep-water-berth", "Consultation document, {month} {year}"},
	},
	updates: []string{"This article has been updated to include the date the consultation closes."},
	embed:   "Time-lapse: a day at the Saltmere container terminal",
}
