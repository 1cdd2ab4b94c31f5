package cmd

import (
	"context"
	"errors"
	"strings"

	"github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cobra"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	basev1beta1 "cosmossdk.io/api/cosmos/base/v1beta1"
	"cosmossdk.io/client/v2/autocli"
	"cosmossdk.io/client/v2/autocli/flag"

	"github.com/cosmos/cosmos-sdk/client"
	sdkflags "github.com/cosmos/cosmos-sdk/client/flags"

	"github.com/poold/poold/x/smartpool/types"
)

// enhanceRootCommand adds the autocli commands as autocli.AppOptions'
// EnhanceRootCommand does, with one change: coin arguments and flags are
// parsed strictly, so 1.9uatom is refused at the prompt with a clear error
// rather than sent on and refused by the chain's tx decoder (or, elsewhere,
// truncated to 1uatom).
func enhanceRootCommand(opts autocli.AppOptions, rootCmd *cobra.Command) error {
	files, err := proto.MergedRegistry()
	if err != nil {
		return err
	}
	builder := &autocli.Builder{
		Builder: flag.Builder{
			TypeResolver:          protoregistry.GlobalTypes,
			FileResolver:          files,
			AddressCodec:          opts.AddressCodec,
			ValidatorAddressCodec: opts.ValidatorAddressCodec,
			ConsensusAddressCodec: opts.ConsensusAddressCodec,
		},
		GetClientConn: func(cmd *cobra.Command) (grpc.ClientConnInterface, error) {
			return client.GetClientQueryContext(cmd)
		},
		AddQueryConnFlags: func(c *cobra.Command) {
			sdkflags.AddQueryFlagsToCmd(c)
			sdkflags.AddKeyringFlags(c.Flags())
		},
		AddTxConnFlags: sdkflags.AddTxFlagsToCmd,
	}
	builder.DefineMessageFlagType("cosmos.base.v1beta1.Coin", strictCoinType{})
	return opts.EnhanceRootCommandWithBuilder(rootCmd, builder)
}

// strictCoinType is autocli's coin flag type with types.ParseCoinStrict.
type strictCoinType struct{}

func (strictCoinType) NewValue(*context.Context, *flag.Builder) flag.Value { return &strictCoinValue{} }
func (strictCoinType) DefaultValue() string                                { return "" }

type strictCoinValue struct{ value *basev1beta1.Coin }

func (c *strictCoinValue) Get(protoreflect.Value) (protoreflect.Value, error) {
	if c.value == nil {
		return protoreflect.Value{}, nil
	}
	return protoreflect.ValueOfMessage(c.value.ProtoReflect()), nil
}

func (c *strictCoinValue) String() string {
	if c.value == nil {
		return ""
	}
	return c.value.Amount + c.value.Denom
}

func (c *strictCoinValue) Set(s string) error {
	if strings.Contains(s, ",") {
		return errors.New("one coin per argument: separate coins with spaces")
	}
	coin, err := types.ParseCoinStrict(s)
	if err != nil {
		return errors.New(err.Error()) // the message alone: pflag prints %v, which would add the source location
	}
	c.value = &basev1beta1.Coin{Denom: coin.Denom, Amount: coin.Amount.String()}
	return nil
}

func (c *strictCoinValue) Type() string { return "cosmos.base.v1beta1.Coin" }
