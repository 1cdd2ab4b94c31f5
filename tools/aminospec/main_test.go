package main

import (
	"bytes"
	"strings"
	"testing"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// Every Msg of the Msg service must reach the TypeScript client: the
// generator takes the amino-named messages of tx.proto, so a Msg without an
// amino name would be missing from the client's registry and converters.
func TestEveryServiceMsgHasAnAminoName(t *testing.T) {
	msgs, err := txMessages()
	if err != nil {
		t.Fatal(err)
	}
	named := map[protoreflect.FullName]bool{}
	for _, md := range msgs {
		named[md.FullName()] = true
	}
	d, err := findDescriptor("smartpool.v1.Msg")
	if err != nil {
		t.Fatal(err)
	}
	methods := d.(protoreflect.ServiceDescriptor).Methods()
	if methods.Len() != len(msgs) {
		t.Errorf("Msg service has %d methods, tx.proto %d amino-named messages", methods.Len(), len(msgs))
	}
	for i := 0; i < methods.Len(); i++ {
		if in := methods.Get(i).Input().FullName(); !named[in] {
			t.Errorf("%s has no amino.name: the TypeScript client cannot sign it", in)
		}
	}
}

// The generator refuses field shapes the client's converters do not handle
// instead of writing a table that signs them wrongly.
func TestDescribeRefusesUnsupportedFields(t *testing.T) {
	d, err := findDescriptor("smartpool.v1.PendingChange")
	if err != nil {
		t.Fatal(err)
	}
	oneof := d.(protoreflect.MessageDescriptor).Fields().ByName("swap_fee")
	if _, err := describe(oneof); err == nil || !strings.Contains(err.Error(), "oneof") {
		t.Fatalf("a oneof member: got %v, want an error", err)
	}
}

func TestSpecAndVectorsAreDeterministic(t *testing.T) {
	msgs, err := txMessages()
	if err != nil {
		t.Fatal(err)
	}
	for _, write := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return writeSpec(b, msgs) },
		func(b *bytes.Buffer) error { return writeVectors(b, msgs) },
		func(b *bytes.Buffer) error { return writeREST(b) },
	} {
		var a, b bytes.Buffer
		if err := write(&a); err != nil {
			t.Fatal(err)
		}
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if a.Len() == 0 || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatal("two runs wrote different output")
		}
	}
}
