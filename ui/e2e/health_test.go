package e2e

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// startSim runs `nexla-tui sim` with args as its own process and returns
// the environment that points the TUI at it (NEXLA_API_URL, the key).
func startSim(t testing.TB, args ...string) []string {
	t.Helper()
	bin := os.Getenv("NEXLA_TUI_BIN")
	if bin == "" {
		t.Skip("NEXLA_TUI_BIN is not set: run `make test` (it builds the binary and sets it)")
	}
	sim := exec.Command(bin, append([]string{"sim"}, args...)...)
	out, err := sim.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Process.Kill(); _ = sim.Wait() })
	env := []string{"XDG_CONFIG_HOME=" + t.TempDir(), "XDG_STATE_HOME=" + t.TempDir()}
	sc := bufio.NewScanner(out)
	for len(env) < 4 && sc.Scan() { // NEXLA_API_URL=..., NEXLA_SERVICE_KEY=...
		env = append(env, sc.Text())
	}
	go func() { // keep draining so the simulator never blocks on a full pipe
		for sc.Scan() {
		}
	}()
	if len(env) < 4 {
		t.Fatalf("sim did not print its URL and key: %v", env)
	}
	return env
}

var (
	healthDone = regexp.MustCompile(`Health · \d+ flows · \d+ with issues \(\d+ critical\)`)
	healthRow  = regexp.MustCompile(`(?m)^[▶ ] .*(critical|warning|ok|recovered|paused)`)
)

// `:health` on a generated org of a few thousand flows, with the default
// refresh (no --refresh): rows appear while the check runs, a refresh (r)
// in the middle of it does not restart it, and it completes.
func TestHealthOnThousandsOfFlowsCompletes(t *testing.T) {
	env := startSim(t, "--flows", "3000", "--failing", "0.01")
	m := startTmuxWith(t, tmuxOptions{Env: env})
	m.waitUntil("the flows tree", func(s string) bool { return strings.Contains(s, "flows") && len(flowRow.FindAllString(s, -1)) >= 3 })
	for _, k := range []string{":", "h", "e", "a", "l", "t", "h", "Enter"} {
		m.key(k)
	}
	s := m.waitUntil("the first rows", func(s string) bool { return len(healthRow.FindAllString(s, -1)) >= 3 })
	if !healthDone.MatchString(s) {
		// Still checking: a refresh now must not restart the check.
		m.key("r")
	}
	s = m.waitUntil("the complete check", func(s string) bool { return healthDone.MatchString(s) })
	if strings.Contains(s, "could not check") {
		t.Fatalf("the check failed:\n%s", s)
	}
}
