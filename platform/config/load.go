package config

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/caarlos0/env/v11"
)

// Load reads T from the environment. T is a struct with `env` tags (usually
// embedding Common). After parsing, Load calls T's Validate method when it
// has one, so that every error a binary can report at start is reported
// together, each naming its variable.
func Load[T any]() (T, error) {
	return load[T](env.Options{})
}

// LoadFrom is Load with an explicit environment instead of the process's, for
// tests and for tools that build a config for someone else.
func LoadFrom[T any](environ map[string]string) (T, error) {
	return load[T](env.Options{Environment: environ})
}

func load[T any](opts env.Options) (T, error) {
	cfg, err := env.ParseAsWithOptions[T](opts)
	if err != nil {
		var zero T
		return zero, fmt.Errorf("config: %w", explain(reflect.TypeFor[T](), err))
	}
	if v, ok := any(cfg).(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			var zero T
			return zero, fmt.Errorf("config: %w", err)
		}
	}
	return cfg, nil
}

// explain rewrites the env library's errors, which name Go fields, into ones
// that name the variable an operator has to fix.
func explain(t reflect.Type, err error) error {
	var agg env.AggregateError
	if !errors.As(err, &agg) {
		return err
	}
	vars := variablesByField(t)
	out := make([]error, 0, len(agg.Errors))
	for _, e := range agg.Errors {
		var pe env.ParseError
		if errors.As(e, &pe) {
			if names := vars[pe.Name]; len(names) > 0 {
				out = append(out, fmt.Errorf("%s: cannot read as %s: %w", strings.Join(names, " or "), pe.Type, pe.Err))
				continue
			}
		}
		out = append(out, e)
	}
	return errors.Join(out...)
}

// variablesByField maps each Go field name to the variables that feed it.
// Names can repeat across nested structs, hence the slice.
func variablesByField(t reflect.Type) map[string][]string {
	vars := map[string][]string{}
	for _, f := range walk(t, "") {
		vars[f.field.Name] = append(vars[f.field.Name], f.name)
	}
	return vars
}
