package statuscredential

// Media types and JOSE "typ" values of the two kinds of token.
const (
	// CredentialType is the JOSE "typ" of a status credential (vc-jwt).
	CredentialType = "JWT"
	// StatusListType is the JOSE "typ" of a status list token.
	StatusListType = "statuslist+jwt"
	// StatusListMediaType is the HTTP content type of a status list token.
	StatusListMediaType = "application/statuslist+jwt"
	// Algorithm is the only JWS algorithm liaison signs and accepts.
	Algorithm = "ES256"
)

// The W3C contexts and types a status credential declares.
var (
	credentialContext = []string{"https://www.w3.org/2018/credentials/v1"}
	credentialTypes   = []string{"VerifiableCredential", "ConsultativeStatusCredential"}
)

// Claims is a status credential's JWT claim set. The registered claims
// carry what JWT libraries check by themselves (issuer, subject, validity,
// id); "vc" carries the W3C credential; "status" points into the status
// list, in the IETF Token Status List's shape.
type Claims struct {
	Issuer    string    `json:"iss"`
	Subject   string    `json:"sub"`
	ID        string    `json:"jti"`
	IssuedAt  int64     `json:"iat"`
	NotBefore int64     `json:"nbf"`
	Expiry    int64     `json:"exp"`
	VC        VC        `json:"vc"`
	Status    StatusRef `json:"status"`
}

// VC is the W3C Verifiable Credential inside the JWT. Per vc-jwt, its
// issuer, dates and id are the JWT's iss, nbf, exp and jti.
type VC struct {
	Context           []string `json:"@context"`
	Type              []string `json:"type"`
	CredentialSubject Subject  `json:"credentialSubject"`
}

// Subject is the organization and the status it holds.
type Subject struct {
	// ID is the organization's id in liaison's registry.
	ID                 string             `json:"id"`
	Name               string             `json:"name"`
	ConsultativeStatus ConsultativeStatus `json:"consultativeStatus"`
}

// ConsultativeStatus is the status of record when the credential was
// issued. Dates are ISO 8601 calendar dates (YYYY-MM-DD).
type ConsultativeStatus struct {
	// Category is GENERAL, SPECIAL or ROSTER.
	Category string `json:"category"`
	// State is ACTIVE: only an active status is attested.
	State     string `json:"state"`
	GrantedOn string `json:"grantedOn"`
	// DecisionSymbol is the ECOSOC decision's document symbol, e.g. E/2022/32.
	DecisionSymbol string `json:"decisionSymbol"`
	NextReportDue  string `json:"nextReportDue,omitempty"`
}

// StatusRef is the credential's entry in a status list.
type StatusRef struct {
	StatusList StatusListRef `json:"status_list"`
}

// StatusListRef names the list and the credential's index in it.
type StatusListRef struct {
	Index uint64 `json:"idx"`
	URI   string `json:"uri"`
}

// NewClaims fills in the fixed parts (contexts, types) of a credential.
func NewClaims(issuer string, subject Subject, id string, issuedAt, expiry int64, list StatusListRef) Claims {
	return Claims{
		Issuer: issuer, Subject: subject.ID, ID: id, IssuedAt: issuedAt, NotBefore: issuedAt, Expiry: expiry,
		VC:     VC{Context: credentialContext, Type: credentialTypes, CredentialSubject: subject},
		Status: StatusRef{StatusList: list},
	}
}
