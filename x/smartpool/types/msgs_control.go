package types

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

var (
	_ sdk.HasValidateBasic = (*MsgCancelParamsChange)(nil)
	_ sdk.HasValidateBasic = (*MsgPauseSwaps)(nil)
	_ sdk.HasValidateBasic = (*MsgResumeSwaps)(nil)
	_ sdk.HasValidateBasic = (*MsgScheduleWeights)(nil)
	_ sdk.HasValidateBasic = (*MsgSetSwapFee)(nil)
	_ sdk.HasValidateBasic = (*MsgSetShareCap)(nil)
	_ sdk.HasValidateBasic = (*MsgSetBreakers)(nil)
	_ sdk.HasValidateBasic = (*MsgEditAllowList)(nil)
	_ sdk.HasValidateBasic = (*MsgTransferControl)(nil)
	_ sdk.HasValidateBasic = (*MsgRenounceRights)(nil)
	_ sdk.HasValidateBasic = (*MsgCancelChange)(nil)
	_ sdk.HasValidateBasic = (*MsgAddAsset)(nil)
	_ sdk.HasValidateBasic = (*MsgRemoveAsset)(nil)
)

// validatePoolMsg checks the sender and pool id every controller message has.
func validatePoolMsg(sender string, poolID uint64) error {
	if err := validateAddress("sender", sender); err != nil {
		return err
	}
	if poolID == 0 {
		return errorsmod.Wrap(ErrPoolNotFound, "pool id must be positive")
	}
	return nil
}

// ValidateBasic checks what can be checked without state.
func (m *MsgCancelParamsChange) ValidateBasic() error {
	return validateAddress("authority", m.Authority)
}

// ValidateBasic checks what can be checked without state.
func (m *MsgPauseSwaps) ValidateBasic() error { return validatePoolMsg(m.Sender, m.PoolId) }

// ValidateBasic checks what can be checked without state.
func (m *MsgResumeSwaps) ValidateBasic() error { return validatePoolMsg(m.Sender, m.PoolId) }

// ValidateBasic checks what can be checked without state.
func (m *MsgScheduleWeights) ValidateBasic() error {
	if err := validatePoolMsg(m.Sender, m.PoolId); err != nil {
		return err
	}
	return m.Schedule.ValidateBasic()
}

// ValidateBasic checks the times and weights of a schedule without state.
func (c *WeightScheduleChange) ValidateBasic() error {
	if c == nil {
		return errNoContent
	}
	if !c.EndTime.After(c.StartTime) {
		return errorsmod.Wrapf(ErrInvalidSchedule, "end time %s is not after start time %s", c.EndTime, c.StartTime)
	}
	if len(c.TargetWeights) < HardMinAssets || len(c.TargetWeights) > HardMaxAssets {
		return errorsmod.Wrapf(ErrInvalidSchedule, "%d target weights", len(c.TargetWeights))
	}
	for i, w := range c.TargetWeights {
		if w.IsNil() || !w.IsPositive() || w.GT(MaxRawWeight) {
			return errorsmod.Wrapf(ErrInvalidSchedule, "target weight %d must be in [1, %s]", i, MaxRawWeight)
		}
	}
	if c.HalfLife < 0 {
		return errorsmod.Wrapf(ErrInvalidSchedule, "half-life %s is negative", c.HalfLife)
	}
	if len(c.Waypoints) > MaxWaypoints {
		return errorsmod.Wrapf(ErrInvalidSchedule, "%d waypoints, at most %d", len(c.Waypoints), MaxWaypoints)
	}
	prev := c.EndTime
	for i, w := range c.Waypoints {
		if !w.Time.After(prev) {
			return errorsmod.Wrapf(ErrInvalidSchedule, "waypoint %d at %s does not come after %s", i, w.Time, prev)
		}
		if len(w.Weights) != len(c.TargetWeights) {
			return errorsmod.Wrapf(ErrInvalidSchedule, "waypoint %d has %d weights, the targets %d", i, len(w.Weights), len(c.TargetWeights))
		}
		for j, weight := range w.Weights {
			if weight.IsNil() || !weight.IsPositive() || weight.GT(MaxRawWeight) {
				return errorsmod.Wrapf(ErrInvalidSchedule, "waypoint %d weight %d must be in [1, %s]", i, j, MaxRawWeight)
			}
		}
		prev = w.Time
	}
	return nil
}

// ValidateBasic checks what can be checked without state.
func (m *MsgSetSwapFee) ValidateBasic() error {
	if err := validatePoolMsg(m.Sender, m.PoolId); err != nil {
		return err
	}
	return (&SwapFeeChange{SwapFee: m.SwapFee}).ValidateBasic()
}

// ValidateBasic checks what can be checked without state.
func (m *MsgSetShareCap) ValidateBasic() error {
	if err := validatePoolMsg(m.Sender, m.PoolId); err != nil {
		return err
	}
	return (&ShareCapChange{ShareCap: m.ShareCap}).ValidateBasic()
}

// ValidateBasic checks what can be checked without state.
func (m *MsgSetBreakers) ValidateBasic() error {
	if err := validatePoolMsg(m.Sender, m.PoolId); err != nil {
		return err
	}
	return (&BreakersChange{Breakers: m.Breakers}).ValidateBasic()
}

// ValidateBasic checks what can be checked without state.
func (m *MsgEditAllowList) ValidateBasic() error {
	if err := validatePoolMsg(m.Sender, m.PoolId); err != nil {
		return err
	}
	return m.Edit.ValidateBasic()
}

// ValidateBasic checks an allow-list edit: valid addresses, none twice, not
// both enable and disable.
func (e *AllowListChange) ValidateBasic() error {
	if e == nil {
		return errNoContent
	}
	if e.Enable && e.Disable {
		return errorsmod.Wrap(ErrInvalidRequest, "enable and disable both set")
	}
	if n := len(e.Add) + len(e.Remove); n > MaxAllowListEdit {
		return errorsmod.Wrapf(ErrInvalidRequest, "an edit names at most %d addresses, not %d; split it", MaxAllowListEdit, n)
	}
	seen := make(map[string]bool, len(e.Add)+len(e.Remove))
	for _, addr := range append(append([]string(nil), e.Add...), e.Remove...) {
		if err := validateAddress("allow-list address", addr); err != nil {
			return err
		}
		if seen[addr] {
			return errorsmod.Wrapf(ErrInvalidRequest, "%s is listed twice in the edit", addr)
		}
		seen[addr] = true
	}
	return nil
}

// ValidateBasic checks what can be checked without state; an empty new
// controller renounces control.
func (m *MsgTransferControl) ValidateBasic() error {
	if err := validatePoolMsg(m.Sender, m.PoolId); err != nil {
		return err
	}
	return (&ControllerChange{NewController: m.NewController}).ValidateBasic()
}

// ValidateBasic checks what can be checked without state.
func (m *MsgRenounceRights) ValidateBasic() error {
	if err := validatePoolMsg(m.Sender, m.PoolId); err != nil {
		return err
	}
	if m.GiveUp.IsZero() {
		return errorsmod.Wrap(ErrInvalidRequest, "no right to give up")
	}
	return nil
}

// ValidateBasic checks what can be checked without state.
func (m *MsgCancelChange) ValidateBasic() error {
	if err := validateAddress("sender", m.Sender); err != nil {
		return err
	}
	if m.ChangeId == 0 {
		return errorsmod.Wrap(ErrChangeNotFound, "change id must be positive")
	}
	return nil
}

// ValidateBasic checks what can be checked without state.
func (m *MsgAddAsset) ValidateBasic() error {
	if err := validatePoolMsg(m.Sender, m.PoolId); err != nil {
		return err
	}
	return (&AddAssetChange{Deposit: m.Deposit, Weight: m.Weight, Recipient: m.Recipient}).ValidateBasic()
}

// ValidateBasic checks what can be checked without state.
func (m *MsgRemoveAsset) ValidateBasic() error {
	if err := validatePoolMsg(m.Sender, m.PoolId); err != nil {
		return err
	}
	return (&RemoveAssetChange{Denom: m.Denom, Recipient: m.Recipient}).ValidateBasic()
}

// ValidateBasic checks what can be checked without state; an unset
// strategy (a removal) is valid.
func (m *MsgSetStrategy) ValidateBasic() error {
	if err := validatePoolMsg(m.Sender, m.PoolId); err != nil {
		return err
	}
	return (&StrategyChange{Strategy: m.Strategy}).ValidateBasic()
}

// ValidateBasic checks what can be checked without state.
func (m *MsgPauseStrategy) ValidateBasic() error { return validatePoolMsg(m.Sender, m.PoolId) }

// ValidateBasic checks what can be checked without state.
func (m *MsgResumeStrategy) ValidateBasic() error { return validatePoolMsg(m.Sender, m.PoolId) }
