//go:build !unix

package report

import "os/exec"

// killGroupOnCancel leaves exec.CommandContext's default, killing the main
// process only, where there are no Unix process groups.
func killGroupOnCancel(*exec.Cmd) {}

// killGroup has no group to kill.
func killGroup(*exec.Cmd) {}
