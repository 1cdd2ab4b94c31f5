package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// IsZero reports whether no right is granted.
func (r PoolRights) IsZero() bool { return r == PoolRights{} }

// Without returns the rights left after giving up those set in giveUp.
func (r PoolRights) Without(giveUp PoolRights) PoolRights {
	return PoolRights{
		PauseSwaps:      r.PauseSwaps && !giveUp.PauseSwaps,
		ChangeSwapFee:   r.ChangeSwapFee && !giveUp.ChangeSwapFee,
		ChangeWeights:   r.ChangeWeights && !giveUp.ChangeWeights,
		AddRemoveAssets: r.AddRemoveAssets && !giveUp.AddRemoveAssets,
		ManageAllowList: r.ManageAllowList && !giveUp.ManageAllowList,
		ChangeShareCap:  r.ChangeShareCap && !giveUp.ChangeShareCap,
		ChangeBreakers:  r.ChangeBreakers && !giveUp.ChangeBreakers,
	}
}

// IsController reports whether addr controls the pool; an immutable pool has
// no controller.
func (p Pool) IsController(addr string) bool { return p.Controller != "" && addr == p.Controller }

// hasExposureCap reports whether the pool caps normalized weights itself.
func (p Pool) hasExposureCap() bool {
	return !p.MaxNormalizedWeight.IsNil() && p.MaxNormalizedWeight.IsPositive()
}

// RequireTradable fails on a paused pool: swaps, single-asset and uneven
// joins and exits wait until it resumes.
func (p Pool) RequireTradable() error {
	if p.SwapsPaused {
		return errorsmod.Wrapf(ErrPoolPaused, "pool %d: only proportional joins and exits are open", p.Id)
	}
	return nil
}

// HasShareCap reports whether the pool caps its total shares.
func (p Pool) HasShareCap() bool { return !p.ShareCap.IsNil() && p.ShareCap.IsPositive() }

// ValidateControl checks the pool's control settings: rights only with a
// controller, a time-lock of at least minTimelock, caps in range. Creation
// passes params.min_timelock; stored pools are checked with 0, since a later
// rise of the minimum must not invalidate pools created before it.
func (p Pool) ValidateControl(minTimelock time.Duration) error {
	if p.Controller == "" && !p.Rights.IsZero() {
		return errorsmod.Wrap(ErrInvalidControl, "rights need a controller")
	}
	// Every pool's time-lock is bounded, with or without a controller: a
	// governance resume waits for it.
	lowest := time.Duration(0)
	if p.Controller != "" {
		if err := validateAddress("controller", p.Controller); err != nil {
			return err
		}
		lowest = minTimelock
	}
	if p.Timelock < lowest || p.Timelock > HardMaxTimelock {
		return errorsmod.Wrapf(ErrInvalidTimelock, "timelock %s is outside [%s, %s]", p.Timelock, lowest, HardMaxTimelock)
	}
	if !p.ShareCap.IsNil() && p.ShareCap.IsNegative() {
		return errorsmod.Wrap(ErrInvalidControl, "share cap must not be negative")
	}
	if p.hasExposureCap() {
		if p.MaxNormalizedWeight.GT(sdkmath.LegacyOneDec()) {
			return errorsmod.Wrapf(ErrInvalidControl, "max normalized weight %s is above 1", p.MaxNormalizedWeight)
		}
		for i, a := range p.Assets {
			if w := p.NormalizedWeight(i); w.GT(p.MaxNormalizedWeight) {
				return errorsmod.Wrapf(ErrInvalidControl, "normalized weight of %s is %s, above the pool's cap %s", a.Denom, w, p.MaxNormalizedWeight)
			}
		}
	}
	return nil
}

// Kind names what a pending change does, for events and errors.
func (c PendingChange) Kind() string {
	switch c.Change.(type) {
	case *PendingChange_WeightSchedule:
		return "weight_schedule"
	case *PendingChange_SwapFee:
		return "swap_fee"
	case *PendingChange_ShareCap:
		return "share_cap"
	case *PendingChange_AllowList:
		return "allow_list"
	case *PendingChange_Controller:
		return "controller"
	case *PendingChange_ResumeSwaps:
		return "resume_swaps"
	case *PendingChange_AddAsset:
		return "add_asset"
	case *PendingChange_RemoveAsset:
		return "remove_asset"
	case *PendingChange_Breakers:
		return "breakers"
	case *PendingChange_FeePolicy:
		return "fee_policy"
	case *PendingChange_ManagementFee:
		return "management_fee"
	case *PendingChange_Strategy:
		return "strategy"
	case *PendingChange_StrategyResume:
		return "strategy_resume"
	default:
		return "unknown"
	}
}

// AssetChangeMaxWeightFactor bounds asset membership changes: an asset may
// enter, and leave, only at a normalized weight of at most this many times
// params.min_normalized_weight (2% by default). Anything larger moves through
// a weight schedule, under max_weight_change_per_day, so a controller can
// never reprice a large part of the pool at once.
const AssetChangeMaxWeightFactor = 2

// MaxPendingChangesPerPool bounds a pool's queue, so that queries and the
// end-block step stay cheap whatever a controller does.
const MaxPendingChangesPerPool = 16

// ValidateBasic checks a pending change's contents without state: what a
// genesis file must satisfy before any of it can run in the end-block step.
func (c PendingChange) ValidateBasic() error {
	var content interface{ ValidateBasic() error }
	switch ch := c.Change.(type) {
	case *PendingChange_WeightSchedule:
		content = ch.WeightSchedule
	case *PendingChange_SwapFee:
		content = ch.SwapFee
	case *PendingChange_ShareCap:
		content = ch.ShareCap
	case *PendingChange_AllowList:
		content = ch.AllowList
	case *PendingChange_Controller:
		content = ch.Controller
	case *PendingChange_ResumeSwaps:
		content = ch.ResumeSwaps
	case *PendingChange_AddAsset:
		content = ch.AddAsset
	case *PendingChange_RemoveAsset:
		content = ch.RemoveAsset
	case *PendingChange_Breakers:
		content = ch.Breakers
	case *PendingChange_FeePolicy:
		content = ch.FeePolicy
	case *PendingChange_ManagementFee:
		content = ch.ManagementFee
	case *PendingChange_Strategy:
		content = ch.Strategy
	case *PendingChange_StrategyResume:
		content = ch.StrategyResume
	default:
		return errorsmod.Wrapf(ErrInvalidRequest, "pending change %d changes nothing", c.Id)
	}
	return content.ValidateBasic() // every content type refuses a nil pointer
}

var errNoContent = errorsmod.Wrap(ErrInvalidRequest, "change has no content")

// ValidateBasic checks a swap fee change.
func (c *SwapFeeChange) ValidateBasic() error {
	if c == nil {
		return errNoContent
	}
	return ValidateSwapFee(c.SwapFee)
}

// ValidateBasic checks a share cap change (zero: no cap).
func (c *ShareCapChange) ValidateBasic() error {
	if c == nil {
		return errNoContent
	}
	return requireNonNegative("share cap", c.ShareCap)
}

// ValidateBasic checks a control transfer; an empty new controller renounces.
func (c *ControllerChange) ValidateBasic() error {
	if c == nil {
		return errNoContent
	}
	if c.NewController == "" {
		return nil
	}
	return validateAddress("new controller", c.NewController)
}

// ValidateBasic checks a resume, which has no fields.
func (c *ResumeSwapsChange) ValidateBasic() error {
	if c == nil {
		return errNoContent
	}
	return nil
}

// ValidateBasic checks an asset addition's deposit and weight.
func (c *AddAssetChange) ValidateBasic() error {
	if c == nil {
		return errNoContent
	}
	if err := validateCoin("deposit", c.Deposit); err != nil {
		return err
	}
	if err := ValidateAssetDenom(c.Deposit.Denom); err != nil {
		return err
	}
	if err := validateRecipient(c.Recipient); err != nil {
		return err
	}
	return ValidateWeight(c.Deposit.Denom, c.Weight)
}

// ValidateBasic checks an asset removal's denom.
func (c *RemoveAssetChange) ValidateBasic() error {
	if c == nil {
		return errNoContent
	}
	if err := sdk.ValidateDenom(c.Denom); err != nil {
		return errorsmod.Wrapf(ErrDenomNotInPool, "denom %q: %v", c.Denom, err)
	}
	return validateRecipient(c.Recipient)
}

// validateRecipient checks an optional recipient address.
func validateRecipient(addr string) error {
	if addr == "" {
		return nil
	}
	return validateAddress("recipient", addr)
}
