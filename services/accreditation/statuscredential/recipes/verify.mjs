// Verifies a liaison status credential with Node's standard library only
// (no packages): the signature against the published keys (a JWKS file),
// the token type and algorithm, and the validity period.
//
//   curl -s https://HOST/.well-known/credential-keys.json > keys.json
//   node verify.mjs keys.json "$CREDENTIAL_JWT"
//
// Exit status 0 and the credential subject on stdout when it holds; 1 and
// the reason on stderr when it does not. Revocation is a separate check
// against the status list the credential names (status.status_list.uri).
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

function fail(reason) {
  console.error('invalid: ' + reason);
  process.exit(1);
}

const [keysFile, token] = process.argv.slice(2);
if (!keysFile || !token) fail('usage: node verify.mjs KEYS.json JWT');

const parts = token.trim().split('.');
if (parts.length !== 3) fail('not a JWS in compact serialization');
const decode = (s) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
let header, claims;
try {
  header = decode(parts[0]);
  claims = decode(parts[1]);
} catch (e) {
  fail('malformed header or claims');
}
if (header.alg !== 'ES256') fail('algorithm ' + header.alg + ', want ES256');
if (header.typ !== 'JWT') fail('token type ' + header.typ);

const jwks = JSON.parse(readFileSync(keysFile, 'utf8'));
const jwk = (jwks.keys || []).find((k) => k.kid === header.kid);
if (!jwk) fail('signed by key ' + header.kid + ', which is not published');

// A JWS ES256 signature is r || s (IEEE P1363), not DER.
const ok = verify('sha256', Buffer.from(parts[0] + '.' + parts[1]),
  { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
  Buffer.from(parts[2], 'base64url'));
if (!ok) fail('the signature does not match');

const now = Math.floor(Date.now() / 1000);
const at = process.env.VERIFY_AT ? Math.floor(Date.parse(process.env.VERIFY_AT) / 1000) : now;
if (typeof claims.exp !== 'number' || at >= claims.exp) fail('expired');
if (typeof claims.nbf === 'number' && at < claims.nbf) fail('not yet valid');
const types = (claims.vc && claims.vc.type) || [];
if (!types.includes('ConsultativeStatusCredential')) fail('not a consultative status credential');

console.log(JSON.stringify(claims.vc.credentialSubject));
