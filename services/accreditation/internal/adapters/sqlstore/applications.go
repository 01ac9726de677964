package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

const applicationColumns = `id, organization_id, kind, requested_category, state, review_cycle_year, session_id,
	aims_and_purposes, main_activities, governance_structure, funding_sources, un_contributions,
	deferral_count, last_deferral_session, recommended_category, decision_ref, recommend_date,
	submit_time, final_time, create_time, update_time, revision`

type scanner = sqldb.Scanner

// scanApplication reads applicationColumns, then any extra columns into extra.
func scanApplication(r scanner, extra ...any) (domain.Application, error) {
	var a domain.Application
	var submit, final sql.NullInt64
	var created, updated int64
	var recommended string
	q := &a.Questionnaire
	dest := []any{&a.ID, &a.OrganizationID, &a.Kind, &a.RequestedCategory, &a.State, &a.ReviewCycleYear, &a.SessionID,
		&q.AimsAndPurposes, &q.MainActivities, &q.GovernanceStructure, &q.FundingSources, &q.UNContributions,
		&a.DeferralCount, &a.LastDeferralSession, &a.RecommendedCategory, &a.DecisionRef, &recommended,
		&submit, &final, &created, &updated, &a.Revision}
	err := r.Scan(append(dest, extra...)...)
	if err != nil {
		return a, err
	}
	a.SubmitTime, a.FinalTime = fromNullMicros(submit), fromNullMicros(final)
	a.RecommendDate = parseDate(recommended)
	a.CreateTime, a.UpdateTime = fromMicros(created), fromMicros(updated)
	return a, nil
}

func (s *Store) application(ctx context.Context, q queryer, id string) (domain.Application, error) {
	a, err := scanApplication(q.QueryRowContext(ctx, s.q(`SELECT `+applicationColumns+` FROM applications WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, &domain.NotFoundError{What: "application", ID: id}
	}
	if err != nil {
		return a, err
	}
	if err := s.loadChildren(ctx, q, []*domain.Application{&a}); err != nil {
		return a, err
	}
	return a, nil
}

// loadChildren fills documents and questions for a page of applications
// with one query each.
func (s *Store) loadChildren(ctx context.Context, q queryer, apps []*domain.Application) error {
	if len(apps) == 0 {
		return nil
	}
	byID := make(map[string]*domain.Application, len(apps))
	args := make([]any, len(apps))
	marks := make([]byte, 0, 2*len(apps))
	for i, a := range apps {
		byID[a.ID] = a
		args[i] = a.ID
		if i > 0 {
			marks = append(marks, ',')
		}
		marks = append(marks, '?')
	}
	in := "(" + string(marks) + ")"
	rows, err := q.QueryContext(ctx, s.q(`SELECT application_id, id, kind, filename, content_type, size_bytes, sha256, upload_time
		FROM application_documents WHERE application_id IN `+in+` ORDER BY upload_time, id`), args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var appID string
		var d domain.Document
		var up int64
		if err := rows.Scan(&appID, &d.ID, &d.Kind, &d.Filename, &d.ContentType, &d.SizeBytes, &d.SHA256, &up); err != nil {
			rows.Close()
			return err
		}
		d.UploadTime = fromMicros(up)
		byID[appID].Documents = append(byID[appID].Documents, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, s.q(`SELECT application_id, id, text, asked_by, session_id, asked_time, answer, answer_time, repeats_question_id
		FROM application_questions WHERE application_id IN `+in+` ORDER BY position`), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var appID string
		var qu domain.Question
		var asked int64
		var answered sql.NullInt64
		if err := rows.Scan(&appID, &qu.ID, &qu.Text, &qu.AskedBy, &qu.SessionID, &asked, &qu.Answer, &answered, &qu.RepeatsQuestionID); err != nil {
			return err
		}
		qu.AskedTime, qu.AnswerTime = fromMicros(asked), fromNullMicros(answered)
		byID[appID].Questions = append(byID[appID].Questions, qu)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return s.loadReminders(ctx, q, apps)
}

// loadReminders fills each question's reminders actually sent, from the notices table.
func (s *Store) loadReminders(ctx context.Context, q queryer, apps []*domain.Application) error {
	byTopic := map[string]*domain.Question{}
	var args []any
	marks := ""
	for _, a := range apps {
		for i := range a.Questions {
			byTopic[a.Questions[i].ID] = &a.Questions[i]
			args = append(args, a.Questions[i].ID)
			if marks != "" {
				marks += ","
			}
			marks += "?"
		}
	}
	if len(args) == 0 {
		return nil
	}
	args = append(args, notify.KindQuestionReminder, string(notify.Sent))
	rows, err := q.QueryContext(ctx, s.q(`SELECT topic, sent_time FROM notices WHERE topic IN (`+marks+`) AND kind = ? AND state = ?
		ORDER BY sent_time`), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var topic string
		var sent int64
		if err := rows.Scan(&topic, &sent); err != nil {
			return err
		}
		if qu := byTopic[topic]; qu != nil {
			qu.Reminders = append(qu.Reminders, fromMicros(sent))
		}
	}
	return rows.Err()
}

// Application implements app.Store.
func (s *Store) Application(ctx context.Context, id string) (domain.Application, error) {
	return s.application(ctx, s.db, id)
}

func (t *tx) Application(ctx context.Context, id string) (domain.Application, error) {
	return t.s.application(ctx, t.tx, id)
}

func applicationValues(a *domain.Application) []any {
	q := a.Questionnaire
	return []any{a.OrganizationID, string(a.Kind), string(a.RequestedCategory), string(a.State), a.ReviewCycleYear, a.SessionID,
		q.AimsAndPurposes, q.MainActivities, q.GovernanceStructure, q.FundingSources, q.UNContributions,
		a.DeferralCount, a.LastDeferralSession, string(a.RecommendedCategory), a.DecisionRef, a.RecommendDate.String(),
		nullMicros(a.SubmitTime), nullMicros(a.FinalTime), micros(a.UpdateTime)}
}

func (t *tx) InsertApplication(ctx context.Context, a *domain.Application) error {
	a.Revision = 1
	args := append([]any{a.ID}, applicationValues(a)...)
	args = append(args, micros(a.CreateTime), a.Revision)
	_, err := t.tx.ExecContext(ctx, t.s.q(`INSERT INTO applications (id, organization_id, kind, requested_category, state,
		review_cycle_year, session_id, aims_and_purposes, main_activities, governance_structure, funding_sources, un_contributions,
		deferral_count, last_deferral_session, recommended_category, decision_ref, recommend_date, submit_time, final_time, update_time,
		create_time, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), args...)
	if isUnique(err) {
		return &domain.AlreadyExistsError{Message: "the organization already has an open application: finish or withdraw it first"}
	}
	if err != nil {
		return err
	}
	return t.saveQuestions(ctx, a)
}

func (t *tx) SaveApplication(ctx context.Context, a *domain.Application) error {
	args := append(applicationValues(a), a.Revision+1, a.ID, a.Revision)
	res, err := t.tx.ExecContext(ctx, t.s.q(`UPDATE applications SET organization_id = ?, kind = ?, requested_category = ?, state = ?,
		review_cycle_year = ?, session_id = ?, aims_and_purposes = ?, main_activities = ?, governance_structure = ?,
		funding_sources = ?, un_contributions = ?, deferral_count = ?, last_deferral_session = ?, recommended_category = ?,
		decision_ref = ?, recommend_date = ?, submit_time = ?, final_time = ?, update_time = ?, revision = ?
		WHERE id = ? AND revision = ?`), args...)
	if isUnique(err) {
		return &domain.AlreadyExistsError{Message: "the organization already has an open application"}
	}
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return &domain.ConflictError{Message: "the application " + a.ID + " was changed by someone else at the same time: read it again and retry"}
	}
	a.Revision++
	return t.saveQuestions(ctx, a)
}

func (t *tx) saveQuestions(ctx context.Context, a *domain.Application) error {
	for i, q := range a.Questions {
		_, err := t.tx.ExecContext(ctx, t.s.q(`INSERT INTO application_questions (application_id, id, position, text, asked_by, session_id,
			asked_time, answer, answer_time, repeats_question_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (application_id, id) DO UPDATE SET answer = excluded.answer, answer_time = excluded.answer_time`),
			a.ID, q.ID, i, q.Text, q.AskedBy, q.SessionID, micros(q.AskedTime), q.Answer, nullMicros(q.AnswerTime), q.RepeatsQuestionID)
		if err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) InsertDocument(ctx context.Context, appID string, d domain.Document, content []byte) error {
	_, err := t.tx.ExecContext(ctx, t.s.q(`INSERT INTO application_documents (application_id, id, kind, filename, content_type,
		size_bytes, sha256, upload_time, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		appID, d.ID, string(d.Kind), d.Filename, d.ContentType, d.SizeBytes, d.SHA256, micros(d.UploadTime), content)
	return err
}

// DocumentContent implements app.Store.
func (s *Store) DocumentContent(ctx context.Context, appID, docID string) (domain.Document, []byte, error) {
	var d domain.Document
	var up int64
	var content []byte
	err := s.db.QueryRowContext(ctx, s.q(`SELECT id, kind, filename, content_type, size_bytes, sha256, upload_time, content
		FROM application_documents WHERE application_id = ? AND id = ?`), appID, docID).
		Scan(&d.ID, &d.Kind, &d.Filename, &d.ContentType, &d.SizeBytes, &d.SHA256, &up, &content)
	if errors.Is(err, sql.ErrNoRows) {
		return d, nil, &domain.NotFoundError{What: "document", ID: docID}
	}
	d.UploadTime = fromMicros(up)
	return d, content, err
}

func (t *tx) ScheduledIn(ctx context.Context, sessionID string, state domain.State) ([]domain.Application, error) {
	rows, err := t.tx.QueryContext(ctx, t.s.q(`SELECT `+applicationColumns+` FROM applications WHERE session_id = ? AND state = ? ORDER BY id`),
		sessionID, string(state))
	if err != nil {
		return nil, err
	}
	apps, err := collect(rows)
	if err != nil {
		return nil, err
	}
	return apps, t.s.loadChildrenOf(ctx, t.tx, apps)
}

func collect(rows *sql.Rows) ([]domain.Application, error) {
	defer rows.Close()
	var out []domain.Application
	for rows.Next() {
		a, err := scanApplication(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (s *Store) loadChildrenOf(ctx context.Context, q queryer, apps []domain.Application) error {
	ptrs := make([]*domain.Application, len(apps))
	for i := range apps {
		ptrs[i] = &apps[i]
	}
	return s.loadChildren(ctx, q, ptrs)
}

func (t *tx) AgendaCandidates(ctx context.Context, ses domain.CommitteeSession) ([]domain.Application, error) {
	rows, err := t.tx.QueryContext(ctx, t.s.q(`SELECT `+prefixed("a.", applicationColumns)+` FROM applications a
		LEFT JOIN committee_sessions s ON s.id = a.session_id
		WHERE a.state IN ('PENDING_COMMITTEE', 'DEFERRED') AND a.review_cycle_year <= ?
		  AND (a.session_id = '' OR s.start_date < ?)
		ORDER BY a.id`), ses.StartDate.Year, ses.StartDate.String())
	if err != nil {
		return nil, err
	}
	apps, err := collect(rows)
	if err != nil {
		return nil, err
	}
	return apps, t.s.loadChildrenOf(ctx, t.tx, apps)
}

func (t *tx) OnAgenda(ctx context.Context, sessionID string) ([]domain.Application, error) {
	rows, err := t.tx.QueryContext(ctx, t.s.q(`SELECT `+applicationColumns+` FROM applications WHERE session_id = ? ORDER BY id`), sessionID)
	if err != nil {
		return nil, err
	}
	apps, err := collect(rows)
	if err != nil {
		return nil, err
	}
	return apps, t.s.loadChildrenOf(ctx, t.tx, apps)
}

// prefixed qualifies each column of a column list with p.
func prefixed(p, columns string) string {
	parts := strings.Split(columns, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}
