package sqldb

import (
	"context"
	"database/sql"
)

// Querier runs a query on the database or inside a transaction.
type Querier interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}

// Scanner is one row, or the row of a QueryRow, as a scan function reads it.
type Scanner interface{ Scan(dest ...any) error }

// QueryAll runs query (already written for the dialect, see Rebind) and reads every row with scan.
func QueryAll[T any](ctx context.Context, q Querier, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
