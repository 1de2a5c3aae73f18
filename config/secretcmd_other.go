//go:build !unix

package config

import "os/exec"

// isolateProcessGroup keeps exec's default on systems without process
// groups: cancellation kills the command itself; WaitDelay bounds the wait
// for anything it left holding the output.
func isolateProcessGroup(*exec.Cmd) {}
