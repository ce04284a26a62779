package demo

// Business: empty shops, new shops and the high street.

var highStreet = &kind{
	section: "business",
	topic:   "the state of the high street",
	tags:    []string{"high-street", "retail", "small-business", "cost-of-living", "tourism"},
	motifs:  []motif{street, skyline, bridge},
	roles: []role{
		{"p1", "", "who opened a {shop} on {street} {opened} years ago"},
		{"p2", "", "the manager of the city centre business improvement district"},
		{"p3", "Cllr", "the council’s cabinet member for the economy"},
	},
	nums: []num{d("vacant", 90, 240), n("units", 18, 64, 1), n("footfall", 3, 17, 1), cnt("opened", 2, 19),
		cnt("newshops", 5, 21), n("rates", 20, 60, 5), n("rentdown", 10, 40, 5)},
	pools: []pool{
		{"rise", []string{"rises", "climbs", "edges up", "jumps"}},
		{"more", []string{"more", "further", "extra"}},
	},
	headlines: []string{
		"Empty shops on {street}: city centre vacancy rate {rise} to {vacant}% with {units} units to let",
		"{p1.last}’s {shop} is one of {newshops} new independents on {street} as vacancies hit {vacant}%",
		"Footfall in {area} {rise} {footfall}% as {units} empty units get {rates}% rates relief",
		"{newshops} independents open on {street} as landlords cut rents by {rentdown}%",
		"Rates relief of {rates}% for {units} empty shops in Saltmere city centre",
		"{p1.last} opened a {shop} on {street} {opened} years ago. This is how it survives",
		"City centre vacancy rate falls as {newshops} new shops open in {area}",
	},
	standfirsts: []string{
		"Chain stores are leaving, but independent traders are moving in where landlords will cut rents. Business leaders want the council to do more.",
		"More independent businesses opened last year than in any year since counting began. Their owners say the first winter is the hardest.",
		"Footfall is recovering, but traders say high rents and business rates still make it hard to survive the quiet months.",
		"Some landlords have decided that a lower rent beats an empty unit. Others would still rather leave their shops vacant.",
		"The council’s scheme offers up to two years of relief to businesses that take on an empty unit. Traders say rents are the bigger problem.",
		"Long days, loyal customers and a landlord willing to talk: an independent trader on how a small shop gets through the quiet months.",
		"Evening markets and the reopened covered arcade are drawing people back, and visitors now spend more on food and drink than on clothes.",
	},
	ledes: []string{
		"New figures show {vacant} per cent of shops in Saltmere city centre standing empty, with {units} units vacant along {street} and the streets around it.",
		"The number of independent shops opening in Saltmere has risen for the second year running, even as national chains continue to close their branches in the city centre.",
	},
	facts: []string{
		"The figures, from the city centre business improvement district, show that {newshops} independent businesses opened in the past year, more than in any year since it began counting.",
		"Footfall in {area} was up {footfall} per cent on the same period last year, helped by new evening markets and the reopening of the covered arcade.",
		"The council is offering {rates} per cent rates relief for up to two years to businesses that take on empty units, under [a scheme launched this year](https://council.example/business/empty-shops).",
		"Some landlords have cut rents by as much as {rentdown} per cent to fill long-empty shops, though others have preferred to leave units vacant.",
		"Two large department stores have closed in the past three years, leaving gaps that have proved hard to fill.",
		"Card-spending data suggests visitors spend more on food and drink in the city centre than on clothes, a reversal of the pattern a decade ago.",
		"The {shop} on {street} opened after its owner took over a unit that had been empty for almost three years.",
		"A weekly night market on {street} has become one of the busiest evenings in the city centre.",
		"Some empty shops have been let on short, cheap leases to artists and pop-up businesses while landlords look for long-term tenants.",
	},
	quotes: []quote{
		{"p1", "People told me I was mad to open on {street}. But there are customers here if you give them a reason to come."},
		{"p1", "The rent was halved before I signed. Without that, I would not have opened."},
		{"p2", "The high street is not dying, it is changing. The question is whether landlords and the council change with it."},
		{"p3", "We cannot make people shop, but we can make the city centre somewhere they want to spend an afternoon."},
	},
	background: []string{
		"Saltmere’s main shopping streets grew up around the old market square, and many of the buildings date from the Victorian era.",
		"Online spending has taken a growing share of retail sales nationally over the past decade.",
	},
	next: []string{
		"The business improvement district will publish its next footfall figures in {nextmonth}.",
		"Traders have been invited to a meeting with council officers on {day2} to discuss the rates relief scheme.",
	},
	headings: []string{"Independents move in", "The rent question", "What the council can do"},
	list: []string{
		"Vacancy rate: **{vacant}%**",
		"Empty units: **{units}**",
		"New independent shops: **{newshops}**",
		"Footfall in {area}: up {footfall}%",
	},
	listTitle: "Saltmere’s high street",
	listIntro: "The latest figures:",
	captions:  []string{"Shops on {street}, where {units} units stand empty.", "The old market quarter in the city centre."},
	sources: []source{
		{"Saltmere city centre business improvement district", "https://saltmerebid.example/reports/footfall", "Quarterly footfall and vacancy report"},
		{"Saltmere City Council: empty shops relief", "https://council.example/business/empty-shops", "Scheme details"},
	},
	corrections: []string{
		"An earlier version of this article said the rates relief lasted five years. It lasts up to two years.",
	},
	updates: []string{"This article was updated with figures for the number of new independent shops."},
}
