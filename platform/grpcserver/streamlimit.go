package grpcserver

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"

	"github.com/un-liaison/liaison/platform/auth"
	"github.com/un-liaison/liaison/platform/clock"
	"github.com/un-liaison/liaison/platform/config"
)

// TokenExpiredMessage ends a stream whose caller's token expired while it was open. The code is
// UNAUTHENTICATED: the caller reconnects with a fresh token and resumes after the last change it
// received, exactly as after any other break.
const TokenExpiredMessage = "the token this stream was opened with has expired: reconnect with a fresh token and resume after the last change you received"

// LimitStreams bounds the application streams a caller and a connection may hold open at once
// (ResourceExhausted beyond), and ends each stream when the token it was opened with expires, so
// a revoked or lapsed credential cannot keep reading. It runs after authentication, which has
// already verified the token; only its expiry is read here. Health and reflection streams, which
// carry no token and read nothing guarded, are left alone.
func LimitStreams(limits config.StreamLimits, clk clock.Clock) grpc.StreamServerInterceptor {
	open := &openStreams{byCaller: map[string]int{}, byConn: map[string]int{}}
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		if strings.HasPrefix(info.FullMethod, "/grpc.") {
			return handler(srv, ss)
		}
		ctx := ss.Context()
		caller, conn := callerOf(ctx), connectionOf(ctx)
		if err := open.take(caller, conn, limits); err != nil {
			return err
		}
		defer open.release(caller, conn)

		expires, ok := tokenExpiry(ctx)
		if !ok {
			return handler(srv, ss)
		}
		streamCtx, cancel := context.WithCancel(ctx)
		defer cancel()
		var expired bool
		var mu sync.Mutex
		timer := time.AfterFunc(max(expires.Sub(clk.Now()), 0), func() {
			mu.Lock()
			expired = true
			mu.Unlock()
			cancel()
		})
		defer timer.Stop()
		err := handler(srv, &limitedStream{ServerStream: ss, ctx: streamCtx})
		mu.Lock()
		defer mu.Unlock()
		if expired {
			return status.Error(codes.Unauthenticated, TokenExpiredMessage)
		}
		return err
	}
}

// openStreams counts the streams open per caller and per connection.
type openStreams struct {
	mu       sync.Mutex
	byCaller map[string]int
	byConn   map[string]int
}

func (o *openStreams) take(caller, conn string, limits config.StreamLimits) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if limits.PerCaller > 0 && o.byCaller[caller] >= limits.PerCaller {
		return status.Error(codes.ResourceExhausted, fmt.Sprintf(
			"you already hold %d open streams, the most one caller may: close one before opening another", limits.PerCaller))
	}
	if limits.PerConnection > 0 && o.byConn[conn] >= limits.PerConnection {
		return status.Error(codes.ResourceExhausted, fmt.Sprintf(
			"this connection already carries %d open streams, the most one connection may: close one before opening another", limits.PerConnection))
	}
	o.byCaller[caller]++
	o.byConn[conn]++
	return nil
}

func (o *openStreams) release(caller, conn string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.byCaller[caller]--; o.byCaller[caller] <= 0 {
		delete(o.byCaller, caller)
	}
	if o.byConn[conn]--; o.byConn[conn] <= 0 {
		delete(o.byConn, conn)
	}
}

// callerOf names who is counted: the token's subject, or one shared bucket for anonymous callers.
func callerOf(ctx context.Context) string {
	if id, ok := auth.FromContext(ctx); ok && id.Subject != "" {
		return "subject:" + id.Subject
	}
	return "anonymous"
}

// connectionOf names the client connection by its remote address, which is unique per connection.
func connectionOf(ctx context.Context) string {
	if p, ok := peer.FromContext(ctx); ok && p.Addr != nil {
		return p.Addr.String()
	}
	return "unknown"
}

// tokenExpiry reads the exp claim of the bearer token the call carries. Authentication has
// verified the token already, so its payload is read without checking the signature again.
func tokenExpiry(ctx context.Context) (time.Time, bool) {
	md, _ := metadata.FromIncomingContext(ctx)
	for _, v := range md.Get("authorization") {
		raw, ok := strings.CutPrefix(v, "Bearer ")
		if !ok {
			continue
		}
		parts := strings.Split(raw, ".")
		if len(parts) != 3 {
			continue
		}
		payload, err := base64.RawURLEncoding.DecodeString(parts[1])
		if err != nil {
			continue
		}
		var claims struct {
			Exp json.Number `json:"exp"`
		}
		if json.Unmarshal(payload, &claims) != nil {
			continue
		}
		if secs, err := claims.Exp.Float64(); err == nil && secs > 0 {
			return time.Unix(int64(secs), 0), true
		}
	}
	return time.Time{}, false
}

// limitedStream gives the handler a context that ends when the token expires.
type limitedStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (s *limitedStream) Context() context.Context { return s.ctx }
