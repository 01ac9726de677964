package orgcache

import (
	"errors"
	"fmt"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	registryv1 "github.com/un-liaison/liaison/gen/liaison/registry/v1"
	"github.com/un-liaison/liaison/services/registry/internal/domain"
	"github.com/un-liaison/liaison/services/registry/internal/protoconv"
)

// A cached profile is a small protobuf record: the public Organization message (field 1) plus the
// two things it does not carry, the creator (field 2) and the revision (field 3) the etag derives
// from. Protobuf keeps entries compact and lets fields be added without breaking old readers.
const (
	fieldOrganization protowire.Number = 1
	fieldCreatedBy    protowire.Number = 2
	fieldRevision     protowire.Number = 3
	fieldStatus       protowire.Number = 4
)

func encode(o domain.Organization) ([]byte, error) {
	msg, err := proto.Marshal(protoconv.OrganizationToProto(o))
	if err != nil {
		return nil, err
	}
	b := protowire.AppendTag(nil, fieldOrganization, protowire.BytesType)
	b = protowire.AppendBytes(b, msg)
	b = protowire.AppendTag(b, fieldCreatedBy, protowire.BytesType)
	b = protowire.AppendString(b, o.CreatedBy)
	b = protowire.AppendTag(b, fieldRevision, protowire.VarintType)
	b = protowire.AppendVarint(b, uint64(o.Revision))
	b = protowire.AppendTag(b, fieldStatus, protowire.VarintType)
	b = protowire.AppendVarint(b, uint64(o.Status.State))
	return b, nil
}

func decode(b []byte) (domain.Organization, error) {
	var (
		o     domain.Organization
		msg   registryv1.Organization
		state domain.StatusState
	)
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return o, errors.New("cached organization: bad tag")
		}
		b = b[n:]
		switch {
		case num == fieldOrganization && typ == protowire.BytesType:
			v, m := protowire.ConsumeBytes(b)
			if m < 0 {
				return o, errors.New("cached organization: bad message")
			}
			if err := proto.Unmarshal(v, &msg); err != nil {
				return o, fmt.Errorf("cached organization: %w", err)
			}
			n = m
		case num == fieldCreatedBy && typ == protowire.BytesType:
			v, m := protowire.ConsumeString(b)
			o.CreatedBy, n = v, m
		case (num == fieldRevision || num == fieldStatus) && typ == protowire.VarintType:
			v, m := protowire.ConsumeVarint(b)
			if num == fieldRevision {
				o.Revision = int64(v)
			} else {
				state = domain.StatusState(v)
			}
			n = m
		default:
			n = protowire.ConsumeFieldValue(num, typ, b)
		}
		if n < 0 {
			return o, errors.New("cached organization: truncated")
		}
		b = b[n:]
	}
	createdBy, revision := o.CreatedBy, o.Revision
	o = protoconv.OrganizationFromProto(&msg)
	o.ID, o.CreatedBy, o.Revision = msg.GetId(), createdBy, revision
	o.Status = domain.ConsultativeStatus{Category: domain.Category(msg.GetConsultativeStatus().GetCategory()), State: state}
	o.CreateTime, o.UpdateTime = msg.GetCreateTime().AsTime(), msg.GetUpdateTime().AsTime()
	return o, nil
}
