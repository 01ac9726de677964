// Package accreditation is the accreditation (ECOSOC consultative status) service: its Spec tells the shared platform runner how to
// build, migrate and serve it, whether it runs as its own binary or inside the dev runner.
package accreditation

import (
	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/service"
	"github.com/un-liaison/liaison/services/accreditation/internal/transport/grpcapi"
	"github.com/un-liaison/liaison/services/accreditation/migrations"
)

// Spec describes the accreditation service to the platform runner.
var Spec = service.Spec{
	Name:         "accreditation",
	ServiceNames: []string{accreditationv1.AccreditationService_ServiceDesc.ServiceName},
	Migrations:   migrations.FS,
	ListenAddr:   func(c config.Common) string { return c.AccreditationAddr },
	Policy:       grpcapi.Policy.Authorize,
	Build:        build,
}
