// Command healthprobe asks a liaison binary whether it is healthy, from inside its own
// container. The images are distroless (no shell, no curl), so Docker Compose healthchecks
// need a program of their own; Kubernetes does not use it, its gRPC and HTTP probes are native.
//
//	healthprobe grpc 127.0.0.1:9001 liaison.registry.v1.RegistryService
//	healthprobe http http://127.0.0.1:8080/readyz
//
// It exits 0 when the target is healthy and 1 with the reason on stderr when it is not, which
// is what a healthcheck command has to say.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

const usage = `usage: healthprobe [-timeout 2s] grpc HOST:PORT [SERVICE]
       healthprobe [-timeout 2s] http URL`

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("healthprobe", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, usage) }
	timeout := fs.Duration("timeout", 2*time.Second, "how long to wait for an answer")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()

	var err error
	switch rest := fs.Args(); {
	case len(rest) >= 2 && len(rest) <= 3 && rest[0] == "grpc":
		service := ""
		if len(rest) == 3 {
			service = rest[2]
		}
		err = checkGRPC(ctx, rest[1], service)
	case len(rest) == 2 && rest[0] == "http":
		err = checkHTTP(ctx, rest[1])
	default:
		fmt.Fprintln(stderr, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "healthprobe:", err)
		return 1
	}
	return 0
}
