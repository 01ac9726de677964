// Command events runs the liaison events (meetings calendar, side events, registrations) service on its own, as it runs in production.
package main

import (
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/events"
)

func main() { service.Main(events.Spec) }
