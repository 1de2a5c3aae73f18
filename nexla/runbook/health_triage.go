package runbook

import (
	"context"
	"fmt"
	"sync"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// orgHealthPager hands the org health's pages over as they arrive
// (nexla.Client), so flows can be judged before its last page is read.
type orgHealthPager interface {
	OrgHealthFlowsEach(ctx context.Context, each func([]nexla.OrgFlowHealth)) error
}

// triage is the org-level reads in flight: /health/org/flows (else the
// include_run_metrics listing) and the 24 h dashboard. Entries are kept as
// they arrive, so a listed flow is judged as soon as the dashboard is read
// and its own latest run is known, not when the last page of the org's
// health is: on a 30,000-flow org the first rows come after a few pages.
type triage struct {
	mu   sync.Mutex
	data triageData
	// runsDone/dashDone: that read has ended; runsOK/dashOK: it answered.
	runsDone, dashDone bool
	runsOK, dashOK     bool
	note               string // what was read and what was missing, once complete
	changed            chan struct{}
	// dashEnded is closed once the dashboard has answered or failed: the
	// org health and the listing wait for it, so the one call every verdict
	// needs is not slowed by a dozen pages read meanwhile.
	dashEnded chan struct{}
}

// startTriage starts the org-level reads in the background.
func (h *HealthCheck) startTriage(ctx context.Context) *triage {
	t := &triage{data: triageData{}, changed: make(chan struct{}, 1), dashEnded: make(chan struct{})}
	org, hasOrg := h.api.(orgHealthAPI)
	if !hasOrg {
		close(t.dashEnded)
		t.runsDone, t.dashDone = true, true
		t.note = "no triage (no org-level health): every flow read one by one"
		t.signal()
		return t
	}
	var runsNote, dashNote string
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		// After the dashboard: every verdict needs that one call, and the
		// org's health pages read beside it only slow it down (measured on
		// 30,000 flows: first rows 1.3 s this way, 3 s and more beside).
		select {
		case <-t.dashEnded:
		case <-ctx.Done():
		}
		runsNote = t.readRuns(ctx, h.api, org)
	}()
	go func() {
		defer wg.Done()
		defer close(t.dashEnded)
		dashNote = t.readDashboard(ctx, h.api, org)
	}()
	go func() {
		wg.Wait()
		t.mu.Lock()
		t.note = "triage: " + runsNote + " + " + dashNote
		if !t.runsOK || !t.dashOK {
			t.note += "; every flow read one by one"
		}
		t.mu.Unlock()
		t.signal()
	}()
	return t
}

func (t *triage) signal() {
	select {
	case t.changed <- struct{}{}:
	default:
	}
}

// readRuns reads every flow's latest run: the org health page by page when
// the client streams it, else at once; else the include_run_metrics listing.
func (t *triage) readRuns(ctx context.Context, api nexla.API, org orgHealthAPI) (note string) {
	keep := func(es []nexla.OrgFlowHealth) {
		t.mu.Lock()
		for _, e := range es {
			t.data[e.OriginNodeID] = triageRun{runID: e.LatestRunID, records: e.LatestRecordCount, errors: e.LatestErrorCount, health: e.HealthStatus}
		}
		t.mu.Unlock()
		t.signal()
	}
	var err error
	if p, ok := api.(orgHealthPager); ok {
		err = p.OrgHealthFlowsEach(ctx, keep)
	} else {
		var es []nexla.OrgFlowHealth
		if es, err = org.OrgHealthFlows(ctx); err == nil {
			keep(es)
		}
	}
	if err == nil {
		t.finishRuns(true)
		return "org health"
	}
	note = "org health unavailable (" + clean(shortErr(err)) + "), "
	fr, err := api.ListFlows(ctx, nexla.FlowListOptions{IncludeRunMetrics: true, FlowsOnly: true})
	if err != nil {
		t.finishRuns(false)
		return note + "run metrics unavailable (" + clean(shortErr(err)) + "): every flow read one by one"
	}
	t.mu.Lock()
	for _, m := range fr.Metrics.Runs {
		t.data[m.OriginNodeID] = triageRun{runID: m.RunID, records: m.Records, errors: m.Errors}
	}
	t.mu.Unlock()
	t.finishRuns(true)
	return note + "run metrics"
}

func (t *triage) finishRuns(ok bool) {
	t.mu.Lock()
	t.runsDone, t.runsOK = true, ok
	t.mu.Unlock()
	t.signal()
}

// readDashboard reads the 24 h dashboard: resources with errors are kept
// under their negated id (see triageData.flagged).
func (t *triage) readDashboard(ctx context.Context, api nexla.API, org orgHealthAPI) string {
	fail := func(err error) string {
		t.mu.Lock()
		t.dashDone = true
		t.mu.Unlock()
		t.signal()
		return "no dashboard (" + clean(shortErr(err)) + ")"
	}
	me, err := api.WhoAmI(ctx)
	if err != nil {
		return fail(err)
	}
	d, err := org.FlowsDashboard(ctx, me.User.ID)
	if err != nil {
		return fail(err)
	}
	t.mu.Lock()
	for _, m := range []map[string]nexla.DashboardEntry{d.Sources, d.Datasets, d.Sinks} {
		for id, e := range m {
			var n int64
			if _, err := fmt.Sscan(id, &n); err == nil && (e.Errors > 0 || (e.Status != "" && e.Status != "OK")) {
				t.data[-n] = triageRun{errors: e.Errors, health: e.Status}
			}
		}
	}
	t.dashDone, t.dashOK = true, true
	t.mu.Unlock()
	t.signal()
	return "24 h dashboard"
}

// complete reports both reads ended (the note is set).
func (t *triage) complete() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.runsDone && t.dashDone && t.note != ""
}

// triageVerdict is what the triage says of one flow, when it can say it.
type triageVerdict struct {
	run     triageRun
	known   bool // the flow's latest run is in the triage (and the triage is usable)
	usable  bool // the triage's reads answered: its key may be cached
	flagged bool // the dashboard reports errors at one of its resources
}

// verdict judges f now if the triage allows it: once both reads have
// ended; before that, once the dashboard has answered and the flow's own
// latest run has arrived (a flow absent so far may be absent for good, or
// on a page still to come: it waits).
func (t *triage) verdict(f *Facts) (v triageVerdict, ready bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	run, present := t.data[f.Origin.ID]
	switch {
	case t.runsDone && t.dashDone && t.note != "":
		v.usable = t.runsOK && t.dashOK
	case t.dashDone && t.dashOK && present:
		v.usable = true
	default:
		return v, false
	}
	v.run, v.known = run, present && v.usable
	v.flagged = t.data.flagged(f)
	return v, true
}
