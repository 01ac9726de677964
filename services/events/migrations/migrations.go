// Package migrations embeds the events service's versioned schema, one folder per SQL dialect,
// so the binary migrates its own database at start without files beside it.
package migrations

import "embed"

// FS holds sqlite/NNNN_*.sql and postgres/NNNN_*.sql.
//
//go:embed sqlite/*.sql postgres/*.sql
var FS embed.FS
