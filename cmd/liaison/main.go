// Command liaison is the developer's entry point: `liaison dev` runs the whole system on one
// machine, `liaison token` prints a token the dev system accepts.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

const usage = `usage: liaison <command> [flags]

commands:
  dev     run the three services and the REST gateway in one process (each on its own
          gRPC listener, talking to each other over gRPC on loopback)
  token   print a JWT that the dev system accepts; needs LIAISON_DEV_MODE=1 (see: liaison token -h)
  verify  check a status credential offline with the published keys (see: liaison verify -h)
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var err error
	switch os.Args[1] {
	case "dev":
		err = runDev(ctx, os.Args[2:])
	case "token":
		err = runToken(os.Stdout, os.Args[2:])
	case "verify":
		err = runVerify(os.Stdout, os.Stdin, os.Args[2:])
	case "-h", "--help", "help":
		fmt.Print(usage)
		return
	default:
		fmt.Fprintf(os.Stderr, "liaison: unknown command %q\n\n%s", os.Args[1], usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "liaison:", err)
		os.Exit(1)
	}
}
