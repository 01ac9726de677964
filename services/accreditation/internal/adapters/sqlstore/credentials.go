package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

const keyColumns = `key_id, algorithm, public_jwk, private_key, create_time, retire_time, expire_time`

func credentialKeys(ctx context.Context, q queryer) ([]domain.CredentialKey, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+keyColumns+` FROM credential_keys ORDER BY create_time DESC, key_id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.CredentialKey
	for rows.Next() {
		var k domain.CredentialKey
		var created, retire, expire int64
		if err := rows.Scan(&k.ID, &k.Algorithm, &k.PublicJWK, &k.SealedPrivate, &created, &retire, &expire); err != nil {
			return nil, err
		}
		k.CreateTime, k.RetireTime, k.ExpireTime = fromMicros(created), fromMicros(retire), fromMicros(expire)
		out = append(out, k)
	}
	return out, rows.Err()
}

// CredentialKeys implements app.Store.
func (s *Store) CredentialKeys(ctx context.Context) ([]domain.CredentialKey, error) {
	return credentialKeys(ctx, s.db)
}

// CredentialKeys implements app.Tx.
func (t *tx) CredentialKeys(ctx context.Context) ([]domain.CredentialKey, error) {
	return credentialKeys(ctx, t.tx)
}

// InsertCredentialKey implements app.Tx.
func (t *tx) InsertCredentialKey(ctx context.Context, k domain.CredentialKey) error {
	_, err := t.tx.ExecContext(ctx, t.s.q(`INSERT INTO credential_keys (`+keyColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?)`),
		k.ID, k.Algorithm, k.PublicJWK, k.SealedPrivate, micros(k.CreateTime), micros(k.RetireTime), micros(k.ExpireTime))
	return err
}

// DeleteCredentialKeysExpiredBy implements app.Tx.
func (t *tx) DeleteCredentialKeysExpiredBy(ctx context.Context, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, t.s.q(`DELETE FROM credential_keys WHERE expire_time <= ?`), micros(at))
	return err
}

// NextStatusIndex implements app.Tx. The counter row's lock serializes
// issuers on PostgreSQL; SQLite has one writer.
func (t *tx) NextStatusIndex(ctx context.Context) (uint64, error) {
	var last int64
	err := t.tx.QueryRowContext(ctx, `UPDATE status_list_counter SET last_index = last_index + 1 WHERE id = 1 RETURNING last_index`).Scan(&last)
	return uint64(last - 1), err
}

// InsertCredential implements app.Tx.
func (t *tx) InsertCredential(ctx context.Context, c domain.Credential) error {
	st := c.Status
	_, err := t.tx.ExecContext(ctx, t.s.q(`INSERT INTO status_credentials (id, organization_id, organization_name, category, state,
		granted_on, decision_ref, next_report_due, status_revision, key_id, status_index, issued_by, issue_time, expire_time)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		c.ID, c.OrganizationID, c.OrganizationName, string(st.Category), string(st.State), st.GrantedOn.String(), st.DecisionRef,
		st.NextReportDue.String(), st.Revision, c.KeyID, int64(c.StatusIndex), c.IssuedBy, micros(c.IssueTime), micros(c.ExpireTime))
	if isUnique(err) {
		return &domain.AlreadyExistsError{Message: "credential " + c.ID + " already exists"}
	}
	return err
}

// RevokeCredentials implements app.Tx.
func (t *tx) RevokeCredentials(ctx context.Context, org string, at time.Time) ([]string, error) {
	rows, err := t.tx.QueryContext(ctx, t.s.q(`UPDATE status_credentials SET revoke_time = ?
		WHERE organization_id = ? AND expire_time > ? AND revoke_time IS NULL RETURNING id`), micros(at), org, micros(at))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := []string{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Credential implements app.Store.
func (s *Store) Credential(ctx context.Context, id string) (domain.Credential, error) {
	var c domain.Credential
	var granted, due string
	var issued, expire int64
	var revoked sql.NullInt64
	var index int64
	st := &c.Status
	err := s.db.QueryRowContext(ctx, s.q(`SELECT id, organization_id, organization_name, category, state, granted_on, decision_ref,
		next_report_due, status_revision, key_id, status_index, issued_by, issue_time, expire_time, revoke_time
		FROM status_credentials WHERE id = ?`), id).Scan(&c.ID, &c.OrganizationID, &c.OrganizationName, &st.Category, &st.State,
		&granted, &st.DecisionRef, &due, &st.Revision, &c.KeyID, &index, &c.IssuedBy, &issued, &expire, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return c, &domain.NotFoundError{What: "credential", ID: id}
	}
	if err != nil {
		return c, err
	}
	st.OrganizationID = c.OrganizationID
	st.GrantedOn, st.NextReportDue = parseDate(granted), parseDate(due)
	c.StatusIndex = uint64(index)
	c.IssueTime, c.ExpireTime, c.RevokeTime = fromMicros(issued), fromMicros(expire), fromNullMicros(revoked)
	return c, nil
}

// StatusListEntries implements app.Store.
func (s *Store) StatusListEntries(ctx context.Context) (uint64, []uint64, error) {
	var size int64
	if err := s.db.QueryRowContext(ctx, `SELECT last_index FROM status_list_counter WHERE id = 1`).Scan(&size); err != nil {
		return 0, nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT status_index FROM status_credentials WHERE revoke_time IS NOT NULL`)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	var revoked []uint64
	for rows.Next() {
		var i int64
		if err := rows.Scan(&i); err != nil {
			return 0, nil, err
		}
		revoked = append(revoked, uint64(i))
	}
	return uint64(size), revoked, rows.Err()
}
