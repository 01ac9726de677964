package portal

// The failed notices page's labels (the officers' dead-letter list), kept beside that page and
// merged into the catalogue at start.
var noticeMessages = map[string]map[string]string{
	"en": {
		"prefs.title": "E-mail notices", "prefs.lead": "Questions from the Committee and their reminders, decisions, changes of status and the last reminder before a report is due are always sent. These early notices are yours to choose.",
		"prefs.optional": "Optional notices", "prefs.kind.report.due": "Reminders six months and one month before a quadrennial report is due",
		"prefs.kind.question.deadline": "A warning a week before the deadline to answer the Committee's questions", "notice.preferences": "Your notice choices were saved.",
		"notices.title": "Failed notices", "notices.lead": "E-mail notices the mail relay kept refusing, or sent to an organization with no address on record. Correct the address, then send them again.",
		"notices.kind": "Notice", "notices.recipient": "Recipient", "notices.written": "Written", "notices.attempts": "Attempts", "notices.error": "Last error",
		"notices.action": "Action", "notices.retry": "Send again", "notices.none": "Every notice has been sent.", "notice.requeued": "The notice will be sent again.",
		"noticekind.question.asked": "Question from the Committee", "noticekind.question.reminder": "Reminder of a question",
		"noticekind.application.decision": "ECOSOC decision", "noticekind.report.due": "Quadrennial report due",
		"noticekind.status.changed": "Consultative status changed", "noticekind.registration.promoted": "Place confirmed from the waiting list",
	},
	"fr": {
		"prefs.title": "Avis par courriel", "prefs.lead": "Les questions du Comité et leurs rappels, les décisions, les changements de statut et le dernier rappel avant l'échéance d'un rapport sont toujours envoyés. Ces avis anticipés sont à votre choix.",
		"prefs.optional": "Avis facultatifs", "prefs.kind.report.due": "Rappels six mois et un mois avant l'échéance d'un rapport quadriennal",
		"prefs.kind.question.deadline": "Un avertissement une semaine avant la date limite pour répondre aux questions du Comité", "notice.preferences": "Vos choix d'avis ont été enregistrés.",
		"notices.title": "Avis non envoyés", "notices.lead": "Avis électroniques que le relais de messagerie a refusés à plusieurs reprises, ou destinés à une organisation sans adresse enregistrée. Corrigez l'adresse, puis renvoyez-les.",
		"notices.kind": "Avis", "notices.recipient": "Destinataire", "notices.written": "Rédigé le", "notices.attempts": "Tentatives", "notices.error": "Dernière erreur",
		"notices.action": "Action", "notices.retry": "Renvoyer", "notices.none": "Tous les avis ont été envoyés.", "notice.requeued": "L'avis sera renvoyé.",
		"noticekind.question.asked": "Question du Comité", "noticekind.question.reminder": "Rappel d'une question",
		"noticekind.application.decision": "Décision de l'ECOSOC", "noticekind.report.due": "Rapport quadriennal attendu",
		"noticekind.status.changed": "Statut consultatif modifié", "noticekind.registration.promoted": "Place confirmée depuis la liste d'attente",
	},
	"es": {
		"prefs.title": "Avisos por correo electrónico", "prefs.lead": "Las preguntas del Comité y sus recordatorios, las decisiones, los cambios de reconocimiento y el último recordatorio antes del vencimiento de un informe se envían siempre. Estos avisos anticipados son opcionales.",
		"prefs.optional": "Avisos opcionales", "prefs.kind.report.due": "Recordatorios seis meses y un mes antes del vencimiento de un informe cuadrienal",
		"prefs.kind.question.deadline": "Un aviso una semana antes del plazo para responder a las preguntas del Comité", "notice.preferences": "Se han guardado sus preferencias de avisos.",
		"notices.title": "Avisos no enviados", "notices.lead": "Avisos por correo electrónico que el servidor de correo rechazó repetidamente, o dirigidos a una organización sin dirección registrada. Corrija la dirección y vuelva a enviarlos.",
		"notices.kind": "Aviso", "notices.recipient": "Destinatario", "notices.written": "Redactado", "notices.attempts": "Intentos", "notices.error": "Último error",
		"notices.action": "Acción", "notices.retry": "Volver a enviar", "notices.none": "Se han enviado todos los avisos.", "notice.requeued": "El aviso se volverá a enviar.",
		"noticekind.question.asked": "Pregunta del Comité", "noticekind.question.reminder": "Recordatorio de una pregunta",
		"noticekind.application.decision": "Decisión del ECOSOC", "noticekind.report.due": "Vencimiento del informe cuadrienal",
		"noticekind.status.changed": "Cambio en el reconocimiento como entidad consultiva", "noticekind.registration.promoted": "Plaza confirmada desde la lista de espera",
	},
	"ru": {
		"prefs.title": "Уведомления по электронной почте", "prefs.lead": "Вопросы Комитета и напоминания о них, решения, изменения статуса и последнее напоминание перед сроком доклада отправляются всегда. Эти заблаговременные уведомления — на ваш выбор.",
		"prefs.optional": "Необязательные уведомления", "prefs.kind.report.due": "Напоминания за шесть месяцев и за месяц до срока четырёхгодичного доклада",
		"prefs.kind.question.deadline": "Предупреждение за неделю до срока ответа на вопросы Комитета", "notice.preferences": "Ваш выбор уведомлений сохранён.",
		"notices.title": "Неотправленные уведомления", "notices.lead": "Уведомления, которые почтовый сервер неоднократно отклонял, или адресованные организации без зарегистрированного адреса. Исправьте адрес и отправьте их снова.",
		"notices.kind": "Уведомление", "notices.recipient": "Получатель", "notices.written": "Составлено", "notices.attempts": "Попытки", "notices.error": "Последняя ошибка",
		"notices.action": "Действие", "notices.retry": "Отправить снова", "notices.none": "Все уведомления отправлены.", "notice.requeued": "Уведомление будет отправлено снова.",
		"noticekind.question.asked": "Вопрос Комитета", "noticekind.question.reminder": "Напоминание о вопросе",
		"noticekind.application.decision": "Решение ЭКОСОС", "noticekind.report.due": "Срок четырёхгодичного доклада",
		"noticekind.status.changed": "Изменение консультативного статуса", "noticekind.registration.promoted": "Место подтверждено из листа ожидания",
	},
	"ar": {
		"prefs.title": "إشعارات البريد الإلكتروني", "prefs.lead": "تُرسل دائماً أسئلة اللجنة وتذكيراتها والقرارات وتغييرات المركز والتذكير الأخير قبل موعد التقرير. أما هذه الإشعارات المبكرة فلكم أن تختاروها.",
		"prefs.optional": "الإشعارات الاختيارية", "prefs.kind.report.due": "تذكيرات قبل ستة أشهر وقبل شهر من موعد التقرير الرباعي السنوات",
		"prefs.kind.question.deadline": "تنبيه قبل أسبوع من الموعد النهائي للإجابة عن أسئلة اللجنة", "notice.preferences": "تم حفظ اختياراتكم للإشعارات.",
		"notices.title": "الإشعارات غير المرسلة", "notices.lead": "إشعارات البريد الإلكتروني التي رفضها خادم البريد مراراً، أو الموجهة إلى منظمة ليس لها عنوان مسجل. صحّح العنوان ثم أعد إرسالها.",
		"notices.kind": "الإشعار", "notices.recipient": "المرسَل إليه", "notices.written": "تاريخ التحرير", "notices.attempts": "المحاولات", "notices.error": "آخر خطأ",
		"notices.action": "الإجراء", "notices.retry": "إعادة الإرسال", "notices.none": "أُرسلت جميع الإشعارات.", "notice.requeued": "سيُعاد إرسال الإشعار.",
		"noticekind.question.asked": "سؤال من اللجنة", "noticekind.question.reminder": "تذكير بسؤال",
		"noticekind.application.decision": "قرار المجلس الاقتصادي والاجتماعي", "noticekind.report.due": "موعد التقرير الرباعي السنوات",
		"noticekind.status.changed": "تغيّر المركز الاستشاري", "noticekind.registration.promoted": "تأكيد مكان من قائمة الانتظار",
	},
	"zh": {
		"prefs.title": "电子邮件通知", "prefs.lead": "委员会的问题及其提醒、决定、地位变更以及报告到期前的最后一次提醒始终会发送。以下提前通知可由您选择。",
		"prefs.optional": "可选通知", "prefs.kind.report.due": "四年期报告到期前六个月和一个月的提醒",
		"prefs.kind.question.deadline": "答复委员会问题截止日期前一周的提醒", "notice.preferences": "您的通知选择已保存。",
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
