package demo

// This file is the demo calendar: every event of the seed "Digital technology-related events
// during the High-level segment of the 76th Session of the UN General Assembly"
// (seeds/unga76-digital-side-events.txt), plus its "Key events, 2021" that carry a date.
//
// Times are copied as the seed states them, in local wall-clock time with an abbreviation, and
// each abbreviation is resolved to an IANA zone from who organizes the event and where:
//
//   - "ET" is US Eastern Time. Every ET entry is a side event of the General Assembly's
//     high-level week at UN Headquarters in New York, so the zone is America/New_York; in
//     September 2021 New York kept daylight time, so 09:00 ET is 13:00 UTC (UTC-4). The zone
//     database, not a fixed offset, does that arithmetic.
//   - "AST" names two unrelated offsets: Atlantic Standard Time (UTC-4: Puerto Rico, the eastern
//     Caribbean, Atlantic Canada) and Arabia Standard Time (UTC+3: the Gulf states, Iraq). The
//     one AST entry is organized by the UNEP West Asia Region, whose regional office is in
//     Manama, Bahrain, so it is Arabia Standard Time: Asia/Bahrain (UTC+3, no daylight time).
//   - "CEST" is Central European Summer Time (UTC+2). The one CEST entry is organized by the
//     United Nations Institute for Disarmament Research, which sits in Geneva, so the zone is
//     Europe/Zurich (Geneva's zone); on 30 September 2021 it kept summer time, so 14:00 CEST is
//     12:00 UTC.
//
// Entries without hours (the UNESCO forum; the 2021 key events) are entered as whole local days
// in the zone of the organizer or host (see each Why), spanning every day named, because the
// seed gives no hours to make up. An entry with hours on several days ("15-16 September,
// 10:00-14:00") becomes one event per day at those hours (its key and title then carry the day),
// as the contract asks, so calendars show the hours it really meets.

// entry is one seed line. Key is the stable natural key (it makes loading idempotent); Days are
// local dates (with hours: every day it meets; without: the first and last day); From/To local
// times ("" for whole days); Zone the IANA zone the abbreviation resolves to, and Why the reason.
type entry struct {
	Key         string
	Title       string
	Kind        string // meeting, side-event, conference
	Days        []string
	From, To    string
	Stated      string // the abbreviation as the seed states it, "" when the seed gives no hours
	Zone        string
	Why         string
	Organizers  []string
	Venue       string
	Description string
	Parent      string // Key of the meeting it is held around
}

const (
	newYork = "America/New_York"
	etWhy   = "ET: a side event of the UNGA high-level week at UN Headquarters, New York"
)

// highLevelWeek is the meeting the seed's side events are held around. The seed names the
// "High-level segment of the 76th Session"; the dates are the week of the general debate (which
// opened on Tuesday 21 September 2021) with the SDG Moment on Monday 20 September.
var highLevelWeek = entry{
	Key: "unga76-high-level-week", Kind: "meeting",
	Title: "General Assembly, 76th session: high-level week",
	Days:  []string{"2021-09-20", "2021-09-27"}, Zone: newYork,
	Why:         "held at UN Headquarters, New York; whole days from the first to the last",
	Organizers:  []string{"United Nations General Assembly"},
	Venue:       "United Nations Headquarters, New York",
	Description: "The high-level segment of the 76th session of the General Assembly, around which the digital side events of this calendar were held.",
}

var stiForum2021 = entry{
	Key: "sti-forum-2021", Kind: "meeting",
	Title: "Multi-stakeholder Forum on Science, Technology and Innovation for the SDGs (STI Forum) 2021",
	Days:  []string{"2021-05-04", "2021-05-05"}, Zone: newYork,
	Why:         "no hours in the seed; convened by the UN at Headquarters, New York (held online in 2021)",
	Organizers:  []string{"UN Department of Economic and Social Affairs"},
	Description: "The annual STI Forum, around which the 2021 side-event on digital cooperation was held.",
}

var seedEvents = []entry{
	{
		// "15-16 September, 10:00-14:00 (AST)": one event per day at those hours.
		Key: "unga76-digital-transformation-environment", Kind: "conference",
		Title: "Digital Transformation Conference for Environmental Sustainability",
		Days:  []string{"2021-09-15", "2021-09-16"}, From: "10:00", To: "14:00", Stated: "AST", Zone: "Asia/Bahrain",
		Why:         "AST here is Arabia Standard Time (UTC+3): organized by UNEP West Asia, whose office is in Manama, Bahrain",
		Organizers:  []string{"UNEP West Asia Region"},
		Description: "In this conference, a wide range of stakeholders will discuss clean technologies, digital tools and applications that can be adopted in the West Asia region with the goal of tackling the three planetary crises – climate change, biodiversity loss and pollution - and making use of the best scientific and technological innovations to address pressing global and regional environmental challenges at speed, scale and impact.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-broadband-commission-fall-2021", Kind: "side-event",
		Title: "The Broadband Commission Annual Fall Session 2021",
		Days:  []string{"2021-09-19"}, From: "09:00", To: "12:30", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"International Telecommunication Union"},
		Description: "At the meeting, entitled “People-centered Approaches to Universal Broadband”, Commissioners will discuss the road ahead in digital cooperation, examining role of strong partnerships, new business models, frontier technologies and collaborative policy and financing approaches in making it worth the risk to unleash the power of connectivity for all and accelerate investments in the digital transformation process for the new normal.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-road-to-addis-partner2connect", Kind: "side-event",
		Title: "Road to Addis: Partner2Connect Meeting",
		Days:  []string{"2021-09-20"}, From: "08:30", To: "11:30", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"International Telecommunication Union"},
		Description: "The event will present the key takeaways and the future of the Road to Addis series, including the launch of the Partner2Connect Digital Coalition, as well as the kick-off of its preparatory work. During the event, the LDC’s Connectivity Report will also be launched.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-reimagining-education-africa", Kind: "side-event",
		Title: "Reimagining Education in Africa",
		Days:  []string{"2021-09-20"}, From: "09:00", To: "10:30", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"African Union Commission", "UNICEF"},
		Description: "The meeting is expected to present key recommendations and a call to action for ‘Reimagining Education in Africa’ to be taken forward to the education ministerial meeting, the STC-ESTI, that is scheduled later in 2021. The event will be livestreamed.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-change-the-face", Kind: "side-event",
		Title: "Change the Face - Accelerating Diversity and Inclusion in the Tech Sector",
		Days:  []string{"2021-09-21"}, From: "12:30", To: "13:30", Stated: "ET", Zone: newYork, Why: etWhy + " (in person at SohoWorks, New York)",
		Organizers:  []string{"Vodafone Group", "members of the #ChangeTheFace alliance"},
		Venue:       "SohoWorks, 875 Washington St, New York 10014, USA (and online)",
		Description: "Vodafone Group is hosting the official launch event of the #ChangeTheFace alliance; an industry-wide initiative calling on changemakers to join and take action to increase diversity and equality in the tech sector. This new industry leading alliance will collaborate on common initiatives, share knowledge, information and best practice, to help the wider industry to create a long lasting and meaningful change in Tech.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-future-proof-2030", Kind: "side-event",
		Title: "Let's future-proof 2030 success",
		Days:  []string{"2021-09-21"}, From: "13:00", To: "14:00", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"Facebook"},
		Description: "Join the conversation to hear from leading experts on how we can set a new gold standard for measurement success to hold ourselves accountable as we march towards achieving the Sustainable Development Goals (SDGs) in 2030 in a smarter way.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-unmute-civil-society", Kind: "side-event",
		Title: "UnMute Civil Society Dialogue",
		Days:  []string{"2021-09-22"}, From: "10:00", To: "11:00", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"The Permanent mission of Denmark to the UN", "The Permanent mission of Costa Rica to the UN", "Global Focus", "Action 4 Sustainable Development"},
		Description: "This interactive high-level event will gather high-level representatives from government and perspectives from human rights defenders and civil society to discuss how to take forward the recommendations to open space for meaningful civil society participation online and in person at the United Nations.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-private-sector-human-dignity-online", Kind: "side-event",
		Title: "New and Emerging Technologies: Private Sector Responsibilities to Promote Human Dignity Online",
		Days:  []string{"2021-09-22"}, From: "11:00", To: "12:15", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"Access Now", "ICNL", "ISHR", "OHCHR"},
		Description: "The event aims to clarify the application of the UN Guiding Principles on Business and Human Rights to new and emerging technology and the tech sector’s impacts on the rights to freedom of expression, movement, association, and assembly. Speakers will explore how initiatives like the Secretary-General’s Roadmap for Digital Cooperation and upcoming summits on democracy and technology can affirm and bolster respect for the dignity of communities at risk of vulnerability and marginalization.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-digital-inclusion-older-persons", Kind: "side-event",
		Title: "Overcoming barriers to digital inclusion for older persons",
		Days:  []string{"2021-09-22"}, From: "13:00", To: "14:00", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"Devex", "American Association of Retired Persons"},
		Description: "The meeting will explore how to advance digital equity and inclusion by looking at solutions to close existing gaps among different user groups, particularly older persons. The event will also look at the key role of multi-stakeholder platforms in advancing the Secretary-General’s Roadmap for Digital Cooperation and their role in harnessing expertise and knowledge sharing from across sectors.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-women-economic-recovery", Kind: "side-event",
		Title: "Unlocking women’s potential for economic recovery",
		Days:  []string{"2021-09-22"}, From: "13:00", To: "14:00", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"Facebook"},
		Description: "Join Sheryl Sandberg, COO of Facebook, and other distinguished women's empowerment advocates to learn more and recognize the many women, organizations, and governments who work tirelessly to support women’s economic inclusion. This work supports SDG 8, a global call for decent work and economic growth, and SDG 5, to achieve gender equality and empower all women and girls.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-open-software-open-culture", Kind: "side-event",
		Title: "From Open Software to Open Culture",
		Days:  []string{"2021-09-23"}, From: "09:00", To: "10:30", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"Digital Public Goods Alliance", "UN Office of Information and Communications Technology", "Office of the Envoy on Technology"},
		Description: "The objective of this event is to explore the potential of open source technologies in the work of the United Nations, particularly to help exemplify and develop new ideas on how open source can be used as test bed for co-creating new solutions to global challenges.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-securing-digital-future", Kind: "side-event",
		Title: "Securing our Digital Future",
		Days:  []string{"2021-09-23"}, From: "10:00", To: "11:00", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"Foreign Policy", "Microsoft"},
		Description: "At the event, a report on the economic, social, and geopolitical implications of escalating cybersecurity threats and the urgent need for international collaboration to combat them will be unveiled. The special report, Securing Our Digital Future, explores the dangers posed by rising cyber threats from both state and non-state actors—and the cost of inaction.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-inclusive-digital-age", Kind: "side-event",
		Title: "Shaping an inclusive digital age",
		Days:  []string{"2021-09-23"}, From: "10:00", To: "11:00", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"Digital Cooperation Organization"},
		Description: "The event is intended to acquaint UN member states with members of the Digital Cooperation Organization (DCO), DCO strategic initiatives, and with the progress and future goals of the Digital Cooperation Organization.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-business-climate-action", Kind: "side-event",
		Title: "A business perspective on Climate Action",
		Days:  []string{"2021-09-24"}, From: "14:00", To: "15:30", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"Global Enabling Sustainability Initiative (GeSI)", "ITU"},
		Description: "New business models involving the fast deployment of new technologies and innovation are poised to benefit both society and the health of our planet. How will governments and business leaders partner to ensure regulation neither creates unnecessary burdens nor unintended consequences that could impair such progress?",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-transparency-counter-disinformation", Kind: "side-event",
		Title: "Promoting Transparency to Counter Disinformation and Build Trust",
		Days:  []string{"2021-09-27"}, From: "08:00", To: "09:30", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"Office of the Envoy on Technology", "UN Department of Global Communications", "UN Global Pulse", "UNDP", "UNESCO", "WHO"},
		Description: "This follow-up side session to the 2020 UNGA aims to listen to Member States, civil society organizations, and companies to learn about the biggest challenges they face in countering disinformation while upholding freedom of expression, and identify solutions for improved cross-collaboration. It will highlight key learnings, shared considerations, best practices, and recommendations that emerged out of the inter-agency work (throughout the UN system) over the past 12 months.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-open-software-open-society", Kind: "side-event",
		Title: "From Open Software to Open Society",
		Days:  []string{"2021-09-29"}, From: "08:00", To: "09:30", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"Digital Public Goods Alliance", "UNDP", "Office of the Envoy on Technology"},
		Description: "This session will explore the practical strategies Member States are using to leverage the potential of open source and digital public goods to accelerate inclusive digital and social transformation especially in the context of COVID-19 adaptation and recovery.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-inclusive-digital-transformation-ldcs", Kind: "side-event",
		// The seed's "includisve" is a typo in the source page; the title is given as meant.
		Title: "Setting priorities for an inclusive digital transformation in Least developed countries",
		Days:  []string{"2021-09-29"}, From: "08:30", To: "09:30", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"UNCDF"},
		Description: "This event will see the launch of the Inclusive Digital Economies Scorecard (IDES), developed by UNCDF in partnership with UNDP, UN-DESA, GSMA, UNCTAD and the EU, in support of digital transformation in Least developed countries (LDCs).",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-cybercrime-cooperation-dialogue", Kind: "side-event",
		Title: "Multi-Stakeholder Dialogue: Enhancing International Cooperation Mechanisms For Cybercrime And Cyberterrorism Investigations",
		Days:  []string{"2021-09-30"}, From: "14:00", To: "17:30", Stated: "CEST", Zone: "Europe/Zurich",
		Why:         "CEST (UTC+2): organized by the UN Institute for Disarmament Research, which sits in Geneva",
		Organizers:  []string{"United Nations Institute for Disarmament Research"},
		Description: "This Multi-stakeholder Dialogue aims to discuss limits, operational challenges, and rooms for improvements of existing formal and informal mechanisms of international cooperation in the field of cybercrime and cyberterrorism cooperation, especially looking at information exchange and collecting digital evidence.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-investing-inclusive-digitalisation", Kind: "side-event",
		Title: "Investing in inclusive digitalisation: a government and investor roundtable",
		Days:  []string{"2021-09-30"}, From: "08:00", To: "09:30", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"World Benchmarking Alliance"},
		Description: "This 90-minute roundtable will bring together governments and investors to discuss how they can leverage common interests in addressing digital development challenges, some of which are highlighted in WBA’s benchmark results to enhance digital cooperation, drive digital inclusion, and accelerate the achievement of SDGs for the Decade of Action.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-innovating-food-loss-waste", Kind: "side-event",
		Title: "Innovating against food loss and waste",
		Days:  []string{"2021-09-30"}, From: "09:00", To: "10:30", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"International Telecommunication Union", "Food and Agriculture Organization", "Mission of Andorra", "Mission of San Marino"},
		Description: "This year, the International Day of Awareness of Food Loss and Waste will make a call for public and non-state actors to prioritize actions and redouble efforts to use innovation to reduce food loss and waste, restoring and building back better more efficient, inclusive, sustainable and resilient agri-food systems.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-hate-speech-education-forum", Kind: "conference",
		Title: "Global Multi-stakeholder Forum on addressing hate speech through education",
		Days:  []string{"2021-09-30", "2021-10-01"}, Zone: "Europe/Paris",
		Why:         "no hours in the seed: entered as the two whole days in the zone of UNESCO's headquarters in Paris, the lead organizer",
		Organizers:  []string{"UNESCO", "UN Office on the Prevention of Genocide"},
		Description: "The Forum is part of the implementation of the United Nations Strategy and Plan of Action on Hate speech and will serve to provide inputs for the upcoming \"Global Education Ministers Conference on addressing hate speech through education\" due to take place on 26 October 2021.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-unidop-digital-equity", Kind: "side-event",
		Title: "UN International Day of Older Persons (UNIDOP): Digital Equity for All Ages",
		Days:  []string{"2021-10-01"}, From: "10:00", To: "11:30", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"American Association of Retired Persons", "UN Department of Economic and Social Affairs", "Office of the Envoy on Technology"},
		Description: "The International Day of Older Persons 2021 will provide a platform for multistakeholder dialogue and serve as a call to action. The #UNIDOP2021 will adopt a person centered, human rights approach to ensure digital equity including adequate policies, access, digital literacy and safety for individuals of all ages.",
		Parent:      highLevelWeek.Key,
	},
	{
		Key: "unga76-child-sexual-exploitation-online", Kind: "side-event",
		Title: "Child Sexual Exploitation Online",
		Days:  []string{"2021-10-05"}, From: "11:00", To: "12:30", Stated: "ET", Zone: newYork, Why: etWhy,
		Organizers:  []string{"Permanent Mission of the United Arab Emirates to the UN", "UNICRI", "UNICEF"},
		Description: "The event will provide an opportunity to further understand the new face of the menace of online sexual exploitation of children and will explore avenues to fight it with the help of artificial intelligence.",
		Parent:      highLevelWeek.Key,
	},

	// Key events, 2021 (the seed gives dates, not hours).
	{
		Key: "key-2021-rightscon-10th-anniversary", Kind: "conference",
		Title: "10th Anniversary of RightsCon",
		Days:  []string{"2021-06-07", "2021-06-11"}, Zone: "UTC",
		Why:         "no hours in the seed; RightsCon 2021 was held online for participants in every time zone, so its days are taken in UTC",
		Organizers:  []string{"Access Now"},
		Description: "RightsCon was an important opportunity for the Office of the Envoy on Technology to engage with civil society stakeholders and partners. At a community labs session, the Office, together with the Governments of Canada and of Mexico, and UN Women gathered feedback on the definition of 'digital inclusion' and the related framework for metrics drafted by the Digital Inclusion Roundtable. At RightsCon, 9 United Nations Special Rapporteurs released a joint statement in which they underscored that digital rights are a 'top priority' for rebuilding civic space as part of COVID19 recovery.",
	},
	{
		Key: "key-2021-sti-forum-digital-cooperation", Kind: "side-event",
		Title: "2021 STI Forum side-event: Digital Cooperation to Leave No One Behind: Implementing the Secretary-General’s Roadmap",
		Days:  []string{"2021-05-04"}, Zone: newYork,
		Why:         "no hours in the seed; a side event of the STI Forum, convened at UN Headquarters, New York",
		Organizers:  []string{"Office of the Envoy on Technology"},
		Description: "A side event of the 2021 STI Forum on implementing the Secretary-General’s Roadmap for Digital Cooperation.",
		Parent:      stiForum2021.Key,
	},
	{
		Key: "key-2021-ga-thematic-debate-digital-cooperation", Kind: "meeting",
		Title: "General Assembly's High-level Thematic Debate on Digital Cooperation and Connectivity",
		Days:  []string{"2021-04-27"}, Zone: newYork,
		Why:         "no hours in the seed; a General Assembly meeting at UN Headquarters, New York",
		Organizers:  []string{"President of the General Assembly"},
		Description: "High-level thematic debate of the General Assembly on digital cooperation and connectivity.",
	},
	{
		Key: "key-2021-codes-launch", Kind: "meeting",
		Title: "Launch of the Coalition for Digital Environmental Sustainability (CODES)",
		Days:  []string{"2021-03-24"}, Zone: "UTC",
		Why:         "no hours in the seed; an online launch with partners on several continents, so its day is taken in UTC",
		Organizers:  []string{"Coalition for Digital Environmental Sustainability (CODES)"},
		Description: "Coalition for Digital Environment Sustainability (CODES): Launch Event.",
	},
}
