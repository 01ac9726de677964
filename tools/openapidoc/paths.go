package main

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
)

var pathVariable = regexp.MustCompile(`\{[^}]*\}`)

// camelPathVariables spells path variables by the JSON names of their fields, as everything
// else in the document is spelled: /v1/events/{eventId}/registrations, not {event_id}. The
// edge binds variables by position, so only the document changes.
func camelPathVariables(paths obj) {
	for _, p := range slices.Collect(maps.Keys(paths)) {
		item := paths[p]
		renamed := pathVariable.ReplaceAllStringFunc(p, func(v string) string { return "{" + lowerCamel(strings.Trim(v, "{}")) + "}" })
		ops, _ := item.(obj)
		for _, op := range ops {
			o, _ := op.(obj)
			params, _ := o["parameters"].([]any)
			for _, pr := range params {
				if param, ok := pr.(obj); ok && param["in"] == "path" {
					param["name"] = lowerCamel(param["name"].(string))
				}
			}
		}
		if renamed != p {
			delete(paths, p)
			paths[renamed] = item
		}
	}
}

// lowerCamel is protoc's JSON name of a field: organization_id -> organizationId.
func lowerCamel(name string) string {
	var b strings.Builder
	up := false
	for _, r := range name {
		if r == '_' {
			up = true
			continue
		}
		if up {
			b.WriteString(strings.ToUpper(string(r)))
			up = false
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// joinEquivalentPaths moves the operations of every path into the one spelling of its URL
// template that uses the plainest variable names, renaming the path parameters to match: GET
// /v1/events/{id} and PATCH /v1/events/{event.id} are one URL, and the specification does not
// allow two templates of the same shape.
func joinEquivalentPaths(paths obj) error {
	groups := map[string][]string{}
	for p := range paths {
		shape := pathVariable.ReplaceAllString(p, "{}")
		groups[shape] = append(groups[shape], p)
	}
	for _, spellings := range groups {
		if len(spellings) < 2 {
			continue
		}
		sort.Slice(spellings, func(i, j int) bool {
			di, dj := strings.Count(spellings[i], "."), strings.Count(spellings[j], ".")
			if di != dj {
				return di < dj
			}
			return spellings[i] < spellings[j]
		})
		canonical := spellings[0]
		target := paths[canonical].(obj)
		want := variableNames(canonical)
		for _, other := range spellings[1:] {
			have := variableNames(other)
			rename := map[string]string{}
			for i := range have {
				rename[have[i]] = want[i]
			}
			for method, op := range paths[other].(obj) {
				if _, taken := target[method]; taken {
					return fmt.Errorf("%s %s and %s %s are the same route", method, canonical, method, other)
				}
				renamePathParameters(op, rename)
				target[method] = op
			}
			delete(paths, other)
		}
	}
	return nil
}

func variableNames(path string) []string {
	var names []string
	for _, v := range pathVariable.FindAllString(path, -1) {
		names = append(names, strings.Trim(v, "{}"))
	}
	return names
}

func renamePathParameters(op any, rename map[string]string) {
	o, ok := op.(obj)
	if !ok {
		return
	}
	params, _ := o["parameters"].([]any)
	for _, p := range params {
		param, ok := p.(obj)
		if !ok || param["in"] != "path" {
			continue
		}
		if name, ok := param["name"].(string); ok && rename[name] != "" {
			param["name"] = rename[name]
		}
	}
}
