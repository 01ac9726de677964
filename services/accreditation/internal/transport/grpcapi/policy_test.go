package grpcapi

import (
	"testing"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
)

// TestEveryMethodHasAPolicy fails when an RPC is added to the contract
// without deciding who may call it.
func TestEveryMethodHasAPolicy(t *testing.T) {
	t.Parallel()
	desc := accreditationv1.AccreditationService_ServiceDesc
	var names []string
	for _, m := range desc.Methods {
		names = append(names, m.MethodName)
	}
	for _, s := range desc.Streams {
		names = append(names, s.StreamName)
	}
	for _, n := range names {
		full := "/" + desc.ServiceName + "/" + n
		roles, ok := policy[full]
		if !ok || len(roles) == 0 {
			t.Errorf("%s has no access policy", full)
		}
	}
	if len(policy) != len(names) {
		t.Errorf("the policy names %d methods, the service has %d", len(policy), len(names))
	}
}
