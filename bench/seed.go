package main

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx", for creating the run's database

	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/sqldb"
	accreditationmigrations "github.com/un-liaison/liaison/services/accreditation/migrations"
	"github.com/un-liaison/liaison/services/registry/demo"
	registrymigrations "github.com/un-liaison/liaison/services/registry/migrations"
)

// createDatabase makes an empty PostgreSQL database for one run and returns its URL and a
// function that drops it.
func createDatabase(ctx context.Context, serverURL, name string) (string, func(), error) {
	admin, err := sql.Open("pgx", serverURL+"/postgres?sslmode=disable")
	if err != nil {
		return "", nil, err
	}
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("creating database %s: %w", name, err)
	}
	drop := func() {
		_, _ = admin.ExecContext(context.Background(), `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
		admin.Close()
	}
	return serverURL + "/" + name + "?sslmode=disable", drop, nil
}

// seedRegistry loads n synthetic organizations through the registry's own seeding code (the
// same directory as the registry's search benchmark) and returns the first ids in id order.
func seedRegistry(ctx context.Context, dataDir, databaseURL string, n, want int) ([]string, error) {
	db, err := sqldb.Open(ctx, sqldb.Options{Service: "registry", DataDir: dataDir, DatabaseURL: databaseURL, Migrations: registrymigrations.FS})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	clk, _ := clock.FromConfig("")
	if err := demo.Seed(ctx, db, clk, n); err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, sqldb.Rebind(db.Dialect(), `SELECT id FROM organizations ORDER BY id LIMIT ?`), want)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// seedStatuses writes a status of record for each organization straight into the accreditation
// store's table, as if the Committee's decisions had been taken: running the whole workflow
// thousands of times would only measure the seeding. Most are active; one in ten is suspended.
// The accreditation service is not running yet, so no cache holds an older answer.
func seedStatuses(ctx context.Context, dataDir, databaseURL string, orgs []string) error {
	db, err := sqldb.Open(ctx, sqldb.Options{Service: "accreditation", DataDir: dataDir, DatabaseURL: databaseURL, Migrations: accreditationmigrations.FS})
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	stmt, err := tx.PrepareContext(ctx, sqldb.Rebind(db.Dialect(), `INSERT INTO consultative_statuses
		(organization_id, category, state, granted_on, decision_ref, next_report_due, suspended_until, withdrawn_on, update_time, revision)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return err
	}
	categories := []string{"GENERAL", "SPECIAL", "SPECIAL", "ROSTER"}
	now := time.Now().UnixMicro()
	for i, org := range orgs {
		state, until := "ACTIVE", ""
		if i%10 == 9 {
			state, until = "SUSPENDED", "2027-12-31"
		}
		cat := categories[i%len(categories)]
		due := ""
		if cat != "ROSTER" {
			due = "2028-06-01"
		}
		if _, err := stmt.ExecContext(ctx, org, cat, state, "2024-07-26", fmt.Sprintf("E/2024/%d", 200+i%50), due, until, "", now, 1); err != nil {
			return fmt.Errorf("status of %s: %w", org, err)
		}
	}
	return tx.Commit()
}
