// Package policy holds liaison's deployment rules as code: what every container must have
// (probes, limits, a locked-down security context), what the binaries expect (ports, health
// services, addresses, secrets), and who may talk to whom. The checks read rendered, typed
// Kubernetes objects and return findings, one line per broken rule; no findings means the
// manifests pass.
package policy

// Binary is what the manifests must agree on with one liaison binary. These are the binaries'
// own defaults; when a binary changes one, change it here and the manifests will be held to it.
type Binary struct {
	// Name is the binary, its Deployment, Service, container and image (liaison/<Name>).
	Name string
	// Port is where it serves: gRPC for the services, HTTP for the gateway.
	Port int32
	// ListenEnv is the variable that says where it listens, and where others dial it.
	ListenEnv string
	// HealthService is the grpc.health.v1 service name the readiness probe asks for; empty for
	// the gateway, whose probes are HTTP.
	HealthService string
	// Database is true for the services: they hold LIAISON_DATABASE_URL and have a migrate mode.
	Database bool
}

// Binaries are the four long-running liaison processes.
var Binaries = []Binary{
	{Name: "registry", Port: 9001, ListenEnv: "LIAISON_REGISTRY_ADDR",
		HealthService: "liaison.registry.v1.RegistryService", Database: true},
	{Name: "accreditation", Port: 9002, ListenEnv: "LIAISON_ACCREDITATION_ADDR",
		HealthService: "liaison.accreditation.v1.AccreditationService", Database: true},
	{Name: "events", Port: 9003, ListenEnv: "LIAISON_EVENTS_ADDR",
		HealthService: "liaison.events.v1.EventsService", Database: true},
	{Name: "gateway", Port: 8080, ListenEnv: "LIAISON_HTTP_ADDR"},
}

// The rest of the binaries' facts.
const (
	// AdminPort serves /metrics and /debug/pprof/ when LIAISON_ADMIN_ADDR is set.
	AdminPort = 9090
	// GatewayLiveness and GatewayReadiness are the gateway's health endpoints: the process
	// works, and at least one service behind it is SERVING (the routes of one that is down answer 503).
	GatewayLiveness  = "/healthz"
	GatewayReadiness = "/readyz"
	// DefaultShutdownTimeout applies when LIAISON_SHUTDOWN_TIMEOUT is not set.
	DefaultShutdownTimeout = "8s"
	// MigrateArg is the argument that makes a service binary migrate its schema and exit.
	MigrateArg = "migrate"
	// CollectorName is the OpenTelemetry collector's Deployment and Service.
	CollectorName = "otel-collector"
	// CollectorOTLPPort is where the collector takes OTLP/gRPC.
	CollectorOTLPPort = 4317
	// CollectorMetricsPort is where the collector publishes its own metrics.
	CollectorMetricsPort = 8888
)

// DevImages are images liaison builds (deploy/images.sh) that only the dev overlay and compose
// run: the identity provider's sign-in app.
var DevImages = []string{"idplogin"}

// KnownEnv are the variables the binaries read. A manifest that sets a LIAISON_* or OTEL_* variable
// outside this list has a typo or a setting nothing reads.
var KnownEnv = []string{
	"LIAISON_HTTP_ADDR", "LIAISON_REGISTRY_ADDR", "LIAISON_ACCREDITATION_ADDR", "LIAISON_EVENTS_ADDR",
	"LIAISON_DATABASE_URL", "LIAISON_REDIS_URL", "LIAISON_DATA_DIR", "LIAISON_LOG_LEVEL",
	"LIAISON_LOG_FORMAT", "LIAISON_ADMIN_ADDR", "LIAISON_JWKS_URL", "LIAISON_OIDC_ISSUER",
	"LIAISON_OIDC_AUDIENCE", "LIAISON_NOW", "LIAISON_SHUTDOWN_TIMEOUT", "LIAISON_CORS_ORIGINS",
	"LIAISON_RATE_ANONYMOUS_PER_SECOND", "LIAISON_RATE_ANONYMOUS_BURST", "LIAISON_RATE_USER_PER_SECOND",
	"LIAISON_RATE_USER_BURST", "LIAISON_RATE_SYSTEM_PER_SECOND", "LIAISON_RATE_SYSTEM_BURST",
	"LIAISON_PUBLIC_URL", "LIAISON_CREDENTIAL_KEY_SECRET", "LIAISON_CREDENTIAL_KEY_ROTATION", "LIAISON_CREDENTIAL_VALIDITY",
	"LIAISON_DEV_MODE", "LIAISON_OIDC_CLIENT_ID", "LIAISON_OIDC_CLIENT_SECRET", "LIAISON_OIDC_TOKEN_URL",
	"LIAISON_OIDC_CLIENT_SCOPES", "LIAISON_OIDC_PROVIDER_URL", "LIAISON_ROLES_CLAIM", "LIAISON_ORG_CLAIM", "LIAISON_SCOPE_ROLES",
	"LIAISON_PORTAL_CLIENT_ID", "LIAISON_PORTAL_CLIENT_SECRET", "LIAISON_PORTAL_REDIRECT_URL", "LIAISON_PORTAL_LOGOUT_URL",
	"LIAISON_TRUSTED_PROXIES", "LIAISON_DATABASE_POOL_MODE",
	"LIAISON_GRPC_MAX_CONNECTION_AGE", "LIAISON_GRPC_MAX_CONNECTION_AGE_GRACE",
	"LIAISON_NO_ANSWER_RULE", "LIAISON_ACCREDITATION_JOB_INTERVAL", "LIAISON_GROUNDS_PASS_RULES", "LIAISON_EVENTS_STATUS_LOSS",
	"LIAISON_SMTP_ADDR", "LIAISON_SMTP_USERNAME", "LIAISON_SMTP_PASSWORD", "LIAISON_SMTP_TLS", "LIAISON_MAIL_FROM",
	"LIAISON_NGO_BRANCH_MAILBOX",
	// The OpenTelemetry SDK's own variables (specification, "Environment Variable Specification").
	"OTEL_SDK_DISABLED", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_PROPAGATORS", "OTEL_LOG_LEVEL",
	"OTEL_TRACES_EXPORTER", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG", "OTEL_METRICS_EXPORTER", "OTEL_LOGS_EXPORTER",
	"OTEL_BSP_SCHEDULE_DELAY", "OTEL_BSP_EXPORT_TIMEOUT", "OTEL_BSP_MAX_QUEUE_SIZE", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
	"OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "OTEL_ATTRIBUTE_COUNT_LIMIT", "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT",
	"OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "OTEL_SPAN_EVENT_COUNT_LIMIT", "OTEL_SPAN_LINK_COUNT_LIMIT",
	"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL",
	"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
	"OTEL_EXPORTER_OTLP_TIMEOUT", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_COMPRESSION",
	"OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "OTEL_EXPORTER_OTLP_INSECURE", "OTEL_EXPORTER_OTLP_TRACES_INSECURE",
	"OTEL_EXPORTER_OTLP_CERTIFICATE", "OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE", "OTEL_EXPORTER_OTLP_CLIENT_KEY",
	"OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE",
}

// BinaryNamed returns the binary called name.
func BinaryNamed(name string) (Binary, bool) {
	for _, b := range Binaries {
		if b.Name == name {
			return b, true
		}
	}
	return Binary{}, false
}
