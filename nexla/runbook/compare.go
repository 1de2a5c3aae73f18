package runbook

import (
	"context"
	"fmt"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Comparing any two runs the engineer picks (the runbook's step 4 compares
// the last failed and the last good run by itself): their metrics side by
// side, the log line shapes found only in one of them, and the config
// changes made between them, with their values.

// RunComparison is two runs of a flow, A the newer.
type RunComparison struct {
	A, B         Run
	OnlyA, OnlyB []DiffLine     // log line shapes of one run never seen in the other
	Changes      []ConfigChange // audit changes after B began and up to A's end
	// LinesA and LinesB are how many log lines of each run were read.
	LinesA, LinesB int
}

// CompareRuns reads both runs' logs (up to limit lines each) and compares
// them; changes are the report's (Report.Changes). now is the server's
// clock: the runs' log windows are measured on it.
func CompareRuns(ctx context.Context, api nexla.API, flowID int64, a, b Run, changes []ConfigChange, now time.Time, limit int) (RunComparison, error) {
	if b.ID > a.ID {
		a, b = b, a
	}
	c := RunComparison{A: a, B: b}
	logsA, err := fetchLogs(ctx, api, flowID, runLogOptions(a, now, 7), limit)
	if err != nil {
		return c, fmt.Errorf("logs of run %d: %w", a.ID, err)
	}
	logsB, err := fetchLogs(ctx, api, flowID, runLogOptions(b, now, 7), limit)
	if err != nil {
		return c, fmt.Errorf("logs of run %d: %w", b.ID, err)
	}
	c.LinesA, c.LinesB = len(logsA), len(logsB)
	c.OnlyA, c.OnlyB = DiffLogs(logsA, logsB), DiffLogs(logsB, logsA)
	if !a.At().IsZero() && !b.begun().IsZero() {
		c.Changes = changesBetween(changes, b.begun(), a.At())
	}
	return c, nil
}

// maxCompareShapes bounds the shapes listed for each run.
const maxCompareShapes = 12

// Lines renders the comparison, sanitized, in 45 columns for the metrics
// (the detail pane of an 80-column terminal); f names the people who made
// the changes (nil: their emails).
func (c RunComparison) Lines(f *Facts) []string {
	a, b := c.A, c.B
	out := []string{fmt.Sprintf("run %d (%s) vs run %d (%s)", a.ID, a.Outcome, b.ID, b.Outcome), ""}
	out = append(append(out, runsSideBySide(a, b, "newer", "older", true)...), "")
	shapes := func(id int64, read int, only []DiffLine) {
		out = append(out, fmt.Sprintf("only in run %d: %s (of %d lines read)", id, plural(len(only), "log line shape", "log line shapes"), read))
		for i, d := range only {
			if i == maxCompareShapes {
				out = append(out, fmt.Sprintf("  … %d more", len(only)-maxCompareShapes))
				break
			}
			out = append(out, fmt.Sprintf("  %4d× %-7s %-7s %s", d.Count, clean(d.Severity), clean(d.Resource), clean(shorten(d.Example, 200))))
		}
		out = append(out, "")
	}
	shapes(a.ID, c.LinesA, c.OnlyA)
	shapes(b.ID, c.LinesB, c.OnlyB)
	out = append(out, fmt.Sprintf("%s between them", plural(len(c.Changes), "config change", "config changes")))
	an := &analysis{f: f, r: &Report{}}
	if f == nil {
		an.f = &Facts{}
	}
	for _, ch := range c.Changes {
		out = append(out, an.changeDetails("changed between runs: ", ch, diffLimit(ch))...)
	}
	return out
}

// runsSideBySide is two runs' metrics in 45 columns, so the table fits the
// detail pane of an 80-column terminal (step 4's failed-vs-good run and the
// comparison of two marked runs).
func runsSideBySide(a, b Run, left, right string, outcome bool) []string {
	const row = "%-9s %17s %17s"
	out := []string{fmt.Sprintf(row, "", left, right), fmt.Sprintf(row, "run", itoa(a.ID), itoa(b.ID))}
	if outcome {
		out = append(out, fmt.Sprintf(row, "outcome", string(a.Outcome), string(b.Outcome)))
	}
	return append(out,
		fmt.Sprintf(row, "records", itoa(a.Records), itoa(b.Records)),
		fmt.Sprintf(row, "errors", itoa(a.Errors), itoa(b.Errors)),
		fmt.Sprintf(row, "size", Bytes(a.Size), Bytes(b.Size)),
		fmt.Sprintf(row, "duration", Dur(a.Duration()), Dur(b.Duration())),
		fmt.Sprintf(row, "start UTC", stamp(a.Started), stamp(b.Started)))
}
