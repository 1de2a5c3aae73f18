package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// bulkEnv is listEnv with a private state directory for checkpoints.
func bulkEnv(t *testing.T) (*simtest.Env, string) {
	t.Helper()
	e := listEnv(t)
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	return e, state
}

func bulkJSON(t *testing.T, out string) []bulkResult {
	t.Helper()
	var rs []bulkResult
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		t.Fatalf("not JSON results: %v\n%s", err, out)
	}
	return rs
}

// appliedTo counts the applied mutations per path in the simulator's record.
func appliedTo(e *simtest.Env) map[string]int {
	n := map[string]int{}
	for _, m := range e.Sim.Mutations(0) {
		if m.Applied {
			n[m.Path]++
		}
	}
	return n
}

// The acceptance scenario: every flow a credential breaks, paused in bulk;
// one flow's pause is refused, another's answer is lost; the batch exits 1
// and keeps its checkpoint; --resume finishes it; every flow was changed
// exactly once, as the simulator's mutation record counts.
func TestBulkPauseOfACredentialResumesFromItsCheckpoint(t *testing.T) {
	e, state := bulkEnv(t)
	code, out, errOut := runCLI("pause", "flow", "--credential", "3005", "-o", "json")
	if code != 0 || !strings.Contains(errOut, "dry run") {
		t.Fatalf("dry run by default: %d\n%s\n%s", code, out, errOut)
	}
	plan := bulkJSON(t, out)
	var todo []int64
	for _, r := range plan {
		if r.Result == "would_apply" {
			todo = append(todo, r.FlowID)
		}
	}
	if len(todo) < 5 {
		t.Fatalf("credential 3005 breaks %d active flows: %+v", len(todo), plan)
	}
	if m := e.Sim.Mutations(0); len(m) != 0 {
		t.Fatalf("the dry run sent %+v", m)
	}

	refused, lost := todo[1], todo[3]
	if err := e.Sim.SetFaults(sim.Faults{Drills: sim.Drills{
		Refuse:      []sim.Refusal{{Status: 500, Method: "PUT", Path: fmt.Sprintf("/flows/%d/pause", refused), Count: 1}},
		LoseAnswers: []sim.LoseAnswer{{Mode: sim.Lose504, Path: fmt.Sprintf("/flows/%d/pause", lost), Count: 1}},
	}}); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCLI("pause", "flow", "--credential", "3005", "--yes", "--concurrency", "3", "-o", "json")
	if code != 1 || !strings.Contains(errOut, "--resume --checkpoint") {
		t.Fatalf("one failure must exit 1 and say how to resume: %d\n%s\n%s", code, out, errOut)
	}
	for _, r := range bulkJSON(t, out) {
		switch {
		case r.FlowID == refused && r.Result != "failed":
			t.Errorf("refused flow: %+v", r)
		case r.FlowID == lost && (r.Result != "applied" || !strings.Contains(r.Note, "answer was lost")):
			t.Errorf("the lost answer's note is missing: %+v", r)
		case r.FlowID != refused && r.Result != "applied" && r.Result != "unchanged":
			t.Errorf("flow %d: %+v", r.FlowID, r)
		}
	}
	files, _ := filepath.Glob(filepath.Join(state, "nexla-tui", "batches", "pause-*.jsonl"))
	if len(files) != 1 {
		t.Fatalf("checkpoint files %v", files)
	}
	if fi, err := os.Stat(files[0]); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("checkpoint mode %v %v", fi, err)
	}
	if code, _, errOut := runCLI("pause", "flow", "--credential", "3005", "--yes"); code != 2 || !strings.Contains(errOut, "--resume") {
		t.Errorf("a second run without --resume must refuse: %d %s", code, errOut)
	}

	code, out, errOut = runCLI("pause", "flow", "--credential", "3005", "--yes", "--resume", "-o", "json")
	if code != 0 {
		t.Fatalf("resume: %d\n%s\n%s", code, out, errOut)
	}
	for _, r := range bulkJSON(t, out) {
		if r.Result != "applied" && r.Result != "unchanged" {
			t.Errorf("after resume: %+v", r)
		}
	}
	if _, err := os.Stat(files[0]); !os.IsNotExist(err) {
		t.Errorf("a complete batch keeps its checkpoint: %v", err)
	}
	applied := appliedTo(e)
	for _, id := range todo {
		if n := applied[fmt.Sprintf("/flows/%d/pause", id)]; n != 1 {
			t.Errorf("flow %d paused %d times, want exactly once", id, n)
		}
	}
	if len(applied) != len(todo) {
		t.Errorf("applied mutations on %d paths, want %d: %v", len(applied), len(todo), applied)
	}
}

func TestBulkReadOnlyAndDryRunSendNothing(t *testing.T) {
	e, _ := bulkEnv(t)
	f := e.Scenario(t, "healthy").FlowID
	id := fmt.Sprint(f)
	code, _, errOut := runCLI("--read-only", "pause", "flow", id, "--yes")
	if code != 2 || !strings.Contains(errOut, nexla.ErrReadOnly.Error()) {
		t.Errorf("read-only: %d %s", code, errOut)
	}
	code, out, _ := runCLI("pause", "flow", id, "--dry-run", "--yes")
	if code != 0 || !strings.Contains(out, "would pause") {
		t.Errorf("--dry-run: %d %s", code, out)
	}
	code, out, _ = runCLI("--read-only", "pause", "flow", id)
	if code != 0 || !strings.Contains(out, "would pause") {
		t.Errorf("a read-only dry run reads: %d %s", code, out)
	}
	if m := e.Sim.Mutations(0); len(m) != 0 {
		t.Errorf("sent %+v", m)
	}
}

// --from-file ids; a flow already in the wanted state is not sent.
func TestBulkActivateFromFile(t *testing.T) {
	e, _ := bulkEnv(t)
	paused := e.Scenario(t, "flow_not_running").FlowID
	active := e.Scenario(t, "healthy").FlowID
	file := filepath.Join(t.TempDir(), "ids")
	if err := os.WriteFile(file, []byte(fmt.Sprintf("# to bring back\n%d\n\n%d  # already running\n%d\n", paused, active, paused)), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI("activate", "flow", "--from-file", file, "--yes", "-o", "json")
	if code != 0 {
		t.Fatalf("%d\n%s\n%s", code, out, errOut)
	}
	rs := bulkJSON(t, out)
	if len(rs) != 2 || rs[0].FlowID != paused || rs[0].Result != "applied" || rs[1].Result != "unchanged" {
		t.Errorf("%+v", rs)
	}
	if m := e.Sim.Mutations(0); len(m) != 1 || m[0].Path != fmt.Sprintf("/flows/%d/activate", paused) {
		t.Errorf("sent %+v, want one activate", m)
	}
}

func TestBulkUsageErrors(t *testing.T) {
	bulkEnv(t)
	for _, args := range [][]string{
		{"pause", "flow"},
		{"pause", "flow", "abc"},
		{"pause", "flow", "1", "--concurrency", "0"},
		{"pause", "flow", "1", "-o", "yaml"},
		{"activate", "flow", "--resume", "--checkpoint", filepath.Join(t.TempDir(), "none"), "--yes"},
		{"pause"},
	} {
		if code, _, errOut := runCLI(args...); code != 2 || errOut == "" {
			t.Errorf("%v: %d %q", args, code, errOut)
		}
	}
	// An unknown flow is a failed item (exit 1), not a usage error.
	code, out, _ := runCLI("pause", "flow", "999999999", "--yes")
	if code != 1 || !strings.Contains(out, "could not read the flow") {
		t.Errorf("unknown flow: %d %s", code, out)
	}
}
