package main

import (
	"fmt"

	"cosmossdk.io/api/amino"
	cosmos_proto "github.com/cosmos/cosmos-proto"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	// Registers the gogoproto customtype extension with protoregistry, as the
	// chain's amino JSON encoder reads it.
	_ "github.com/cosmos/cosmos-sdk/x/tx/signing/aminojson"
)

const (
	timestampName protoreflect.FullName = "google.protobuf.Timestamp"
	durationName  protoreflect.FullName = "google.protobuf.Duration"
	legacyDecType                       = "cosmossdk.io/math.LegacyDec"
	intType                             = "cosmossdk.io/math.Int"
)

// customtypeField is gogoproto.customtype's field number in FieldOptions.
const customtypeField protoreflect.FieldNumber = 65003

func findFile(path string) (protoreflect.FileDescriptor, error) {
	return gogoproto.HybridResolver.FindFileByPath(path)
}

func findDescriptor(name protoreflect.FullName) (protoreflect.Descriptor, error) {
	return gogoproto.HybridResolver.FindDescriptorByName(name)
}

func aminoName(md protoreflect.MessageDescriptor) (string, bool) {
	opts := md.Options()
	if !proto.HasExtension(opts, amino.E_Name) {
		return "", false
	}
	return proto.GetExtension(opts, amino.E_Name).(string), true
}

// field is one field as the amino JSON encoder sees it.
type field struct {
	Name          string `json:"name"`  // ts-proto's property name (the proto JSON name)
	Amino         string `json:"amino"` // the key in amino JSON
	Kind          string `json:"kind"`
	Repeated      bool   `json:"repeated,omitempty"`
	Type          string `json:"type,omitempty"` // full name of a message field's type
	DontOmitEmpty bool   `json:"dontOmitEmpty,omitempty"`
	Encoding      string `json:"encoding,omitempty"` // amino.encoding: legacy_coins, null_slice_as_empty
	Scalar        string `json:"scalar,omitempty"`   // "dec" (LegacyDec atomics) or "int"
	// Integer is "int" or "dec" for a string holding a math.Int or a
	// LegacyDec's atomics (gogoproto.customtype), scalar or not: the chain
	// parses it with Go's base prefixes, so clients send only canonical ones.
	Integer string `json:"integer,omitempty"`
}

// describe returns the amino view of a field, or an error for what the
// chain's encoder (or this generator) does not support: maps, oneofs, Any,
// and encodings it does not know.
func describe(fd protoreflect.FieldDescriptor) (field, error) {
	f := field{Name: fd.JSONName(), Amino: string(fd.Name()), Repeated: fd.IsList()}
	where := string(fd.FullName())
	if fd.IsMap() || fd.ContainingOneof() != nil {
		return f, fmt.Errorf("%s: maps and oneofs are not supported", where)
	}
	opts := fd.Options()
	if proto.HasExtension(opts, amino.E_FieldName) {
		f.Amino = proto.GetExtension(opts, amino.E_FieldName).(string)
	}
	if proto.HasExtension(opts, amino.E_DontOmitempty) {
		f.DontOmitEmpty = proto.GetExtension(opts, amino.E_DontOmitempty).(bool)
	}
	if proto.HasExtension(opts, amino.E_Encoding) {
		switch enc := proto.GetExtension(opts, amino.E_Encoding).(string); enc {
		case "legacy_coins", "null_slice_as_empty":
			if !fd.IsList() {
				return f, fmt.Errorf("%s: amino encoding %q on a non-list", where, enc)
			}
			f.Encoding = enc
		default:
			return f, fmt.Errorf("%s: amino encoding %q is not supported", where, enc)
		}
	}
	if f.Encoding == "" && proto.HasExtension(opts, cosmos_proto.E_Scalar) {
		switch proto.GetExtension(opts, cosmos_proto.E_Scalar).(string) {
		case "cosmos.Dec":
			// Only a LegacyDec custom type travels as atomics; a plain
			// decimal string is written as it is.
			if customType(opts) == legacyDecType {
				f.Scalar = "dec"
			}
		case "cosmos.Int":
			f.Scalar = "int"
		}
		if f.Scalar != "" && fd.IsList() {
			return f, fmt.Errorf("%s: the chain cannot amino-encode a repeated %s", where, f.Scalar)
		}
	}
	switch customType(opts) {
	case legacyDecType:
		f.Integer = "dec"
	case intType:
		f.Integer = "int"
	}
	switch fd.Kind() {
	case protoreflect.StringKind:
		f.Kind = "string"
	case protoreflect.BoolKind:
		f.Kind = "bool"
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		f.Kind = "int32"
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		f.Kind = "uint32"
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		f.Kind = "int64"
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		f.Kind = "uint64"
	case protoreflect.EnumKind:
		f.Kind = "enum"
	case protoreflect.BytesKind:
		f.Kind = "bytes"
	case protoreflect.MessageKind:
		switch fd.Message().FullName() {
		case timestampName:
			f.Kind = "timestamp"
		case durationName:
			f.Kind = "duration"
		case "google.protobuf.Any":
			return f, fmt.Errorf("%s: Any is not supported", where)
		default:
			f.Kind = "message"
			f.Type = string(fd.Message().FullName())
			if proto.HasExtension(fd.Message().Options(), amino.E_MessageEncoding) {
				return f, fmt.Errorf("%s: amino message encodings are not supported", where)
			}
		}
	default:
		return f, fmt.Errorf("%s: kind %s is not supported", where, fd.Kind())
	}
	if f.Scalar != "" && f.Kind != "string" {
		return f, fmt.Errorf("%s: scalar on a %s field", where, f.Kind)
	}
	return f, nil
}

// customType reads gogoproto.customtype the way the chain's encoder does.
func customType(opts protoreflect.ProtoMessage) string {
	var out string
	opts.ProtoReflect().Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.IsExtension() && fd.Number() == customtypeField {
			out = v.String()
			return false
		}
		return true
	})
	return out
}

// reachable collects every message type the Msgs reach, Msgs first.
func reachable(msgs []protoreflect.MessageDescriptor) ([]protoreflect.MessageDescriptor, map[protoreflect.FullName][]field, error) {
	order := []protoreflect.MessageDescriptor{}
	fields := map[protoreflect.FullName][]field{}
	var visit func(md protoreflect.MessageDescriptor) error
	visit = func(md protoreflect.MessageDescriptor) error {
		if _, seen := fields[md.FullName()]; seen {
			return nil
		}
		fs := []field{}
		fields[md.FullName()] = fs
		order = append(order, md)
		for i := 0; i < md.Fields().Len(); i++ {
			fd := md.Fields().Get(i)
			f, err := describe(fd)
			if err != nil {
				return err
			}
			fs = append(fs, f)
			if f.Kind == "message" {
				if err := visit(fd.Message()); err != nil {
					return err
				}
			}
		}
		fields[md.FullName()] = fs
		return nil
	}
	for _, md := range msgs {
		if err := visit(md); err != nil {
			return nil, nil, err
		}
	}
	return order, fields, nil
}
