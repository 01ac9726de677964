// Package probeservice is a tiny gRPC service for the platform's own tests:
// it lets them exercise the server bootstrap (validation, panics, shutdown
// with calls in flight) over real gRPC without depending on the generated
// code of any liaison service.
package probeservice

import (
	"context"
	"sync/atomic"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/dynamicpb"
)

// ServiceName is the probe service's full gRPC name.
const ServiceName = "liaison.platformtest.v1.ProbeService"

// Full method names, as interceptors and clients see them.
const (
	EchoMethod  = "/" + ServiceName + "/Echo"
	PanicMethod = "/" + ServiceName + "/Panic"
	HoldMethod  = "/" + ServiceName + "/Hold"
)

var request, response protoreflect.MessageDescriptor

func init() {
	// EchoRequest.text carries a protovalidate rule (min_len 3) so that the
	// validation interceptor has something to reject.
	textRules := &descriptorpb.FieldOptions{}
	proto.SetExtension(textRules, validate.E_Field, validate.FieldRules_builder{
		String: validate.StringRules_builder{MinLen: proto.Uint64(3)}.Build(),
	}.Build())
	text := func(opts *descriptorpb.FieldOptions) *descriptorpb.FieldDescriptorProto {
		return &descriptorpb.FieldDescriptorProto{
			Name:     proto.String("text"),
			JsonName: proto.String("text"),
			Number:   proto.Int32(1),
			Type:     descriptorpb.FieldDescriptorProto_TYPE_STRING.Enum(),
			Label:    descriptorpb.FieldDescriptorProto_LABEL_OPTIONAL.Enum(),
			Options:  opts,
		}
	}
	file := &descriptorpb.FileDescriptorProto{
		Name:       proto.String("liaison/platformtest/v1/probe.proto"),
		Package:    proto.String("liaison.platformtest.v1"),
		Syntax:     proto.String("proto3"),
		Dependency: []string{"buf/validate/validate.proto"},
		MessageType: []*descriptorpb.DescriptorProto{
			{Name: proto.String("EchoRequest"), Field: []*descriptorpb.FieldDescriptorProto{text(textRules)}},
			{Name: proto.String("EchoResponse"), Field: []*descriptorpb.FieldDescriptorProto{text(nil)}},
		},
	}
	files := new(protoregistry.Files)
	if err := files.RegisterFile(validate.File_buf_validate_validate_proto); err != nil {
		panic(err)
	}
	fd, err := protodesc.NewFile(file, files)
	if err != nil {
		panic(err)
	}
	request = fd.Messages().ByName("EchoRequest")
	response = fd.Messages().ByName("EchoResponse")
}

// NewRequest returns an EchoRequest carrying text.
func NewRequest(text string) proto.Message { return withText(request, text) }

// NewResponse returns an empty EchoResponse to receive into.
func NewResponse() proto.Message { return dynamicpb.NewMessage(response) }

// Text reads the text field of a request or response.
func Text(m proto.Message) string {
	r := m.ProtoReflect()
	return r.Get(r.Descriptor().Fields().ByName("text")).String()
}

func withText(md protoreflect.MessageDescriptor, text string) proto.Message {
	m := dynamicpb.NewMessage(md)
	m.Set(md.Fields().ByName("text"), protoreflect.ValueOfString(text))
	return m
}

// Server implements the probe service.
type Server struct {
	// Holding counts Hold calls currently waiting, so a test knows a call is
	// in flight before it starts a shutdown.
	Holding atomic.Int32
}

// Register adds the probe service to s.
func Register(s grpc.ServiceRegistrar, impl *Server) {
	s.RegisterService(&serviceDesc, impl)
}

var serviceDesc = grpc.ServiceDesc{
	ServiceName: ServiceName,
	HandlerType: (*any)(nil),
	Methods: []grpc.MethodDesc{
		{MethodName: "Echo", Handler: unary(EchoMethod, func(_ *Server, _ context.Context, in proto.Message) (proto.Message, error) {
			return withText(response, Text(in)), nil
		})},
		{MethodName: "Panic", Handler: unary(PanicMethod, func(*Server, context.Context, proto.Message) (proto.Message, error) {
			panic("secret internal detail")
		})},
	},
	Streams: []grpc.StreamDesc{
		{StreamName: "Hold", ServerStreams: true, Handler: hold},
	},
	Metadata: "liaison/platformtest/v1/probe.proto",
}

// Hold waits until the caller goes away, like a long-lived watch stream.
func hold(srv any, stream grpc.ServerStream) error {
	s := srv.(*Server)
	in := dynamicpb.NewMessage(request)
	if err := stream.RecvMsg(in); err != nil {
		return err
	}
	s.Holding.Add(1)
	defer s.Holding.Add(-1)
	if err := stream.SendMsg(withText(response, Text(in))); err != nil {
		return err
	}
	<-stream.Context().Done()
	return stream.Context().Err()
}

func unary(method string, fn func(*Server, context.Context, proto.Message) (proto.Message, error)) grpc.MethodHandler {
	return func(srv any, ctx context.Context, dec func(any) error, interceptor grpc.UnaryServerInterceptor) (any, error) {
		in := dynamicpb.NewMessage(request)
		if err := dec(in); err != nil {
			return nil, err
		}
		call := func(ctx context.Context, req any) (any, error) {
			return fn(srv.(*Server), ctx, req.(proto.Message))
		}
		if interceptor == nil {
			return call(ctx, in)
		}
		return interceptor(ctx, in, &grpc.UnaryServerInfo{Server: srv, FullMethod: method}, call)
	}
}

// HoldStream is the descriptor a client needs to open a Hold stream.
var HoldStream = &grpc.StreamDesc{StreamName: "Hold", ServerStreams: true}
