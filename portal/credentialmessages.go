package portal

// The status credential pages' labels, kept beside those pages and merged
// into the catalogue at start.
var credentialMessages = map[string]map[string]string{
	"en": {
		"cred.title": "Status credential", "cred.heading": "Consultative status with the Economic and Social Council",
		"cred.issuer": "United Nations — NGO liaison", "cred.get": "Get a status credential",
		"cred.getnote": "A signed statement of your consultative status that anyone can check, to print or show on a phone. It is valid for a few days.",
		"cred.issued":  "Issued", "cred.until": "Valid until", "cred.id": "Credential", "cred.stated": "Status stated",
		"cred.qr": "QR code that opens the verification page", "cred.scan": "Scan to verify",
		"cred.note": "Signed by the United Nations. Anyone can check it by scanning the code, or offline with the keys published at /.well-known/credential-keys.json. A suspension or withdrawal of the status revokes it.",
		"cred.raw":  "The credential as text", "cred.check": "Check it now",
		"verify.title": "Verify a status credential", "verify.paste": "Credential", "verify.check": "Check",
		"verify.now":          "Status of record now:",
		"verify.offline":      "This page asks liaison. Verifiers can also check a credential without liaison, with the published keys and the status list.",
		"verify.RESULT_VALID": "Valid: signed by the United Nations and in force", "verify.RESULT_EXPIRED": "Expired",
		"verify.RESULT_STATUS_CHANGED": "Genuine, but the status has changed since", "verify.RESULT_REVOKED": "Revoked",
		"verify.RESULT_INVALID": "Not a valid credential", "verify.RESULT_UNSPECIFIED": "Unknown",
	},
	"fr": {
		"cred.title": "Attestation de statut", "cred.heading": "Statut consultatif auprès du Conseil économique et social",
		"cred.issuer": "Nations Unies — liaison avec les ONG", "cred.get": "Obtenir une attestation de statut",
		"cred.getnote": "Une déclaration signée de votre statut consultatif, vérifiable par tous, à imprimer ou à présenter sur un téléphone. Elle est valable quelques jours.",
		"cred.issued":  "Délivrée le", "cred.until": "Valable jusqu’au", "cred.id": "Attestation", "cred.stated": "Statut attesté",
		"cred.qr": "Code QR qui ouvre la page de vérification", "cred.scan": "Scanner pour vérifier",
		"cred.note": "Signée par les Nations Unies. Chacun peut la vérifier en scannant le code, ou hors ligne avec les clés publiées à /.well-known/credential-keys.json. Une suspension ou un retrait du statut la révoque.",
		"cred.raw":  "L’attestation sous forme de texte", "cred.check": "La vérifier maintenant",
		"verify.title": "Vérifier une attestation de statut", "verify.paste": "Attestation", "verify.check": "Vérifier",
		"verify.now":          "Statut officiel actuel :",
		"verify.offline":      "Cette page interroge liaison. Une attestation peut aussi être vérifiée sans liaison, avec les clés publiées et la liste de statuts.",
		"verify.RESULT_VALID": "Valide : signée par les Nations Unies et en vigueur", "verify.RESULT_EXPIRED": "Expirée",
		"verify.RESULT_STATUS_CHANGED": "Authentique, mais le statut a changé depuis", "verify.RESULT_REVOKED": "Révoquée",
		"verify.RESULT_INVALID": "Attestation non valide", "verify.RESULT_UNSPECIFIED": "Inconnu",
	},
}

func init() {
	for lang, msgs := range credentialMessages {
		for k, v := range msgs {
			catalogue[lang][k] = v
		}
	}
}
