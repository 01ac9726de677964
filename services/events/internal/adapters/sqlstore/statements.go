package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

var _ app.StatementStore = (*Store)(nil)

const callColumns = `c.seq, c.id, c.body, c.body_kind, c.session, c.symbol_series, c.deadline_us, c.agenda_items, c.languages,
	c.general_limit, c.special_limit, c.roster_limit, c.roster_invited, c.create_us`

func scanCall(row rowScanner) (domain.StatementCall, error) {
	var c domain.StatementCall
	var deadline, created int64
	var items, langs string
	err := row.Scan(&c.Arrival, &c.ID, &c.Body, &c.Kind, &c.Session, &c.SymbolSeries, &deadline, &items, &langs,
		&c.Limits.General, &c.Limits.Special, &c.Limits.Roster, &c.RosterInvited, &created)
	if err != nil {
		return c, err
	}
	c.Deadline, c.Created = fromMicros(deadline), fromMicros(created)
	if err := json.Unmarshal([]byte(items), &c.AgendaItems); err != nil {
		return c, err
	}
	return c, json.Unmarshal([]byte(langs), &c.Languages)
}

func jsonList(v []string) string {
	if v == nil {
		v = []string{}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// CreateStatementCall implements app.StatementStore.
func (s *Store) CreateStatementCall(ctx context.Context, c *domain.StatementCall, key app.RequestKey) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO statement_calls (id, body, body_kind, session, symbol_series, deadline_us,
			agenda_items, languages, general_limit, special_limit, roster_limit, roster_invited, create_us)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`),
			c.ID, c.Body, c.Kind, c.Session, c.SymbolSeries, micros(c.Deadline), jsonList(c.AgendaItems), jsonList(c.Languages),
			c.Limits.General, c.Limits.Special, c.Limits.Roster, c.RosterInvited, micros(c.Created)).Scan(&c.Arrival)
		if err != nil {
			return err
		}
		return s.remember(ctx, tx, key, c.ID, c.Created)
	})
}

// GetStatementCall implements app.StatementStore.
func (s *Store) GetStatementCall(ctx context.Context, id string) (domain.StatementCall, error) {
	c, err := scanCall(s.db.QueryRowContext(ctx, s.q("SELECT "+callColumns+" FROM statement_calls c WHERE c.id = ?"), id))
	return c, notFoundOr(err, "statement call", id)
}

// ListStatementCalls implements app.StatementStore: oldest first.
func (s *Store) ListStatementCalls(ctx context.Context, p app.Page) ([]domain.StatementCall, int, error) {
	total, err := s.count(ctx, "SELECT COUNT(*) FROM statement_calls", nil)
	if err != nil {
		return nil, 0, err
	}
	var after int64
	if p.After != nil {
		after = p.After.Seq
	}
	out, err := sqldb.QueryAll(ctx, s.db, scanCall, s.q("SELECT "+callColumns+" FROM statement_calls c WHERE c.seq > ? ORDER BY c.seq LIMIT ?"), after, p.Size)
	return out, total, err
}

const statementColumns = `w.seq, w.id, w.call_id, w.organization_id, w.co_signers, w.language, w.agenda_item, w.title, w.body_text,
	w.word_count, w.word_limit, w.state, w.reason, w.symbol, w.create_us, w.update_us, w.revision`

func scanStatement(row rowScanner) (domain.WrittenStatement, error) {
	var w domain.WrittenStatement
	var cosigners string
	var symbol sql.NullString
	var created, updated int64
	err := row.Scan(&w.Arrival, &w.ID, &w.CallID, &w.OrganizationID, &cosigners, &w.Language, &w.AgendaItem, &w.Title, &w.Text,
		&w.WordCount, &w.WordLimit, &w.State, &w.Reason, &symbol, &created, &updated, &w.Revision)
	w.CoSigners = strings.Fields(cosigners)
	w.Symbol = symbol.String
	w.Created, w.Updated = fromMicros(created), fromMicros(updated)
	return w, err
}

func (s *Store) queryStatements(ctx context.Context, q sqldb.Querier, query string, args ...any) ([]domain.WrittenStatement, error) {
	return sqldb.QueryAll(ctx, q, scanStatement, s.q(query), args...)
}

// SubmitStatement implements app.StatementStore.
func (s *Store) SubmitStatement(ctx context.Context, w *domain.WrittenStatement, key app.RequestKey, check func([]domain.WrittenStatement) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		found, err := s.lockRow(ctx, tx, "statement_calls", w.CallID)
		if err != nil {
			return err
		}
		if !found {
			return domain.NotFound("statement call", w.CallID)
		}
		signers := w.Signers()
		args := []any{w.CallID}
		for _, o := range signers {
			args = append(args, o)
		}
		existing, err := s.queryStatements(ctx, tx, "SELECT "+statementColumns+` FROM written_statements w WHERE w.id IN
			(SELECT statement_id FROM statement_signers WHERE call_id = ? AND organization_id IN (`+placeholders(len(signers))+`)) ORDER BY w.seq`, args...)
		if err != nil {
			return err
		}
		if err := check(existing); err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, s.q(`INSERT INTO written_statements (id, call_id, organization_id, co_signers, language, agenda_item,
			title, body_text, word_count, word_limit, state, reason, symbol, create_us, update_us, revision)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`),
			w.ID, w.CallID, w.OrganizationID, strings.Join(w.CoSigners, " "), w.Language, w.AgendaItem, w.Title, w.Text, w.WordCount,
			w.WordLimit, w.State, w.Reason, nullString(w.Symbol), micros(w.Created), micros(w.Updated), w.Revision).Scan(&w.Arrival)
		if err != nil {
			return err
		}
		for _, o := range signers {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO statement_signers (statement_id, call_id, organization_id) VALUES (?, ?, ?)`),
				w.ID, w.CallID, o); err != nil {
				return err
			}
		}
		return s.remember(ctx, tx, key, w.ID, w.Created)
	})
}

// GetStatement implements app.StatementStore.
func (s *Store) GetStatement(ctx context.Context, id string) (domain.WrittenStatement, error) {
	w, err := scanStatement(s.db.QueryRowContext(ctx, s.q("SELECT "+statementColumns+" FROM written_statements w WHERE w.id = ?"), id))
	return w, notFoundOr(err, "written statement", id)
}

// ListStatements implements app.StatementStore: oldest first.
func (s *Store) ListStatements(ctx context.Context, f app.StatementFilter, p app.Page) ([]domain.WrittenStatement, int, error) {
	var conds []string
	var args []any
	if f.CallID != "" {
		conds, args = append(conds, "w.call_id = ?"), append(args, f.CallID)
	}
	if f.Signer != "" {
		conds, args = append(conds, "w.id IN (SELECT statement_id FROM statement_signers WHERE organization_id = ?)"), append(args, f.Signer)
	}
	if f.State != 0 {
		conds, args = append(conds, "w.state = ?"), append(args, f.State)
	}
	switch f.Visible {
	case "":
	case "-":
		conds, args = append(conds, "w.state = ?"), append(args, domain.StatementAccepted)
	default:
		conds = append(conds, "(w.state = ? OR w.id IN (SELECT statement_id FROM statement_signers WHERE organization_id = ?))")
		args = append(args, domain.StatementAccepted, f.Visible)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	total, err := s.count(ctx, "SELECT COUNT(*) FROM written_statements w"+where, args)
	if err != nil {
		return nil, 0, err
	}
	if p.After != nil {
		conds, args = append(conds, "w.seq > ?"), append(args, p.After.Seq)
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	out, err := s.queryStatements(ctx, s.db, "SELECT "+statementColumns+" FROM written_statements w"+where+" ORDER BY w.seq LIMIT ?", append(args, p.Size)...)
	return out, total, err
}

// DecideStatement implements app.StatementStore.
func (s *Store) DecideStatement(ctx context.Context, id string, key app.RequestKey, decide func(*domain.WrittenStatement, *domain.StatementCall, func() (int64, error)) error) (domain.WrittenStatement, error) {
	var out domain.WrittenStatement
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		found, err := s.lockRow(ctx, tx, "written_statements", id)
		if err != nil {
			return err
		}
		if !found {
			return domain.NotFound("written statement", id)
		}
		w, err := scanStatement(tx.QueryRowContext(ctx, s.q("SELECT "+statementColumns+" FROM written_statements w WHERE w.id = ?"), id))
		if err != nil {
			return err
		}
		c, err := scanCall(tx.QueryRowContext(ctx, s.q("SELECT "+callColumns+" FROM statement_calls c WHERE c.id = ?"), w.CallID))
		if err != nil {
			return err
		}
		next := func() (int64, error) {
			// The upsert takes the series row's lock until commit, so two acceptances in one
			// series queue here and get consecutive numbers.
			var n int64
			err := tx.QueryRowContext(ctx, s.q(`INSERT INTO statement_series (series, last_number) VALUES (?, 1)
				ON CONFLICT (series) DO UPDATE SET last_number = statement_series.last_number + 1 RETURNING last_number`), c.SymbolSeries).Scan(&n)
			return n, err
		}
		if err := decide(&w, &c, next); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE written_statements SET state = ?, reason = ?, symbol = ?, update_us = ?, revision = ? WHERE id = ?`),
			w.State, w.Reason, nullString(w.Symbol), micros(w.Updated), w.Revision, w.ID); err != nil {
			return err
		}
		out = w
		return s.remember(ctx, tx, key, w.ID, w.Updated)
	})
	return out, err
}
