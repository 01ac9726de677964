// Command demoservice runs one liaison service, with its demonstration data,
// in a process of its own, as it runs in production: the fault tests kill
// and restart these processes one at a time. With LIAISON_DEMO=off it runs
// the service alone, as a further replica of one that loads the data.
//
//	demoservice registry|accreditation|events [migrate]
package main

import (
	"fmt"
	"os"

	"github.com/un-liaison/liaison/internal/devsystem"
	"github.com/un-liaison/liaison/platform/service"
)

func main() {
	specs := devsystem.DemoSpecs
	if os.Getenv("LIAISON_DEMO") == "off" {
		specs = devsystem.Specs
	}
	if len(os.Args) >= 2 {
		name := os.Args[1]
		for _, spec := range specs {
			if spec.Name == name {
				os.Args = append(os.Args[:1], os.Args[2:]...)
				service.Main(spec)
				return
			}
		}
	}
	fmt.Fprintln(os.Stderr, "usage: demoservice registry|accreditation|events [migrate]")
	os.Exit(2)
}
