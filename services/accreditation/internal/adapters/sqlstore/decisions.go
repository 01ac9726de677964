package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// entry is a decision entry as stored in the entries JSON column.
type entry struct {
	Action          string `json:"action"`
	ApplicationID   string `json:"application_id,omitempty"`
	OrganizationID  string `json:"organization_id,omitempty"`
	Category        string `json:"category,omitempty"`
	Reason          string `json:"reason,omitempty"`
	SuspensionYears int    `json:"suspension_years,omitempty"`
}

func (t *tx) InsertDecision(ctx context.Context, d domain.EcosocDecision) error {
	es := make([]entry, len(d.Entries))
	for i, e := range d.Entries {
		es[i] = entry{Action: string(e.Action), ApplicationID: e.ApplicationID, OrganizationID: e.OrganizationID,
			Category: string(e.Category), Reason: string(e.Reason), SuspensionYears: e.SuspensionYears}
	}
	b, err := json.Marshal(es)
	if err != nil {
		return err
	}
	_, err = t.tx.ExecContext(ctx, t.s.q(`INSERT INTO ecosoc_decisions (symbol, decision_date, entries, record_time, recorded_by)
		VALUES (?, ?, ?, ?, ?)`), d.Symbol, d.Date.String(), string(b), micros(d.RecordTime), d.RecordedBy)
	if isUnique(err) {
		return &domain.AlreadyExistsError{Message: "decision " + d.Symbol + " of " + d.Date.String() + " is already recorded"}
	}
	return err
}

// Decision implements app.Store.
func (s *Store) Decision(ctx context.Context, symbol string, date domain.Date) (domain.EcosocDecision, error) {
	d := domain.EcosocDecision{Symbol: symbol, Date: date}
	var entries string
	var at int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT entries, record_time, recorded_by FROM ecosoc_decisions WHERE symbol = ? AND decision_date = ?`),
		symbol, date.String()).Scan(&entries, &at, &d.RecordedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return d, &domain.NotFoundError{What: "ECOSOC decision", ID: symbol + " of " + date.String()}
	}
	if err != nil {
		return d, err
	}
	var es []entry
	if err := json.Unmarshal([]byte(entries), &es); err != nil {
		return d, err
	}
	for _, e := range es {
		d.Entries = append(d.Entries, domain.DecisionEntry{Action: domain.DecisionAction(e.Action), ApplicationID: e.ApplicationID,
			OrganizationID: e.OrganizationID, Category: domain.Category(e.Category), Reason: domain.Reason(e.Reason), SuspensionYears: e.SuspensionYears})
	}
	d.RecordTime = fromMicros(at)
	return d, nil
}
