// Command registry runs the liaison registry (organizations, NGO committees, focal points, partnerships) service on its own, as it runs in production.
package main

import (
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/registry"
)

func main() { service.Main(registry.Spec) }
