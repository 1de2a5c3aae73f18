package runbook

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// FlowHealth is one row of the org-wide health overview: the seed's
// check_flow_health for every flow, using the same thresholds and run
// classification as the runbook.
type FlowHealth struct {
	FlowID     int64
	Name       string
	Status     string
	Origin     ResourceRef
	Runs       int
	Failed     int
	ErrorRate  float64
	LastRunID  int64
	LastRun    time.Time // zero when unknown
	Stale      bool
	Credential string // "ok", "failing: <verified_status>", "unknown" or "none"
	Issues     []string
	Cause      string // the most likely cause key, or CauseHealthy
	Severity   Severity
	// Confidence backs Cause when it is a rule's (not healthy); one run's
	// logs support less than the runbook's 7-day window, so it can be lower
	// than the runbook's for the same cause.
	Confidence Confidence
	Err        string // the run summary could not be read
	// The recency dimension (see Recency): the trend, the last run's
	// outcome, failed and partial runs apart, the share of records in error.
	Trend       Trend
	LastOutcome Outcome
	Partial     int // partial runs among Failed (records moved, with errors)
	ErrorShare  float64
	// StaleAfter is the flow's staleness threshold and StaleFrom where it
	// came from (SLA, poll schedule, run history or the fixed threshold).
	StaleAfter time.Duration
	StaleFrom  string
	// PausedBy and PausedAt say who paused the flow and when, from the audit
	// entry of the pause (empty when not paused or not read).
	PausedBy string
	PausedAt time.Time
	// Triage: the row is from the org-level reads only (the latest run),
	// the flow did not need a closer look.
	Triage bool
	// FailingAt are the resources the latest run failed at, with their
	// errors: where the runbook says "failing at" (empty when the latest
	// run succeeded or is unknown).
	FailingAt []FailingNode
}

// FailingNode is one resource a run reported errors at.
type FailingNode struct {
	RT     nexla.ResourceType
	ID     int64
	Errors int64
}

// Healthy is the row's verdict (see Verdict): info-level notes (a few
// failed runs below the threshold) do not make a flow unhealthy; an
// unreadable run summary does.
func (h FlowHealth) Healthy() bool {
	return Verdict(h.Severity, h.Err == "")
}

// Word is the flow's health in one word, the same on every screen and in
// `health -o table`: unknown (its runs could not be read), paused, stale,
// the trend when it has one (failing, degrading, recovering, recovered),
// else the severity of its issue, else ok.
func (h FlowHealth) Word() string {
	switch {
	case h.Err != "":
		return "unknown"
	case h.Status == nexla.StatusPaused:
		return "paused"
	case h.Stale:
		return "stale"
	}
	switch h.Trend {
	case TrendFailing, TrendDegrading, TrendRecovering, TrendRecovered:
		return string(h.Trend)
	}
	if !h.Healthy() {
		return h.Severity.String()
	}
	return "ok"
}

// HealthOptions tune the overview.
type HealthOptions struct {
	Options
	Concurrency int // API calls in flight at once across the org; default 8
	// Budget caps the calls beyond the org-level reads (0 = no cap); flows
	// left unchecked read "not checked" and the snapshot says why.
	Budget int
	// Previous is the check before this one (a refresh): this one waits for
	// it to finish, never cancels it, and reuses its rows of flows whose
	// latest run, status and credentials are unchanged.
	Previous *HealthCheck
	// RowsEvery, while the check runs, sorts a snapshot's rows at most
	// this often (0: on every change): readers polling one check (the flows
	// tree and `:health`) then share one sorted copy, about 10 MB at 30,000
	// flows, instead of one each per poll. The counts are always current,
	// and so are the rows once the check is complete.
	RowsEvery time.Duration
}

// Health computes the health of every flow visible to the caller, worst
// first, and waits for it: StartHealth's check, triaged from org-level
// reads, with run summaries, the newest failed run's logs (one page) and,
// when the cause found reads config changes, audit logs only for the flows
// the triage flags. Healthy flows cost nothing beyond the listing.
//
// Credentials are judged by their stored verified_status here (a live probe
// per credential across an org would be too heavy); the runbook probes them
// live.
func Health(ctx context.Context, api nexla.API, o HealthOptions) ([]FlowHealth, error) {
	return StartHealth(ctx, api, o).Wait()
}

// joinUpstreams gives each flow that is started or fed by another flow the
// row of that upstream, then rebuilds its row, so a triggered flow that does
// not run because its upstream fails reads "upstream flow X failing" here as
// in the runbook. An upstream listed in the overview costs nothing; one that
// is not (another owner's flow, a shared nexset's origin) is read as the
// runbook reads it. Rows are rebuilt until they settle, so a chain of
// triggers passes a failure down (at most one round per link).
//
// byNode maps any node id of a listed flow to its index, byNexset a nexset
// id to the flow holding it; linked are the flows with upstreams (whose
// facts are kept).
func (hc *healthCheck) joinUpstreams(checked []checkedFlow, linked []int, byNode, byNexset map[int64]int, opts Options) {
	// Upstreams outside the overview are read once each, concurrently.
	outside := map[FlowLink]*FlowHealth{}
	for _, i := range linked {
		for _, u := range checked[i].f.Upstreams {
			if _, ok := hc.listed(u, byNode, byNexset); !ok {
				outside[FlowLink{FlowID: u.FlowID, NexsetID: u.NexsetID}] = nil
			}
		}
	}
	keys := make([]FlowLink, 0, len(outside))
	for k := range outside {
		keys = append(keys, k)
	}
	var mu sync.Mutex
	each(len(keys), func(i int) {
		var h *FlowHealth
		_ = hc.call(func(ctx context.Context) error {
			var err error
			h, err = readUpstream(ctx, hc.api, keys[i], opts)
			if err != nil {
				h = &FlowHealth{FlowID: keys[i].FlowID, Name: keys[i].Label(), Err: clean(err.Error())}
			}
			return err
		})
		mu.Lock()
		outside[keys[i]] = h
		mu.Unlock()
	})
	for round := 0; round <= len(linked); round++ {
		changed := false
		for _, i := range linked {
			f := checked[i].f
			for k, u := range f.Upstreams {
				var h *FlowHealth
				if j, ok := hc.listed(u, byNode, byNexset); ok && j != i {
					row := checked[j].row
					h = &row
				} else {
					h = outside[FlowLink{FlowID: u.FlowID, NexsetID: u.NexsetID}]
				}
				f.Upstreams[k].Health = h
			}
			before := checked[i].row
			checked[i].rebuild()
			if before.Cause != checked[i].row.Cause || before.Healthy() != checked[i].row.Healthy() {
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// listed finds an upstream among the overview's flows: by a node id of it,
// else by the shared nexset it holds.
func (hc *healthCheck) listed(u FlowLink, byNode, byNexset map[int64]int) (int, bool) {
	if u.FlowID != 0 {
		i, ok := byNode[u.FlowID]
		return i, ok
	}
	i, ok := byNexset[u.NexsetID]
	return i, ok
}

// healthRules are the runbook's rules the overview applies: all but
// permission denied, which is about the viewer, not the flow's health (the
// runbook still reports it).
func healthRules() []rule {
	out := make([]rule, 0, len(rules))
	for _, r := range rules {
		if r.cause != CausePermissionDenied {
			out = append(out, r)
		}
	}
	return out
}

// healthRow ranks the runbook's rules over what the overview read. wantsAudit
// reports that the top finding consulted config changes and none were read.
func healthRow(f *Facts, runErr error, auditRead bool) (h FlowHealth, wantsAudit bool) {
	f.Done = true
	r := &Report{Target: f.Target, GeneratedAt: f.Now}
	o := f.Origin
	r.Flow = FlowSummary{ID: o.ID, Name: clean(o.Name), Status: clean(o.Status), RuntimeStatus: clean(o.RuntimeStatus), LastRunID: o.LastRunID}
	if r.Flow.Name == "" && len(f.Resources) > 0 {
		r.Flow.Name = clean(f.Resources[0].Name)
	}
	// The failed run's logs (when read) date that run, so a max run
	// duration can be checked on it.
	times := map[int64][2]time.Time{}
	runTimes(f.FailedLogs, times)
	r.Runs = mergeRuns(f.RunMetrics, nil, times, f.Opts.Runs)
	r.Stats = Stats(r.Runs)
	a := &analysis{f: f, r: r, changes: configChanges(f)}
	h = FlowHealth{FlowID: o.ID, Name: r.Flow.Name, Status: orUnknown(r.Flow.Status), Runs: r.Stats.Total,
		Failed: r.Stats.Failed, ErrorRate: r.Stats.ErrorRate, LastRunID: o.LastRunID}
	if len(f.Resources) > 0 {
		h.Origin = f.Resources[0]
		h.Origin.Name = clean(h.Origin.Name)
	}
	if l := r.Stats.Latest; l != nil {
		h.LastRunID, h.LastRun = l.ID, l.At()
		if l.Outcome.Failed() {
			h.FailingAt = failingNodes(f.RunMetrics, l.ID)
		}
	}
	rc := RecencyOf(r.Runs)
	h.Trend, h.LastOutcome, h.Partial, h.ErrorShare = rc.Trend, rc.Last, rc.Partial, rc.ErrorShare
	h.StaleAfter, h.StaleFrom = staleAfterFor(f, r.Runs)
	if o.Status == nexla.StatusPaused {
		// Only a change to PAUSED says who paused it: a newer activation
		// (then a pause the audit did not record) names nobody.
		if p := LastStatusChange(f); p.Known && (p.To == "" || p.To == nexla.StatusPaused) {
			h.PausedBy, h.PausedAt = p.By, p.At
		}
	}
	h.Stale, _ = a.stale()
	h.Credential = credentialState(f)
	if runErr != nil {
		h.Err = clean(runErr.Error())
		r.Unread = "run summary could not be read (" + h.Err + ")"
	}
	found := a.ranked(healthRules())
	for _, fd := range found {
		// The cause's own sentence leads, so a table's ISSUE cell
		// (title + first issue) never pairs one cause with another's words.
		h.Issues = append(h.Issues, fd.Sentence)
	}
	if len(found) > 0 && found[0].Severity > SeverityInfo {
		top := found[0]
		h.Cause, h.Severity, h.Confidence = top.Cause, top.Severity, top.Confidence
		wantsAudit = !auditRead && a.changeReaders[top.Cause]
		return h, wantsAudit
	}
	h.Cause = CauseHealthy
	if runErr != nil {
		h.Cause, h.Severity, h.Confidence = CauseUnknown, SeverityWarning, ConfidenceLow
		return h, false
	}
	if r.Stats.Failed > 0 {
		// Below the threshold or recovered (no rule fired): shown, not an alarm.
		note := fmt.Sprintf("%s (%s of runs with errors, below the %s threshold; %s of their records in error)",
			r.Stats.Sentence(), pct(r.Stats.ErrorRate), pct(f.errorRateLimit()), SharePct(rc.ErrorShare))
		if rc.Trend == TrendRecovered {
			note = fmt.Sprintf("recovered: the last %d runs succeeded after %d with errors (%d failed, %d partial)",
				rc.SinceFailure, r.Stats.Failed, rc.Failed, rc.Partial)
		}
		h.Issues = append(h.Issues, note)
		h.Cause, h.Severity = CauseSomeFailedRuns, SeverityInfo
	}
	return h, false
}

// failingNodes are the resources that reported errors in run id, in the
// flow's resource order (sources, nexsets, sinks; then by id).
func failingNodes(per map[resKey][]nexla.RunMetric, id int64) []FailingNode {
	var out []FailingNode
	for k, ms := range per {
		for _, m := range ms {
			if m.RunID == id && m.Errors > 0 {
				out = append(out, FailingNode{RT: k.RT, ID: k.ID, Errors: m.Errors})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return keyLess(resKey{out[i].RT, out[i].ID}, resKey{out[j].RT, out[j].ID})
	})
	return out
}

// credentialState sums up the stored verified_status of the flow's
// credentials: "failing: <status>" if any fails, else "ok", "unknown" or "none".
func credentialState(f *Facts) string {
	state := "none"
	for _, c := range f.credentialsInUse() {
		switch {
		case c.VerifiedStatus == "":
			if state == "none" {
				state = "unknown"
			}
		case strings.HasPrefix(c.VerifiedStatus, "2"):
			if state == "none" || state == "unknown" {
				state = "ok"
			}
		default:
			state = "failing: " + clean(c.VerifiedStatus)
		}
	}
	return state
}

// score orders rows: higher is worse.
func (h FlowHealth) score() float64 {
	s := float64(h.Severity)*100 + h.ErrorRate*10 + float64(len(h.Issues))
	if h.Err != "" {
		s += 50
	}
	if strings.HasPrefix(h.Credential, "failing") {
		s += 5
	}
	return s
}

// SortHealth orders rows worst first, then by flow id.
func SortHealth(rows []FlowHealth) {
	sort.SliceStable(rows, func(i, j int) bool {
		si, sj := rows[i].score(), rows[j].score()
		if si != sj {
			return si > sj
		}
		return rows[i].FlowID < rows[j].FlowID
	})
}
