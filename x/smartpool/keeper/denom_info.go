package keeper

import (
	"context"
	"slices"

	"github.com/poold/poold/x/smartpool/types"
)

// WithDenomTraces returns the keeper with x/transfer's denom traces, so pool
// queries can say where an ibc/… asset comes from. Without them (a chain or
// test without IBC) an ibc/… denom shows as of unknown trace. Pools treat
// every denom alike either way: the traces only label query output.
func (k Keeper) WithDenomTraces(traces types.DenomTraceKeeper) Keeper {
	k.denomTraces = traces
	return k
}

// DenomInfo says where denom comes from.
func (k Keeper) DenomInfo(ctx context.Context, denom string) (types.DenomInfo, error) {
	if !types.IsIBCDenom(denom) {
		return types.NativeDenomInfo(denom), nil
	}
	unknown := types.DenomInfo{Denom: denom, Origin: types.DenomOrigin_DENOM_ORIGIN_UNKNOWN_IBC}
	if k.denomTraces == nil {
		return unknown, nil
	}
	path, base, found, err := k.denomTraces.DenomTrace(ctx, denom)
	if err != nil || !found {
		return unknown, err
	}
	return types.DenomInfo{Denom: denom, Origin: types.DenomOrigin_DENOM_ORIGIN_IBC, BaseDenom: base, Path: path}, nil
}

// denomInfos returns the info of each denom, in the given order.
func (k Keeper) denomInfos(ctx context.Context, denoms []string) ([]types.DenomInfo, error) {
	infos := make([]types.DenomInfo, len(denoms))
	for i, d := range denoms {
		info, err := k.DenomInfo(ctx, d)
		if err != nil {
			return nil, err
		}
		infos[i] = info
	}
	return infos, nil
}

// poolsDenoms is every asset denom of pools, once each, sorted.
func poolsDenoms(pools []types.Pool) []string {
	var denoms []string
	for _, p := range pools {
		denoms = append(denoms, p.Denoms()...)
	}
	slices.Sort(denoms)
	return slices.Compact(denoms)
}
