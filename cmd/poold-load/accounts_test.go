package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDeriveAccountsIsDeterministic(t *testing.T) {
	a, b := deriveAccounts("load", 20), deriveAccounts("load", 20)
	seen := map[string]bool{}
	for i := range a {
		require.Equal(t, i, a[i].Index)
		require.Equal(t, a[i].Addr, b[i].Addr, "same seed and index, same address")
		require.Equal(t, a[i].Key.Bytes(), b[i].Key.Bytes())
		require.Equal(t, a[i].Addr.Bytes(), a[i].Key.PubKey().Address().Bytes())
		require.False(t, seen[a[i].Addr.String()], "account %d repeats an address", i)
		seen[a[i].Addr.String()] = true
	}
	// Pinned: a change here would strand the funds of earlier runs.
	require.Equal(t, "pool15qdvfvh7m4935sn9vd22m6gg3qavxtz57s9yy9", a[0].Addr.String())
	require.Equal(t, "pool108l74htg2vmkq7q0ynr83xdf3xt6th87y43wpn", a[1].Addr.String())
	// A prefix of a longer derivation is the shorter one.
	require.Equal(t, a[3].Addr, deriveAccounts("load", 4)[3].Addr)
	// Another seed, other accounts.
	other := deriveAccounts("soak", 20)
	for i := range other {
		require.False(t, seen[other[i].Addr.String()])
	}
}
