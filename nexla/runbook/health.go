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
	Concurrency int // parallel run-summary reads; default 8
}

// Health computes the health of every flow visible to the caller, worst
// first. One GET /flows (with side-loaded resources and credentials) names
// the flows; each flow's run summaries are then read, Concurrency flows at a
// time. Credentials are judged by their stored verified_status here
// (a live probe per credential across an org would be too heavy); the
// runbook probes them live.
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
	rows := make([]FlowHealth, len(fr.Flows))
	sem := make(chan struct{}, o.Concurrency)
	var wg sync.WaitGroup
	ix := fr.Index()
	for i := range fr.Flows {
		f := NewFacts(Target{RT: nexla.Flows, ID: fr.Flows[i].ID}, opts)
		f.Now = now
		f.setFlowIndexed(&nexla.FlowResponse{Flows: []nexla.FlowNode{fr.Flows[i]}}, ix)
		wg.Add(1)
		go func(i int, f *Facts) {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				rows[i] = healthRow(f, ctx.Err())
				return
			}
			defer func() { <-sem }()
			// Every resource's run summary: a run can fail at the nexset or the
			// sink while the source reads fine.
			var err error
			for _, r := range f.Resources[:min(len(f.Resources), opts.MaxNodes)] {
				rs, rerr := api.RunSummary(ctx, r.RT, r.ID, nexla.RunSummaryOptions{OrderBy: "runId", Page: 1, Size: opts.Runs})
				if rerr != nil {
					err = rerr
					continue
				}
				f.RunMetrics[resKey{r.RT, r.ID}] = rs.Runs
			}
			rows[i] = healthRow(f, err)
		}(i, f)
	}
	wg.Wait()
	SortHealth(rows)
	return rows, ctx.Err()
}

// healthRow applies the runbook's rules that need no per-flow logs or probes.
func healthRow(f *Facts, runErr error) FlowHealth {
	f.Done = true
	r := &Report{Target: f.Target, GeneratedAt: f.Now}
	o := f.Origin
	r.Flow = FlowSummary{ID: o.ID, Name: clean(o.Name), Status: clean(o.Status), RuntimeStatus: clean(o.RuntimeStatus), LastRunID: o.LastRunID}
	if r.Flow.Name == "" && len(f.Resources) > 0 {
		r.Flow.Name = clean(f.Resources[0].Name)
	}
	r.Runs = mergeRuns(f.RunMetrics, nil, nil, f.Opts.Runs)
	r.Stats = Stats(r.Runs)
	a := &analysis{f: f, r: r}
	h := FlowHealth{FlowID: o.ID, Name: r.Flow.Name, Status: orUnknown(r.Flow.Status), Runs: r.Stats.Total,
		Failed: r.Stats.Failed, ErrorRate: r.Stats.ErrorRate, LastRunID: o.LastRunID}
	if len(f.Resources) > 0 {
		h.Origin = f.Resources[0]
		h.Origin.Name = clean(h.Origin.Name)
	}
	if l := r.Stats.Latest; l != nil {
		h.LastRunID, h.LastRun = l.ID, l.At()
	}
	h.Stale, _ = a.stale()
	h.Credential = "none"
	for _, c := range f.credentialsInUse() {
		switch {
		case c.VerifiedStatus == "":
			if h.Credential == "none" {
				h.Credential = "unknown"
			}
		case strings.HasPrefix(c.VerifiedStatus, "2"):
			if h.Credential == "none" || h.Credential == "unknown" {
				h.Credential = "ok"
			}
		default:
			h.Credential = "failing: " + clean(c.VerifiedStatus)
		}
	}
	if runErr != nil {
		h.Err = clean(runErr.Error())
	}
	for _, rl := range []rule{
		{CauseCredentialExpired, (*analysis).credentialExpired},
		{CauseRateLimited, (*analysis).rateLimited},
		{CauseFlowNotRunning, (*analysis).flowNotRunning},
		{CauseStaleData, (*analysis).staleData},
		{CauseHighErrorRate, (*analysis).highErrorRate},
	} {
		if fd := rl.eval(a); fd != nil {
			if h.Cause == "" || fd.Severity > h.Severity {
				// The cause's own sentence leads, so a table's ISSUE cell
				// (title + first issue) never pairs one cause with another's words.
				h.Cause, h.Severity = rl.cause, fd.Severity
				h.Issues = append([]string{fd.Sentence}, h.Issues...)
				continue
			}
			h.Issues = append(h.Issues, fd.Sentence)
		}
	}
	if h.Cause == "" {
		h.Cause = CauseHealthy
		if r.Stats.Failed > 0 {
			// Below the threshold (no rule fired): shown, but not an alarm.
			h.Issues = append(h.Issues, fmt.Sprintf("%s of the last %d (%s, below the %s threshold)",
				plural(r.Stats.Failed, "failed run", "failed runs"), r.Stats.Total, pct(r.Stats.ErrorRate), pct(highErrorRate)))
			h.Cause, h.Severity = CauseSomeFailedRuns, SeverityInfo
		}
	}
	return h
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
