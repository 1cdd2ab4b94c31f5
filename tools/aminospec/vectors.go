package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"

	"github.com/cosmos/cosmos-sdk/x/tx/signing/aminojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"
)

// vectorsPerMsg random messages per Msg type: the first has every field set,
// the rest set each field with probability one half.
const vectorsPerMsg = 8

// vector is one Msg: its proto bytes and the chain's amino JSON for them.
type vector struct {
	TypeURL string `json:"typeUrl"`
	Proto   string `json:"proto"` // base64
	Amino   string `json:"amino"` // exactly as the chain's encoder writes it
}

// writeVectors builds messages the way the chain decodes a signed tx body
// (dynamicpb from the descriptors) and encodes them with the chain's own
// amino JSON encoder, configured as x/auth/tx configures it.
func writeVectors(w io.Writer, msgs []protoreflect.MessageDescriptor) error {
	enc := aminojson.NewEncoder(aminojson.EncoderOptions{})
	rng := rand.New(rand.NewPCG(13, 2026))
	var out []vector
	for _, md := range msgs {
		for i := 0; i < vectorsPerMsg; i++ {
			f := filler{rng: rng, full: i == 0}
			msg := dynamicpb.NewMessage(md)
			if err := f.fill(msg, 0); err != nil {
				return err
			}
			bz, err := proto.MarshalOptions{Deterministic: true}.Marshal(msg)
			if err != nil {
				return err
			}
			js, err := enc.Marshal(msg)
			if err != nil {
				return fmt.Errorf("%s vector %d: the chain's encoder refused it: %w", md.FullName(), i, err)
			}
			out = append(out, vector{TypeURL: "/" + string(md.FullName()), Proto: base64.StdEncoding.EncodeToString(bz), Amino: string(js)})
		}
	}
	e := json.NewEncoder(w)
	e.SetIndent("", " ")
	return e.Encode(out)
}

// encodeInput writes the chain's amino JSON for each message read, as the
// chain decodes a tx body: dynamicpb from the descriptors.
func encodeInput(r io.Reader, w io.Writer) error {
	var in []vector
	if err := json.NewDecoder(r).Decode(&in); err != nil {
		return err
	}
	enc := aminojson.NewEncoder(aminojson.EncoderOptions{})
	out := make([]string, len(in))
	for i, v := range in {
		d, err := findDescriptor(protoreflect.FullName(strings.TrimPrefix(v.TypeURL, "/")))
		if err != nil {
			return err
		}
		md, ok := d.(protoreflect.MessageDescriptor)
		if !ok {
			return fmt.Errorf("%s is not a message", v.TypeURL)
		}
		bz, err := base64.StdEncoding.DecodeString(v.Proto)
		if err != nil {
			return err
		}
		msg := dynamicpb.NewMessage(md)
		if err := proto.Unmarshal(bz, msg); err != nil {
			return fmt.Errorf("message %d (%s): %w", i, v.TypeURL, err)
		}
		js, err := enc.Marshal(msg)
		if err != nil {
			return fmt.Errorf("message %d (%s): the chain's encoder refused it: %w", i, v.TypeURL, err)
		}
		out[i] = string(js)
	}
	return json.NewEncoder(w).Encode(out)
}

// filler sets random values that a client could send: canonical integers
// for Int and LegacyDec fields, valid timestamps and durations.
type filler struct {
	rng  *rand.Rand
	full bool
}

const maxDepth = 4

func (f filler) set() bool { return f.full || f.rng.IntN(2) == 0 }

func (f filler) fill(msg protoreflect.Message, depth int) error {
	md := msg.Descriptor()
	switch md.FullName() {
	case timestampName:
		// Years 1 to 9999, as RFC 3339 allows; whole seconds half the time.
		msg.Set(md.Fields().ByName("seconds"), protoreflect.ValueOfInt64(-62135596800+f.rng.Int64N(315537897600)))
		if f.rng.IntN(2) == 0 {
			msg.Set(md.Fields().ByName("nanos"), protoreflect.ValueOfInt32(f.rng.Int32N(1_000_000_000)))
		}
		return nil
	case durationName:
		msg.Set(md.Fields().ByName("seconds"), protoreflect.ValueOfInt64(f.rng.Int64N(aminojson.MaxDurationSeconds)))
		if f.rng.IntN(2) == 0 {
			msg.Set(md.Fields().ByName("nanos"), protoreflect.ValueOfInt32(f.rng.Int32N(1_000_000_000)))
		}
		return nil
	}
	for i := 0; i < md.Fields().Len(); i++ {
		fd := md.Fields().Get(i)
		spec, err := describe(fd)
		if err != nil {
			return err
		}
		required := spec.DontOmitEmpty && spec.Kind == "message" && !spec.Repeated
		if !required && (!f.set() || (depth >= maxDepth && spec.Kind == "message")) {
			continue
		}
		if fd.IsList() {
			list := msg.Mutable(fd).List()
			for n := f.rng.IntN(3) + 1; n > 0; n-- {
				v, err := f.value(msg, fd, spec, depth)
				if err != nil {
					return err
				}
				list.Append(v)
			}
			continue
		}
		v, err := f.value(msg, fd, spec, depth)
		if err != nil {
			return err
		}
		msg.Set(fd, v)
	}
	return nil
}

func (f filler) value(parent protoreflect.Message, fd protoreflect.FieldDescriptor, spec field, depth int) (protoreflect.Value, error) {
	switch spec.Kind {
	case "message", "timestamp", "duration":
		var m protoreflect.Message
		if fd.IsList() {
			m = parent.Mutable(fd).List().NewElement().Message()
		} else {
			m = parent.NewField(fd).Message()
		}
		if err := f.fill(m, depth+1); err != nil {
			return protoreflect.Value{}, err
		}
		return protoreflect.ValueOfMessage(m), nil
	case "string":
		if spec.Scalar != "" || spec.Integer != "" {
			return protoreflect.ValueOfString(f.integer()), nil
		}
		return protoreflect.ValueOfString(f.text()), nil
	case "bool":
		return protoreflect.ValueOfBool(true), nil
	case "int32":
		return protoreflect.ValueOfInt32(f.rng.Int32() - f.rng.Int32()), nil
	case "uint32":
		return protoreflect.ValueOfUint32(f.rng.Uint32()), nil
	case "int64":
		return protoreflect.ValueOfInt64(f.rng.Int64() - f.rng.Int64()/2), nil
	case "uint64":
		if f.rng.IntN(2) == 0 {
			return protoreflect.ValueOfUint64(f.rng.Uint64N(1000) + 1), nil
		}
		return protoreflect.ValueOfUint64(f.rng.Uint64()), nil
	case "enum":
		values := fd.Enum().Values()
		return protoreflect.ValueOfEnum(values.Get(f.rng.IntN(values.Len())).Number()), nil
	case "bytes":
		b := make([]byte, f.rng.IntN(40)+1)
		for i := range b {
			b[i] = byte(f.rng.UintN(256))
		}
		return protoreflect.ValueOfBytes(b), nil
	}
	return protoreflect.Value{}, fmt.Errorf("%s: no filler for kind %s", fd.FullName(), spec.Kind)
}

// integer is a canonical base-10 integer: zero, small, or past 2^64, maybe negative.
func (f filler) integer() string {
	switch f.rng.IntN(4) {
	case 0:
		return "0"
	case 1:
		return fmt.Sprint(f.rng.IntN(1000) + 1)
	}
	var b strings.Builder
	if f.rng.IntN(4) == 0 {
		b.WriteByte('-')
	}
	b.WriteByte(byte('1' + f.rng.IntN(9)))
	for n := f.rng.IntN(40); n > 0; n-- {
		b.WriteByte(byte('0' + f.rng.IntN(10)))
	}
	return b.String()
}

// text mixes letters with the characters JSON encoders escape differently.
func (f filler) text() string {
	const alphabet = `abcxyzABC019/-_. <>&"\'`
	var b strings.Builder
	for n := f.rng.IntN(24) + 1; n > 0; n-- {
		b.WriteByte(alphabet[f.rng.IntN(len(alphabet))])
	}
	return b.String()
}
