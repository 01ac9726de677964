package domain

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
)

func zipWith(names ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, _ := zw.Create(n)
		_, _ = w.Write([]byte("<x/>"))
	}
	_ = zw.Close()
	return buf.Bytes()
}

func TestCheckUpload(t *testing.T) {
	t.Parallel()
	pdf := []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n")
	doc := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...)
	docx := zipWith("[Content_Types].xml", "word/document.xml")
	tests := []struct {
		name     string
		up       Upload
		wantType string
		badField string
	}{
		{"pdf", Upload{Kind: DocConstitution, Filename: "statutes.pdf", ContentType: ContentTypePDF, Content: pdf}, ContentTypePDF, ""},
		{"word 97", Upload{Filename: "a.doc", ContentType: ContentTypeWord, Content: doc}, ContentTypeWord, ""},
		{"docx", Upload{Filename: "a.docx", ContentType: ContentTypeWordOpenXML, Content: docx}, ContentTypeWordOpenXML, ""},
		{"type sniffed when not declared", Upload{Filename: "a", Content: pdf}, ContentTypePDF, ""},
		{"declared pdf but is word", Upload{Filename: "a.pdf", ContentType: ContentTypePDF, Content: doc}, "", "content_type"},
		{"plain zip", Upload{Filename: "a.docx", ContentType: ContentTypeWordOpenXML, Content: zipWith("evil.exe")}, "", "content"},
		{"executable", Upload{Filename: "a.pdf", ContentType: ContentTypePDF, Content: []byte("MZ\x90\x00")}, "", "content"},
		{"empty", Upload{Filename: "a.pdf", ContentType: ContentTypePDF}, "", "content"},
		{"too large", Upload{Filename: "a.pdf", ContentType: ContentTypePDF, Content: append(pdf, make([]byte, MaxDocumentBytes)...)}, "", "content"},
		{"directory in name", Upload{Filename: "../a.pdf", ContentType: ContentTypePDF, Content: pdf}, "", "filename"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, err := CheckUpload("doc_1", tt.up, t0)
			if tt.badField != "" {
				var ie *InvalidError
				if !errors.As(err, &ie) || ie.Fields[0].Field != tt.badField {
					t.Fatalf("err %v, want a violation on %s", err, tt.badField)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.ContentType != tt.wantType || d.SizeBytes != int64(len(tt.up.Content)) || len(d.SHA256) != 64 || strings.ToLower(d.SHA256) != d.SHA256 {
				t.Fatalf("document %+v", d)
			}
			if tt.up.Kind == "" && d.Kind != DocOther {
				t.Errorf("kind %s, want OTHER", d.Kind)
			}
		})
	}
}

func TestDates(t *testing.T) {
	t.Parallel()
	if got := NewDate(2028, 2, 29).AddYears(1); got != NewDate(2029, 3, 1) {
		t.Errorf("29 Feb + 1y = %s", got)
	}
	if got := (Date{Year: 2024, Month: 2}).LatestPossible(); got != NewDate(2024, 2, 29) {
		t.Errorf("latest of 2024-02 = %s", got)
	}
	d, err := ParseDate("2032-06-01")
	if err != nil || d != NewDate(2032, 6, 1) || d.String() != "2032-06-01" {
		t.Errorf("parse: %v %v", d, err)
	}
	if _, err := ParseDate("2032/06/01"); err == nil {
		t.Error("bad date parsed")
	}
}
