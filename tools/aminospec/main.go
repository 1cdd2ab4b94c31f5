// Command aminospec writes what the TypeScript client (clients/ts) needs to
// sign smartpool messages in SIGN_MODE_LEGACY_AMINO_JSON exactly as the chain
// verifies them, from the chain's own proto descriptors:
//
//	aminospec spec      a TypeScript table of every message a Msg reaches:
//	                    amino names, field names, kinds and amino options
//	aminospec vectors   JSON test vectors: random messages, their proto bytes
//	                    and the chain's amino JSON for them (x/tx aminojson)
//	aminospec rest      a typed REST client of the Query service, from its
//	                    google.api.http rules
//	aminospec encode    reads [{typeUrl, proto}] (JSON, proto in base64) and
//	                    writes the chain's amino JSON of each: the client's
//	                    tests check what it would broadcast with it
//
// scripts/protocgen-ts.sh runs both; the stale-generation check compares them.
package main

import (
	"fmt"
	"os"
	"sort"

	"google.golang.org/protobuf/reflect/protoreflect"

	// Registers the smartpool descriptors (and the SDK's) with gogoproto.
	_ "github.com/poold/poold/x/smartpool/types"
)

// txFile is the proto file whose amino-named messages are the client's Msgs.
const txFile = "smartpool/v1/tx.proto"

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: aminospec spec|vectors|rest|encode")
		os.Exit(2)
	}
	msgs, err := txMessages()
	if err != nil {
		fail(err)
	}
	switch os.Args[1] {
	case "spec":
		err = writeSpec(os.Stdout, msgs)
	case "vectors":
		err = writeVectors(os.Stdout, msgs)
	case "rest":
		err = writeREST(os.Stdout)
	case "encode":
		err = encodeInput(os.Stdin, os.Stdout)
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "aminospec:", err)
	os.Exit(1)
}

// txMessages lists tx.proto's messages that carry an amino name, by full name.
func txMessages() ([]protoreflect.MessageDescriptor, error) {
	fd, err := findFile(txFile)
	if err != nil {
		return nil, err
	}
	var out []protoreflect.MessageDescriptor
	for i := 0; i < fd.Messages().Len(); i++ {
		md := fd.Messages().Get(i)
		if _, ok := aminoName(md); ok {
			out = append(out, md)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].FullName() < out[j].FullName() })
	if len(out) == 0 {
		return nil, fmt.Errorf("%s has no amino-named messages", txFile)
	}
	return out, nil
}
