package app

import (
	"context"

	"github.com/un-liaison/liaison/services/events/internal/domain"
)

// ParticipationReport counts an event's participants by stakeholder group, country and status
// category. Facts that cannot be had right now leave their organizations in the "not known"
// rows rather than failing the whole report.
func (s *Service) ParticipationReport(ctx context.Context, eventID string) (domain.ParticipationReport, error) {
	if _, err := s.store.GetEvent(ctx, eventID); err != nil {
		return domain.ParticipationReport{}, err
	}
	counts, err := s.store.ParticipationCounts(ctx, eventID)
	if err != nil {
		return domain.ParticipationReport{}, err
	}
	var ids []string
	seen := map[string]bool{}
	for _, c := range counts {
		if !seen[c.OrganizationID] {
			seen[c.OrganizationID] = true
			ids = append(ids, c.OrganizationID)
		}
	}
	facts := map[string]domain.OrganizationFacts{}
	if s.orgs != nil && len(ids) > 0 {
		if f, err := s.orgs.OrganizationFacts(ctx, ids); err == nil {
			facts = f
		}
	}
	for _, id := range ids {
		f := facts[id]
		f.StatusCategory = "NONE"
		if st, err := s.status.ConsultativeStatus(ctx, id); err == nil && st.Active() {
			f.StatusCategory = categoryKey(st.Category)
		}
		facts[id] = f
	}
	return domain.BuildParticipationReport(eventID, s.clock.Now(), counts, facts), nil
}

func categoryKey(c domain.StatusCategory) string {
	switch c {
	case domain.CategoryGeneral:
		return "CATEGORY_GENERAL"
	case domain.CategorySpecial:
		return "CATEGORY_SPECIAL"
	case domain.CategoryRoster:
		return "CATEGORY_ROSTER"
	}
	return "NONE"
}
