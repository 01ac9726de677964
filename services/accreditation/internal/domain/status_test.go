package domain

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestReportingSchedule(t *testing.T) {
	t.Parallel()
	if got := FirstReportDue(NewDate(2028, 7, 15)); got != NewDate(2032, 6, 1) {
		t.Errorf("granted 2028: first due %s, want 2032-06-01", got)
	}
	if s, e := PeriodDue(NewDate(2032, 6, 1)); s != 2028 || e != 2031 {
		t.Errorf("period due 2032: %d-%d, want 2028-2031", s, e)
	}
	tests := []struct{ day, want Date }{
		{NewDate(2030, 1, 1), NewDate(2032, 6, 1)},
		{NewDate(2032, 6, 1), NewDate(2036, 6, 1)},
		{NewDate(2033, 1, 1), NewDate(2036, 6, 1)},
	}
	for _, tt := range tests {
		if got := ReportDueAfter(NewDate(2028, 7, 15), tt.day); got != tt.want {
			t.Errorf("ReportDueAfter(%s) = %s, want %s", tt.day, got, tt.want)
		}
	}
}

func granted(c Category) Status {
	s := NoStatus("org_a")
	if _, err := s.Grant(c, NewDate(2028, 7, 15), "E/2028/32", "app_1", t0); err != nil {
		panic(err)
	}
	return s
}

func TestGrant(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cat     Category
		wantDue Date
	}{
		{CategoryGeneral, NewDate(2032, 6, 1)},
		{CategorySpecial, NewDate(2032, 6, 1)},
		{CategoryRoster, Date{}}, // Roster never reports
	}
	for _, tt := range tests {
		s := NoStatus("org_a")
		ch, err := s.Grant(tt.cat, NewDate(2028, 7, 15), "E/2028/32", "app_1", t0)
		if err != nil {
			t.Fatal(err)
		}
		if s.State != StatusActive || s.Category != tt.cat || s.NextReportDue != tt.wantDue || s.GrantedOn != NewDate(2028, 7, 15) {
			t.Errorf("%s: status %+v", tt.cat, s)
		}
		if ch.Kind != ChangeGranted || ch.PreviousState != StatusNone || ch.ApplicationID != "app_1" || ch.Status.State != StatusActive {
			t.Errorf("%s: change %+v", tt.cat, ch)
		}
	}
	s := granted(CategorySpecial)
	if _, err := s.Grant(CategoryGeneral, NewDate(2029, 1, 1), "E/x", "app_2", t0); err == nil {
		t.Error("granted twice")
	}
}

func TestReclassify(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		from    Category
		to      Category
		wantDue Date
		wantErr string
	}{
		{"special to general keeps the cycle", CategorySpecial, CategoryGeneral, NewDate(2032, 6, 1), ""},
		{"special to roster stops reporting", CategorySpecial, CategoryRoster, Date{}, ""},
		{"roster to special starts a cycle in the year of the reclassification", CategoryRoster, CategorySpecial, NewDate(2037, 6, 1), ""},
		{"same category refused", CategorySpecial, CategorySpecial, Date{}, "SAME_CATEGORY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := granted(tt.from)
			ch, err := s.Reclassify(tt.to, NewDate(2033, 7, 1), "E/2033/9", "app_2", t0)
			if tt.wantErr != "" {
				var pe *PreconditionError
				if !errors.As(err, &pe) || pe.Reason != tt.wantErr {
					t.Fatalf("err %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Category != tt.to || s.NextReportDue != tt.wantDue || s.GrantedOn != NewDate(2028, 7, 15) {
				t.Errorf("status %+v", s)
			}
			if ch.Kind != ChangeReclassified || ch.PreviousCategory != tt.from {
				t.Errorf("change %+v", ch)
			}
		})
	}
	s := granted(CategorySpecial)
	s.State = StatusSuspended
	if _, err := s.Reclassify(CategoryGeneral, NewDate(2033, 1, 1), "E", "a", t0); err == nil {
		t.Error("reclassified a suspended status")
	}
}

func TestProposeLists(t *testing.T) {
	t.Parallel()
	active := granted(CategorySpecial)
	roster := granted(CategoryRoster)
	suspended := granted(CategoryGeneral)
	d := EcosocDecision{Symbol: "2032/250", Date: NewDate(2032, 7, 22)}
	if _, err := suspended.Suspend(DecisionEntry{Action: DecisionActionSuspend, Reason: ReasonReporting}, d, t0); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name                string
		statuses            []Status
		asOf                Date
		suspend, rein, with int
	}{
		{"on the due date nothing is proposed", []Status{active}, NewDate(2032, 6, 1), 0, 0, 0},
		{"the day after, suspension is proposed", []Status{active, roster}, NewDate(2032, 6, 2), 1, 0, 0},
		{"a suspension still running is on no list", []Status{suspended}, NewDate(2033, 7, 21), 0, 0, 0},
		{"the suspension year over, withdrawal is proposed", []Status{suspended}, NewDate(2033, 7, 22), 0, 0, 1},
	}
	for _, tt := range tests {
		l := ProposeLists(tt.statuses, tt.asOf)
		if len(l.Suspend) != tt.suspend || len(l.Reinstate) != tt.rein || len(l.Withdraw) != tt.with {
			t.Errorf("%s: %d/%d/%d", tt.name, len(l.Suspend), len(l.Reinstate), len(l.Withdraw))
		}
	}
	if active.State != StatusActive {
		t.Fatal("a proposal changed a status")
	}
}

func TestSuspensionAndReinstatementAreDecisions(t *testing.T) {
	t.Parallel()
	s := granted(CategorySpecial)
	d := EcosocDecision{Symbol: "2032/250", Date: NewDate(2032, 9, 1)}
	ch, err := s.Suspend(DecisionEntry{Action: DecisionActionSuspend, Reason: ReasonReporting}, d, t0)
	if err != nil || ch.Decision != "2032/250" || ch.Reason != ReasonReporting || ch.SuspensionYears != 1 {
		t.Fatalf("suspended: %v %+v", err, ch)
	}
	if s.SuspendedUntil != NewDate(2033, 8, 31) {
		t.Fatalf("suspended until %s, want 2033-08-31", s.SuspendedUntil)
	}
	today := NewDate(2032, 9, 2)
	if err := s.CheckReportPeriod(2029, 2032, today); err == nil {
		t.Fatal("wrong period accepted")
	}
	ch, err = s.FileReport(2028, 2031, today, t0)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Kind != ChangeReportFiled || s.State != StatusSuspended || s.NextReportDue != NewDate(2036, 6, 1) {
		t.Fatalf("after filing: %+v / %s", s, ch.Kind)
	}
	var pe *PreconditionError
	if _, err := s.FileReport(2032, 2035, today, t0); !errors.As(err, &pe) || pe.Reason != "PERIOD_NOT_ENDED" || !strings.Contains(pe.Message, "2032-2035") {
		t.Fatalf("filing a period not ended: %v", err)
	}
	ch, err = s.Reinstate(EcosocDecision{Symbol: "2033/240", Date: NewDate(2033, 7, 20)}, t0)
	if err != nil || ch.Kind != ChangeReinstated || s.State != StatusActive || ch.Decision != "2033/240" {
		t.Fatalf("reinstated: %v %+v", err, ch)
	}
}

func TestFileReportRefusals(t *testing.T) {
	t.Parallel()
	withdrawn := granted(CategorySpecial)
	withdrawn.State = StatusWithdrawn
	tests := []struct {
		name   string
		s      Status
		start  int
		end    int
		reason string
	}{
		{"no status", NoStatus("o"), 2028, 2031, "NO_STATUS"},
		{"withdrawn", withdrawn, 2028, 2031, "NO_STATUS"},
		{"roster", granted(CategoryRoster), 2028, 2031, "ROSTER"},
		{"period not due", granted(CategoryGeneral), 2024, 2027, "WRONG_PERIOD"},
	}
	for _, tt := range tests {
		s := tt.s
		_, err := s.FileReport(tt.start, tt.end, NewDate(2033, 1, 1), t0)
		var pe *PreconditionError
		if !errors.As(err, &pe) || pe.Reason != tt.reason {
			t.Errorf("%s: err %v, want %s", tt.name, err, tt.reason)
		}
	}
	s := granted(CategoryGeneral)
	var ie *InvalidError
	if _, err := s.FileReport(2028, 2030, NewDate(2033, 1, 1), t0); !errors.As(err, &ie) {
		t.Errorf("three-year period: %v", err)
	}
}

func TestWithdrawStatus(t *testing.T) {
	t.Parallel()
	s := granted(CategoryGeneral)
	ch, err := s.Withdraw("merging", time.Date(2030, 2, 3, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if s.State != StatusWithdrawn || s.WithdrawnOn != NewDate(2030, 2, 3) || ch.Kind != ChangeWithdrawn || s.Category != CategoryGeneral {
		t.Fatalf("%+v %+v", s, ch)
	}
	if _, err := s.Withdraw("", t0); err == nil {
		t.Fatal("withdrew twice")
	}
	none := NoStatus("o")
	if _, err := none.Withdraw("", t0); err == nil {
		t.Fatal("withdrew no status")
	}
	// Three years later the organization may apply, and be granted again with a fresh cycle.
	if err := CheckMayApply(KindNew, CategorySpecial, s, NewDate(2033, 2, 3)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Grant(CategorySpecial, NewDate(2034, 7, 1), "E/2034/1", "app_9", t0); err != nil {
		t.Fatal(err)
	}
	if s.NextReportDue != NewDate(2038, 6, 1) || !s.WithdrawnOn.IsZero() {
		t.Fatalf("regranted %+v", s)
	}
}
