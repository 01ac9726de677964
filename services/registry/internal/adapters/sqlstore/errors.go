package sqlstore

import "github.com/un-liaison/liaison/services/registry/internal/domain"

func notFoundError(kind, id string) error { return &domain.NotFoundError{Kind: kind, ID: id} }
