package app

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// ListApplications selects an officer's or the Committee's work queue, or
// an organization's own applications.
type ListApplications struct {
	OrganizationID  string
	States          []domain.State
	SessionID       string
	ReviewCycleYear int
	Category        domain.Category
	MinDeferrals    int
	MinDaysPending  int
	OrderBy         string
	PageSize        int
	PageToken       string
}

// ApplicationList is one page of applications.
type ApplicationList struct {
	Applications  []domain.Application
	NextPageToken string
	Total         int
}

// orderFields are the fields a work queue may be sorted on.
var orderFields = []string{"submit_time", "create_time", "update_time", "deferral_count", "days_pending"}

func parseOrder(s string) ([]OrderKey, error) {
	if strings.TrimSpace(s) == "" {
		return []OrderKey{{Field: "submit_time"}}, nil
	}
	var keys []OrderKey
	for part := range strings.SplitSeq(s, ",") {
		f := strings.Fields(part)
		if len(f) == 0 || len(f) > 2 || !slices.Contains(orderFields, f[0]) || (len(f) == 2 && f[1] != "desc") {
			return nil, domain.Invalid("order_by", "use fields among submit_time, create_time, update_time, deferral_count, days_pending, each optionally followed by \" desc\"")
		}
		keys = append(keys, OrderKey{Field: f[0], Desc: len(f) == 2})
	}
	return keys, nil
}

type queueToken struct {
	Now    int64              `json:"n"`
	Cursor *ApplicationCursor `json:"c"`
}

// ListApplications returns one page of the queue. An ngo user only ever
// sees its own organization's applications; one whose token names no
// organization yet (a self-registering user before its profile exists)
// has none, so it gets an empty page rather than an error it could not act on.
func (s *Service) ListApplications(ctx context.Context, actor domain.Actor, cmd ListApplications) (ApplicationList, error) {
	hideDrafts := false // see domain.VisibleTo
	switch {
	case actor.Anonymous():
		return ApplicationList{}, &domain.UnauthenticatedError{Message: "sign in to list applications"}
	case actor.HasRole(domain.RoleOfficer):
	case actor.HasRole(domain.RoleCommittee):
		hideDrafts = true
	case actor.HasRole(domain.RoleNGO):
		if cmd.OrganizationID != "" && cmd.OrganizationID != actor.Org {
			return ApplicationList{}, &domain.PermissionError{Message: "an ngo user may list only its own organization's applications"}
		}
		if actor.Org == "" {
			return ApplicationList{}, nil
		}
		cmd.OrganizationID = actor.Org
	default:
		return ApplicationList{}, &domain.PermissionError{Message: "your roles do not allow you to read applications"}
	}
	order, err := parseOrder(cmd.OrderBy)
	if err != nil {
		return ApplicationList{}, err
	}
	q := ApplicationQuery{
		OrganizationID: cmd.OrganizationID, States: cmd.States, SessionID: cmd.SessionID, ReviewCycleYear: cmd.ReviewCycleYear,
		Category: cmd.Category, MinDeferrals: cmd.MinDeferrals, MinDaysPending: cmd.MinDaysPending, Order: order,
		Now: s.clock.Now(), Limit: pageSize(cmd.PageSize), HideDrafts: hideDrafts,
	}
	filter := cmd
	filter.PageSize, filter.PageToken = 0, ""
	if cmd.PageToken != "" {
		var tok queueToken
		if err := decodePageToken(cmd.PageToken, filter, &tok); err != nil {
			return ApplicationList{}, err
		}
		// Days pending are counted at the first page's instant, so pages do not shift under the reader.
		q.Now, q.After = time.UnixMicro(tok.Now).UTC(), tok.Cursor
	}
	page, err := s.store.Applications(ctx, q)
	if err != nil {
		return ApplicationList{}, err
	}
	out := ApplicationList{Applications: page.Applications, Total: page.Total}
	if page.Next != nil {
		out.NextPageToken = encodePageToken(filter, queueToken{Now: q.Now.UnixMicro(), Cursor: page.Next})
	}
	return out, nil
}
