package sqldb

// platformTables are the platform's own tables, which every service's database holds whatever
// its migrations say: the request log (requestlog) and the audit log (platform/audit). Migrate
// creates them here, before the service's migrations, and nowhere else creates them. Databases
// made before this got request_log from each service's migration 0001_request_log.sql: that
// file is gone, its row in schema_migrations stays (Migrate only reads the files it is given),
// and the table is the one below, so IF NOT EXISTS leaves it as it is.
var platformTables = map[Dialect][]string{
	SQLite: {`CREATE TABLE IF NOT EXISTS request_log (
		caller      TEXT NOT NULL,
		request_id  TEXT NOT NULL,
		method      TEXT NOT NULL,
		response    BLOB NOT NULL,
		create_time TIMESTAMP NOT NULL,
		PRIMARY KEY (caller, request_id, method)
	)`, `CREATE TABLE IF NOT EXISTS audit_log (
		id           INTEGER PRIMARY KEY AUTOINCREMENT,
		at           TIMESTAMP NOT NULL,
		method       TEXT NOT NULL,
		subject      TEXT NOT NULL,
		roles        TEXT NOT NULL,
		organization TEXT NOT NULL,
		request_id   TEXT NOT NULL,
		trace_id     TEXT NOT NULL,
		outcome      TEXT NOT NULL
	)`, auditBySubject, auditByOrganization},
	Postgres: {`CREATE TABLE IF NOT EXISTS request_log (
		caller      TEXT NOT NULL,
		request_id  TEXT NOT NULL,
		method      TEXT NOT NULL,
		response    BYTEA NOT NULL,
		create_time TIMESTAMPTZ NOT NULL,
		PRIMARY KEY (caller, request_id, method)
	)`, `CREATE TABLE IF NOT EXISTS audit_log (
		id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		at           TIMESTAMPTZ NOT NULL,
		method       TEXT NOT NULL,
		subject      TEXT NOT NULL,
		roles        TEXT NOT NULL,
		organization TEXT NOT NULL,
		request_id   TEXT NOT NULL,
		trace_id     TEXT NOT NULL,
		outcome      TEXT NOT NULL
	)`, auditBySubject, auditByOrganization},
}

// The audit log's indexes serve the two questions asked of it: what did this person do, and
// what happened to this organization.
const (
	auditBySubject      = `CREATE INDEX IF NOT EXISTS audit_log_subject_at ON audit_log (subject, at)`
	auditByOrganization = `CREATE INDEX IF NOT EXISTS audit_log_organization_at ON audit_log (organization, at)`
)
