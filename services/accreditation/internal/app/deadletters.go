package app

import (
	"context"
	"time"

	"github.com/un-liaison/liaison/platform/notify"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// NoticeOutbox is the dead-letter side of the notices table.
type NoticeOutbox interface {
	Failed(ctx context.Context, limit int, after *notify.FailedCursor) ([]notify.Notice, error)
	Requeue(ctx context.Context, key string, now time.Time) (bool, error)
	Get(ctx context.Context, key string) (notify.Notice, bool, error)
}

// NoticePage is one page of the dead-letter list.
type NoticePage struct {
	Notices       []notify.Notice
	NextPageToken string
}

// ListFailedNotices lists the notices that ran out of attempts, newest first.
func (s *Service) ListFailedNotices(ctx context.Context, actor domain.Actor, size int, token string) (NoticePage, error) {
	if s.notices == nil {
		return NoticePage{}, nil
	}
	var after *notify.FailedCursor
	if token != "" {
		after = &notify.FailedCursor{}
		if err := decodePageToken(token, "failed-notices", after); err != nil {
			return NoticePage{}, err
		}
	}
	size = pageSize(size)
	ns, err := s.notices.Failed(ctx, size+1, after)
	if err != nil {
		return NoticePage{}, err
	}
	page := NoticePage{Notices: ns}
	if len(ns) > size {
		page.Notices = ns[:size]
		page.NextPageToken = encodePageToken("failed-notices", notify.CursorAfter(ns[size-1]))
	}
	return page, nil
}

// RetryNotice puts a failed notice back in the queue, due now.
func (s *Service) RetryNotice(ctx context.Context, actor domain.Actor, key string) (notify.Notice, error) {
	if s.notices == nil {
		return notify.Notice{}, &domain.NotFoundError{What: "notice", ID: key}
	}
	if _, err := s.notices.Requeue(ctx, key, s.clock.Now()); err != nil {
		return notify.Notice{}, err
	}
	n, ok, err := s.notices.Get(ctx, key)
	if err != nil {
		return notify.Notice{}, err
	}
	if !ok {
		return notify.Notice{}, &domain.NotFoundError{What: "notice", ID: key}
	}
	return n, nil
}
