package demo

// Saltmere is a fictional port city of about 240,000 people at the mouth of
// the River Aske. Every name here is invented; any resemblance is an accident.

// figures are the city's recurring public people, the same in every story.
var figures = map[string]person{
	"mayor":    {first: "Miriam", last: "Castellanos-Reid", job: "the mayor of Saltmere", lastIdx: -1},
	"opp":      {first: "Geraint", last: "Pellow", title: "Cllr", job: "who leads Harbour First, the main opposition group on the council", lastIdx: -1},
	"manager":  {first: "Bram", last: "Kettering", job: "the Saltmere Athletic manager", lastIdx: -1},
	"wmanager": {first: "Lou", last: "Abernethy", job: "the head coach of Saltmere Athletic Women", lastIdx: -1},
}

// cityPools are the lists any story may draw on.
var cityPools = map[string][]string{
	"area": {"Eastquay", "Old Town", "Ropewalk", "Fenwick Hill", "Calder Heights", "St Brannock’s",
		"Millbrook", "Northgate", "Tanner’s Row", "Kilnworth", "Beacon Point", "Westdock",
		"Greyfriars", "Saltings", "Pennock Green", "Anchor Bay"},
	"street": {"Chandler Street", "Cooper’s Lane", "Quay Road", "Ropemakers Way", "Anchor Street",
		"Bellfounder Road", "Salt Lane", "Custom House Street", "Mill Race Lane", "Wharf Street",
		"Lantern Hill", "Gull Terrace", "Tidewater Road", "Netmakers Row"},
	"country": {"Kessland", "Veradia", "Lusmark", "Orsund", "Estmere", "Caldonia"},
	"host":    {"Haldenburg", "Port Anselm", "Varosa", "Lindholm", "Skarvik", "Torvenna"},
	"shop": {"bakery", "hardware shop", "café", "bicycle repair workshop", "florist",
		"bookshop", "barbershop", "delicatessen", "chandlery"},
}

// forenames and surnames make the people in stories; together they give
// several thousand distinct names from many backgrounds, as a port city has.
var forenames = []string{
	"Ada", "Tomasz", "Amara", "Callum", "Ingrid", "Rahul", "Siân", "Kofi", "Beatriz", "Declan",
	"Leila", "Marcus", "Noor", "Graham", "Yusuf", "Freya", "Oluwaseun", "Agnieszka", "Patrick",
	"Mina", "Ravi", "Catriona", "Emeka", "Lucia", "Stellan", "Imogen", "Hamza", "Joanna", "Tariq",
	"Maeve", "Bogdan", "Niamh", "Desmond", "Farah", "Owain", "Chiara", "Idris", "Gwen", "Kenji",
	"Rosa", "Tamsin", "Mateus", "Priti", "Ewan", "Zainab", "Lorcan", "Hélène", "Simon", "Aisha",
	"Piotr", "Eilidh", "Rashid", "Clare", "Jun", "Nadia", "Alistair", "Femi", "Orla", "Viktor",
	"Harriet", "Samir", "Bethan", "Connor", "Ines",
}

var surnames = []string{
	"Okafor", "Pemberton", "Nakamura", "Lindgren", "Castellano", "Mahmoud", "Fairweather",
	"Kowalczyk", "Adeyemi", "Thackeray", "Brennan", "Varga", "Holloway", "Chaudhry", "McAllister",
	"Eriksen", "Boateng", "Penhaligon", "Sato", "Delaney", "Moreau", "Quaye", "Szabo", "Trevithick",
	"Obi", "Haddon", "Rosenthal", "Gallagher", "Iqbal", "Whitlock", "Novak", "Marchetti", "Oyelaran",
	"Fitzgerald", "Björnsson", "Kaur", "Lam", "Dunmore", "Petrakis", "Mwangi", "Hargreaves", "Costa",
	"Ibrahim", "Kirkbride", "Nwosu", "Radcliffe", "Sokolova", "Mendes", "Ashworth", "Yilmaz",
	"Carmody", "Banerjee", "Tremayne", "Otieno", "Greenhalgh", "Dufresne", "Mahon", "Vasquez",
	"Lindsay", "Oduya", "Prentice", "Halloran", "Sørensen", "Keane", "Abara", "Whitfield", "Rahman",
	"Devlin", "Takahashi", "Beaumont", "Okoro", "Langley", "Mbatha", "Gilchrist", "Ferris", "Adebisi",
	"Quinlan", "Rowley", "Szymański", "Elmore",
}
