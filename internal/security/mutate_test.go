package security_test

import (
	"math/rand/v2"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// hostile are the values an attacker tries first in a string field: empty, huge, odd Unicode,
// injection and traversal shapes, and ids that exist in the demonstration data's shape.
var hostile = []string{
	"", " ", "0", "-1", "null", "undefined", "true", "{}", "[]", "a", "%ff", "%00", "\x00", "\u200b", "\u202e",
	"S\u0430hel", "\uff33", "../../etc/passwd", "..%2f..%2f", "' OR '1'='1", "\"; DROP TABLE organizations; --",
	"<script>alert(1)</script>", "${jndi:ldap}", "{{.}}", "%s%s%s%n", "\\", "org_", "app_", "evt_", "ses_",
	"org_06h3gxk2541ecewvxerfctg", "app_06ppd56ng2c0zdvrjy5zabkx4g", "organizations/x", "*", "?", "#",
	"9999-99-99", "2028-02-30", "1970-01-01T00:00:00Z", "submit_time desc", "name,,", "update_time desc, id",
	strings.Repeat("x", 70), strings.Repeat("é", 300), strings.Repeat("A", 5000), "\U0001F600", "ａｂｃ",
	"application/pdf", "https://example.org", "mailto:x@example.org", "KE", "ZZ", "CH", "ngo", "officer",
}

// mutator fills protobuf messages with random, mostly hostile, values.
type mutator struct{ r *rand.Rand }

func (m mutator) str() string {
	if m.r.IntN(4) == 0 {
		b := make([]rune, m.r.IntN(20))
		for i := range b {
			b[i] = rune(m.r.IntN(0x3000))
		}
		return string(b)
	}
	return hostile[m.r.IntN(len(hostile))]
}

func (m mutator) integer() int64 {
	switch m.r.IntN(6) {
	case 0:
		return 0
	case 1:
		return -m.r.Int64N(1 << 40)
	case 2:
		return 1<<31 - 1
	case 3:
		return -1 << 63
	default:
		return m.r.Int64N(3000)
	}
}

// fill sets a random selection of msg's fields, recursing depth levels into messages.
func (m mutator) fill(msg protoreflect.Message, depth int) {
	fields := msg.Descriptor().Fields()
	for i := range fields.Len() {
		fd := fields.Get(i)
		if m.r.IntN(3) == 0 {
			continue
		}
		switch {
		case fd.IsMap():
			mp := msg.Mutable(fd).Map()
			for range m.r.IntN(3) {
				k := m.scalar(fd.MapKey())
				if fd.MapValue().Kind() == protoreflect.MessageKind {
					if depth > 0 {
						v := mp.NewValue()
						m.fill(v.Message(), depth-1)
						mp.Set(k.MapKey(), v)
					}
					continue
				}
				mp.Set(k.MapKey(), m.scalar(fd.MapValue()))
			}
		case fd.IsList():
			list := msg.Mutable(fd).List()
			for range m.r.IntN(4) {
				if fd.Kind() == protoreflect.MessageKind || fd.Kind() == protoreflect.GroupKind {
					if depth > 0 {
						v := list.NewElement()
						m.fill(v.Message(), depth-1)
						list.Append(v)
					}
					continue
				}
				list.Append(m.scalar(fd))
			}
		case fd.Kind() == protoreflect.MessageKind || fd.Kind() == protoreflect.GroupKind:
			if depth > 0 {
				m.fill(msg.Mutable(fd).Message(), depth-1)
			}
		default:
			msg.Set(fd, m.scalar(fd))
		}
	}
}

func (m mutator) scalar(fd protoreflect.FieldDescriptor) protoreflect.Value {
	switch fd.Kind() {
	case protoreflect.BoolKind:
		return protoreflect.ValueOfBool(m.r.IntN(2) == 0)
	case protoreflect.EnumKind:
		values := fd.Enum().Values()
		if m.r.IntN(5) == 0 {
			return protoreflect.ValueOfEnum(protoreflect.EnumNumber(m.r.Int32N(1000) - 10))
		}
		return protoreflect.ValueOfEnum(values.Get(m.r.IntN(values.Len())).Number())
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return protoreflect.ValueOfInt32(int32(m.integer()))
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return protoreflect.ValueOfInt64(m.integer())
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return protoreflect.ValueOfUint32(uint32(m.integer()))
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		return protoreflect.ValueOfUint64(uint64(m.integer()))
	case protoreflect.FloatKind:
		return protoreflect.ValueOfFloat32(float32(m.r.NormFloat64() * 1e6))
	case protoreflect.DoubleKind:
		return protoreflect.ValueOfFloat64(m.r.NormFloat64() * 1e9)
	case protoreflect.BytesKind:
		b := make([]byte, m.r.IntN(64))
		for i := range b {
			b[i] = byte(m.r.IntN(256))
		}
		if m.r.IntN(3) == 0 {
			b = append([]byte("%PDF-1.4 "), b...)
		}
		return protoreflect.ValueOfBytes(b)
	default:
		return protoreflect.ValueOfString(m.str())
	}
}
