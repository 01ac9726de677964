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
	"es": {
		"cred.title": "Certificado de reconocimiento", "cred.heading": "Reconocimiento como entidad consultiva del Consejo Económico y Social",
		"cred.issuer": "Naciones Unidas — enlace con las ONG", "cred.get": "Obtener un certificado de reconocimiento",
		"cred.getnote": "Una declaración firmada de su reconocimiento como entidad consultiva que cualquiera puede verificar, para imprimir o mostrar en un teléfono. Es válida durante unos días.",
		"cred.issued":  "Expedido", "cred.until": "Válido hasta", "cred.id": "Certificado", "cred.stated": "Reconocimiento declarado",
		"cred.qr": "Código QR que abre la página de verificación", "cred.scan": "Escanear para verificar",
		"cred.note": "Firmado por las Naciones Unidas. Cualquiera puede verificarlo escaneando el código, o sin conexión con las claves publicadas en /.well-known/credential-keys.json. La suspensión o el retiro del reconocimiento lo revoca.",
		"cred.raw":  "El certificado como texto", "cred.check": "Verificarlo ahora",
		"verify.title": "Verificar un certificado de reconocimiento", "verify.paste": "Certificado", "verify.check": "Verificar",
		"verify.now":          "Reconocimiento registrado actualmente:",
		"verify.offline":      "Esta página consulta al servicio de enlace. También puede verificarse un certificado sin él, con las claves publicadas y la lista de estados.",
		"verify.RESULT_VALID": "Válido: firmado por las Naciones Unidas y vigente", "verify.RESULT_EXPIRED": "Caducado",
		"verify.RESULT_STATUS_CHANGED": "Auténtico, pero el reconocimiento ha cambiado desde entonces", "verify.RESULT_REVOKED": "Revocado",
		"verify.RESULT_INVALID": "No es un certificado válido", "verify.RESULT_UNSPECIFIED": "Desconocido",
	},
	"ru": {
		"cred.title": "Удостоверение статуса", "cred.heading": "Консультативный статус при Экономическом и Социальном Совете",
		"cred.issuer": "Организация Объединённых Наций — связь с НПО", "cred.get": "Получить удостоверение статуса",
		"cred.getnote": "Подписанное подтверждение вашего консультативного статуса, которое может проверить любой; его можно распечатать или показать на телефоне. Действует несколько дней.",
		"cred.issued":  "Выдано", "cred.until": "Действительно до", "cred.id": "Удостоверение", "cred.stated": "Подтверждённый статус",
		"cred.qr": "QR-код, открывающий страницу проверки", "cred.scan": "Отсканируйте для проверки",
		"cred.note": "Подписано Организацией Объединённых Наций. Любой может проверить его, отсканировав код, или без подключения с ключами, опубликованными по адресу /.well-known/credential-keys.json. Приостановление или отзыв статуса аннулирует удостоверение.",
		"cred.raw":  "Удостоверение в виде текста", "cred.check": "Проверить сейчас",
		"verify.title": "Проверить удостоверение статуса", "verify.paste": "Удостоверение", "verify.check": "Проверить",
		"verify.now":          "Статус по реестру сейчас:",
		"verify.offline":      "Эта страница обращается к службе связи. Удостоверение можно проверить и без неё, с опубликованными ключами и списком статусов.",
		"verify.RESULT_VALID": "Действительно: подписано ООН и в силе", "verify.RESULT_EXPIRED": "Срок истёк",
		"verify.RESULT_STATUS_CHANGED": "Подлинное, но статус с тех пор изменился", "verify.RESULT_REVOKED": "Аннулировано",
		"verify.RESULT_INVALID": "Недействительное удостоверение", "verify.RESULT_UNSPECIFIED": "Неизвестно",
	},
	"ar": {
		"cred.title": "شهادة المركز", "cred.heading": "المركز الاستشاري لدى المجلس الاقتصادي والاجتماعي",
		"cred.issuer": "الأمم المتحدة — الاتصال بالمنظمات غير الحكومية", "cred.get": "الحصول على شهادة المركز",
		"cred.getnote": "بيان موقَّع بمركزكم الاستشاري يمكن لأي أحد التحقق منه، للطباعة أو للعرض على الهاتف. وهو صالح لبضعة أيام.",
		"cred.issued":  "تاريخ الإصدار", "cred.until": "صالحة حتى", "cred.id": "الشهادة", "cred.stated": "المركز المُثبت",
		"cred.qr": "رمز QR يفتح صفحة التحقق", "cred.scan": "امسح الرمز للتحقق",
		"cred.note": "موقَّعة من الأمم المتحدة. يمكن لأي أحد التحقق منها بمسح الرمز، أو دون اتصال بالمفاتيح المنشورة في /.well-known/credential-keys.json. ويُلغيها تعليق المركز أو سحبه.",
		"cred.raw":  "الشهادة نصاً", "cred.check": "تحقق منها الآن",
		"verify.title": "التحقق من شهادة المركز", "verify.paste": "الشهادة", "verify.check": "تحقق",
		"verify.now":          "المركز المسجل حالياً:",
		"verify.offline":      "تستعلم هذه الصفحة من خدمة الاتصال. ويمكن أيضاً التحقق من الشهادة دونها، بالمفاتيح المنشورة وقائمة المراكز.",
		"verify.RESULT_VALID": "صالحة: موقَّعة من الأمم المتحدة ونافذة", "verify.RESULT_EXPIRED": "منتهية الصلاحية",
		"verify.RESULT_STATUS_CHANGED": "أصلية، لكن المركز تغيّر منذ ذلك الحين", "verify.RESULT_REVOKED": "ملغاة",
		"verify.RESULT_INVALID": "ليست شهادة صالحة", "verify.RESULT_UNSPECIFIED": "غير معروف",
	},
	"zh": {
		"cred.title": "地位证明", "cred.heading": "经济及社会理事会咨商地位",
		"cred.issuer": "联合国——非政府组织联络", "cred.get": "获取地位证明",
		"cred.getnote": "一份经签名、任何人均可核查的咨商地位声明，可打印或在手机上出示。有效期为数日。",
		"cred.issued":  "签发日期", "cred.until": "有效期至", "cred.id": "证明", "cred.stated": "所证明的地位",
		"cred.qr": "打开核查页面的二维码", "cred.scan": "扫码核查",
		"cred.note": "由联合国签名。任何人均可扫码核查，或使用 /.well-known/credential-keys.json 上公布的密钥离线核查。暂停或撤销咨商地位即吊销此证明。",
		"cred.raw":  "证明的文本形式", "cred.check": "立即核查",
		"verify.title": "核查地位证明", "verify.paste": "证明", "verify.check": "核查",
		"verify.now":          "当前记录的地位：",
		"verify.offline":      "本页面查询联络服务。也可以不经联络服务，使用公布的密钥和地位列表核查证明。",
		"verify.RESULT_VALID": "有效：由联合国签名且仍然有效", "verify.RESULT_EXPIRED": "已过期",
		"verify.RESULT_STATUS_CHANGED": "真实，但地位此后已改变", "verify.RESULT_REVOKED": "已吊销",
		"verify.RESULT_INVALID": "不是有效的证明", "verify.RESULT_UNSPECIFIED": "未知",
	},
}

func init() {
	for lang, msgs := range credentialMessages {
		for k, v := range msgs {
			catalogue[lang][k] = v
		}
	}
}
