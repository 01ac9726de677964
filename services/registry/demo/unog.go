package demo

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// unogProfile is the UN Office at Geneva's profile as published in the UN's own directory.
//
//go:embed seeds/unog-profile.txt
var unogProfile string

// policyHeadings are the section titles of the profile's "Digital policy issues" part; they become
// the profile's policy issues.
var policyHeadings = []string{"Sustainable development", "Capacity development", "Future of meetings"}

// UNOG reads the seed profile: its name (first line), labelled header lines, the text as the
// description and the social media channels listed at the end.
func UNOG() (domain.Organization, error) {
	lines := strings.Split(strings.ReplaceAll(unogProfile, "\r\n", "\n"), "\n")
	o := domain.Organization{Name: strings.TrimSpace(lines[0]), Country: "CH", SDGs: []int{4, 16, 17},
		Languages: []string{"en", "fr"}, PolicyIssues: []string{"digital accessibility", "multilingualism"}}
	var body []string
	inSocial := false
	for _, line := range lines[1:] {
		line = strings.TrimSpace(line)
		label, value, labelled := strings.Cut(line, ": ")
		switch {
		case line == "":
		case labelled && label == "Acronym":
			o.Acronym = value
		case labelled && label == "Website":
			o.Website = value
		case labelled && label == "Address":
			o.Address = parseAddress(value)
		case labelled && label == "Stakeholder group":
			if value != "International and regional organisations" {
				return o, fmt.Errorf("unog seed: unexpected stakeholder group %q", value)
			}
			o.StakeholderGroup = domain.StakeholderInternationalOrganization
		case line == "Social media channels":
			inSocial = true
		case inSocial:
			platform, handle, _ := strings.Cut(line, " ")
			o.SocialMedia = append(o.SocialMedia, domain.SocialMediaAccount{Platform: platform, Handle: handle})
		default:
			body = append(body, line)
		}
	}
	for _, h := range policyHeadings {
		o.PolicyIssues = append(o.PolicyIssues, strings.ToLower(h))
	}
	o.Description = strings.Join(body, "\n\n")
	return o, nil
}

// parseAddress reads "Palais des Nations, 1211 Geneva, Switzerland".
func parseAddress(s string) domain.Address {
	parts := strings.Split(s, ", ")
	a := domain.Address{Country: "CH"}
	if len(parts) > 0 {
		a.Street = parts[0]
	}
	if len(parts) > 1 {
		code, city, ok := strings.Cut(parts[1], " ")
		if ok {
			a.PostalCode, a.City = code, city
		} else {
			a.City = parts[1]
		}
	}
	return a
}
