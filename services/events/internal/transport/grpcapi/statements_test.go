package grpcapi_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
)

// samples are ordinary sentences in the six official languages; text builds a text of exactly
// n words from one by cycling through its words (for Chinese, its characters).
var samples = map[string]string{
	"en": "Civil society organizations contribute to sustainable development and to peace",
	"fr": "L'égalité des sexes est au cœur du développement durable et de la paix",
	"es": "La sociedad civil promueve los derechos humanos en todo el mundo",
	"ru": "Гражданское общество защищает права человека во всём мире",
	"ar": "تعمل منظمات المجتمع المدني من أجل التنمية المستدامة والسلام",
	"zh": "公民社会组织促进可持续发展与和平",
}

func text(lang string, n int) string {
	var words []string
	if lang == "zh" {
		for _, r := range samples[lang] {
			words = append(words, string(r))
		}
	} else {
		words = strings.Fields(samples[lang])
	}
	var b strings.Builder
	for i := range n {
		if i > 0 && lang != "zh" {
			b.WriteByte(' ')
		}
		b.WriteString(words[i%len(words)])
		if i%12 == 11 {
			if lang == "zh" {
				b.WriteString("。")
			} else {
				b.WriteString(",")
			}
		}
	}
	return b.String()
}

func (h *harness) call(t *testing.T, kind eventsv1.StatementCall_BodyKind, rosterInvited bool) *eventsv1.StatementCall {
	t.Helper()
	series := "E/2022/NGO"
	if kind == eventsv1.StatementCall_BODY_KIND_FUNCTIONAL_COMMISSION {
		series = "E/CN.6/2022/NGO"
	}
	resp, err := h.client.CreateStatementCall(h.officer(t), &eventsv1.CreateStatementCallRequest{StatementCall: &eventsv1.StatementCall{
		Body: "ECOSOC", BodyKind: kind, Session: "2022", SymbolSeries: series,
		Deadline: timestamppb.New(now.Add(30 * 24 * time.Hour)), Languages: []string{"en", "fr", "es", "ru", "ar", "zh"},
		RosterInvited: rosterInvited,
	}})
	if err != nil {
		t.Fatal(err)
	}
	return resp.GetStatementCall()
}

func (h *harness) submit(t *testing.T, call *eventsv1.StatementCall, org, lang, body string, cosigners ...string) (*eventsv1.WrittenStatement, error) {
	t.Helper()
	resp, err := h.client.SubmitWrittenStatement(h.ngo(t, org), &eventsv1.SubmitWrittenStatementRequest{WrittenStatement: &eventsv1.WrittenStatement{
		CallId: call.GetId(), OrganizationId: org, CoSignerIds: cosigners, Language: lang, Title: "Statement", Text: body,
	}})
	return resp.GetWrittenStatement(), err
}

func errorInfo(err error) (string, map[string]string) {
	for _, d := range status.Convert(err).Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok {
			return info.GetReason(), info.GetMetadata()
		}
	}
	return "", nil
}

// At the High-Level Segment a Special organization may write 500 words: exactly 500 are
// accepted and 501 refused, with the count in the error, in each official language.
func TestWordLimitAtTheBoundaryInEveryLanguage(t *testing.T) {
	h := start(t)
	call := h.call(t, eventsv1.StatementCall_BODY_KIND_HIGH_LEVEL_SEGMENT, false)
	if call.GetSpecialWordLimit() != 500 || call.GetGeneralWordLimit() != 2000 || call.GetRosterWordLimit() != 500 {
		t.Fatalf("High-Level Segment limits: %v", call)
	}
	for lang := range samples {
		t.Run(lang, func(t *testing.T) {
			org := "org_lang_" + lang
			h.statuses.set(org, accreditationv1.ConsultativeStatus_STATE_ACTIVE) // Special
			_, err := h.submit(t, call, org, lang, text(lang, 501))
			if status.Code(err) != codes.FailedPrecondition || !strings.Contains(status.Convert(err).Message(), "501 words") {
				t.Fatalf("501 words: %v", err)
			}
			if reason, md := errorInfo(err); reason != "WORD_LIMIT_EXCEEDED" || md["word_count"] != "501" || md["word_limit"] != "500" {
				t.Fatalf("501 words: reason %s, metadata %v", reason, md)
			}
			w, err := h.submit(t, call, org, lang, text(lang, 500))
			if err != nil {
				t.Fatalf("500 words: %v", err)
			}
			if w.GetWordCount() != 500 || w.GetWordLimit() != 500 || w.GetState() != eventsv1.WrittenStatement_STATE_SUBMITTED {
				t.Fatalf("500 words: %v", w)
			}
		})
	}
	// A General organization has 2,000 words.
	h.statuses.set("org_general", accreditationv1.ConsultativeStatus_STATE_ACTIVE)
	h.statuses.setCategory("org_general", accreditationv1.Category_CATEGORY_GENERAL)
	if _, err := h.submit(t, call, "org_general", "en", text("en", 2001)); status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("2,001 words from a General organization: %v", err)
	}
	if _, err := h.submit(t, call, "org_general", "en", text("en", 2000)); err != nil {
		t.Fatalf("2,000 words from a General organization: %v", err)
	}
}

// Roster organizations speak at a commission only when invited; every co-signer of a joint
// statement must be eligible; at the High-Level Segment an organization in a joint statement
// is in no other; the secretariat accepts with a symbol or returns with a reason.
func TestStatementEligibilityAndReview(t *testing.T) {
	h := start(t)
	for _, org := range []string{"org_g", "org_s", "org_r", "org_x"} {
		h.statuses.set(org, accreditationv1.ConsultativeStatus_STATE_ACTIVE)
	}
	h.statuses.setCategory("org_g", accreditationv1.Category_CATEGORY_GENERAL)
	h.statuses.setCategory("org_r", accreditationv1.Category_CATEGORY_ROSTER)
	h.statuses.set("org_susp", accreditationv1.ConsultativeStatus_STATE_SUSPENDED)

	commission := h.call(t, eventsv1.StatementCall_BODY_KIND_FUNCTIONAL_COMMISSION, false)
	if commission.GetSpecialWordLimit() != 1500 {
		t.Fatalf("commission limits: %v", commission)
	}
	_, err := h.submit(t, commission, "org_r", "en", text("en", 100))
	if r, _ := errorInfo(err); status.Code(err) != codes.FailedPrecondition || r != "CATEGORY_NOT_ADMITTED" {
		t.Fatalf("Roster organization at an uninvited commission: %v", err)
	}
	_, err = h.submit(t, commission, "org_g", "en", text("en", 100), "org_r")
	if r, _ := errorInfo(err); status.Code(err) != codes.FailedPrecondition || r != "CATEGORY_NOT_ADMITTED" {
		t.Fatalf("joint statement with a Roster co-signer: %v", err)
	}
	_, err = h.submit(t, commission, "org_g", "en", text("en", 100), "org_susp")
	if r, _ := errorInfo(err); status.Code(err) != codes.FailedPrecondition || r != "CONSULTATIVE_STATUS_REQUIRED" {
		t.Fatalf("joint statement with a suspended co-signer: %v", err)
	}
	// The lowest limit of the signers applies: General 2,000 with Special 1,500 is 1,500.
	_, err = h.submit(t, commission, "org_g", "en", text("en", 1501), "org_s")
	if _, md := errorInfo(err); md["word_limit"] != "1500" {
		t.Fatalf("joint General and Special statement of 1,501 words: %v", err)
	}
	joint, err := h.submit(t, commission, "org_g", "fr", text("fr", 1500), "org_s")
	if err != nil {
		t.Fatalf("joint statement: %v", err)
	}
	// At a commission, one individual statement each and any number of joint ones.
	if _, err := h.submit(t, commission, "org_g", "en", text("en", 10)); err != nil {
		t.Fatalf("individual statement beside a joint one: %v", err)
	}
	_, err = h.submit(t, commission, "org_g", "en", text("en", 10))
	if r, _ := errorInfo(err); r != "STATEMENT_EXISTS" {
		t.Fatalf("second individual statement: %v", err)
	}
	invited := h.call(t, eventsv1.StatementCall_BODY_KIND_FUNCTIONAL_COMMISSION, true)
	if _, err := h.submit(t, invited, "org_r", "en", text("en", 100)); err != nil {
		t.Fatalf("Roster organization at an inviting commission: %v", err)
	}

	// The High-Level Segment admits Roster organizations and makes joint statements exclusive.
	hls := h.call(t, eventsv1.StatementCall_BODY_KIND_HIGH_LEVEL_SEGMENT, false)
	if _, err := h.submit(t, hls, "org_s", "en", text("en", 100), "org_r"); err != nil {
		t.Fatalf("joint statement at the High-Level Segment: %v", err)
	}
	_, err = h.submit(t, hls, "org_r", "en", text("en", 100))
	if r, _ := errorInfo(err); r != "STATEMENT_EXISTS" {
		t.Fatalf("own statement by a co-signer at the High-Level Segment: %v", err)
	}
	_, err = h.submit(t, hls, "org_g", "en", text("en", 100), "org_s")
	if r, _ := errorInfo(err); r != "STATEMENT_EXISTS" {
		t.Fatalf("second joint statement at the High-Level Segment: %v", err)
	}

	// Not public until accepted; accepted with the series' first symbol; returns need a reason.
	if _, err := h.client.GetWrittenStatement(context.Background(), &eventsv1.GetWrittenStatementRequest{Id: joint.GetId()}); status.Code(err) != codes.NotFound {
		t.Fatalf("anonymous read of a submitted statement: %v", err)
	}
	acc, err := h.client.AcceptWrittenStatement(h.officer(t), &eventsv1.AcceptWrittenStatementRequest{Id: joint.GetId(), Etag: joint.GetEtag()})
	if err != nil || acc.GetWrittenStatement().GetSymbol() != "E/CN.6/2022/NGO/1" {
		t.Fatalf("accept: %v %v", acc, err)
	}
	pub, err := h.client.ListWrittenStatements(context.Background(), &eventsv1.ListWrittenStatementsRequest{})
	if err != nil || len(pub.GetWrittenStatements()) != 1 || pub.GetWrittenStatements()[0].GetId() != joint.GetId() {
		t.Fatalf("public list: %v %v", pub, err)
	}
	mine, err := h.client.ListWrittenStatements(h.ngo(t, "org_r"), &eventsv1.ListWrittenStatementsRequest{})
	if err != nil || mine.GetTotalSize() != 3 { // the accepted one, and its own two
		t.Fatalf("Roster organization's list: %d %v", mine.GetTotalSize(), err)
	}
	list, err := h.client.ListWrittenStatements(h.officer(t), &eventsv1.ListWrittenStatementsRequest{CallId: commission.GetId(), State: eventsv1.WrittenStatement_STATE_SUBMITTED})
	if err != nil || len(list.GetWrittenStatements()) != 1 {
		t.Fatalf("officer's queue: %v %v", list, err)
	}
	ret, err := h.client.ReturnWrittenStatement(h.officer(t), &eventsv1.ReturnWrittenStatementRequest{Id: list.GetWrittenStatements()[0].GetId(), Reason: "Off topic"})
	if err != nil || ret.GetWrittenStatement().GetState() != eventsv1.WrittenStatement_STATE_RETURNED {
		t.Fatalf("return: %v %v", ret, err)
	}
	if _, err := h.client.AcceptWrittenStatement(h.officer(t), &eventsv1.AcceptWrittenStatementRequest{Id: ret.GetWrittenStatement().GetId()}); status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("accept a returned statement: %v", err)
	}
	if _, err := h.client.SubmitWrittenStatement(h.ngo(t, "org_x"), &eventsv1.SubmitWrittenStatementRequest{WrittenStatement: &eventsv1.WrittenStatement{
		CallId: commission.GetId(), OrganizationId: "org_g", Language: "en", Title: "T", Text: "x",
	}}); status.Code(err) != codes.PermissionDenied {
		t.Fatalf("statement for another organization: %v", err)
	}
}
