package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

func (r *run) load(ctx context.Context, orgs directory) error {
	r.orgs = directory{}
	for _, p := range plans {
		if o, ok := orgs[p.org]; ok {
			r.orgs[p.org] = o
		}
	}
	r.apps = map[string]domain.Application{}
	plan := map[string]plan{}
	for _, p := range plans {
		plan[p.org] = p
	}
	const (
		sahel, andean, kenya, nordic = "Sahel Water Alliance", "Andean Women's Leadership Network", "Kenya Community Health Collective", "Nordic Digital Rights Forum"
		mekong, pacific, geneva      = "Mekong Youth for Climate", "Pacific Islands Ocean Guardians", "Geneva Centre for Multilingual Access"
		swiss, balkan, arab          = "Swiss Peacebuilding Platform for Civil Society", "Balkan Roma Education Initiative", "Arab Network for Food Security"
		bangladesh, canada           = "Bangladesh Flood Resilience Trust", "Canadian Coalition for Accessible Cities"
	)

	// January 2027: the NGO Branch plans the Committee's 2028 sessions.
	r.at(day(2027, 1, 15))
	regular, err := r.svc.CreateSession(ctx, officer, app.CreateSession{Name: "2028 regular session", Kind: domain.SessionRegular,
		Start: regularStart, End: domain.NewDate(2028, 2, 2), Members: members2028, RequestID: "demo:session:2028-regular"})
	if err != nil {
		return fmt.Errorf("demo: regular session: %w", err)
	}
	resumed, err := r.svc.CreateSession(ctx, officer, app.CreateSession{Name: "2028 resumed session", Kind: domain.SessionResumed,
		Start: resumedStart, End: domain.NewDate(2028, 5, 24), Members: members2028, RequestID: "demo:session:2028-resumed"})
	if err != nil {
		return fmt.Errorf("demo: resumed session: %w", err)
	}

	// February 2027: drafts, documents, and submissions before the 1 June deadline (reviewed in 2028).
	onTime := []string{sahel, andean, kenya, nordic, mekong, geneva, swiss, balkan, arab, bangladesh, canada}
	for i, org := range onTime {
		r.at(day(2027, 2, 1+i))
		if err := r.apply(ctx, plan[org], "first"); err != nil {
			return err
		}
	}
	for i, org := range onTime {
		if org == canada {
			continue
		}
		r.at(day(2027, 3, 1+i))
		ngo := r.ngo(org)
		if err := r.step(org, func(a domain.Application) (domain.Application, error) {
			return r.svc.Submit(ctx, ngo, app.StepCommand{ID: a.ID, RequestID: r.rid(org, "submit")})
		}); err != nil {
			return err
		}
	}
	r.at(day(2027, 4, 20))
	if err := r.step(canada, func(a domain.Application) (domain.Application, error) {
		return r.svc.Withdraw(ctx, r.ngo(canada), app.StepCommand{ID: a.ID, RequestID: r.rid(canada, "withdraw")},
			"we are merging with a sister coalition and will apply together")
	}); err != nil {
		return err
	}

	// April 2027: screening. One application goes back for a translation.
	r.at(day(2027, 4, 5))
	for _, org := range onTime {
		if org == canada {
			continue
		}
		complete, notes := true, "complete"
		if org == geneva {
			complete, notes = false, "The certificate of registration is in German only: attach a certified translation into English or French."
		}
		if err := r.step(org, func(a domain.Application) (domain.Application, error) {
			return r.svc.Screen(ctx, officer, app.StepCommand{ID: a.ID, RequestID: r.rid(org, "screen")}, complete, notes)
		}); err != nil {
			return err
		}
	}

	// August 2027: a late submission, after 1 June, is reviewed in 2029.
	r.at(day(2027, 7, 20))
	if err := r.apply(ctx, plan[pacific], "first"); err != nil {
		return err
	}
	r.at(day(2027, 8, 10))
	if err := r.step(pacific, func(a domain.Application) (domain.Application, error) {
		return r.svc.Submit(ctx, r.ngo(pacific), app.StepCommand{ID: a.ID, RequestID: r.rid(pacific, "submit")})
	}); err != nil {
		return err
	}

	// October 2027: the regular session's agenda; one application waits for the resumed session.
	r.at(day(2027, 10, 1))
	schedule := func(org string, s domain.CommitteeSession, step string) error {
		return r.step(org, func(a domain.Application) (domain.Application, error) {
			return r.svc.Schedule(ctx, officer, app.StepCommand{ID: a.ID, RequestID: r.rid(org, step)}, s.ID)
		})
	}
	for _, org := range []string{sahel, andean, kenya, nordic, swiss, balkan, arab, bangladesh} {
		if err := schedule(org, regular, "schedule:regular"); err != nil {
			return err
		}
	}
	if err := schedule(mekong, resumed, "schedule:resumed"); err != nil {
		return err
	}

	// The regular session: questions from member States, then the Committee's conclusions.
	question := func(org, state, text, step string) error {
		return r.step(org, func(a domain.Application) (domain.Application, error) {
			return r.svc.PoseQuestion(ctx, delegate(state), app.PoseQuestion{StepCommand: app.StepCommand{ID: a.ID, RequestID: r.rid(org, step)},
				Text: text, AskedBy: state})
		})
	}
	outcome := func(org string, o domain.Outcome, c domain.Category, notes, step string) error {
		return r.step(org, func(a domain.Application) (domain.Application, error) {
			return r.svc.RecordOutcome(ctx, officer, app.RecordOutcome{StepCommand: app.StepCommand{ID: a.ID, RequestID: r.rid(org, step)},
				Outcome: o, Category: c, Notes: notes})
		})
	}
	r.at(time.Date(2028, 1, 25, 16, 0, 0, 0, time.UTC))
	for _, q := range []struct{ org, state, text string }{
		{sahel, "CN", "Please give the share of your budget that comes from governmental sources, by country."},
		{nordic, "CU", "Please explain your position on the regulation of online content in the countries where you work."},
		{swiss, "TR", "Please clarify how the members of your governing board are chosen."},
		{bangladesh, "IN", "Please list the projects you carry out outside Bangladesh and their partners."},
	} {
		if err := question(q.org, q.state, q.text, "question:regular"); err != nil {
			return err
		}
	}
	r.at(time.Date(2028, 1, 29, 18, 0, 0, 0, time.UTC))
	for _, o := range []struct {
		org   string
		o     domain.Outcome
		c     domain.Category
		notes string
	}{
		{andean, domain.OutcomeRecommend, domain.CategoryGeneral, "recommended without a vote"},
		{kenya, domain.OutcomeRecommend, domain.CategoryRoster, "recommended for the Roster rather than Special"},
		{balkan, domain.OutcomeNotRecommend, domain.CategoryNone, "by a recorded vote of 9 to 6, with 4 abstentions"},
		{arab, domain.OutcomeNotRecommend, domain.CategoryNone, "by a recorded vote of 10 to 7, with 2 abstentions"},
	} {
		if err := outcome(o.org, o.o, o.c, o.notes, "outcome:regular"); err != nil {
			return err
		}
	}

	// March 2028: two organizations answer; one does not.
	r.at(day(2028, 3, 10))
	for _, q := range []struct{ org, text string }{
		{sahel, "Government grants were 18% of our 2026 budget: Senegal 10%, Mali 5%, Niger 3%. The audited statement is attached to the application."},
		{nordic, "We do not take positions on national legislation; we publish research on how content rules affect freedom of expression."},
		{swiss, "The general assembly of member organizations elects the board for three years; the statutes, article 12, set out the procedure."},
	} {
		org, text := q.org, q.text
		if err := r.step(org, func(a domain.Application) (domain.Application, error) {
			return r.svc.Answer(ctx, r.ngo(org), app.StepCommand{ID: a.ID, RequestID: r.rid(org, "answer:regular")}, a.Questions[len(a.Questions)-1].ID, text)
		}); err != nil {
			return err
		}
	}
	r.at(day(2028, 3, 20))
	for _, org := range []string{sahel, nordic, swiss, bangladesh} {
		if err := schedule(org, resumed, "schedule:resumed"); err != nil {
			return err
		}
	}

	// Two days before the resumed session: the unanswered application is closed.
	r.at(time.Date(2028, 5, 13, 9, 0, 0, 0, time.UTC))
	if _, err := r.svc.ApplyNoAnswerRule(ctx, officer, resumed.ID, false, "demo:no-answer:"+resumed.ID); err != nil {
		return fmt.Errorf("demo: no-answer rule: %w", err)
	}

	// The resumed session: a question asked again, and two recommendations.
	r.at(time.Date(2028, 5, 16, 16, 0, 0, 0, time.UTC))
	if err := question(nordic, "CU", "Please explain your position on regulating online content in the countries where you work.", "question:resumed"); err != nil {
		return err
	}
	r.at(time.Date(2028, 5, 17, 18, 0, 0, 0, time.UTC))
	if err := outcome(sahel, domain.OutcomeRecommend, domain.CategorySpecial, "recommended without a vote", "outcome:resumed"); err != nil {
		return err
	}
	if err := outcome(swiss, domain.OutcomeRecommend, domain.CategorySpecial, "recommended without a vote", "outcome:resumed"); err != nil {
		return err
	}

	// June and July 2028: ECOSOC acts on the Committee's report on each session (E/2028/32 Parts I
	// and II) by decisions over lists: grants by category, and one application not granted. The
	// Swiss platform's recommendation waits for a later decision.
	decide := func(symbol string, on domain.Date, entries []domain.DecisionEntry) error {
		var list []domain.DecisionEntry
		for _, e := range entries {
			if e.ApplicationID != "" {
				list = append(list, e)
			}
		}
		if len(list) == 0 {
			return nil
		}
		r.at(day(on.Year, on.Month, on.Day))
		if _, err := r.svc.RecordEcosocDecision(ctx, officer, domain.EcosocDecision{Symbol: symbol, Date: on, Entries: list}, "demo:decision:"+symbol); err != nil {
			return fmt.Errorf("demo: decision %s: %w", symbol, err)
		}
		return nil
	}
	appID := func(org string) string { return r.apps[org].ID }
	if err := decide("2028/215", domain.NewDate(2028, 6, 6), []domain.DecisionEntry{
		{Action: domain.DecisionActionGrant, ApplicationID: appID(andean), Category: domain.CategoryGeneral},
		{Action: domain.DecisionActionGrant, ApplicationID: appID(kenya), Category: domain.CategoryRoster},
		{Action: domain.DecisionActionNotGrant, ApplicationID: appID(arab)},
	}); err != nil {
		return err
	}

	// June 2028: the coalition, now merged, starts again.
	r.at(day(2028, 6, 10))
	if err := r.apply(ctx, plan[canada], "second"); err != nil {
		return err
	}
	return decide("2028/245", domain.NewDate(2028, 7, 24), []domain.DecisionEntry{
		{Action: domain.DecisionActionGrant, ApplicationID: appID(sahel), Category: domain.CategorySpecial},
	})
}
