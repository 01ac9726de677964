package grpcclient

import (
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/backoff"
	_ "google.golang.org/grpc/health" // registers client-side health checking, which serviceConfig turns on
	"google.golang.org/grpc/resolver"
	"google.golang.org/grpc/resolver/manual"
)

// replicaList turns a target that lists replicas ("10.0.0.5:9002,10.0.0.6:9002") into a
// resolver that hands every address to the balancer; any other target is left to gRPC's own
// resolvers (dns:///accreditation-headless:9002 in Kubernetes).
func replicaList(target string) (string, []grpc.DialOption) {
	if !strings.Contains(target, ",") {
		return target, nil
	}
	var addrs []resolver.Address
	for _, a := range strings.Split(target, ",") {
		if a = strings.TrimSpace(a); a != "" {
			addrs = append(addrs, resolver.Address{Addr: a})
		}
	}
	r := manual.NewBuilderWithScheme("liaison-replicas")
	r.InitialState(resolver.State{Addresses: addrs})
	return r.Scheme() + ":///replicas", []grpc.DialOption{grpc.WithResolvers(r)}
}

// reconnectParams cap the wait between attempts to reach a replica at a few seconds (gRPC's
// default grows to two minutes), so that a replica back from a restart, or a listed replica
// started later, takes calls again soon after it answers.
var reconnectParams = grpc.WithConnectParams(grpc.ConnectParams{
	Backoff: backoff.Config{
		BaseDelay:  250 * time.Millisecond,
		Multiplier: 1.6,
		Jitter:     0.2,
		MaxDelay:   3 * time.Second,
	},
	// gRPC's own default: a replica that accepts connections but is still starting (loading
	// data before it serves) is waited for rather than given up on and backed off from.
	MinConnectTimeout: 20 * time.Second,
})
