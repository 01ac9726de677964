package gateway

import (
	"encoding/json"
	"net/http"
	"strconv"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
)

// credentialKeysPath is where verifiers fetch the keys that sign status
// credentials, as the JWKS document (RFC 7517) JOSE libraries read as is.
const credentialKeysPath = "/.well-known/credential-keys.json"

// credentialKeysMaxAge lets verifiers and caches keep the keys a while: a
// new key is published a rotation before it signs anything it must verify.
const credentialKeysMaxAge = 300

// serveCredentialKeys answers credentialKeysPath from the accreditation
// service's ListCredentialKeys.
func serveCredentialKeys(dialed []dialedBackend) http.HandlerFunc {
	var client accreditationv1.AccreditationServiceClient
	for _, d := range dialed {
		if d.name == "accreditation" {
			client = accreditationv1.NewAccreditationServiceClient(d.conn)
		}
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if client == nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"message": "the accreditation service is not configured"})
			return
		}
		resp, err := client.ListCredentialKeys(r.Context(), &accreditationv1.ListCredentialKeysRequest{})
		if err != nil {
			w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds))
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"message": "the credential keys are temporarily unavailable; retry shortly"})
			return
		}
		keys := make([]json.RawMessage, 0, len(resp.GetKeys()))
		for _, k := range resp.GetKeys() {
			if json.Valid([]byte(k.GetPublicJwk())) {
				keys = append(keys, json.RawMessage(k.GetPublicJwk()))
			}
		}
		w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(credentialKeysMaxAge))
		w.Header().Set("Content-Type", "application/jwk-set+json")
		_ = json.NewEncoder(w).Encode(struct {
			Keys []json.RawMessage `json:"keys"`
		}{keys})
	}
}
