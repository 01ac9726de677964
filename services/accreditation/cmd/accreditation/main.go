// Command accreditation runs the liaison accreditation (ECOSOC consultative status) service on its own, as it runs in production.
package main

import (
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/accreditation"
)

func main() { service.Main(accreditation.Spec) }
