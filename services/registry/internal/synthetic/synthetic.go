// Package synthetic makes up plausible organizations in any number, for benchmarks and load
// tests: the same seed always gives the same directory, so results are comparable between runs and
// between databases.
package synthetic

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

var (
	places = strings.Fields(`Geneva Nairobi Dakar Lima Hanoi Oslo Suva Amman Dhaka Montreal Bogota Manila Accra Kampala
		Lusaka Harare Tunis Rabat Beirut Yerevan Tbilisi Almaty Kathmandu Colombo Jakarta Bangkok Ulaanbaatar Quito
		LaPaz Asuncion Montevideo Santiago Havana Kingston Apia Port-Vila Nuku'alofa Bamako Niamey Ouagadougou Kigali
		Goma Juba Addis Asmara Mogadishu Windhoek Gaborone Maputo Antananarivo Vienna Bern Lyon Turin Krakow Sarajevo
		Tirana Chisinau Kyiv Riga Vilnius Tallinn Dublin Glasgow Cardiff Leipzig Porto Seville Marseille Athens Izmir
		Karachi Lahore Chennai Pune Dhaka Yangon Phnom-Penh Vientiane Cebu Davao Recife Belem Manaus Cusco Oaxaca`)
	themes = []string{"Water", "Health", "Education", "Climate", "Women's Rights", "Youth", "Human Rights",
		"Food Security", "Peacebuilding", "Digital Rights", "Disability Inclusion", "Ocean", "Forest", "Refugee",
		"Housing", "Labour", "Migration", "Energy", "Literacy", "Indigenous Peoples", "Child Protection",
		"Accountability", "Media Freedom", "Mental Health", "Sanitation", "Agroecology", "Urban Resilience"}
	kinds = []string{"Network", "Alliance", "Foundation", "Collective", "Initiative", "Association", "Council",
		"Centre", "Trust", "Forum", "Coalition", "Institute", "Society", "Platform", "Federation"}
	verbs = []string{"Monitors", "Supports", "Trains", "Campaigns for", "Researches", "Funds", "Documents",
		"Coordinates", "Advocates for", "Builds"}
	objects = []string{"access to safe water", "community health workers", "girls' secondary education",
		"climate adaptation in farming villages", "women's participation in local government", "youth employment",
		"independent journalism", "multilingual access to public meeting records", "refugee legal aid",
		"disaster early warning", "reef and mangrove restoration", "accessible public transport",
		"land rights of indigenous communities", "open government data", "school meals", "mental health services",
		"renewable energy cooperatives", "decent work in supply chains", "mediation and dialogue", "digital literacy"}
	countries = strings.Fields(`CH KE SN PE VN NO FJ JO BD CA CO PH GH UG ZM ZW TN MA LB AM GE KZ NP LK ID TH MN EC BO
		PY UY CL CU JM WS VU TO ML NE BF RW CD SS ET ER SO NA BW MZ MG AT FR IT PL BA AL MD UA LV LT EE IE GB DE PT ES
		GR TR PK IN MM KH LA BR MX US`)
	languages = []string{"en", "fr", "es", "ar", "ru", "zh", "pt", "sw"}
)

// Organizations returns n organizations made up from seed, each unique by name, created and
// updated at different moments before now.
func Organizations(seed uint64, n int, now time.Time) []domain.Organization {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]domain.Organization, n)
	taken := make(map[string]bool, n)
	for i := range n {
		place, theme, kind := pick(r, places), pick(r, themes), pick(r, kinds)
		name := fmt.Sprintf("%s %s %s", place, theme, kind)
		if taken[name] {
			name = fmt.Sprintf("%s %d", name, i)
		}
		taken[name] = true
		sdgs := goals(r)
		created := now.Add(-time.Duration(r.Int64N(int64(10 * 365 * 24 * time.Hour)))).Truncate(time.Microsecond)
		updated := created.Add(time.Duration(r.Int64N(int64(now.Sub(created)) + 1))).Truncate(time.Microsecond)
		o := domain.Organization{
			ID:               domain.NewID("org", created),
			Name:             name,
			StakeholderGroup: domain.StakeholderGroup(1 + r.IntN(6)),
			Country:          pick(r, countries),
			Website:          fmt.Sprintf("https://org%d.example.org", i),
			Description: fmt.Sprintf("%s %s in %s. Works with %s partners on %s.", pick(r, verbs), pick(r, objects), place,
				strings.ToLower(pick(r, themes)), pick(r, objects)),
			FoundedOn:  domain.Date{Year: 1950 + r.IntN(70)},
			SDGs:       sdgs,
			Languages:  []string{pick(r, languages)},
			Status:     status(r),
			CreatedBy:  "synthetic",
			CreateTime: created,
			UpdateTime: updated,
			Revision:   1,
		}
		o.Address = domain.Address{City: place, Country: o.Country}
		out[i] = o
	}
	return out
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// goals picks one to three distinct SDGs.
func goals(r *rand.Rand) []int {
	perm := r.Perm(17)
	n := 1 + r.IntN(3)
	out := make([]int, n)
	for i := range n {
		out[i] = perm[i] + 1
	}
	return out
}

// status gives about one organization in five a consultative status, as in the real directory
// where most profiles have none.
func status(r *rand.Rand) domain.ConsultativeStatus {
	switch x := r.IntN(100); {
	case x < 2:
		return domain.ConsultativeStatus{Category: domain.CategoryGeneral, State: domain.StatusActive}
	case x < 14:
		return domain.ConsultativeStatus{Category: domain.CategorySpecial, State: domain.StatusActive}
	case x < 18:
		return domain.ConsultativeStatus{Category: domain.CategoryRoster, State: domain.StatusActive}
	case x < 20:
		return domain.ConsultativeStatus{Category: domain.CategorySpecial, State: domain.StatusSuspended}
	default:
		return domain.NoStatus
	}
}
