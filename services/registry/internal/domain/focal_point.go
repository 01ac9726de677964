package domain

import (
	"regexp"
	"time"
)

// FocalPoint is the liaison officer NGOs contact at one UN entity: whom to write to at UNICEF, UNDP
// or UN Women.
type FocalPoint struct {
	ID         string
	UNEntity   string
	Name       string
	Title      string
	Email      string
	Phone      string
	Topics     []string
	CreateTime time.Time
	UpdateTime time.Time
	Revision   int64
}

// Etag is the focal point's opaque version.
func (f FocalPoint) Etag() string { return MakeEtag(f.ID, f.Revision) }

var phonePattern = regexp.MustCompile(`^\+[0-9][0-9 ().-]{3,30}$`)

// Validate checks that NGOs can actually reach the officer: a named entity, a name and a working
// e-mail address, and a phone number in international format when one is given.
func (f FocalPoint) Validate() error {
	var vs violations
	checkLength(&vs, "un_entity", f.UNEntity, 1, 100)
	checkLength(&vs, "name", f.Name, 1, 200)
	checkLength(&vs, "title", f.Title, 0, 200)
	if f.Email == "" {
		vs.add("email", "is required: NGOs write to the focal point there")
	} else {
		checkEmail(&vs, "email", f.Email)
	}
	if f.Phone != "" && !phonePattern.MatchString(f.Phone) {
		vs.add("phone", "%q is not an international number such as +41 22 917 12 34", f.Phone)
	}
	checkTags(&vs, "topics", f.Topics)
	return vs.err()
}
