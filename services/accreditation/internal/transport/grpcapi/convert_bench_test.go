package grpcapi

import (
	"fmt"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// batchOfStatuses is what a badge office's batch of 100 returns: most hold status, a few not.
func batchOfStatuses() []domain.Status {
	list := make([]domain.Status, 100)
	for i := range list {
		org := fmt.Sprintf("org_%06d", i)
		if i%4 == 3 {
			list[i] = domain.NoStatus(org)
			continue
		}
		list[i] = domain.Status{OrganizationID: org, Category: domain.CategorySpecial, State: domain.StatusActive,
			GrantedOn: domain.NewDate(2024, 7, 26), DecisionRef: "E/2024/250", NextReportDue: domain.NewDate(2028, 6, 1),
			UpdateTime: time.Date(2024, 7, 26, 15, 0, 0, 0, time.UTC), Revision: 3}
	}
	return list
}

// BenchmarkStatusesToProto is the transport's share of BatchGetConsultativeStatuses.
func BenchmarkStatusesToProto(b *testing.B) {
	list := batchOfStatuses()
	b.ReportAllocs()
	for b.Loop() {
		_ = statusesToProto(list)
	}
}

// The batch conversion carves its messages from shared slices; it must
// still say exactly what converting each status alone says.
func TestStatusesToProtoMatchesOneByOne(t *testing.T) {
	list := batchOfStatuses()
	list[5].SuspendedUntil, list[5].State = domain.NewDate(2027, 12, 31), domain.StatusSuspended
	list[6].WithdrawnOn, list[6].State = domain.NewDate(2026, 1, 2), domain.StatusWithdrawn
	got := statusesToProto(list)
	for i, st := range list {
		if want := statusToProto(st); !proto.Equal(got[i], want) {
			t.Fatalf("status %d:\n got %v\nwant %v", i, got[i], want)
		}
	}
}
