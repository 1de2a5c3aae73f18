package e2e

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// The built binary, over an API whose source 10013 is named with 10 MB,
// opens that source's runbook, shows the name in the Configuration step's
// detail, truncated and word-wrapped again in the focused pane, and then
// quits on SIGTERM and on ctrl+c. (The soak's TUI froze for good there, at
// 85% CPU, and ignored both.) The time from the signal to the exit is
// logged for docs/BENCHMARKS.md; only a hang fails the test. Before the
// runbook's labels were cut, the exit waited behind Analyze on the update
// loop (about a second per answer, copying the name into every label):
// 0.02-1.96 s in 4 runs, against 0.09-0.5 s after; neither hangs, so this
// test guards against the freeze coming back, and
// nexla/runbook's TestAnalyzeWithTenMegabyteNameAllocatesBoundedBytes pins
// the cause.
func TestTenMegabyteNameQuitsOnSigtermAndCtrlC(t *testing.T) {
	for _, quit := range []string{"SIGTERM", "ctrl+c"} {
		t.Run(quit, func(t *testing.T) {
			m := startTmuxWith(t, tmuxOptions{Width: 80, Height: 24, Env: hugeNameEnv(t)}, "--refresh", "0")
			m.waitUntil("the flows tree", func(s string) bool { return strings.Contains(s, "36 flows") })
			for _, k := range append(strings.Split(":source 10013", ""), "Enter") {
				m.key(k)
			}
			m.waitUntil("the source's detail", func(s string) bool { return strings.Contains(s, "Source 10013 Orders Parquet Exportxxx") })
			m.key("t")
			m.waitUntil("the runbook", func(s string) bool { return strings.Contains(s, "Runbook") && strings.Contains(s, "1 Failure point") })
			m.key("6")
			m.waitUntil("the Configuration step", func(s string) bool { return strings.Contains(s, "6. Configuration") })
			x53 := strings.Repeat("x", 53)
			m.key("Tab")
			m.key("w")
			m.waitUntil("the name truncated", func(s string) bool { return strings.Contains(s, "x…") && !strings.Contains(s, x53) })
			m.key("w")
			m.waitUntil("the name word-wrapped", func(s string) bool { return strings.Count(s, x53) >= 5 })
			pid := m.binaryPID()
			start := time.Now()
			if quit == "SIGTERM" {
				if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
					t.Fatal(err)
				}
			} else {
				m.key("C-c")
			}
			for !exited(pid) {
				if time.Since(start) > waitFor {
					t.Fatalf("pid %d still runs %s after %s; screen:\n%s", pid, waitFor, quit, m.capture())
				}
				time.Sleep(5 * time.Millisecond)
			}
			t.Logf("%s: the process exited %s after the signal", quit, time.Since(start).Round(time.Millisecond))
		})
	}
}

// exited is true once pid is gone or a zombie (it has exited; tmux reaps
// it in its own time).
func exited(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return true
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	// pid (comm) state ...: comm may hold spaces, so read after the last ')'.
	rest := string(stat[strings.LastIndexByte(string(stat), ')')+1:])
	return strings.HasPrefix(strings.TrimSpace(rest), "Z")
}

// hugeNameEnv serves the demo org (seed 1) with source 10013's name 10 MB
// long, through the rewriting proxy, and returns the environment that
// points the binary at it (config and state in the test's own directories).
func hugeNameEnv(t *testing.T) []string {
	t.Helper()
	const name = "Orders Parquet Export"
	e := simtest.Start(t, sim.Options{Seed: 1})
	dir := t.TempDir()
	return []string{
		"NEXLA_API_URL=" + e.Rewriting(t, name, name+strings.Repeat("x", 10<<20)),
		"NEXLA_SERVICE_KEY=" + e.Sim.ServiceKey(),
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "XDG_STATE_HOME=" + filepath.Join(dir, "state"),
	}
}

// binaryPID is the pid of the built binary in the pane: the pane's process,
// or the first descendant whose executable is NEXLA_TUI_BIN (a shell may
// stand between tmux and it).
func (m *tmux) binaryPID() int {
	m.t.Helper()
	out, err := tmuxCmd("display-message", "-p", "-t", m.session, "#{pane_pid}").Output()
	if err != nil {
		m.t.Fatalf("pane pid: %v", err)
	}
	bin, err := filepath.EvalSymlinks(os.Getenv("NEXLA_TUI_BIN"))
	if err != nil {
		m.t.Fatal(err)
	}
	queue := []string{strings.TrimSpace(string(out))}
	for len(queue) > 0 {
		pid := queue[0]
		queue = queue[1:]
		if exe, err := os.Readlink("/proc/" + pid + "/exe"); err == nil && exe == bin {
			n, _ := strconv.Atoi(pid)
			return n
		}
		children, err := os.ReadFile("/proc/" + pid + "/task/" + pid + "/children")
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			m.t.Fatal(err)
		}
		queue = append(queue, strings.Fields(string(children))...)
	}
	m.t.Skipf("no process of %s under the pane (no /proc?)", bin)
	return 0
}
