package notify

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/un-liaison/liaison/platform/locale"
)

// The kinds of notice liaison sends.
const (
	// KindQuestionAsked tells an organization the Committee asked a question on its application.
	KindQuestionAsked = "question.asked"
	// KindQuestionReminder reminds it the question is still unanswered; the three-reminders
	// rule counts these once sent.
	KindQuestionReminder = "question.reminder"
	// KindQuestionDeadline warns it a week ahead of the no-answer rule's deadline for the session
	// its application is scheduled for, while a question is still open.
	KindQuestionDeadline = "question.deadline"
	// KindDecision tells it ECOSOC's decision on its application.
	KindDecision = "application.decision"
	// KindReportDue tells it its quadrennial report falls due.
	KindReportDue = "report.due"
	// KindStatusChanged tells it its consultative status was suspended, reinstated or withdrawn.
	KindStatusChanged = "status.changed"
	// KindRegistered tells a participant their place at an event is confirmed.
	KindRegistered = "registration.confirmed"
	// KindWaitlisted tells a participant the event is full and where they stand on its waiting
	// list.
	KindWaitlisted = "registration.waitlisted"
	// KindPlaceConfirmed tells a participant a place is theirs, moved up from the waiting list.
	KindPlaceConfirmed = "registration.promoted"
	// KindSubmitted tells the NGO Branch's mailbox an application is waiting for screening.
	KindSubmitted = "application.submitted"
	// KindAnswered tells the NGO Branch's mailbox an organization answered the Committee.
	KindAnswered = "question.answered"
	// KindProposalApproved tells an organization its side event is on the calendar.
	KindProposalApproved = "proposal.approved"
	// KindProposalRejected tells an organization its side-event proposal was declined, and why.
	KindProposalRejected = "proposal.rejected"
)

// template is a message's subject and body in one language. Placeholders are {name}; a
// placeholder whose name ends in "date" holds YYYY-MM-DD and is written as the language writes
// dates, and {n} is written with the language's digits.
type template struct{ Subject, Body string }

// messages holds every kind in every one of the six languages (TestEveryNoticeInSixLanguages).
var messages = map[string]map[string]template{
	KindQuestionAsked: {
		"en": {"Question from the Committee on NGOs on your application", "The Committee on NGOs has asked a question about the application of {organization}:\n\n{question}\n\nPlease answer it on the portal."},
		"fr": {"Question du Comité chargé des ONG sur votre demande", "Le Comité chargé des ONG a posé une question sur la demande de {organization} :\n\n{question}\n\nVeuillez y répondre sur le portail."},
		"es": {"Pregunta del Comité Encargado de las ONG sobre su solicitud", "El Comité Encargado de las ONG ha formulado una pregunta sobre la solicitud de {organization}:\n\n{question}\n\nSírvase responderla en el portal."},
		"ru": {"Вопрос Комитета по НПО по вашему заявлению", "Комитет по неправительственным организациям задал вопрос по заявлению организации {organization}:\n\n{question}\n\nПожалуйста, ответьте на портале."},
		"ar": {"سؤال من لجنة المنظمات غير الحكومية بشأن طلبكم", "طرحت لجنة المنظمات غير الحكومية سؤالاً بشأن طلب {organization}:\n\n{question}\n\nيرجى الإجابة عنه في البوابة."},
		"zh": {"非政府组织委员会就贵组织的申请提出问题", "非政府组织委员会就{organization}的申请提出了一个问题：\n\n{question}\n\n请在门户网站上作答。"},
	},
	KindQuestionReminder: {
		"en": {"Reminder {n} of 3: a question on your application awaits your answer", "The Committee on NGOs is still waiting for the answer of {organization} to its question of {askeddate}:\n\n{question}\n\nAn application whose questions stay unanswered after three reminders may be closed."},
		"fr": {"Rappel {n} sur 3 : une question sur votre demande attend votre réponse", "Le Comité chargé des ONG attend toujours la réponse de {organization} à sa question du {askeddate} :\n\n{question}\n\nUne demande dont les questions restent sans réponse après trois rappels peut être close."},
		"es": {"Recordatorio {n} de 3: una pregunta sobre su solicitud espera respuesta", "El Comité Encargado de las ONG sigue esperando la respuesta de {organization} a su pregunta del {askeddate}:\n\n{question}\n\nUna solicitud cuyas preguntas sigan sin respuesta tras tres recordatorios podrá cerrarse."},
		"ru": {"Напоминание {n} из 3: вопрос по вашему заявлению ждёт ответа", "Комитет по НПО всё ещё ждёт ответа организации {organization} на вопрос от {askeddate}:\n\n{question}\n\nЗаявление, вопросы по которому остаются без ответа после трёх напоминаний, может быть закрыто."},
		"ar": {"التذكير {n} من ٣: سؤال بشأن طلبكم ينتظر الإجابة", "لا تزال لجنة المنظمات غير الحكومية تنتظر إجابة {organization} عن سؤالها المؤرخ {askeddate}:\n\n{question}\n\nيجوز إقفال الطلب الذي تبقى أسئلته دون إجابة بعد ثلاثة تذكيرات."},
		"zh": {"第{n}次提醒（共3次）：贵组织申请的问题尚待答复", "非政府组织委员会仍在等待{organization}对其{askeddate}所提问题的答复：\n\n{question}\n\n经三次提醒后问题仍未答复的申请可能被结案。"},
	},
	KindQuestionDeadline: {
		"en": {"Answer by {deadlinedate}: a question on your application is still open", "The Committee on NGOs takes up the application of {organization} at its session of {sessiondate}. Its question is still unanswered:\n\n{question}\n\nAn application whose questions are not answered by {deadlinedate} may be closed."},
		"fr": {"Répondre avant le {deadlinedate} : une question sur votre demande reste ouverte", "Le Comité chargé des ONG examine la demande de {organization} à sa session du {sessiondate}. Sa question est toujours sans réponse :\n\n{question}\n\nUne demande dont les questions sont sans réponse au {deadlinedate} peut être close."},
		"es": {"Responda antes del {deadlinedate}: una pregunta sobre su solicitud sigue abierta", "El Comité Encargado de las ONG examinará la solicitud de {organization} en su período de sesiones del {sessiondate}. Su pregunta sigue sin respuesta:\n\n{question}\n\nUna solicitud cuyas preguntas no se respondan antes del {deadlinedate} podrá cerrarse."},
		"ru": {"Ответьте до {deadlinedate}: вопрос по вашему заявлению остаётся открытым", "Комитет по НПО рассмотрит заявление организации {organization} на сессии {sessiondate}. Его вопрос всё ещё без ответа:\n\n{question}\n\nЗаявление, на вопросы по которому не ответили до {deadlinedate}, может быть закрыто."},
		"ar": {"أجيبوا قبل {deadlinedate}: سؤال بشأن طلبكم لا يزال مفتوحاً", "تنظر لجنة المنظمات غير الحكومية في طلب {organization} في دورتها المعقودة في {sessiondate}. ولا يزال سؤالها دون إجابة:\n\n{question}\n\nيجوز إقفال الطلب الذي لا يُجاب عن أسئلته بحلول {deadlinedate}."},
		"zh": {"请于{deadlinedate}前答复：贵组织申请的问题仍未答复", "非政府组织委员会将在{sessiondate}的届会上审议{organization}的申请。其问题仍未答复：\n\n{question}\n\n截至{deadlinedate}问题仍未答复的申请可能被结案。"},
	},
	KindDecision: {
		"en": {"ECOSOC decision on your application: {decision}", "The Economic and Social Council has decided on the application of {organization}: {decision} (decision {ref})."},
		"fr": {"Décision de l’ECOSOC sur votre demande : {decision}", "Le Conseil économique et social s’est prononcé sur la demande de {organization} : {decision} (décision {ref})."},
		"es": {"Decisión del ECOSOC sobre su solicitud: {decision}", "El Consejo Económico y Social se ha pronunciado sobre la solicitud de {organization}: {decision} (decisión {ref})."},
		"ru": {"Решение ЭКОСОС по вашему заявлению: {decision}", "Экономический и Социальный Совет принял решение по заявлению организации {organization}: {decision} (решение {ref})."},
		"ar": {"قرار المجلس الاقتصادي والاجتماعي بشأن طلبكم: {decision}", "بتّ المجلس الاقتصادي والاجتماعي في طلب {organization}: {decision} (المقرر {ref})."},
		"zh": {"经社理事会对贵组织申请的决定：{decision}", "经济及社会理事会已就{organization}的申请作出决定：{decision}（决定{ref}）。"},
	},
	KindReportDue: {
		"en": {"Your quadrennial report is due on {duedate}", "The quadrennial report of {organization} on its activities is due on {duedate}. Organizations in general or special consultative status whose report is late may have their status suspended."},
		"fr": {"Votre rapport quadriennal est attendu le {duedate}", "Le rapport quadriennal de {organization} sur ses activités est attendu le {duedate}. Le statut d’une organisation dont le rapport est en retard peut être suspendu."},
		"es": {"Su informe cuadrienal vence el {duedate}", "El informe cuadrienal de {organization} sobre sus actividades vence el {duedate}. Se puede suspender el reconocimiento de una organización cuyo informe se retrase."},
		"ru": {"Срок представления четырёхгодичного доклада — {duedate}", "Четырёхгодичный доклад организации {organization} о её деятельности должен быть представлен до {duedate}. Статус организации, задержавшей доклад, может быть приостановлен."},
		"ar": {"موعد تقديم تقريركم الذي يُقدَّم كل أربع سنوات هو {duedate}", "يحين موعد تقديم تقرير {organization} الذي يُقدَّم كل أربع سنوات عن أنشطتها في {duedate}. ويجوز تعليق مركز المنظمة التي تتأخر في تقديم تقريرها."},
		"zh": {"贵组织的四年期报告应于{duedate}提交", "{organization}关于其活动的四年期报告应于{duedate}提交。报告逾期的组织，其咨商地位可能被暂停。"},
	},
	KindStatusChanged: {
		"en": {"Your consultative status: {state}", "The consultative status of {organization} with ECOSOC is now: {state}."},
		"fr": {"Votre statut consultatif : {state}", "Le statut consultatif de {organization} auprès de l’ECOSOC est désormais : {state}."},
		"es": {"Su reconocimiento como entidad consultiva: {state}", "El reconocimiento de {organization} como entidad consultiva del ECOSOC es ahora: {state}."},
		"ru": {"Ваш консультативный статус: {state}", "Консультативный статус организации {organization} при ЭКОСОС теперь: {state}."},
		"ar": {"مركزكم الاستشاري: {state}", "أصبح المركز الاستشاري لـ{organization} لدى المجلس الاقتصادي والاجتماعي: {state}."},
		"zh": {"贵组织的咨商地位：{state}", "{organization}在经社理事会的咨商地位现为：{state}。"},
	},
	KindRegistered: {
		"en": {"Registered: {event}", "{participant} is registered for {event} on {startdate}. The place is confirmed."},
		"fr": {"Inscription confirmée : {event}", "{participant} est inscrit(e) à {event} le {startdate}. La place est confirmée."},
		"es": {"Inscripción confirmada: {event}", "{participant} está inscrito/a en {event} el {startdate}. La plaza está confirmada."},
		"ru": {"Регистрация подтверждена: {event}", "Участник {participant} зарегистрирован на мероприятие «{event}» ({startdate}). Место подтверждено."},
		"ar": {"تأكيد التسجيل: {event}", "سُجّل {participant} في {event} بتاريخ {startdate}. والمكان مؤكد."},
		"zh": {"报名已确认：{event}", "{participant}已报名参加{startdate}举行的{event}，名额已确认。"},
	},
	KindWaitlisted: {
		"en": {"On the waiting list: {event}", "{event} on {startdate} is full. {participant} is number {position} on its waiting list and will be told at once if a place becomes free."},
		"fr": {"Sur la liste d'attente : {event}", "{event} le {startdate} est complet. {participant} est en position {position} sur la liste d'attente et sera averti(e) dès qu'une place se libère."},
		"es": {"En lista de espera: {event}", "{event} el {startdate} está completo. {participant} ocupa el puesto {position} en la lista de espera y recibirá un aviso en cuanto se libere una plaza."},
		"ru": {"В листе ожидания: {event}", "На мероприятие «{event}» ({startdate}) мест нет. Участник {participant} — номер {position} в листе ожидания; как только место освободится, он получит уведомление."},
		"ar": {"في قائمة الانتظار: {event}", "اكتمل العدد في {event} بتاريخ {startdate}. ترتيب {participant} في قائمة الانتظار هو {position}، وسيُبلَّغ فور توفر مكان."},
		"zh": {"已列入候补：{event}", "{startdate}举行的{event}名额已满。{participant}在候补名单中排第{position}位，一有名额空出即会收到通知。"},
	},
	KindPlaceConfirmed: {
		"en": {"A place is yours: {event}", "A place has become free at {event} on {startdate}, and it is now confirmed for {participant}."},
		"fr": {"Une place vous est attribuée : {event}", "Une place s’est libérée pour {event} le {startdate} ; elle est désormais confirmée pour {participant}."},
		"es": {"Tiene una plaza: {event}", "Se ha liberado una plaza en {event} el {startdate} y ahora está confirmada para {participant}."},
		"ru": {"Место за вами: {event}", "На мероприятии «{event}» ({startdate}) освободилось место, и теперь оно подтверждено для участника {participant}."},
		"ar": {"لقد حُجز لكم مكان: {event}", "أصبح مكان شاغراً في {event} بتاريخ {startdate}، وقد تأكد الآن لـ{participant}."},
		"zh": {"您已获得名额：{event}", "{startdate}举行的{event}有名额空出，现已确认给{participant}。"},
	},
	KindSubmitted: {
		"en": {"Application submitted: {organization}", "{organization} submitted its application for consultative status ({category}). It waits in the work queue for screening."},
		"fr": {"Demande présentée : {organization}", "{organization} a présenté sa demande de statut consultatif ({category}). Elle attend l'examen préalable dans la file de travail."},
		"es": {"Solicitud presentada: {organization}", "{organization} presentó su solicitud de reconocimiento como entidad consultiva ({category}). Espera el examen preliminar en la cola de trabajo."},
		"ru": {"Подано заявление: {organization}", "Организация {organization} подала заявление на консультативный статус ({category}). Оно ждёт предварительной проверки в очереди работы."},
		"ar": {"تقديم طلب: {organization}", "قدّمت {organization} طلبها للحصول على المركز الاستشاري ({category}). وهو ينتظر الفحص الأولي في قائمة العمل."},
		"zh": {"已提交申请：{organization}", "{organization}已提交咨商地位申请（{category}），在工作队列中等待初步审查。"},
	},
	KindAnswered: {
		"en": {"Answer received: {organization}", "{organization} answered the Committee's question:\n\n{question}\n\nIts answer:\n\n{answer}"},
		"fr": {"Réponse reçue : {organization}", "{organization} a répondu à la question du Comité :\n\n{question}\n\nSa réponse :\n\n{answer}"},
		"es": {"Respuesta recibida: {organization}", "{organization} respondió a la pregunta del Comité:\n\n{question}\n\nSu respuesta:\n\n{answer}"},
		"ru": {"Получен ответ: {organization}", "Организация {organization} ответила на вопрос Комитета:\n\n{question}\n\nЕё ответ:\n\n{answer}"},
		"ar": {"ورود إجابة: {organization}", "أجابت {organization} عن سؤال اللجنة:\n\n{question}\n\nإجابتها:\n\n{answer}"},
		"zh": {"收到答复：{organization}", "{organization}答复了委员会的问题：\n\n{question}\n\n其答复：\n\n{answer}"},
	},
	KindProposalApproved: {
		"en": {"Side event approved: {title}", "The side event proposed by {organization}, {title}, is approved and on the calendar of {meeting}, starting {startdate}."},
		"fr": {"Manifestation parallèle approuvée : {title}", "La manifestation parallèle proposée par {organization}, {title}, est approuvée et inscrite au calendrier de {meeting}, à partir du {startdate}."},
		"es": {"Acto paralelo aprobado: {title}", "El acto paralelo propuesto por {organization}, {title}, está aprobado y figura en el calendario de {meeting}, a partir del {startdate}."},
		"ru": {"Параллельное мероприятие одобрено: {title}", "Параллельное мероприятие «{title}», предложенное организацией {organization}, одобрено и включено в календарь мероприятия «{meeting}»; начало — {startdate}."},
		"ar": {"الموافقة على فعالية جانبية: {title}", "تمت الموافقة على الفعالية الجانبية {title} التي اقترحتها {organization}، وأُدرجت في تقويم {meeting} بدءاً من {startdate}."},
		"zh": {"会外活动已获批准：{title}", "{organization}提议的会外活动{title}已获批准，列入{meeting}的日历，自{startdate}开始。"},
	},
	KindProposalRejected: {
		"en": {"Side-event proposal declined: {title}", "The side event proposed by {organization} for {meeting}, {title}, was declined: {reason}"},
		"fr": {"Proposition de manifestation parallèle refusée : {title}", "La manifestation parallèle proposée par {organization} pour {meeting}, {title}, a été refusée : {reason}"},
		"es": {"Propuesta de acto paralelo rechazada: {title}", "El acto paralelo propuesto por {organization} para {meeting}, {title}, fue rechazado: {reason}"},
		"ru": {"Предложение параллельного мероприятия отклонено: {title}", "Параллельное мероприятие «{title}», предложенное организацией {organization} к мероприятию «{meeting}», отклонено: {reason}"},
		"ar": {"رفض اقتراح فعالية جانبية: {title}", "رُفضت الفعالية الجانبية {title} التي اقترحتها {organization} لـ{meeting}: {reason}"},
		"zh": {"会外活动提议未获批准：{title}", "{organization}为{meeting}提议的会外活动{title}未获批准：{reason}"},
	},
}

// closing is the line that carries the link, in each language.
var closing = map[string]string{
	"en": "Open the portal: {link}\n\nThis notice was sent by the NGO liaison service of the United Nations.",
	"fr": "Ouvrir le portail : {link}\n\nCet avis a été envoyé par le service de liaison avec les ONG des Nations Unies.",
	"es": "Abrir el portal: {link}\n\nEste aviso lo envió el servicio de enlace con las ONG de las Naciones Unidas.",
	"ru": "Открыть портал: {link}\n\nЭто уведомление направлено службой связи с НПО Организации Объединённых Наций.",
	"ar": "افتح البوابة: {link}\n\nأُرسل هذا الإشعار من دائرة الاتصال بالمنظمات غير الحكومية في الأمم المتحدة.",
	"zh": "打开门户网站：{link}\n\n本通知由联合国非政府组织联络处发送。",
}

// Kinds lists the kinds with messages, sorted.
func Kinds() []string {
	out := make([]string, 0, len(messages))
	for k := range messages {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Render writes notice n in lang (one of the six; English otherwise), its link made absolute
// with portalURL.
func Render(n Notice, lang, portalURL string) (subject, body string, err error) {
	byLang, ok := messages[n.Kind]
	if !ok {
		return "", "", fmt.Errorf("notify: no message for kind %q", n.Kind)
	}
	if !locale.Known(lang) {
		lang = "en"
	}
	t := byLang[lang]
	link := strings.TrimRight(portalURL, "/") + n.Link
	fill := func(s string) string {
		var b strings.Builder
		for {
			i := strings.IndexByte(s, '{')
			j := strings.IndexByte(s[i+1:], '}')
			if i < 0 || j < 0 {
				b.WriteString(s)
				return b.String()
			}
			b.WriteString(s[:i])
			name := s[i+1 : i+1+j]
			b.WriteString(value(lang, name, n.Params, link))
			s = s[i+j+2:]
		}
	}
	return fill(t.Subject), fill(t.Body) + "\n\n" + fill(closing[lang]), nil
}

func value(lang, name string, params map[string]string, link string) string {
	if name == "link" {
		return link
	}
	v := params[name]
	if strings.HasSuffix(name, "date") {
		if d, err := time.Parse("2006-01-02", v); err == nil {
			return locale.Date(lang, d)
		}
	}
	if words, ok := terms[name][v]; ok {
		return words[lang]
	}
	if (name == "n" || name == "position") && lang == "ar" {
		var n int
		if _, err := fmt.Sscan(v, &n); err == nil {
			return locale.Number(lang, n)
		}
	}
	return v
}

// terms are the coded values notices carry (a decision, a status), in each language.
var terms = map[string]map[string]map[string]string{
	"decision": {
		"GRANT":  {"en": "consultative status granted", "fr": "statut consultatif octroyé", "es": "reconocimiento como entidad consultiva concedido", "ru": "консультативный статус предоставлен", "ar": "منح المركز الاستشاري", "zh": "给予咨商地位"},
		"REJECT": {"en": "consultative status not granted", "fr": "statut consultatif non octroyé", "es": "reconocimiento como entidad consultiva no concedido", "ru": "в консультативном статусе отказано", "ar": "عدم منح المركز الاستشاري", "zh": "不给予咨商地位"},
		"CLOSE":  {"en": "application closed", "fr": "demande close", "es": "solicitud cerrada", "ru": "заявление закрыто", "ar": "إقفال الطلب", "zh": "申请结案"},
	},
	"state": {
		"ACTIVE":    {"en": "active", "fr": "actif", "es": "activo", "ru": "действует", "ar": "نافذ", "zh": "有效"},
		"SUSPENDED": {"en": "suspended", "fr": "suspendu", "es": "suspendido", "ru": "приостановлен", "ar": "معلّق", "zh": "暂停"},
		"WITHDRAWN": {"en": "withdrawn", "fr": "retiré", "es": "retirado", "ru": "отозван", "ar": "مسحوب", "zh": "撤销"},
	},
}
