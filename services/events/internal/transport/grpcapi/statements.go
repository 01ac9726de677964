package grpcapi

import (
	"context"

	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	"github.com/un-liaison/liaison/services/events/internal/app"
	"github.com/un-liaison/liaison/services/events/internal/domain"
)

func callToProto(c *domain.StatementCall) *eventsv1.StatementCall {
	return &eventsv1.StatementCall{
		Id:               c.ID,
		Body:             c.Body,
		BodyKind:         eventsv1.StatementCall_BodyKind(c.Kind),
		Session:          c.Session,
		SymbolSeries:     c.SymbolSeries,
		Deadline:         ts(c.Deadline),
		AgendaItems:      c.AgendaItems,
		Languages:        c.Languages,
		GeneralWordLimit: int32(c.Limits.General),
		SpecialWordLimit: int32(c.Limits.Special),
		RosterWordLimit:  int32(c.Limits.Roster),
		RosterInvited:    c.RosterInvited,
		CreateTime:       ts(c.Created),
	}
}

func callFromProto(p *eventsv1.StatementCall) domain.StatementCall {
	return domain.StatementCall{
		Body:          p.GetBody(),
		Kind:          domain.BodyKind(p.GetBodyKind()),
		Session:       p.GetSession(),
		SymbolSeries:  p.GetSymbolSeries(),
		Deadline:      fromTS(p.GetDeadline()),
		AgendaItems:   p.GetAgendaItems(),
		Languages:     p.GetLanguages(),
		Limits:        domain.WordLimits{General: int(p.GetGeneralWordLimit()), Special: int(p.GetSpecialWordLimit()), Roster: int(p.GetRosterWordLimit())},
		RosterInvited: p.GetRosterInvited(),
	}
}

func statementToProto(w *domain.WrittenStatement) *eventsv1.WrittenStatement {
	return &eventsv1.WrittenStatement{
		Id:             w.ID,
		CallId:         w.CallID,
		OrganizationId: w.OrganizationID,
		CoSignerIds:    w.CoSigners,
		Language:       w.Language,
		AgendaItem:     w.AgendaItem,
		Title:          w.Title,
		Text:           w.Text,
		WordCount:      int32(w.WordCount),
		WordLimit:      int32(w.WordLimit),
		State:          eventsv1.WrittenStatement_State(w.State),
		Reason:         w.Reason,
		Symbol:         w.Symbol,
		CreateTime:     ts(w.Created),
		UpdateTime:     ts(w.Updated),
		Etag:           w.Etag(),
	}
}

func statementFromProto(p *eventsv1.WrittenStatement) domain.WrittenStatement {
	return domain.WrittenStatement{
		CallID:         p.GetCallId(),
		OrganizationID: p.GetOrganizationId(),
		CoSigners:      p.GetCoSignerIds(),
		Language:       p.GetLanguage(),
		AgendaItem:     p.GetAgendaItem(),
		Title:          p.GetTitle(),
		Text:           p.GetText(),
	}
}

// CreateStatementCall opens a call for written statements.
func (s *Server) CreateStatementCall(ctx context.Context, req *eventsv1.CreateStatementCallRequest) (*eventsv1.CreateStatementCallResponse, error) {
	c, err := s.app.CreateStatementCall(ctx, actorOf(ctx), callFromProto(req.GetStatementCall()), req.GetRequestId())
	return reply(ctx, s, &eventsv1.CreateStatementCallResponse{StatementCall: callToProto(&c)}, err)
}

// ListStatementCalls lists the calls.
func (s *Server) ListStatementCalls(ctx context.Context, req *eventsv1.ListStatementCallsRequest) (*eventsv1.ListStatementCallsResponse, error) {
	page, err := s.app.ListStatementCalls(ctx, int(req.GetPageSize()), req.GetPageToken())
	return reply(ctx, s, &eventsv1.ListStatementCallsResponse{StatementCalls: toProtos(page.Items, callToProto),
		NextPageToken: page.NextPageToken, TotalSize: int32(page.Total)}, err)
}

// SubmitWrittenStatement submits a statement.
func (s *Server) SubmitWrittenStatement(ctx context.Context, req *eventsv1.SubmitWrittenStatementRequest) (*eventsv1.SubmitWrittenStatementResponse, error) {
	w, err := s.app.SubmitWrittenStatement(ctx, actorOf(ctx), statementFromProto(req.GetWrittenStatement()), req.GetRequestId())
	return reply(ctx, s, &eventsv1.SubmitWrittenStatementResponse{WrittenStatement: statementToProto(&w)}, err)
}

// GetWrittenStatement reads one statement.
func (s *Server) GetWrittenStatement(ctx context.Context, req *eventsv1.GetWrittenStatementRequest) (*eventsv1.GetWrittenStatementResponse, error) {
	w, err := s.app.GetWrittenStatement(ctx, actorOf(ctx), req.GetId())
	return reply(ctx, s, &eventsv1.GetWrittenStatementResponse{WrittenStatement: statementToProto(&w)}, err)
}

// ListWrittenStatements lists the statements the caller may see.
func (s *Server) ListWrittenStatements(ctx context.Context, req *eventsv1.ListWrittenStatementsRequest) (*eventsv1.ListWrittenStatementsResponse, error) {
	f := app.StatementFilter{CallID: req.GetCallId(), Signer: req.GetOrganizationId(), State: domain.StatementState(req.GetState())}
	page, err := s.app.ListWrittenStatements(ctx, actorOf(ctx), f, int(req.GetPageSize()), req.GetPageToken())
	return reply(ctx, s, &eventsv1.ListWrittenStatementsResponse{WrittenStatements: toProtos(page.Items, statementToProto),
		NextPageToken: page.NextPageToken, TotalSize: int32(page.Total)}, err)
}

// AcceptWrittenStatement accepts a statement and gives it its symbol.
func (s *Server) AcceptWrittenStatement(ctx context.Context, req *eventsv1.AcceptWrittenStatementRequest) (*eventsv1.AcceptWrittenStatementResponse, error) {
	w, err := s.app.DecideWrittenStatement(ctx, actorOf(ctx), req.GetId(), req.GetEtag(), "", req.GetRequestId(), true)
	return reply(ctx, s, &eventsv1.AcceptWrittenStatementResponse{WrittenStatement: statementToProto(&w)}, err)
}

// ReturnWrittenStatement returns a statement with a reason.
func (s *Server) ReturnWrittenStatement(ctx context.Context, req *eventsv1.ReturnWrittenStatementRequest) (*eventsv1.ReturnWrittenStatementResponse, error) {
	w, err := s.app.DecideWrittenStatement(ctx, actorOf(ctx), req.GetId(), req.GetEtag(), req.GetReason(), req.GetRequestId(), false)
	return reply(ctx, s, &eventsv1.ReturnWrittenStatementResponse{WrittenStatement: statementToProto(&w)}, err)
}
