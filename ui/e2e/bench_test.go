package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkStartupToFirstFlowsFrame times the built binary from `tmux
// new-session` (process start, plus tmux's few ms) to the first captured
// frame that shows flow rows, over several fresh `demo` runs; it reports
// the median. Polling every 10 ms bounds the error to that.
func BenchmarkStartupToFirstFlowsFrame(b *testing.B) {
	const runs = 5
	var took []time.Duration
	for i := 0; i < runs; i++ {
		took = append(took, startupOnce(b, i))
	}
	slices.Sort(took)
	for b.Loop() { // the runs above are the measurement
	}
	b.ReportMetric(float64(took[runs/2].Milliseconds()), "ms-median")
	b.ReportMetric(float64(took[0].Milliseconds()), "ms-min")
	b.ReportMetric(float64(took[runs-1].Milliseconds()), "ms-max")
}

func startupOnce(b *testing.B, i int) time.Duration {
	b.Helper()
	m := benchTmux(b, "startup-"+strconv.Itoa(i), nil, "demo", "--refresh", "0")
	start := time.Now()
	m.create(b)
	defer m.kill()
	deadline := start.Add(waitFor)
	for time.Now().Before(deadline) {
		if len(flowRow.FindAllString(m.pane(), -1)) >= 3 {
			return time.Since(start)
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.Fatalf("no flows frame within %s:\n%s", waitFor, m.pane())
	return 0
}

// BenchmarkPeakRSS100kResources runs `nexla-tui sim --flows 30000` (30,036
// flows, about 100,000 flow nodes) as its own process and the TUI against it, so
// the number is the TUI's alone: it waits for the flows tree, opens
// :sources, waits until all of them are in, and reads VmHWM (peak
// resident set) of the TUI process from /proc.
func BenchmarkPeakRSS100kResources(b *testing.B) {
	bin := os.Getenv("NEXLA_TUI_BIN")
	if bin == "" {
		b.Skip("NEXLA_TUI_BIN is not set: run `make bench`")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		b.Skip("no /proc: VmHWM cannot be read on this system")
	}
	env := startSim(b, "--flows", "30000")
	m := benchTmux(b, "rss", env, "--refresh", "0")
	m.create(b)
	defer m.kill()
	// 30,000 generated flows beside the demo org's (whose count grows with
	// its scenarios): the tree's and the table's counts say all are in.
	m.waitPane(b, "the 30,0xx-flow tree", func(s string) bool { return allFlows.MatchString(s) })
	flowsHWM := m.vmHWM(b)
	for _, k := range []string{":", "s", "o", "u", "r", "c", "e", "s", "Enter"} {
		m.send(b, k)
	}
	m.waitPane(b, "all 30,0xx sources", func(s string) bool { return allRows.MatchString(s) })
	hwm := m.vmHWM(b)
	for b.Loop() {
	}
	b.ReportMetric(float64(flowsHWM)/1024, "MB-peak-after-flows")
	b.ReportMetric(float64(hwm)/1024, "MB-peak-after-sources")
}

var (
	allFlows = regexp.MustCompile(`\b30,0\d\d flows`)
	allRows  = regexp.MustCompile(`\b30,0\d\d rows · updated`)
)

// benchSession is the benchmarks' tmux session: like startTmux, for *testing.B.
type benchSession struct {
	name string
	args []string
}

func benchTmux(b *testing.B, tag string, env []string, args ...string) *benchSession {
	b.Helper()
	bin := os.Getenv("NEXLA_TUI_BIN")
	if bin == "" {
		b.Skip("NEXLA_TUI_BIN is not set: run `make bench` (it builds the binary and sets it)")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		b.Skip("tmux is not installed")
	}
	cmd := append(append([]string{"env", "TERM=xterm-256color"}, env...), bin)
	cmd = append(cmd, args...)
	for i, a := range cmd {
		cmd[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return &benchSession{name: "nexla-bench-" + strconv.Itoa(os.Getpid()) + "-" + tag, args: cmd}
}

func (s *benchSession) create(b *testing.B) {
	b.Helper()
	if out, err := tmuxCmd("new-session", "-d", "-s", s.name, "-x", "120", "-y", "40", strings.Join(s.args, " ")).CombinedOutput(); err != nil {
		b.Fatalf("tmux new-session: %v: %s", err, out)
	}
}

func (s *benchSession) kill() { _ = tmuxCmd("kill-session", "-t", s.name).Run() }

func (s *benchSession) pane() string {
	out, _ := tmuxCmd("capture-pane", "-p", "-t", s.name).Output()
	return string(out)
}

func (s *benchSession) send(b *testing.B, k string) {
	if out, err := tmuxCmd("send-keys", "-t", s.name, k).CombinedOutput(); err != nil {
		b.Fatalf("send-keys %q: %v: %s", k, err, out)
	}
}

func (s *benchSession) waitPane(b *testing.B, what string, ok func(string) bool) {
	b.Helper()
	deadline := time.Now().Add(3 * waitFor) // 100,000 resources over HTTP on a shared machine
	for !ok(s.pane()) {
		if time.Now().After(deadline) {
			b.Fatalf("timed out waiting for %s:\n%s", what, s.pane())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// vmHWM reads the peak resident set (kB) of the pane's process: `env`
// execs the binary, so the pane's pid is nexla-tui itself.
func (s *benchSession) vmHWM(b *testing.B) int {
	b.Helper()
	out, err := tmuxCmd("display", "-p", "-t", s.name, "#{pane_pid}").Output()
	if err != nil {
		b.Fatalf("pane pid: %v", err)
	}
	status, err := os.ReadFile(filepath.Join("/proc", strings.TrimSpace(string(out)), "status"))
	if err != nil {
		b.Fatalf("read status: %v", err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	b.Fatalf("no VmHWM in /proc status")
	return 0
}
