package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/un-liaison/liaison/platform/sqldb"
	"github.com/un-liaison/liaison/services/registry/internal/app"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
)

// profile is the part of an organization stored as one JSON document: nothing searches on it, and
// adding a field to the profile then needs no migration.
type profile struct {
	Address      domain.Address              `json:"address"`
	Website      string                      `json:"website,omitempty"`
	Email        string                      `json:"email,omitempty"`
	FoundedOn    domain.Date                 `json:"foundedOn"`
	SDGs         []int                       `json:"sdgs,omitempty"`
	Languages    []string                    `json:"languages,omitempty"`
	SocialMedia  []domain.SocialMediaAccount `json:"socialMedia,omitempty"`
	PolicyIssues []string                    `json:"policyIssues,omitempty"`
	NameFlag     string                      `json:"nameFlag,omitempty"`
	ProfileState domain.ProfileState         `json:"profileState,omitempty"`
	ProfileNote  string                      `json:"profileNote,omitempty"`
}

const organizationColumns = `id, name, acronym, description, country, stakeholder_group, status_category, status_state,
	profile, created_by, revision, create_time, update_time`

func scanOrganization(row interface{ Scan(...any) error }) (domain.Organization, error) {
	var (
		o            domain.Organization
		raw          []byte
		created, upd int64
	)
	err := row.Scan(&o.ID, &o.Name, &o.Acronym, &o.Description, &o.Country, &o.StakeholderGroup,
		&o.Status.Category, &o.Status.State, &raw, &o.CreatedBy, &o.Revision, &created, &upd)
	if err != nil {
		return o, err
	}
	var p profile
	if err := json.Unmarshal(raw, &p); err != nil {
		return o, fmt.Errorf("organization %s profile: %w", o.ID, err)
	}
	o.Address, o.Website, o.Email, o.FoundedOn = p.Address, p.Website, p.Email, p.FoundedOn
	o.SDGs, o.Languages, o.SocialMedia, o.PolicyIssues = p.SDGs, p.Languages, p.SocialMedia, p.PolicyIssues
	o.NameFlag, o.ProfileState, o.ProfileNote = p.NameFlag, p.ProfileState, p.ProfileNote
	o.CreateTime, o.UpdateTime = fromMicros(created), fromMicros(upd)
	return o, nil
}

func profileOf(o domain.Organization) (string, error) {
	b, err := json.Marshal(profile{Address: o.Address, Website: o.Website, Email: o.Email, FoundedOn: o.FoundedOn,
		SDGs: o.SDGs, Languages: o.Languages, SocialMedia: o.SocialMedia, PolicyIssues: o.PolicyIssues, NameFlag: o.NameFlag,
		ProfileState: o.ProfileState, ProfileNote: o.ProfileNote})
	return string(b), err
}

// CreateOrganization stores a new profile, refusing a likely duplicate in the same transaction when
// asked, and remembers the answer for the request key.
func (s *Store) CreateOrganization(ctx context.Context, o domain.Organization, opts app.CreateOrganizationOptions) (domain.Organization, error) {
	return createOnce(ctx, s, opts.Request, o.CreateTime, func(tx *sql.Tx) (domain.Organization, error) {
		if opts.RejectDuplicates {
			if err := s.refuseDuplicate(ctx, tx, o); err != nil {
				return domain.Organization{}, err
			}
		}
		doc, err := profileOf(o)
		if err != nil {
			return domain.Organization{}, err
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO organizations (id, name, name_key, name_skeleton, acronym, description, country,
			stakeholder_group, sdg_mask, status_category, status_state, search_category, profile, created_by, revision,
			create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			o.ID, o.Name, o.NormalizedName(), o.NameSkeleton(), o.Acronym, o.Description, o.Country, o.StakeholderGroup, domain.SDGMask(o.SDGs),
			o.Status.Category, o.Status.State, o.Status.SearchCategory(), doc, o.CreatedBy, o.Revision,
			micros(o.CreateTime), micros(o.UpdateTime))
		if err != nil {
			return domain.Organization{}, fmt.Errorf("insert organization: %w", err)
		}
		if err := s.insertTerms(ctx, tx, termsOf(o)); err != nil {
			return domain.Organization{}, err
		}
		if opts.OnePerCreator {
			if err := s.claimCreator(ctx, tx, o); err != nil {
				return domain.Organization{}, err
			}
		}
		return o, nil
	})
}

// refuseDuplicate looks for a profile with the same normalized name, or the same look-alike
// skeleton, in the same country. On PostgreSQL a transaction-scoped advisory lock on the country
// and skeleton makes two concurrent creates of the same organization queue, so the second sees
// the first.
func (s *Store) refuseDuplicate(ctx context.Context, tx *sql.Tx, o domain.Organization) error {
	if s.dialect == sqldb.Postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, "organization:"+o.Country+":"+o.NameSkeleton()); err != nil {
			return fmt.Errorf("lock name: %w", err)
		}
	}
	var id, name string
	err := tx.QueryRowContext(ctx, s.q(`SELECT id, name FROM organizations WHERE country = ? AND (name_key = ? OR name_skeleton = ?) ORDER BY id LIMIT 1`),
		o.Country, o.NormalizedName(), o.NameSkeleton()).Scan(&id, &name)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("find duplicate: %w", err)
	}
	return &domain.DuplicateError{ExistingID: id, ExistingName: name, Country: o.Country}
}

// GetOrganization reads one profile.
func (s *Store) GetOrganization(ctx context.Context, id string) (domain.Organization, error) {
	o, err := scanOrganization(s.db.QueryRowContext(ctx, s.q(`SELECT `+organizationColumns+` FROM organizations WHERE id = ?`), id))
	return o, notFound(err, "organization", id)
}

// BatchGetOrganizations reads the profiles that exist among ids.
func (s *Store) BatchGetOrganizations(ctx context.Context, ids []string) ([]domain.Organization, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	b := s.build().add(`SELECT ` + organizationColumns + ` FROM organizations WHERE id IN (`).list(ids).add(`)`)
	return s.queryOrganizations(ctx, b)
}

func (s *Store) queryOrganizations(ctx context.Context, b *builder) ([]domain.Organization, error) {
	rows, err := s.db.QueryContext(ctx, b.String(), b.args...)
	if err != nil {
		return nil, fmt.Errorf("query organizations: %w", err)
	}
	defer rows.Close()
	var out []domain.Organization
	for rows.Next() {
		o, err := scanOrganization(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// UpdateOrganization is a read-modify-write in one transaction; the revision check in the UPDATE
// guards against a writer that slipped in where the dialect takes no row lock.
func (s *Store) UpdateOrganization(ctx context.Context, id string, change func(*domain.Organization) error) (domain.Organization, error) {
	var o domain.Organization
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		o, err = scanOrganization(tx.QueryRowContext(ctx, s.q(`SELECT `+organizationColumns+` FROM organizations WHERE id = ?`+s.forUpdate()), id))
		if err != nil {
			return notFound(err, "organization", id)
		}
		was, before := o, o.Revision
		if err := change(&o); err != nil {
			return err
		}
		doc, err := profileOf(o)
		if err != nil {
			return err
		}
		// The status columns are left alone: only the mirror of the accreditation service writes them.
		res, err := tx.ExecContext(ctx, s.q(`UPDATE organizations SET name = ?, name_key = ?, name_skeleton = ?, acronym = ?, description = ?,
			country = ?, stakeholder_group = ?, sdg_mask = ?, profile = ?, revision = ?, update_time = ? WHERE id = ? AND revision = ?`),
			o.Name, o.NormalizedName(), o.NameSkeleton(), o.Acronym, o.Description, o.Country, o.StakeholderGroup, domain.SDGMask(o.SDGs),
			doc, o.Revision, micros(o.UpdateTime), id, before)
		if err != nil {
			return fmt.Errorf("update organization: %w", err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return domain.ErrStaleEtag
		}
		return s.replaceTerms(ctx, tx, was, o)
	})
	if err != nil {
		return domain.Organization{}, err
	}
	return o, nil
}

// OrganizationCreatedBy finds a profile the subject created.
func (s *Store) OrganizationCreatedBy(ctx context.Context, subject string) (string, bool, error) {
	var id string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT id FROM organizations WHERE created_by = ? ORDER BY id LIMIT 1`), subject).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("organization created by: %w", err)
	}
	return id, true, nil
}
