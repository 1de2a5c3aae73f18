package runbook_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// lastRuns finds every "N of the last M runs …" clause a report says.
var lastRuns = regexp.MustCompile(`\d+ of the last \d+ runs (failed and \d+ (was|were) partial|failed|were partial|was partial)`)

// Partial runs (records moved, with errors) are never counted as failed
// in what a report says: per scenario, every "N of the last M runs" clause
// of the findings and steps is RunsSentence of the runs' own outcomes. The
// Stripe Payments flow (transform_error: the last 8 runs alternate PARTIAL
// and FAILED) reads "4 of the last 10 runs failed and 4 were partial",
// never "8 of the last 10 runs failed", and its health row counts them apart.
func TestPartialRunsAreNotCalledFailed(t *testing.T) {
	e := simtest.Start(t, sim.Options{Seed: 7, Start: simStart, Frozen: true})
	ctx := context.Background()
	stripe := e.Scenario(t, runbook.CauseTransformError).FlowID
	for _, sc := range e.Sim.Scenarios() {
		if sc.FlowID == 0 {
			continue
		}
		r, _ := runbook.Diagnose(ctx, e.Client, runbook.Target{RT: nexla.Flows, ID: sc.FlowID}, opts(e.Sim))
		var failed, partial int
		for _, run := range r.Runs {
			switch run.Outcome {
			case runbook.OutcomeFailed:
				failed++
			case runbook.OutcomePartial:
				partial++
			}
		}
		want := runbook.RunsSentence(failed, partial, len(r.Runs))
		var said []string
		for _, f := range r.Findings {
			said = append(said, f.Sentence)
			said = append(said, f.Evidence...)
		}
		for _, s := range r.Steps {
			said = append(said, s.Summary)
		}
		for _, line := range said {
			if strings.Contains(line, "upstream flow ") {
				continue // the upstream's runs, not this flow's
			}
			for _, got := range lastRuns.FindAllString(line, -1) {
				if got != want {
					t.Errorf("%s: says %q, the runs are %d failed and %d partial of %d (%q)", sc.Key, got, failed, partial, len(r.Runs), line)
				}
			}
		}
		if sc.FlowID == stripe {
			if failed != 4 || partial != 4 || want != "4 of the last 10 runs failed and 4 were partial" {
				t.Fatalf("Stripe Payments: %d failed, %d partial: %q", failed, partial, want)
			}
			if top := r.Top(); !strings.Contains(strings.Join(append([]string{top.Sentence}, top.Evidence...), "\n"), want) &&
				!strings.Contains(r.Step(runbook.StepRunMetrics).Summary, want) {
				t.Errorf("Stripe Payments: the report never says %q", want)
			}
		}
	}
	rows, err := runbook.Health(ctx, e.Client, runbook.HealthOptions{Options: opts(e.Sim)})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range rows {
		if h.FlowID == stripe {
			if cell := runbook.RunsCell(h); cell != "4+4p/"+strconv.Itoa(h.Runs) {
				t.Errorf("Stripe Payments health row: RUNS %q (failed %d, partial %d)", cell, h.Failed, h.Partial)
			}
			return
		}
	}
	t.Fatal("Stripe Payments is not in the health overview")
}
