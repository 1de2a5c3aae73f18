package runbook

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestE2EHealthToRunbookShowsCause drives the built binary in tmux against
// the demo simulator: `:health`, enter on the worst flow, and the runbook
// names its cause on screen. One key per send-keys; the deadline is for a
// hang, not a timing assertion.
func TestE2EHealthToRunbookShowsCause(t *testing.T) {
	bin := os.Getenv("NEXLA_TUI_BIN")
	if bin == "" {
		t.Skip("NEXLA_TUI_BIN is not set: run `make test` (it builds the binary and sets it)")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	session := fmt.Sprintf("nexla-rb-e2e-%d", os.Getpid())
	// A private tmux server: on the shared default one, another package's
	// tmux tests (run in parallel) can stop the server under this one.
	tmuxCmd := func(args ...string) *exec.Cmd {
		return exec.Command("tmux", append([]string{"-L", session}, args...)...)
	}
	cmd := tmuxCmd("new-session", "-d", "-s", session, "-x", "120", "-y", "40",
		"env TERM=xterm-256color '"+bin+"' demo --seed 7 --refresh 0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v: %s", err, out)
	}
	t.Cleanup(func() { _ = tmuxCmd("kill-server").Run() })
	capture := func() string {
		out, _ := tmuxCmd("capture-pane", "-p", "-t", session).Output()
		return string(out)
	}
	waitFor := func(what string, ok func(string) bool) string {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for {
			s := capture()
			if ok(s) {
				return s
			}
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s; screen:\n%s", what, s)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	send := func(k string) {
		if out, err := tmuxCmd("send-keys", "-t", session, k).CombinedOutput(); err != nil {
			t.Fatalf("send-keys %q: %v: %s", k, err, out)
		}
	}
	waitFor("the app", func(s string) bool { return strings.Count(s, "\n") > 10 && strings.Contains(s, "ACTIVE") })
	send(":")
	for _, k := range []string{"h", "e", "a", "l", "t", "h"} {
		send(k)
	}
	send("Enter")
	overview := waitFor("the health overview", func(s string) bool {
		return strings.Contains(s, "worst first") && strings.Contains(s, "critical") && !strings.Contains(s, "checking")
	})
	// Move to the credential-expired row rather than trusting it to be first:
	// the order of equally bad flows is not this test's concern.
	row := -1
	for i, line := range tableRows(overview) {
		if strings.Contains(line, "Credential expired") {
			row = i
			break
		}
	}
	if row < 0 {
		t.Fatalf("no flow's ISSUE carries the title \"Credential expired\":\n%s", overview)
	}
	for i := 0; i < row; i++ {
		send("j")
	}
	send("Enter")
	// The status line counts answers as they arrive, so wait for the
	// conclusion itself; the deadline only guards against a hang.
	waitFor("the runbook to name the expired credential", func(s string) bool {
		return strings.Contains(s, "Runbook") && strings.Contains(s, "Credential expired:") && strings.Contains(s, "fails its probe")
	})
}

// tableRows returns the body rows of the health table: the lines after the
// column header, each starting with the selection marker or two spaces.
func tableRows(screen string) []string {
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		if strings.Contains(l, "NAME") && strings.Contains(l, "STATUS") {
			var rows []string
			for _, r := range lines[i+1:] {
				if strings.TrimSpace(r) == "" || !(strings.HasPrefix(r, "  ") || strings.HasPrefix(r, "▶ ") || strings.HasPrefix(r, "> ")) {
					break
				}
				rows = append(rows, r)
			}
			return rows
		}
	}
	return nil
}
