package config

import (
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
)

// Field is one configuration variable as it should be shown to an operator.
type Field struct {
	Name  string // the environment variable, e.g. LIAISON_DATA_DIR
	Value string // its effective value, masked when the field is secret
}

// Fields lists every variable of a config struct (or pointer to one) with its
// effective value, so binaries can print what they run with. Fields tagged
// `secret:"true"` are masked: see Mask.
func Fields(v any) []Field {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil
	}
	var out []Field
	for _, f := range walk(rv.Type(), "") {
		value := fmt.Sprint(rv.FieldByIndex(f.index).Interface())
		if secret, _ := strconv.ParseBool(f.field.Tag.Get("secret")); secret {
			value = Mask(value)
		}
		out = append(out, Field{Name: f.name, Value: value})
	}
	return out
}

// Mask hides credentials in a secret value while keeping enough to tell
// which server it points at: a URL keeps its scheme, host and path and loses
// its user, password and query (which may carry a password too); anything
// else that is set becomes "***".
func Mask(value string) string {
	if value == "" {
		return ""
	}
	u, err := url.Parse(value)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "***"
	}
	masked := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}
	s := masked.String()
	if u.User != nil {
		s = u.Scheme + "://***@" + s[len(u.Scheme)+len("://"):]
	}
	return s
}

// taggedField is a leaf field carrying an `env` tag, reached from the root
// struct through index.
type taggedField struct {
	name  string
	field reflect.StructField
	index []int
}

// walk lists the env-tagged leaves of t in declaration order, descending into
// embedded and nested structs the way the env library does (honouring
// envPrefix).
func walk(t reflect.Type, prefix string) []taggedField {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var out []taggedField
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		if name, ok := sf.Tag.Lookup("env"); ok && name != "" && name != "-" {
			name, _, _ = strings.Cut(name, ",")
			out = append(out, taggedField{name: prefix + name, field: sf, index: []int{i}})
			continue
		}
		ft := sf.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() != reflect.Struct || sf.Type.Kind() == reflect.Pointer {
			continue
		}
		for _, inner := range walk(ft, prefix+sf.Tag.Get("envPrefix")) {
			inner.index = append([]int{i}, inner.index...)
			out = append(out, inner)
		}
	}
	return out
}
