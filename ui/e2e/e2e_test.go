// Package e2e drives the built binary in tmux against the demo simulator:
// one key per send-keys, assertions on capture-pane.
package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// waitFor is generous: the machine is shared and slow; it is a deadline for
// a hang, not a timing assertion.
const waitFor = 60 * time.Second

type tmux struct {
	t       *testing.T
	session string
}

// startTmux runs the built binary with args in a detached 120x40 tmux session.
func startTmux(t *testing.T, args ...string) *tmux {
	t.Helper()
	return startTmuxWith(t, tmuxOptions{}, args...)
}

// tmuxOptions vary the terminal: its size and extra environment variables.
type tmuxOptions struct {
	Width, Height int      // default 120x40
	Env           []string // e.g. "NO_COLOR=1"
}

func startTmuxWith(t *testing.T, o tmuxOptions, args ...string) *tmux {
	t.Helper()
	bin := os.Getenv("NEXLA_TUI_BIN")
	if bin == "" {
		t.Skip("NEXLA_TUI_BIN is not set: run `make test` (it builds the binary and sets it)")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	if o.Width == 0 {
		o.Width, o.Height = 120, 40
	}
	// One session per test: names must differ so a slow kill of the last
	// test's session cannot take this one down.
	name := regexp.MustCompile(`[^A-Za-z0-9_-]`).ReplaceAllString(t.Name(), "_")
	m := &tmux{t: t, session: fmt.Sprintf("nexla-e2e-%d-%s", os.Getpid(), name)}
	cmdline := append([]string{"env", "TERM=xterm-256color"}, o.Env...)
	cmdline = append(cmdline, bin)
	cmdline = append(cmdline, args...)
	for i, a := range cmdline {
		cmdline[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	run := tmuxCmd("new-session", "-d", "-s", m.session, "-x", strconv.Itoa(o.Width), "-y", strconv.Itoa(o.Height),
		strings.Join(cmdline, " "))
	run.Env = append(os.Environ(), "TERM=xterm-256color")
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v: %s", err, out)
	}
	t.Cleanup(func() { _ = tmuxCmd("kill-session", "-t", m.session).Run() })
	return m
}

// key sends exactly one key.
func (m *tmux) key(k string) {
	m.t.Helper()
	if out, err := tmuxCmd("send-keys", "-t", m.session, k).CombinedOutput(); err != nil {
		m.t.Fatalf("send-keys %q: %v: %s", k, err, out)
	}
}

// confirm says yes to the open confirm dialog. The dialog ignores its
// confirm key for a moment after it opens (keys typed ahead never confirm),
// so the real binary is given more than that moment first.
func (m *tmux) confirm() {
	time.Sleep(400 * time.Millisecond)
	m.key("c")
}

func (m *tmux) capture() string {
	out, err := tmuxCmd("capture-pane", "-p", "-t", m.session).Output()
	if err != nil {
		return ""
	}
	return string(out)
}

// captureEscapes is the pane with its SGR attributes (capture-pane -e).
func (m *tmux) captureEscapes() string {
	out, err := tmuxCmd("capture-pane", "-e", "-p", "-t", m.session).Output()
	if err != nil {
		return ""
	}
	return string(out)
}

// resize changes the window size, as a user dragging the terminal would.
func (m *tmux) resize(w, h int) {
	m.t.Helper()
	if out, err := tmuxCmd("resize-window", "-t", m.session, "-x", strconv.Itoa(w), "-y", strconv.Itoa(h)).CombinedOutput(); err != nil {
		m.t.Fatalf("resize-window: %v: %s", err, out)
	}
}

// waitUntil polls the pane until ok holds; on timeout it fails with the pane.
func (m *tmux) waitUntil(what string, ok func(screen string) bool) string {
	m.t.Helper()
	deadline := time.Now().Add(waitFor)
	for {
		s := m.capture()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			m.t.Fatalf("timed out waiting for %s; screen:\n%s", what, s)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// flowRow is a tree row: cursor marker column, then an expand glyph somewhere.
var flowRow = regexp.MustCompile(`(?m)^[▶ ] .*[▾▸·] .*$`)

func TestDemoFilterAndPauseFlow(t *testing.T) {
	dir := t.TempDir()
	urlFile := filepath.Join(dir, "sim-url")
	m := startTmux(t, "demo", "--seed", "7", "--sim-url-file", urlFile, "--refresh", "0")

	screen := m.waitUntil("the flows tree", func(s string) bool { return len(flowRow.FindAllString(s, -1)) >= 3 })
	before := len(flowRow.FindAllString(screen, -1))

	// Filter on the selected flow's first word: the tree narrows.
	m.key("/")
	m.waitUntil("the filter prompt", func(s string) bool { return strings.Contains(s, "/") && strings.Contains(s, "match") })
	for _, k := range []string{"z", "z", "z", "q"} {
		m.key(k)
	}
	m.waitUntil("the tree to narrow", func(s string) bool { return len(flowRow.FindAllString(s, -1)) < before })
	m.key("Escape")
	m.waitUntil("the filter cleared", func(s string) bool { return len(flowRow.FindAllString(s, -1)) >= before })

	base := strings.TrimSpace(readFile(t, urlFile))
	// Pause the first flow shown (the cursor starts on it).
	m.key("g")
	m.key("p")
	modal := m.waitUntil("the confirm dialog", func(s string) bool { return strings.Contains(s, "> No <") })
	id := regexp.MustCompile(`\(id (\d+)\)`).FindStringSubmatch(modal)
	if id == nil {
		t.Fatalf("confirm dialog does not name the id:\n%s", modal)
	}
	m.key("Enter") // on No: cancels
	m.waitUntil("the dialog closed", func(s string) bool { return !strings.Contains(s, "> No <") })
	if st := simStatus(t, base, id[1]); st == "PAUSED" {
		t.Fatalf("Enter on No paused the flow")
	}
	m.key("p")
	m.waitUntil("the confirm dialog again", func(s string) bool { return strings.Contains(s, "> No <") })
	m.confirm()
	deadline := time.Now().Add(waitFor)
	for simStatus(t, base, id[1]) != "PAUSED" {
		if time.Now().After(deadline) {
			t.Fatalf("simulator never reported flow %s paused; screen:\n%s", id[1], m.capture())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	for {
		b, err := os.ReadFile(p)
		if err == nil && len(b) > 0 {
			return string(b)
		}
		if time.Now().After(deadline) {
			t.Fatalf("demo never wrote %s", p)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// simStatus asks the simulator's admin endpoint for a flow's status.
func simStatus(t *testing.T, base, id string) string {
	t.Helper()
	resp, err := http.Get(base + "/__sim/flows/" + id + "/status")
	if err != nil {
		t.Fatalf("sim admin: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("sim admin GET /__sim/flows/%s/status: %s", id, resp.Status)
	}
	var body struct {
		Status string `json:"status"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("sim admin body: %v", err)
	}
	return body.Status
}
