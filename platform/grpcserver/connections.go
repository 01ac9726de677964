package grpcserver

import (
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/keepalive"
)

// Defaults for Options.MaxConnectionAge and Options.MaxConnectionAgeGrace; the reasoning is in
// deploy/README.md ("Connections across replicas").
const (
	DefaultMaxConnectionAge      = 5 * time.Minute
	DefaultMaxConnectionAgeGrace = time.Minute
)

// connectionOptions bounds the life of every client connection so that load spreads over
// replicas: a busy client never goes idle, so without an age it would keep the pod it first
// reached forever and a pod the autoscaler adds would get nothing. At age the server sends
// GOAWAY (each server jitters it by ±10%, so clients do not all reconnect at once); the client
// re-resolves and balances anew, and calls and watch streams still open get grace to finish
// before they are cut — a watch then resumes on its next connection from its last position.
func connectionOptions(age, grace time.Duration) []grpc.ServerOption {
	if age <= 0 {
		age = DefaultMaxConnectionAge
	}
	if grace <= 0 {
		grace = DefaultMaxConnectionAgeGrace
	}
	return []grpc.ServerOption{
		grpc.KeepaliveParams(keepalive.ServerParameters{
			MaxConnectionIdle:     15 * time.Minute,
			MaxConnectionAge:      age,
			MaxConnectionAgeGrace: grace,
			// Ping a quiet connection after a minute and drop it when the ping goes
			// unanswered for 20 s: a peer that vanished without a FIN is noticed.
			Time:    time.Minute,
			Timeout: 20 * time.Second,
		}),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{
			// Below grpcclient's 30 s ping interval, so liaison's own clients are never
			// disconnected for pinging too often; anyone pinging faster than every 10 s is.
			MinTime:             10 * time.Second,
			PermitWithoutStream: true,
		}),
	}
}
