//go:build unix

package config

import (
	"os/exec"
	"syscall"
)

// isolateProcessGroup starts cmd as the leader of a new session (and so of a
// new process group, with no controlling terminal: a command that would
// prompt on /dev/tty fails at once instead of hanging until the timeout), and
// makes cancellation kill the whole group, not just `sh`: a grandchild that
// survived kept the output pipe open and the 10 s timeout took 30 s.
func isolateProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	cmd.Cancel = func() error {
		// The process has not been reaped yet (Cancel runs before Wait
		// returns), so its pid is still the group's id.
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
