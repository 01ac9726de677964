package security_test

import (
	"context"
	"flag"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	accreditationv1 "github.com/un-liaison/liaison/gen/liaison/accreditation/v1"
	eventsv1 "github.com/un-liaison/liaison/gen/liaison/events/v1"
	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/platform/auth"
)

var grpcMutations = flag.Int("grpc-mutations", 300, "mutated messages TestGRPCSurfaceMutations sends (10000 for a full run)")

// rpc is one method of the public surface, with the connection to its service.
type rpc struct {
	name   string
	method protoreflect.MethodDescriptor
	conn   *grpc.ClientConn
}

// surface is the running system and every RPC and role to attack it with.
type surface struct {
	rpcs   []rpc
	tokens []string // "" is anonymous
}

// newSurface starts the demonstration system and lists every RPC of the three services and a
// token for every role, including an ngo token with no organization.
func newSurface(t testing.TB) *surface {
	sys := shared(t)
	var s surface
	for name, addr := range map[string]string{
		registryv1.RegistryService_ServiceDesc.ServiceName:           sys.RegistryAddr,
		accreditationv1.AccreditationService_ServiceDesc.ServiceName: sys.AccreditationAddr,
		eventsv1.EventsService_ServiceDesc.ServiceName:               sys.EventsAddr,
	} {
		d, err := protoregistry.GlobalFiles.FindDescriptorByName(protoreflect.FullName(name))
		if err != nil {
			t.Fatal(err)
		}
		conn := dial(t, addr)
		methods := d.(protoreflect.ServiceDescriptor).Methods()
		for i := range methods.Len() {
			m := methods.Get(i)
			s.rpcs = append(s.rpcs, rpc{name: "/" + name + "/" + string(m.Name()), method: m, conn: conn})
		}
	}
	s.tokens = []string{""}
	for _, role := range auth.Roles {
		s.tokens = append(s.tokens, sys.token(t, "fuzz-"+string(role), "", time.Hour, role))
	}
	s.tokens = append(s.tokens, sys.token(t, "fuzz-ngo-org", "org_06h3gxk2541ecewvxerfctg", time.Hour, auth.RoleNGO))
	return &s
}

// attack sends msg to the RPC as the caller and fails t when the answer is an internal error or
// names an address, a stack or SQL. It returns the answer's code.
func (s *surface) attack(t testing.TB, r rpc, tok string, msg proto.Message) codes.Code {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if tok != "" {
		ctx = bearer(ctx, tok)
	}
	var err error
	out := protoreflectNew(r.method.Output())
	if r.method.IsStreamingServer() {
		ctx, stop := context.WithTimeout(ctx, 150*time.Millisecond)
		defer stop()
		var st grpc.ClientStream
		st, err = r.conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true}, r.name)
		if err == nil {
			if err = st.SendMsg(msg); err == nil {
				if err = st.CloseSend(); err == nil {
					for err == nil {
						err = st.RecvMsg(out)
					}
				}
			}
		}
		if status.Code(err) == codes.DeadlineExceeded {
			err = nil // a stream that stayed open until the client left
		}
	} else {
		err = r.conn.Invoke(ctx, r.name, msg, out)
	}
	st := status.Convert(err)
	switch st.Code() {
	case codes.Internal, codes.Unknown, codes.DataLoss:
		t.Errorf("%s answered %s %q to %v", r.name, st.Code(), st.Message(), msg)
	}
	if leak.MatchString(st.Message()) {
		t.Errorf("%s told the caller %q", r.name, st.Message())
	}
	return st.Code()
}

func protoreflectNew(d protoreflect.MessageDescriptor) proto.Message {
	mt, err := protoregistry.GlobalTypes.FindMessageByName(d.FullName())
	if err != nil {
		panic(err)
	}
	return mt.New().Interface()
}

// mutated builds the request of r filled by the mutator.
func mutated(r rpc, m mutator) proto.Message {
	msg := protoreflectNew(r.method.Input())
	m.fill(msg.ProtoReflect(), 3)
	return msg
}

// Every RPC, as every role, with mutated messages over real gRPC: no internal errors and nothing
// internal in any message. `-grpc-mutations 10000` is the full run; make test sends a few hundred.
func TestGRPCSurfaceMutations(t *testing.T) {
	t.Parallel()
	s := newSurface(t)
	m := mutator{r: rand.New(rand.NewPCG(19, 1))}
	var (
		mu    sync.Mutex
		count = map[codes.Code]int{}
	)
	work, wait := inParallel()
	for i := range *grpcMutations {
		r := s.rpcs[i%len(s.rpcs)]
		tok := s.tokens[(i/len(s.rpcs))%len(s.tokens)]
		msg := mutated(r, m)
		work <- func() {
			c := s.attack(t, r, tok, msg)
			mu.Lock()
			count[c]++
			mu.Unlock()
		}
	}
	wait()
	t.Logf("%d mutated messages over %d RPCs and %d callers; answers by code: %v", *grpcMutations, len(s.rpcs), len(s.tokens), count)
}

var (
	fuzzSurfaceOnce sync.Once
	fuzzSurface     *surface
)

// FuzzGRPCSurface lets the fuzzer choose the RPC, the role, the mutator's seed and wire bytes
// merged over the mutated message.
func FuzzGRPCSurface(f *testing.F) {
	fuzzSurfaceOnce.Do(func() { fuzzSurface = newSurface(f) })
	s := fuzzSurface
	// A few seeds spread over the services: the fuzzer varies which RPC itself, and a short CI
	// run should spend its seconds fuzzing rather than replaying a seed per RPC.
	for i := 0; i < len(s.rpcs); i += 10 {
		f.Add(uint16(i), uint8(i%len(s.tokens)), uint64(i), []byte{})
	}
	f.Fuzz(func(t *testing.T, which uint16, role uint8, seed uint64, wire []byte) {
		r := s.rpcs[int(which)%len(s.rpcs)]
		msg := mutated(r, mutator{r: rand.New(rand.NewPCG(seed, 0))})
		if err := (proto.UnmarshalOptions{Merge: true}).Unmarshal(wire, msg); err != nil {
			msg = mutated(r, mutator{r: rand.New(rand.NewPCG(seed, 0))})
		}
		s.attack(t, r, s.tokens[int(role)%len(s.tokens)], msg)
	})
}
