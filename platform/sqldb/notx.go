package sqldb

import (
	"context"
	"database/sql"
	"time"
)

// claimLease is how long a claim on a migration outside a transaction holds without being
// renewed; the claimer renews it every third of that while the statement runs, so only a
// replica that died lets another take over.
const claimLease = time.Minute

// claimPoll is how often a replica waiting for another's migration looks again.
const claimPoll = 200 * time.Millisecond

// applyOutsideTx applies a migration that cannot run in a transaction, once across replicas:
// under the migration lock a replica either finds it recorded, finds a live claim by another
// (and waits for the record), or claims it. The claimer runs the statement on its own, then
// records it and drops the claim under the lock again. No session state is involved, so this
// works through a pooler in transaction mode.
func (db *DB) applyOutsideTx(ctx context.Context, m Migration) (done bool, err error) {
	pool := db.txPool()
	for {
		var applied, claimed bool
		err := db.lockedTx(ctx, pool, func(tx *sql.Tx) error {
			var err error
			if applied, err = recorded(ctx, tx, m); err != nil || applied {
				return err
			}
			now := time.Now().UTC()
			var at time.Time
			switch err := tx.QueryRowContext(ctx, "SELECT claimed_at FROM schema_migration_claims WHERE version = $1", m.Version).Scan(&at); {
			case err == nil && now.Sub(at) < claimLease:
				return nil // another replica is on it
			case err != nil && err != sql.ErrNoRows:
				return err
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM schema_migration_claims WHERE version = $1", m.Version); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, "INSERT INTO schema_migration_claims (version, claimed_at) VALUES ($1, $2)", m.Version, now)
			claimed = err == nil
			return err
		})
		switch {
		case err != nil:
			return false, err
		case applied:
			return false, nil
		case claimed:
			return true, db.runClaimed(ctx, m)
		}
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-time.After(claimPoll):
		}
	}
}

// runClaimed runs the claimed migration's statement outside a transaction, renewing the claim
// meanwhile, then records it.
func (db *DB) runClaimed(ctx context.Context, m Migration) error {
	renewCtx, stopRenewing := context.WithCancel(ctx)
	renewed := make(chan struct{})
	go func() {
		defer close(renewed)
		t := time.NewTicker(claimLease / 3)
		defer t.Stop()
		for {
			select {
			case <-renewCtx.Done():
				return
			case <-t.C:
				_, _ = db.txPool().ExecContext(renewCtx, "UPDATE schema_migration_claims SET claimed_at = $1 WHERE version = $2", time.Now().UTC(), m.Version)
			}
		}
	}()
	_, err := db.txPool().ExecContext(ctx, m.SQL)
	stopRenewing()
	<-renewed
	if err != nil {
		return err
	}
	return db.lockedTx(ctx, db.txPool(), func(tx *sql.Tx) error {
		if err := record(ctx, tx, m); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM schema_migration_claims WHERE version = $1", m.Version)
		return err
	})
}
