package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// lastFailedRun is the newest failed run of a source, from run_summary.
func lastFailedRun(t *testing.T, e *simtest.Env, sourceID int64) int64 {
	t.Helper()
	runs, err := e.Client.LatestRuns(context.Background(), nexla.DataSources, sourceID, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range runs {
		if r.Errors > 0 {
			return r.RunID
		}
	}
	t.Fatal("no failed run")
	return 0
}

func decodeLogRows(t *testing.T, out string) []logRow {
	t.Helper()
	var rows []logRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	return rows
}

// logs of a flow over a window, and of one run: oldest first, every line of
// the asked run within its span, severity kept to ERROR when asked.
func TestLogsOfAFlow(t *testing.T) {
	e := doctorEnv(t)
	sc := e.Scenario(t, "credential_expired")
	flow := strconv.FormatInt(sc.FlowID, 10)
	code, out, errOut := runCLI("logs", "flow", flow, "--since", "3h")
	if code != 0 || !strings.HasPrefix(out, "TIME (UTC)") || !strings.Contains(out, "OAuth token expired") {
		t.Fatalf("code %d\n%s\n%s", code, out, errOut)
	}
	run := lastFailedRun(t, e, sc.SourceID)
	code, out, errOut = runCLI("logs", "flow", flow, "--run", strconv.FormatInt(run, 10), "-o", "json")
	rows := decodeLogRows(t, out)
	if code != 0 || len(rows) < 3 {
		t.Fatalf("run %d: code %d, %d lines: %s", run, code, len(rows), errOut)
	}
	start, end := time.UnixMilli(run), time.UnixMilli(run).Add(time.Hour)
	for i, r := range rows {
		at := time.UnixMilli(r.Timestamp)
		if at.Before(start) || at.After(end) || (i > 0 && r.Timestamp < rows[i-1].Timestamp) || r.RunID != run {
			t.Errorf("line %d outside run %d or out of order: %+v", i, run, r)
		}
	}
	if !strings.Contains(rows[0].Log, "Run "+strconv.FormatInt(run, 10)+" started") {
		t.Errorf("the run's first line is missing: %+v", rows[0])
	}
	code, out, _ = runCLI("logs", "flow", flow, "--run", strconv.FormatInt(run, 10), "--severity", "ERROR", "-o", "json")
	errs := decodeLogRows(t, out)
	if code != 0 || len(errs) == 0 || len(errs) >= len(rows) {
		t.Fatalf("--severity ERROR: %d of %d lines", len(errs), len(rows))
	}
	for _, r := range errs {
		if r.Severity != "ERROR" {
			t.Errorf("--severity ERROR printed %+v", r)
		}
	}
}

// logs of a resource keep its own lines (the endpoint answers with the whole
// flow's); --all-nodes keeps every line.
func TestLogsOfAResource(t *testing.T) {
	e := doctorEnv(t)
	sc := e.Scenario(t, runbook.CauseTransformError)
	id := strconv.FormatInt(sc.NexsetID, 10)
	code, out, errOut := runCLI("logs", "nexset", id, "--since", "6h", "-o", "json")
	own := decodeLogRows(t, out)
	if code != 0 || len(own) == 0 {
		t.Fatalf("code %d, %d lines: %s", code, len(own), errOut)
	}
	for _, r := range own {
		if r.ResourceType != "DATASET" || r.ResourceID != sc.NexsetID {
			t.Errorf("a line of another resource: %+v", r)
		}
	}
	_, out, _ = runCLI("logs", "nexset", id, "--since", "6h", "--all-nodes", "-o", "json")
	if all := decodeLogRows(t, out); len(all) <= len(own) {
		t.Errorf("--all-nodes: %d lines, own %d", len(all), len(own))
	}
	_, out, _ = runCLI("logs", "nexset", id, "--since", "6h", "--severity", "error")
	if !strings.Contains(out, "cannot convert 'N/A' to decimal") || strings.Contains(out, " INFO ") {
		t.Errorf("table with --severity error:\n%s", out)
	}
}

// An empty window says so (never a silent nothing), and usage errors exit 2.
func TestLogsEmptyAndUsage(t *testing.T) {
	e := doctorEnv(t)
	sc := e.Scenario(t, "flow_not_running")
	code, out, errOut := runCLI("logs", "flow", strconv.FormatInt(sc.FlowID, 10), "--since", "1h", "-o", "json")
	if code != 0 || strings.TrimSpace(out) != "[]" || !strings.Contains(errOut, "no log lines") {
		t.Errorf("empty window: code %d, out %q, err %q", code, out, errOut)
	}
	if code, _, errOut := runCLI("logs", "flow", "987654321"); code != 2 || !strings.Contains(errOut, "flow 987654321 not found (the API answered 404)") {
		t.Errorf("unknown flow: code %d %q", code, errOut)
	}
	for _, args := range [][]string{{"logs"}, {"logs", "flow"}, {"logs", "flow", "x"}, {"logs", "credential", "5"},
		{"logs", "flow", "5", "--severity", "LOUD"}, {"logs", "flow", "5", "--since", "-1h"}, {"logs", "flow", "5", "-o", "yaml"}} {
		if code, _, errOut := runCLI(args...); code != 2 || !strings.Contains(errOut, "nexla-tui:") {
			t.Errorf("%v: code %d %q", args, code, errOut)
		}
	}
}

// Following a flow: each poll prints only the lines it had not printed,
// and lines of runs that start while following appear.
func TestLogsFollowPrintsNewLinesOnce(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 7, Start: doctorNow, Frozen: true, TokenLifetime: 48 * time.Hour})
	sc := e.Scenario(t, "credential_expired")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tg := runbook.Target{RT: nexla.Flows, ID: sc.FlowID}
	q := logQuery{opts: nexla.LogOptions{From: e.Sim.Now().Add(-30 * time.Minute)}}
	read := logReader(e.Client, tg, false)
	first, err := readLogWindow(ctx, read, q, 5000)
	if err != nil {
		t.Fatal(err)
	}
	var printed []nexla.LogEntry
	sleeps := 0
	f := &logFollower{read: read, q: q, warn: &strings.Builder{},
		emit: func(l []nexla.LogEntry) error { printed = append(printed, l...); return nil },
		sleep: func(ctx context.Context, d time.Duration) error {
			if d < followMin || d > followMax {
				t.Errorf("poll delay %s outside [%s, %s]", d, followMin, followMax)
			}
			if sleeps++; sleeps > 9 {
				cancel() // ctrl+c
				return ctx.Err()
			}
			e.Sim.Advance(20 * time.Minute) // an hourly flow: a run every third poll
			return nil
		}}
	f.seen(first)
	f.run(ctx)
	if len(printed) == 0 {
		t.Fatal("three hours of following printed nothing")
	}
	seen := map[string]bool{}
	for _, l := range append(first, printed...) {
		if seen[fmt.Sprintf("%+v", l)] {
			t.Errorf("printed twice: %+v", l)
		}
		seen[fmt.Sprintf("%+v", l)] = true
	}
	started := 0
	for _, l := range printed {
		if strings.Contains(l.Log, " started: reading ") {
			started++
		}
	}
	if started < 2 {
		t.Errorf("%d new runs seen starting in three hours of an hourly flow", started)
	}
}
