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
}

// Healthy reports whether the row has no issue.
// Info-level notes (a few failed runs below the threshold) do not make a flow unhealthy.
func (h FlowHealth) Healthy() bool {
	return h.Err == "" && (len(h.Issues) == 0 || h.Severity == SeverityInfo)
}

// HealthOptions tune the overview.
type HealthOptions struct {
	Options
	Concurrency int // API calls in flight at once across the org; default 8
}

// Health computes the health of every flow visible to the caller, worst
// first. One GET /flows (with side-loaded resources and credentials) names
// the flows; then, Concurrency calls at a time across the org, each flow's
// run summaries are read and, only for flows whose runs failed, the logs of
// the newest failed run (one page, one call) so the log-based causes of the
// runbook (transform error, schema mismatch, network timeout, resource
// conflict...) can be named, and, only when the cause found reads config
// changes, the audit logs the runbook would read. Healthy flows cost their
// run summaries and nothing more.
//
// Credentials are judged by their stored verified_status here (a live probe
// per credential across an org would be too heavy); the runbook probes them
// live.
func Health(ctx context.Context, api nexla.API, o HealthOptions) ([]FlowHealth, error) {
	opts := o.Options.withDefaults()
	if o.Concurrency <= 0 {
		o.Concurrency = 8
	}
	now := opts.Now()
	fr, err := api.ListFlows(ctx, nexla.FlowListOptions{})
	if err != nil {
		return nil, err
	}
	hc := &healthCheck{ctx: ctx, api: api, slots: make(chan struct{}, o.Concurrency)}
	rows := make([]FlowHealth, len(fr.Flows))
	var wg sync.WaitGroup
	ix := fr.Index()
	for i := range fr.Flows {
		f := NewFacts(Target{RT: nexla.Flows, ID: fr.Flows[i].ID}, opts)
		f.Now = now
		f.setFlowIndexed(&nexla.FlowResponse{Flows: []nexla.FlowNode{fr.Flows[i]}}, ix)
		wg.Add(1)
		go func(i int, f *Facts) {
			defer wg.Done()
			rows[i] = hc.flow(f)
		}(i, f)
	}
	wg.Wait()
	SortHealth(rows)
	return rows, ctx.Err()
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
	r.Runs = mergeRuns(f.RunMetrics, nil, nil, f.Opts.Runs)
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
	}
	h.Stale, _ = a.stale()
	h.Credential = credentialState(f)
	if runErr != nil {
		h.Err = clean(runErr.Error())
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
	if r.Stats.Failed > 0 {
		// Below the threshold (no rule fired): shown, but not an alarm.
		h.Issues = append(h.Issues, fmt.Sprintf("%s of the last %d (%s, below the %s threshold)",
			plural(r.Stats.Failed, "failed run", "failed runs"), r.Stats.Total, pct(r.Stats.ErrorRate), pct(highErrorRate)))
		h.Cause, h.Severity = CauseSomeFailedRuns, SeverityInfo
	}
	return h, false
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
