package domain

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// DocumentKind says what a supporting document is.
type DocumentKind string

// Document kinds. The first three are required to submit (csonet.org
// menu=83: constitution/statutes, certificate of registration, most recent
// financial statement).
const (
	DocConstitution            DocumentKind = "CONSTITUTION"
	DocRegistrationCertificate DocumentKind = "REGISTRATION_CERTIFICATE"
	DocFinancialStatement      DocumentKind = "FINANCIAL_STATEMENT"
	DocAnnualReport            DocumentKind = "ANNUAL_REPORT"
	DocOther                   DocumentKind = "OTHER"
)

// MaxDocumentBytes is the largest file accepted: 10 MiB.
const MaxDocumentBytes = 10 << 20

// The accepted content types: PDF and Word (97-2003 and OpenXML).
const (
	ContentTypePDF         = "application/pdf"
	ContentTypeWord        = "application/msword"
	ContentTypeWordOpenXML = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// RequiredDocuments must all be attached before an application is submitted.
var RequiredDocuments = []DocumentKind{DocConstitution, DocRegistrationCertificate, DocFinancialStatement}

// Document is a stored file's metadata. The SHA-256 lets anyone verify what
// the Committee saw.
type Document struct {
	ID          string
	Kind        DocumentKind
	Filename    string
	ContentType string
	SizeBytes   int64
	SHA256      string
	UploadTime  time.Time
}

// Upload is a file as it arrives, before it is checked.
type Upload struct {
	Kind        DocumentKind
	Filename    string
	ContentType string
	Content     []byte
}

// CheckUpload refuses anything but a PDF or Word file of at most 10 MiB whose
// bytes are what the uploader says they are, and describes the accepted file.
// Only these formats are accepted by the NGO Branch's online system; sniffing
// the content rather than trusting the name keeps executables and archives
// out of the Committee's papers.
func CheckUpload(id string, u Upload, now time.Time) (Document, error) {
	var bad []FieldViolation
	if u.Kind == "" {
		u.Kind = DocOther
	}
	name := strings.TrimSpace(u.Filename)
	if name == "" || strings.ContainsAny(name, `/\`) || len(name) > 255 {
		bad = append(bad, FieldViolation{"filename", "must be a file name of 1 to 255 characters without a directory"})
	}
	switch {
	case len(u.Content) == 0:
		bad = append(bad, FieldViolation{"content", "is empty"})
	case len(u.Content) > MaxDocumentBytes:
		bad = append(bad, FieldViolation{"content", fmt.Sprintf("is %d bytes; at most %d (10 MiB) is accepted", len(u.Content), MaxDocumentBytes)})
	default:
		detected, ok := DetectContentType(u.Content)
		switch {
		case !ok:
			bad = append(bad, FieldViolation{"content", "is not a PDF or Word file"})
		case u.ContentType != "" && u.ContentType != detected:
			bad = append(bad, FieldViolation{"content_type", fmt.Sprintf("says %s but the content is %s", u.ContentType, detected)})
		default:
			u.ContentType = detected
		}
	}
	if len(bad) > 0 {
		return Document{}, &InvalidError{Fields: bad}
	}
	sum := sha256.Sum256(u.Content)
	return Document{
		ID: id, Kind: u.Kind, Filename: name, ContentType: u.ContentType,
		SizeBytes: int64(len(u.Content)), SHA256: hex.EncodeToString(sum[:]), UploadTime: now,
	}, nil
}

var (
	magicPDF = []byte("%PDF-")
	// Word 97-2003 documents are OLE2 compound files.
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicZIP = []byte("PK\x03\x04")
)

// DetectContentType names the document format from its magic bytes. A ZIP
// counts as Word only if it holds word/document.xml, so that any other
// archive is refused.
func DetectContentType(b []byte) (string, bool) {
	switch {
	case bytes.HasPrefix(b, magicPDF):
		return ContentTypePDF, true
	case bytes.HasPrefix(b, magicOLE):
		return ContentTypeWord, true
	case bytes.HasPrefix(b, magicZIP):
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return "", false
		}
		for _, f := range zr.File {
			if f.Name == "word/document.xml" {
				return ContentTypeWordOpenXML, true
			}
		}
	}
	return "", false
}
