package portal

// The failed notices page's labels (the officers' dead-letter list), kept beside that page and
// merged into the catalogue at start.
var noticeMessages = map[string]map[string]string{
	"en": {
		"notices.title": "Failed notices", "notices.lead": "E-mail notices the mail relay kept refusing, or sent to an organization with no address on record. Correct the address, then send them again.",
		"notices.kind": "Notice", "notices.recipient": "Recipient", "notices.written": "Written", "notices.attempts": "Attempts", "notices.error": "Last error",
		"notices.action": "Action", "notices.retry": "Send again", "notices.none": "Every notice has been sent.", "notice.requeued": "The notice will be sent again.",
		"noticekind.question.asked": "Question from the Committee", "noticekind.question.reminder": "Reminder of a question",
		"noticekind.application.decision": "ECOSOC decision", "noticekind.report.due": "Quadrennial report due",
		"noticekind.status.changed": "Consultative status changed", "noticekind.registration.promoted": "Place confirmed from the waiting list",
	},
	"fr": {
		"notices.title": "Avis non envoyés", "notices.lead": "Avis électroniques que le relais de messagerie a refusés à plusieurs reprises, ou destinés à une organisation sans adresse enregistrée. Corrigez l'adresse, puis renvoyez-les.",
		"notices.kind": "Avis", "notices.recipient": "Destinataire", "notices.written": "Rédigé le", "notices.attempts": "Tentatives", "notices.error": "Dernière erreur",
		"notices.action": "Action", "notices.retry": "Renvoyer", "notices.none": "Tous les avis ont été envoyés.", "notice.requeued": "L'avis sera renvoyé.",
		"noticekind.question.asked": "Question du Comité", "noticekind.question.reminder": "Rappel d'une question",
		"noticekind.application.decision": "Décision de l'ECOSOC", "noticekind.report.due": "Rapport quadriennal attendu",
		"noticekind.status.changed": "Statut consultatif modifié", "noticekind.registration.promoted": "Place confirmée depuis la liste d'attente",
	},
	"es": {
		"notices.title": "Avisos no enviados", "notices.lead": "Avisos por correo electrónico que el servidor de correo rechazó repetidamente, o dirigidos a una organización sin dirección registrada. Corrija la dirección y vuelva a enviarlos.",
		"notices.kind": "Aviso", "notices.recipient": "Destinatario", "notices.written": "Redactado", "notices.attempts": "Intentos", "notices.error": "Último error",
		"notices.action": "Acción", "notices.retry": "Volver a enviar", "notices.none": "Se han enviado todos los avisos.", "notice.requeued": "El aviso se volverá a enviar.",
		"noticekind.question.asked": "Pregunta del Comité", "noticekind.question.reminder": "Recordatorio de una pregunta",
		"noticekind.application.decision": "Decisión del ECOSOC", "noticekind.report.due": "Vencimiento del informe cuadrienal",
		"noticekind.status.changed": "Cambio en el reconocimiento como entidad consultiva", "noticekind.registration.promoted": "Plaza confirmada desde la lista de espera",
	},
	"ru": {
		"notices.title": "Неотправленные уведомления", "notices.lead": "Уведомления, которые почтовый сервер неоднократно отклонял, или адресованные организации без зарегистрированного адреса. Исправьте адрес и отправьте их снова.",
		"notices.kind": "Уведомление", "notices.recipient": "Получатель", "notices.written": "Составлено", "notices.attempts": "Попытки", "notices.error": "Последняя ошибка",
		"notices.action": "Действие", "notices.retry": "Отправить снова", "notices.none": "Все уведомления отправлены.", "notice.requeued": "Уведомление будет отправлено снова.",
		"noticekind.question.asked": "Вопрос Комитета", "noticekind.question.reminder": "Напоминание о вопросе",
		"noticekind.application.decision": "Решение ЭКОСОС", "noticekind.report.due": "Срок четырёхгодичного доклада",
		"noticekind.status.changed": "Изменение консультативного статуса", "noticekind.registration.promoted": "Место подтверждено из листа ожидания",
	},
	"ar": {
		"notices.title": "الإشعارات غير المرسلة", "notices.lead": "إشعارات البريد الإلكتروني التي رفضها خادم البريد مراراً، أو الموجهة إلى منظمة ليس لها عنوان مسجل. صحّح العنوان ثم أعد إرسالها.",
		"notices.kind": "الإشعار", "notices.recipient": "المرسَل إليه", "notices.written": "تاريخ التحرير", "notices.attempts": "المحاولات", "notices.error": "آخر خطأ",
		"notices.action": "الإجراء", "notices.retry": "إعادة الإرسال", "notices.none": "أُرسلت جميع الإشعارات.", "notice.requeued": "سيُعاد إرسال الإشعار.",
		"noticekind.question.asked": "سؤال من اللجنة", "noticekind.question.reminder": "تذكير بسؤال",
		"noticekind.application.decision": "قرار المجلس الاقتصادي والاجتماعي", "noticekind.report.due": "موعد التقرير الرباعي السنوات",
		"noticekind.status.changed": "تغيّر المركز الاستشاري", "noticekind.registration.promoted": "تأكيد مكان من قائمة الانتظار",
	},
	"zh": {
		"notices.title": "未发送的通知", "notices.lead": "邮件服务器多次拒收的电子邮件通知，或发给没有登记地址的组织的通知。请更正地址，然后重新发送。",
		"notices.kind": "通知", "notices.recipient": "收件人", "notices.written": "撰写日期", "notices.attempts": "尝试次数", "notices.error": "最近的错误",
		"notices.action": "操作", "notices.retry": "重新发送", "notices.none": "所有通知均已发送。", "notice.requeued": "该通知将重新发送。",
		"noticekind.question.asked": "委员会的问题", "noticekind.question.reminder": "问题提醒",
		"noticekind.application.decision": "经社理事会决定", "noticekind.report.due": "四年期报告到期",
		"noticekind.status.changed": "咨商地位变更", "noticekind.registration.promoted": "候补转为确认名额",
	},
}

func init() {
	for lang, msgs := range noticeMessages {
		for k, v := range msgs {
			catalogue[lang][k] = v
		}
	}
}
