package demo

import "github.com/un-liaison/liaison/services/registry/internal/domain"

// The committees the UN Non-Governmental Liaison Service works with (unngo-liaison-service.txt):
// regional committees for Africa, Asia, Europe, Latin America and the Caribbean, and thematic
// ones on the issues it names — women, youth, indigenous peoples, climate, human rights,
// humanitarian response and peacebuilding.
var committees = []domain.NgoCommittee{
	{Name: "NGO Committee for Africa", Kind: domain.CommitteeRegional, Region: "Africa",
		Description: "Brings together NGOs from Africa to coordinate, exchange experiences and advocate jointly on regional issues at the United Nations."},
	{Name: "NGO Committee for Asia", Kind: domain.CommitteeRegional, Region: "Asia",
		Description: "A regional platform where NGOs of Asia share information and align their priorities with global agendas."},
	{Name: "NGO Committee for Europe", Kind: domain.CommitteeRegional, Region: "Europe",
		Description: "Regional coordination of European NGOs engaging with UN processes in Geneva and Vienna."},
	{Name: "NGO Committee for Latin America and the Caribbean", Kind: domain.CommitteeRegional, Region: "Latin America and the Caribbean",
		Description: "Regional NGO forum for Latin America and the Caribbean: joint advocacy, exchange of experiences and regional workshops."},
	{Name: "NGO Committee on the Status of Women", Kind: domain.CommitteeThematic, Theme: "Status of women",
		Description: "Advances women's rights, the elimination of gender-based violence and women's leadership (SDG 5)."},
	{Name: "NGO Committee on Youth", Kind: domain.CommitteeThematic, Theme: "Youth",
		Description: "Supports youth-led organizations and the meaningful participation of young people in UN decision-making."},
	{Name: "NGO Committee on Indigenous Peoples' Rights", Kind: domain.CommitteeThematic, Theme: "Indigenous peoples",
		Description: "Amplifies indigenous peoples' organizations in UN processes: land rights, cultural preservation, indigenous knowledge."},
	{Name: "NGO Committee on Climate Change and Sustainable Development", Kind: domain.CommitteeThematic, Theme: "Climate change",
		Description: "Mobilizes NGOs for ambitious climate action and their participation in the UNFCCC Conference of the Parties."},
	{Name: "NGO Committee on Human Rights", Kind: domain.CommitteeThematic, Theme: "Human rights",
		Description: "Helps NGOs engage with the Human Rights Council and treaty bodies: access to justice, freedom of expression, rights of marginalized groups."},
	{Name: "NGO Committee on Peacebuilding and Humanitarian Response", Kind: domain.CommitteeThematic, Theme: "Peace and humanitarian response",
		Description: "Coordinates NGOs working on conflict prevention, peacebuilding and humanitarian assistance with UN entities."},
}

// focalPoints are liaison officers at the UN entities the seed names (UNICEF, UNDP, UNHCR, UN
// Women, and UNOG in Geneva). The people are fictional; addresses use reserved example domains.
var focalPoints = []domain.FocalPoint{
	{UNEntity: "UNICEF", Name: "Amina Diallo", Title: "Civil Society Partnerships Officer", Email: "amina.diallo@unicef.example",
		Phone: "+1 212 555 0101", Topics: []string{"child protection", "education", "water and sanitation"}},
	{UNEntity: "UNDP", Name: "Rafael Ortiz", Title: "Civil Society Liaison Officer", Email: "rafael.ortiz@undp.example",
		Phone: "+1 212 555 0102", Topics: []string{"poverty eradication", "governance", "SDG implementation"}},
	{UNEntity: "UNHCR", Name: "Leila Haddad", Title: "NGO Liaison Officer", Email: "leila.haddad@unhcr.example",
		Phone: "+41 22 555 01 03", Topics: []string{"refugee protection", "humanitarian response"}},
	{UNEntity: "UN Women", Name: "Grace Mensah", Title: "Civil Society Section Officer", Email: "grace.mensah@unwomen.example",
		Phone: "+1 646 555 0104", Topics: []string{"gender equality", "women's leadership", "gender-based violence"}},
	{UNEntity: "UNOG", Name: "Claire Dubois", Title: "NGO Liaison Officer", Email: "claire.dubois@ungeneva.example",
		Phone: "+41 22 555 01 05", Topics: []string{"grounds passes", "meeting access", "Human Rights Council"}},
	{UNEntity: "UNOG", Name: "Tomás Herrera", Title: "Civil Society Outreach Assistant", Email: "tomas.herrera@ungeneva.example",
		Topics: []string{"SDG Mapping", "side events"}},
}

// ngos are a dozen fictional but realistic NGOs across regions and goals. Websites and e-mail use
// reserved example domains.
var ngos = []domain.Organization{
	{Name: "Sahel Water Alliance", Acronym: "SWA", Country: "SN", SDGs: []int{6, 13},
		Address: domain.Address{Street: "Rue 10, Point E", City: "Dakar", Country: "SN"},
		Website: "https://sahelwater.example.org", Email: "contact@sahelwater.example.org", FoundedOn: domain.Date{Year: 2009, Month: 3},
		Description: "Builds and maintains safe water points for rural schools across the Sahel and trains village water committees.",
		Languages:   []string{"fr", "en"}, PolicyIssues: []string{"water and sanitation", "climate adaptation"}},
	{Name: "Andean Women's Leadership Network", Acronym: "AWLN", Country: "PE", SDGs: []int{5, 10},
		Address: domain.Address{Street: "Av. Arequipa 1200", City: "Lima", Country: "PE"},
		Website: "https://andeanwomen.example.org", FoundedOn: domain.Date{Year: 2001},
		Description: "Trains indigenous and rural women in the Andes to stand for local office and negotiate with authorities.",
		Languages:   []string{"es", "qu"}, PolicyIssues: []string{"women's leadership", "indigenous peoples"}},
	{Name: "Mekong Youth for Climate", Country: "VN", SDGs: []int{13, 4},
		Address: domain.Address{City: "Can Tho", Country: "VN"},
		Website: "https://mekongyouth.example.org", FoundedOn: domain.Date{Year: 2016, Month: 9, Day: 21},
		Description: "A youth-led network monitoring salt intrusion in the Mekong Delta and teaching climate literacy in schools.",
		Languages:   []string{"vi", "en"}, PolicyIssues: []string{"youth engagement", "climate change"}},
	{Name: "Nordic Digital Rights Forum", Acronym: "NDRF", Country: "NO", SDGs: []int{16, 9},
		Address: domain.Address{Street: "Storgata 5", City: "Oslo", PostalCode: "0155", Country: "NO"},
		Website: "https://digitalrights.example.no", Email: "post@digitalrights.example.no", FoundedOn: domain.Date{Year: 2012},
		Description: "Researches and advocates for privacy, freedom of expression online and accountable public algorithms.",
		Languages:   []string{"no", "en"}, PolicyIssues: []string{"digital rights", "freedom of expression"}},
	{Name: "Kenya Community Health Collective", Acronym: "KCHC", Country: "KE", SDGs: []int{3, 1},
		Address: domain.Address{Street: "Ngong Road", City: "Nairobi", Country: "KE"},
		Website: "https://kchc.example.org", FoundedOn: domain.Date{Year: 2005, Month: 6},
		Description: "Supports community health volunteers in informal settlements with training, supplies and mobile reporting tools.",
		Languages:   []string{"en", "sw"}, PolicyIssues: []string{"primary health care"}},
	{Name: "Pacific Islands Ocean Guardians", Country: "FJ", SDGs: []int{14, 13},
		Address: domain.Address{City: "Suva", Country: "FJ"},
		Website: "https://oceanguardians.example.org", FoundedOn: domain.Date{Year: 2014},
		Description: "Community-managed marine areas and reef monitoring with fishing villages across Fiji, Samoa and Tonga.",
		Languages:   []string{"en", "fj"}, PolicyIssues: []string{"ocean conservation", "climate change"}},
	{Name: "Geneva Centre for Multilingual Access", Acronym: "GCMA", Country: "CH", SDGs: []int{16, 10, 4},
		Address: domain.Address{Street: "Rue de Lausanne 20", City: "Geneva", PostalCode: "1201", Country: "CH"},
		Website: "https://multilingual-access.example.ch", Email: "info@multilingual-access.example.ch", FoundedOn: domain.Date{Year: 2010},
		Description: "Monitors multilingual access to public meeting records and advocates for interpretation and accessible documents in intergovernmental meetings.",
		Languages:   []string{"fr", "en", "es"}, PolicyIssues: []string{"multilingualism", "digital accessibility"}},
	{Name: "Swiss Peacebuilding Platform for Civil Society", Country: "CH", SDGs: []int{16, 17},
		Address: domain.Address{Street: "Sonnenbergstrasse 17", City: "Bern", PostalCode: "3013", Country: "CH"},
		Website: "https://peacebuilding.example.ch", FoundedOn: domain.Date{Year: 2001, Month: 11},
		Description: "Connects Swiss NGOs, academia and mediators working on conflict prevention and dialogue, and hosts training on digital tools in mediation.",
		Languages:   []string{"de", "fr", "en"}, PolicyIssues: []string{"peacebuilding", "mediation"}},
	{Name: "Balkan Roma Education Initiative", Acronym: "BREI", Country: "RS", SDGs: []int{4, 10},
		Address: domain.Address{City: "Belgrade", Country: "RS"},
		Website: "https://roma-education.example.org", FoundedOn: domain.Date{Year: 2008},
		Description: "Scholarships, mentoring and after-school support so Roma children in the Western Balkans finish secondary school.",
		Languages:   []string{"sr", "en"}, PolicyIssues: []string{"inclusive education"}},
	{Name: "Arab Network for Food Security", Acronym: "ANFS", Country: "JO", SDGs: []int{2, 12},
		Address: domain.Address{City: "Amman", Country: "JO"},
		Website: "https://arabfood.example.org", FoundedOn: domain.Date{Year: 2011},
		Description: "A regional network of farmers' associations and researchers working on food security, water-saving agriculture and food waste.",
		Languages:   []string{"ar", "en"}, PolicyIssues: []string{"food security"}},
	{Name: "Bangladesh Flood Resilience Trust", Country: "BD", SDGs: []int{11, 13, 1},
		Address: domain.Address{City: "Sylhet", Country: "BD"},
		Website: "https://floodresilience.example.org", FoundedOn: domain.Date{Year: 1999},
		Description: "Early warning, raised homesteads and emergency cash transfers for households in flood-prone districts.",
		Languages:   []string{"bn", "en"}, PolicyIssues: []string{"disaster risk reduction", "humanitarian response"}},
	{Name: "Canadian Coalition for Accessible Cities", Country: "CA", SDGs: []int{11, 10},
		Address: domain.Address{City: "Montreal", Country: "CA"},
		Website: "https://accessiblecities.example.ca", FoundedOn: domain.Date{Year: 2018},
		Description: "Persons with disabilities and urban planners working together on accessible transport, housing and public information.",
		Languages:   []string{"en", "fr"}, PolicyIssues: []string{"disability inclusion", "digital accessibility"}},
}

// partnership ties a demo NGO (by name) to a UN entity.
type partnership struct {
	org string
	domain.Partnership
}

var partnerships = []partnership{
	{"Sahel Water Alliance", domain.Partnership{UNEntity: "UNICEF", Title: "Safe water for schools in the Sahel", SDGs: []int{6, 4},
		StartDate: domain.Date{Year: 2023, Month: 1, Day: 15}, EndDate: domain.Date{Year: 2026, Month: 12, Day: 31},
		Description: "Water points and hygiene clubs in 120 rural schools."}},
	{"Mekong Youth for Climate", domain.Partnership{UNEntity: "UNDP", Title: "Youth climate monitors in the Mekong Delta", SDGs: []int{13},
		StartDate: domain.Date{Year: 2024, Month: 4, Day: 1}}},
	{"Andean Women's Leadership Network", domain.Partnership{UNEntity: "UN Women", Title: "Women in local office", SDGs: []int{5},
		StartDate: domain.Date{Year: 2022, Month: 3, Day: 8}, EndDate: domain.Date{Year: 2025, Month: 3, Day: 7}}},
	{"Geneva Centre for Multilingual Access", domain.Partnership{UNEntity: "UNOG", Title: "Accessible meeting records", SDGs: []int{16},
		StartDate: domain.Date{Year: 2025, Month: 9, Day: 1}, Description: "Captioning and multilingual summaries of public meetings."}},
}

// memberships places demo NGOs in committees, by name.
var memberships = map[string][]string{
	"NGO Committee for Africa":                                    {"Sahel Water Alliance", "Kenya Community Health Collective"},
	"NGO Committee on the Status of Women":                        {"Andean Women's Leadership Network"},
	"NGO Committee on Youth":                                      {"Mekong Youth for Climate"},
	"NGO Committee on Climate Change and Sustainable Development": {"Mekong Youth for Climate", "Pacific Islands Ocean Guardians", "Bangladesh Flood Resilience Trust"},
	"NGO Committee on Human Rights":                               {"Nordic Digital Rights Forum", "Geneva Centre for Multilingual Access"},
	"NGO Committee on Peacebuilding and Humanitarian Response":    {"Swiss Peacebuilding Platform for Civil Society"},
}
