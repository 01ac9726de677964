package identity_test

import (
	"context"

	"google.golang.org/grpc/metadata"
)

func withBearer(ctx context.Context, tok string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+tok)
}

// metadataOf is the authorization a credentials function put into an outgoing context.
func metadataOf(ctx context.Context) string {
	md, _ := metadata.FromOutgoingContext(ctx)
	if v := md.Get("authorization"); len(v) == 1 {
		return v[0]
	}
	return ""
}
