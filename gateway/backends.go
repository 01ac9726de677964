package gateway

import (
	"context"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/config"
)

// backend is one service behind the edge. The gateway always reaches it over gRPC, never
// in-process, so REST calls pass through the same interceptors, validation and tracing as
// every other client's.
type backend struct {
	name     string
	service  string // full gRPC service name, checked by /readyz
	addr     func(config.Common) string
	register func(context.Context, *runtime.ServeMux, *grpc.ClientConn) error
}

// backends lists every service whose routes the edge serves; adding a service is one line here.
var backends = []backend{
	{
		name:     "registry",
		service:  registryv1.RegistryService_ServiceDesc.ServiceName,
		addr:     func(c config.Common) string { return c.RegistryAddr },
		register: registryv1.RegisterRegistryServiceHandler,
	},
	{
		name:     "accreditation",
		service:  accreditationv1.AccreditationService_ServiceDesc.ServiceName,
		addr:     func(c config.Common) string { return c.AccreditationAddr },
		register: accreditationv1.RegisterAccreditationServiceHandler,
	},
	{
		name:     "events",
		service:  eventsv1.EventsService_ServiceDesc.ServiceName,
		addr:     func(c config.Common) string { return c.EventsAddr },
		register: eventsv1.RegisterEventsServiceHandler,
	},
}
