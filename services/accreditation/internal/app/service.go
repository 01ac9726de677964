package app

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sync"

	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// Service runs the accreditation use cases.
type Service struct {
	store    Store
	dir      OrganizationDirectory
	clock    Clock
	rule     domain.NoAnswerRule
	statuses StatusLookup
	log      *slog.Logger
	changes  *Broadcast
	head     headPoller

	notices NoticeOutbox
	branch  string

	signer     CredentialSigner
	credPolicy domain.CredentialPolicy
	credLinks  CredentialLinks
}

// Options are the Service's optional parts.
type Options struct {
	// NoAnswerRule is the Committee's closing rule; the 48-hour rule when nil.
	NoAnswerRule domain.NoAnswerRule
	// Statuses serves status lookups (a cache in front of the store); the
	// store itself when nil.
	Statuses StatusLookup
	Logger   *slog.Logger
	// Signer signs status credentials; without one they are not offered.
	Signer CredentialSigner
	// CredentialPolicy dates credentials and keys; the default when zero.
	CredentialPolicy domain.CredentialPolicy
	// CredentialLinks are the public URIs shown with a credential.
	CredentialLinks CredentialLinks
	// Notices is the notices table, for the dead-letter list; without it the list is empty.
	Notices NoticeOutbox
	// BranchMailbox is the NGO Branch's shared address: told of each submission and answer, so
	// officers learn their queue moved. Empty sends nothing.
	BranchMailbox string
}

// New builds the Service.
func New(store Store, dir OrganizationDirectory, clock Clock, opt Options) *Service {
	s := &Service{store: store, dir: dir, clock: clock, rule: opt.NoAnswerRule, statuses: opt.Statuses,
		log: opt.Logger, changes: NewBroadcast(), signer: opt.Signer, notices: opt.Notices, branch: opt.BranchMailbox, credPolicy: opt.CredentialPolicy, credLinks: opt.CredentialLinks}
	if s.credPolicy == (domain.CredentialPolicy{}) {
		s.credPolicy = domain.DefaultCredentialPolicy
	}
	if s.rule == nil {
		s.rule = domain.FortyEightHours{}
	}
	if s.statuses == nil {
		s.statuses = StoreStatuses{Store: store}
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	return s
}

// Rule is the no-answer rule in force.
func (s *Service) Rule() domain.NoAnswerRule { return s.rule }

// Changes is woken whenever this process commits a status change, so
// streams and cache invalidation react at once instead of at their next poll.
func (s *Service) Changes() *Broadcast { return s.changes }

// idempotent runs a create or step at most once per request_id: a retry
// from the same caller gets the first answer, stored in the same
// transaction as the change. prepare runs outside the transaction (network
// calls); it is skipped on a replay.
func idempotent[T any](ctx context.Context, s *Service, key RequestKey, prepare func(context.Context) error, fn func(Tx) (T, error)) (T, error) {
	var zero T
	if key.RequestID != "" {
		if out, ok, err := replay[T](ctx, s, key); err != nil || ok {
			return out, err
		}
	}
	if prepare != nil {
		if err := prepare(ctx); err != nil {
			return zero, err
		}
	}
	var out T
	err := s.store.InTx(ctx, func(tx Tx) error {
		var err error
		if out, err = fn(tx); err != nil {
			return err
		}
		if key.RequestID == "" {
			return nil
		}
		b, err := json.Marshal(out)
		if err != nil {
			return err
		}
		return tx.Remember(ctx, key, b, s.clock.Now())
	})
	var exists *domain.AlreadyExistsError
	if err != nil && key.RequestID != "" && errors.As(err, &exists) {
		// The same request raced with itself: the first one's answer stands.
		if prev, ok, rerr := replay[T](ctx, s, key); rerr == nil && ok {
			return prev, nil
		}
	}
	if err != nil {
		return zero, err
	}
	return out, nil
}

func replay[T any](ctx context.Context, s *Service, key RequestKey) (T, bool, error) {
	var out T
	b, ok, err := s.store.Replay(ctx, key)
	if err != nil || !ok {
		return out, false, err
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return out, false, err
	}
	return out, true, nil
}

// Broadcast wakes every waiter when something happened; waiters then look
// for themselves what changed.
type Broadcast struct {
	mu sync.Mutex
	ch chan struct{}
}

// NewBroadcast returns a Broadcast with no waiters.
func NewBroadcast() *Broadcast { return &Broadcast{ch: make(chan struct{})} }

// Wait returns a channel closed at the next Notify.
func (b *Broadcast) Wait() <-chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.ch
}

// Notify wakes everyone waiting.
func (b *Broadcast) Notify() {
	b.mu.Lock()
	defer b.mu.Unlock()
	close(b.ch)
	b.ch = make(chan struct{})
}
