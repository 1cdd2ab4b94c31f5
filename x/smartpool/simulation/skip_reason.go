package simulation

import (
	"errors"

	errorsmod "cosmossdk.io/errors"
)

// skipReason names why the keeper refused a message a factory tried: the
// registered error's description, without the wrapped details (amounts,
// ids), so that alike refusals count together in simsx's skip summary.
func skipReason(what string, err error) string {
	var reg *errorsmod.Error
	switch {
	case err == nil:
		return what
	case errors.Is(err, errNoAmount):
		return what + ": " + err.Error()
	case errors.As(err, &reg):
		return what + ": " + reg.Error()
	default:
		return what + ": other error"
	}
}
