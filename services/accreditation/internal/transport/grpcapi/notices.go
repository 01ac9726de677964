package grpcapi

import (
	"context"

	"google.golang.org/protobuf/types/known/timestamppb"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/services/accreditation/internal/app"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// ListFailedNotices implements the RPC.
func (s *Server) ListFailedNotices(ctx context.Context, req *accreditationv1.ListFailedNoticesRequest) (*accreditationv1.ListFailedNoticesResponse, error) {
	page, err := s.app.ListFailedNotices(ctx, actorOf(ctx), int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := &accreditationv1.ListFailedNoticesResponse{NextPageToken: page.NextPageToken, Notices: []*accreditationv1.Notice{}}
	for _, n := range page.Notices {
		out.Notices = append(out.Notices, noticeToProto(n))
	}
	return out, nil
}

// RetryNotice implements the RPC.
func (s *Server) RetryNotice(ctx context.Context, req *accreditationv1.RetryNoticeRequest) (*accreditationv1.RetryNoticeResponse, error) {
	n, err := s.app.RetryNotice(ctx, actorOf(ctx), req.GetKey())
	return reply(ctx, s, &accreditationv1.RetryNoticeResponse{Notice: noticeToProto(n)}, err)
}

var noticeStates = map[notify.State]accreditationv1.Notice_State{
	notify.Pending: accreditationv1.Notice_STATE_PENDING, notify.Sent: accreditationv1.Notice_STATE_SENT,
	notify.Failed: accreditationv1.Notice_STATE_FAILED, notify.Cancelled: accreditationv1.Notice_STATE_CANCELLED,
}

func noticeToProto(n notify.Notice) *accreditationv1.Notice {
	return &accreditationv1.Notice{
		Key: n.Key, Kind: n.Kind, Recipient: n.Recipient, Link: n.Link, Attempts: int32(n.Attempts),
		LastError: n.LastError, CreateTime: timestamppb.New(n.CreateTime), State: noticeStates[n.State],
	}
}

// GetNoticePreferences implements the RPC.
func (s *Server) GetNoticePreferences(ctx context.Context, req *accreditationv1.GetNoticePreferencesRequest) (*accreditationv1.GetNoticePreferencesResponse, error) {
	p, err := s.app.NoticePreferences(ctx, actorOf(ctx), req.GetOrganizationId())
	return reply(ctx, s, &accreditationv1.GetNoticePreferencesResponse{NoticePreferences: preferencesToProto(p)}, err)
}

// UpdateNoticePreferences implements the RPC.
func (s *Server) UpdateNoticePreferences(ctx context.Context, req *accreditationv1.UpdateNoticePreferencesRequest) (*accreditationv1.UpdateNoticePreferencesResponse, error) {
	for _, path := range req.GetUpdateMask().GetPaths() {
		if path != "declined_kinds" {
			return nil, s.fail(ctx, domain.Invalid("update_mask", "only declined_kinds can be changed, not "+path))
		}
	}
	in := req.GetNoticePreferences()
	p, err := s.app.SetNoticePreferences(ctx, actorOf(ctx), in.GetOrganizationId(), in.GetDeclinedKinds())
	return reply(ctx, s, &accreditationv1.UpdateNoticePreferencesResponse{NoticePreferences: preferencesToProto(p)}, err)
}

func preferencesToProto(p app.NoticePreferences) *accreditationv1.NoticePreferences {
	return &accreditationv1.NoticePreferences{OrganizationId: p.OrganizationID, DeclinedKinds: p.Declined, OptionalKinds: app.OptionalNotices}
}
