package grpcapi

import (
	"context"

	"google.golang.org/genproto/googleapis/api/httpbody"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
	"github.com/un-liaison/liaison/services/accreditation/statuscredential"
)

// IssueStatusCredential implements the RPC.
func (s *Server) IssueStatusCredential(ctx context.Context, req *accreditationv1.IssueStatusCredentialRequest) (*accreditationv1.IssueStatusCredentialResponse, error) {
	c, err := s.app.IssueStatusCredential(ctx, actorOf(ctx), req.GetOrganizationId(), req.GetRequestId())
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	m := credentialToProto(c.Credential, c.Links.StatusList)
	m.Jwt, m.VerificationUri = c.JWT, c.VerificationURI()
	return &accreditationv1.IssueStatusCredentialResponse{Credential: m}, nil
}

// VerifyStatusCredential implements the RPC.
func (s *Server) VerifyStatusCredential(ctx context.Context, req *accreditationv1.VerifyStatusCredentialRequest) (*accreditationv1.VerifyStatusCredentialResponse, error) {
	v, err := s.app.VerifyStatusCredential(ctx, req.GetJwt())
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := &accreditationv1.VerifyStatusCredentialResponse{
		Result: accreditationv1.VerifyStatusCredentialResponse_Result(
			toEnum(accreditationv1.VerifyStatusCredentialResponse_Result_value, v.Verdict, "RESULT_")),
		Reason: v.Reason,
	}
	if v.Verdict != domain.VerdictInvalid {
		out.Credential = credentialToProto(v.Credential, "")
		out.CurrentStatus = statusToProto(v.Current)
	}
	return out, nil
}

// GetCredentialStatusList implements the RPC.
func (s *Server) GetCredentialStatusList(ctx context.Context, _ *accreditationv1.GetCredentialStatusListRequest) (*httpbody.HttpBody, error) {
	tok, err := s.app.CredentialStatusList(ctx)
	return reply(ctx, s, &httpbody.HttpBody{ContentType: statuscredential.StatusListMediaType, Data: []byte(tok)}, err)
}

// ListCredentialKeys implements the RPC.
func (s *Server) ListCredentialKeys(ctx context.Context, _ *accreditationv1.ListCredentialKeysRequest) (*accreditationv1.ListCredentialKeysResponse, error) {
	keys, err := s.app.CredentialKeys(ctx)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	out := &accreditationv1.ListCredentialKeysResponse{Keys: make([]*accreditationv1.CredentialKey, len(keys))}
	for i, k := range keys {
		out.Keys[i] = &accreditationv1.CredentialKey{KeyId: k.ID, Algorithm: k.Algorithm, PublicJwk: k.PublicJWK,
			CreateTime: ts(k.CreateTime), RetireTime: ts(k.RetireTime), ExpireTime: ts(k.ExpireTime)}
	}
	return out, nil
}

func credentialToProto(c domain.Credential, listURI string) *accreditationv1.StatusCredential {
	st := c.Status
	st.OrganizationID = c.OrganizationID
	m := statusToProto(st)
	// A credential states a status at a moment; the record's etag and
	// update time are not part of what was signed.
	m.Etag, m.UpdateTime = "", nil
	return &accreditationv1.StatusCredential{Id: c.ID, OrganizationId: c.OrganizationID, OrganizationName: c.OrganizationName,
		Status: m, IssueTime: ts(c.IssueTime), ExpireTime: ts(c.ExpireTime), KeyId: c.KeyID,
		StatusListUri: listURI, StatusListIndex: c.StatusIndex}
}
