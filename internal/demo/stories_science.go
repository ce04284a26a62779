package demo

// Science: a university study, a wildlife count and a hospital trial.

var scienceKinds = []*kind{uniStudy, wildlifeCount, hospitalTrial}

var uniStudy = &kind{
	section: "science",
	topic:   "the study",
	tags:    []string{"research", "university-of-saltmere", "oceans", "climate", "environment"},
	motifs:  []motif{hills, fields, lighthouse},
	roles: []role{
		{"p1", "Dr", "who led the study at the University of Saltmere’s Institute for Coastal Studies"},
		{"p2", "Prof", "a marine ecologist at the University of {host}, who was not involved in the research"},
		{"p3", "", "a doctoral researcher who spent two winters collecting samples"},
	},
	nums: []num{n("samples", 120, 1800, 10), n("pct", 12, 68, 1), cnt("years", 3, 12), n("hectares", 40, 420, 5), cnt("sites", 6, 30)},
	pools: []pool{
		{"habitat", []string{"seagrass meadows", "saltmarsh", "kelp forests", "mussel beds", "mudflats"}},
		{"journal", []string{"Estuarine Letters", "the Journal of Coastal Ecology", "Marine Systems Review", "Frontiers in Tidal Science"}},
		{"finds", []string{"finds", "suggests", "shows", "reports"}},
	},
	headlines: []string{
		"Aske estuary {habitat} store {pct}% more carbon than thought, study of {samples} samples {finds}",
		"{habitat.cap} in decline at {sites} of Saltmere’s coastal sites over {years} years, {p1.last} warns",
		"{hectares} hectares of {habitat} could be restored at {sites} Aske sites, {p1.last} study {finds}",
		"{years} years of samples: how the Aske estuary’s {habitat} are changing",
		"Restoring {habitat} could lock away carbon for decades, study in {journal} {finds}",
		"University of Saltmere team maps {habitat} at {sites} sites on the estuary",
		"{p3.last} spent two winters on the mudflats. Here is what the samples show",
		"Estuary study: {habitat} cover {hectares} hectares, more than mapped before",
	},
	standfirsts: []string{
		"Researchers took {samples} samples from the estuary. The results suggest the city’s coastline is doing more to slow climate change than anyone knew.",
		"The findings strengthen the case for protecting the estuary from dredging and development, the authors say.",
	},
	ledes: []string{
		"The {habitat} of the Aske estuary hold {pct} per cent more carbon than previous estimates suggested, according to a study by scientists at the University of Saltmere.",
		"Scientists who spent {years.word} years surveying Saltmere’s coastline have found that {habitat} have shrunk at {sites} of the sites they studied.",
		"About {hectares} hectares of {habitat} in the Aske estuary could be restored, according to a study by University of Saltmere scientists who mapped {sites} sites along the coast.",
	},
	facts: []string{
		"The team collected {samples} sediment cores from {sites} sites between the harbour mouth and the tidal limit of the river.",
		"The study, published this week in _{journal}_, used radiocarbon dating to work out how long the carbon had been stored.",
		"The researchers estimate that about {hectares} hectares of {habitat} could be restored if pollution from the river were reduced.",
		"Much of the loss was in areas close to outfalls and to the busiest shipping lanes, the study found.",
		"The work was paid for by a national research council and by the Saltmere Coastal Trust, a local charity.",
		"A summary of the research is available on [the institute’s website](https://coastal.saltmere-university.example/research/{habitat.slug}).",
		"The team used drones and underwater cameras to map the extent of the {habitat}, then checked the images against samples taken by hand.",
		"Samples were taken at low tide from a small boat and on foot, sometimes in the dark during the winter months.",
		"The team’s estimates will feed into the council’s plans for the estuary and into national carbon accounts.",
	},
	quotes: []quote{
		{"p1", "We have been walking past one of the most important natural carbon stores in the region without realising it. That should change how we think about the estuary."},
		{"p1", "The good news is that these habitats recover quickly if you give them the chance. The bad news is that we are not giving them the chance."},
		{"p2", "It is a careful piece of work. The numbers are striking, although I would want to see them repeated at other estuaries before drawing national conclusions."},
		{"p3", "There were mornings out on the mudflats in January when I wondered why I chose this. Seeing the results made it worth it."},
	},
	background: []string{
		"Coastal habitats such as seagrass and saltmarsh are sometimes called blue carbon, because they lock carbon away in their sediments.",
		"The Aske estuary is a protected site for wading birds and supports one of the largest colonies of grey seals on this stretch of coast.",
	},
	next: []string{
		"The team now plans a pilot restoration project near {area}, starting next spring.",
		"The researchers will present their findings to the council’s environment committee on {day2}.",
	},
	headings: []string{"How the study worked", "What it found", "The estuary’s future"},
	captions: []string{"The Aske estuary, where the {habitat} were surveyed.", "Low tide in the estuary near {area}."},
	sources: []source{
		{"{journal.cap}: study of {habitat} in the Aske estuary", "https://journals.example/coastal/{habitat.slug}-aske", "Peer-reviewed article, {month} {year}"},
		{"University of Saltmere Institute for Coastal Studies", "https://coastal.saltmere-university.example/research/{habitat.slug}", "Research summary"},
	},
	corrections: []string{"An earlier version of this article said the study was published in {lastyear}. It was published this month."},
	updates:     []string{"This article was updated with comment from an independent scientist."},
	embed:       "Drone footage of the {habitat} at low tide",
}

var wildlifeCount = &kind{
	section: "science",
	topic:   "the count",
	tags:    []string{"wildlife", "oceans", "environment", "volunteering"},
	motifs:  []motif{lighthouse, hills, bridge, cranes},
	roles: []role{
		{"p1", "", "the Saltmere Coastal Trust’s wildlife officer"},
		{"p2", "", "who has volunteered on the count for {volyears} years"},
	},
	nums: []num{n("count", 180, 1400, 1), n("change", 4, 38, 1), n("volunteers", 30, 140, 1), cnt("volyears", 3, 25), n("species", 38, 112, 1)},
	pools: []pool{
		{"animal", []string{"grey seal pups", "little terns", "ringed plovers", "oystercatchers", "curlews", "avocets"}},
		{"updown", []string{"up", "down"}},
	},
	headlines: []string{
		"{count} {animal} counted on Aske sandbanks, {updown} {change}% on last year",
		"Volunteers count {count} {animal} as {p1.last} warns of pressure on the coast",
		"Saltmere’s big count: {count} {animal} among {species} species spotted by {volunteers} volunteers",
		"{volunteers} volunteers brave the cold for the coastal count",
		"Fewer {animal} on the Aske as disturbance grows, {p1.last} warns",
		"{species} species in one weekend: the Aske sandbanks’ annual census",
		"{p2.last} has counted birds on the Aske for {volyears} years. This year was different",
	},
	standfirsts: []string{
		"The annual survey is one of the longest-running on this stretch of coast. Its organisers say the numbers tell a mixed story.",
		"Volunteers spent a weekend on the sandbanks and mudflats. Some of the news was good.",
	},
	ledes: []string{
		"Volunteers counted {count} {animal} on the sandbanks and mudflats of the Aske estuary this year, {updown} {change} per cent on last year’s survey.",
		"The annual wildlife count on Saltmere’s coast has recorded {count} {animal}, with {volunteers} volunteers spending a long weekend with binoculars and notebooks.",
	},
	facts: []string{
		"In all, volunteers recorded {species} species during the survey, including several rarely seen this far north.",
		"The count is coordinated by the Saltmere Coastal Trust and has run every year since the 1980s.",
		"Disturbance from dogs and jet skis remains the biggest threat to birds nesting on the beaches, the trust says.",
		"A section of beach near Beacon Point is fenced off during the breeding season, and wardens patrol it at weekends.",
		"Results are shared with national monitoring schemes and published on [the trust’s website](https://saltmerecoastaltrust.example/counts/{year}).",
		"New volunteers are trained in spring, and no experience is needed, the trust says.",
		"Volunteers work in pairs, walking set stretches of shoreline at low tide and marking every animal they see on printed maps.",
		"Counting is timed carefully so that the same stretch is never counted twice as animals move with the tide.",
		"Numbers of some species have risen since a ban on bait digging in parts of the estuary came into force.",
		"This year’s count was delayed by a week because of high winds, which made some of the sandbanks unsafe.",
		"Schools in {area} took part for the first time, with pupils counting birds from the sea wall.",
	},
	quotes: []quote{
		{"p1", "One year’s numbers can go up or down for all sorts of reasons. What matters is the trend, and that is why we keep counting."},
		{"p1", "We need people to keep dogs on leads near the nesting areas. It sounds small, but it makes a real difference."},
		{"p2", "I started coming because a friend dragged me along. Now I plan my year around the count."},
		{"p1", "Every single record is checked by two people before it goes into the final figures."},
	},
	background: []string{
		"The estuary is protected for its wading birds, which feed on the mudflats in huge numbers in winter.",
		"Warmer seas are changing which fish are found off the coast, with knock-on effects for seabirds and seals.",
	},
	next:     []string{"The trust will publish its full report in {nextmonth}.", "The next count will take place at the same time next year."},
	headings: []string{"The numbers", "Threats on the shore", "How to help"},
	captions: []string{"The coast near Beacon Point, where {animal} were counted.", "Sandbanks at low tide in the Aske estuary."},
	sources: []source{
		{"Saltmere Coastal Trust annual count", "https://saltmerecoastaltrust.example/counts/{year}", "Provisional results, {month} {year}"},
	},
	updates: []string{"This article was updated with the total number of species recorded."},
	embed:   "The {animal} of the Aske estuary",
}

var hospitalTrial = &kind{
	section: "science",
	topic:   "the trial",
	tags:    []string{"health", "medicine", "hospitals", "research"},
	motifs:  []motif{skyline, fields, street},
	roles: []role{
		{"p1", "Dr", "a consultant at St Brannock’s Hospital who leads the trial locally"},
		{"p2", "", "from {area}, who took part in the trial"},
		{"p3", "Prof", "a specialist in {field} who was not involved in the study"},
	},
	nums: []num{n("patients", 120, 900, 10), n("pct", 12, 45, 1), cnt("weeks", 6, 24), n("hospitals", 8, 30, 1), cnt("wait", 4, 18)},
	pools: []pool{
		{"field", []string{"heart failure", "stroke recovery", "type 2 diabetes", "chronic back pain", "asthma"}},
		{"cuts", []string{"cuts", "reduces", "lowers"}},
	},
	headlines: []string{
		"Trial of {patients} patients at {hospitals} hospitals: home care {cuts} stays for {field} by {pct}%",
		"{patients} patients, {weeks} weeks: Saltmere hospital leads {field} trial across {hospitals} hospitals",
		"Home care {cuts} {field} readmissions by {pct}%, {p1.last}’s {hospitals}-hospital trial finds",
		"Patients with {field} spend {pct}% fewer days in hospital when cared for at home",
		"St Brannock’s Hospital joins {hospitals}-hospital trial of home care for {field}",
		"Waiting times for {field} care could fall by {wait} weeks, trial suggests",
		"‘I slept in my own bed’: {p2.last} on {weeks} weeks of home care for {field}",
	},
	standfirsts: []string{
		"Patients were looked after at home with daily check-ins by nurses. The results could change how hospitals across the country treat them.",
		"The trial involved {patients} patients at {hospitals} hospitals. Doctors say a larger study is now needed.",
	},
	ledes: []string{
		"A trial led from Saltmere’s St Brannock’s Hospital has found that patients with {field} who were treated at home needed {pct} per cent fewer hospital readmissions than those treated in the usual way.",
		"Doctors at St Brannock’s Hospital say a new way of caring for people with {field} could free up beds, after a trial involving {patients} patients.",
	},
	facts: []string{
		"Half of the {patients} patients were given a tablet computer, a blood-pressure cuff and daily video calls with a specialist nurse for {weeks} weeks.",
		"The trial ran at {hospitals} hospitals, with St Brannock’s recruiting the largest number of patients.",
		"Patients treated at home also reported better quality of life, although the difference was smaller than for readmissions.",
		"The results were published in a medical journal and are summarised on [the hospital’s research pages](https://stbrannocks.example/research/{field.slug}).",
		"Waiting times for a first outpatient appointment in the specialty at St Brannock’s are currently about {wait} weeks.",
		"The approach is not suitable for everyone: patients who lived alone without support were excluded from the trial.",
		"Nurses on the trial handled about forty video calls a day between them, and patients could call back at any time.",
		"The equipment cost about £300 a patient, far less than a single night in hospital, according to the trial team.",
		"Some patients found the daily check-ins intrusive at first, but most said they came to rely on them.",
		"The trial was paid for by a national health research fund and ran for just over two years.",
		"Patients were chosen at random to receive either the new approach or the usual care, so that the results could be compared fairly.",
	},
	quotes: []quote{
		{"p1", "Most people would rather be at home than in a hospital bed, and for many of them it turns out to be safer as well."},
		{"p2", "I was nervous about the technology, but the nurses were only ever a call away. I slept better in my own bed than I ever did on the ward."},
		{"p3", "These are encouraging results from a well-designed trial. The next step is to see whether they hold up when the approach is used routinely."},
		{"p1", "The technology is the easy part. What made this work was nurses who knew their patients."},
	},
	background: []string{
		"St Brannock’s is Saltmere’s main hospital and treats about 400,000 patients a year.",
		"Hospitals across the country have struggled with bed shortages, particularly in winter.",
	},
	next:     []string{"A larger trial involving hospitals across the region is due to begin next year.", "The hospital plans to offer the approach to more patients from {nextmonth}."},
	headings: []string{"How the trial worked", "Patients’ experience", "Caveats"},
	captions: []string{"St Brannock’s Hospital recruited the largest number of patients to the trial.", "Saltmere from the hills above the hospital."},
	sources: []source{
		{"St Brannock’s Hospital research", "https://stbrannocks.example/research/{field.slug}", "Trial summary, {month} {year}"},
	},
	corrections: []string{"An earlier version of this article said the trial involved {hospitals} countries. It involved {hospitals} hospitals."},
	updates:     []string{"This article was updated with comment from an independent specialist."},
}
