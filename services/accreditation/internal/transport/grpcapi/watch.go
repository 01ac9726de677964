package grpcapi

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"

	"google.golang.org/grpc"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	"github.com/un-liaison/liaison/platform/grpcserver"
	"github.com/un-liaison/liaison/services/accreditation/internal/domain"
)

// A resume token is the change's sequence with a short checksum, so a
// mangled token is refused rather than silently resuming somewhere else.
func resumeToken(seq uint64) string {
	b := make([]byte, 12)
	binary.BigEndian.PutUint64(b, seq)
	sum := sha256.Sum256(append([]byte("accreditation/status-changes/v1:"), b[:8]...))
	copy(b[8:], sum[:4])
	return base64.RawURLEncoding.EncodeToString(b)
}

func parseResumeToken(tok string) (uint64, bool) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(b) != 12 {
		return 0, false
	}
	seq := binary.BigEndian.Uint64(b[:8])
	return seq, resumeToken(seq) == tok
}

// WatchStatusChanges implements the RPC.
func (s *Server) WatchStatusChanges(req *accreditationv1.WatchStatusChangesRequest, stream grpc.ServerStreamingServer[accreditationv1.WatchStatusChangesResponse]) error {
	var after uint64
	switch start := req.GetStart().(type) {
	case *accreditationv1.WatchStatusChangesRequest_AfterSequence:
		after = start.AfterSequence
	case *accreditationv1.WatchStatusChangesRequest_ResumeToken:
		seq, ok := parseResumeToken(start.ResumeToken)
		if !ok {
			return s.fail(stream.Context(), domain.Invalid("resume_token", "is not a token this stream issued"))
		}
		after = seq
	}
	return s.fail(stream.Context(), grpcserver.Follow(stream.Context(), s.stopping, func(ctx context.Context) error {
		return s.app.WatchStatusChanges(ctx, actorOf(ctx), after, func(c domain.Change) error {
			return stream.Send(&accreditationv1.WatchStatusChangesResponse{StatusChange: changeToProto(c)})
		})
	}))
}
