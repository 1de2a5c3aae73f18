package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// tmuxSocket names this test process's own tmux server. On the shared
// default server, another package's tests (run in parallel by go test) or
// the kill of this package's last session could stop the server just as a
// test starts a session ("server exited unexpectedly").
func tmuxSocket() string { return fmt.Sprintf("nexla-tui-e2e-%d", os.Getpid()) }

// tmuxCmd runs tmux against this process's own server.
func tmuxCmd(args ...string) *exec.Cmd {
	return exec.Command("tmux", append([]string{"-L", tmuxSocket()}, args...)...)
}

// TestMain keeps the private server alive for the whole package with an
// idle session, so killing one test's session never stops the server, and
// removes the server at the end.
func TestMain(m *testing.M) {
	haveTmux := false
	if _, err := exec.LookPath("tmux"); err == nil && os.Getenv("NEXLA_TUI_BIN") != "" {
		haveTmux = tmuxCmd("new-session", "-d", "-s", "keepalive", "sleep 86400").Run() == nil
	}
	code := m.Run()
	if haveTmux {
		_ = tmuxCmd("kill-server").Run()
	}
	os.Exit(code)
}
