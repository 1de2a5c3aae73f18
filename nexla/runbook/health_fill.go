package runbook

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// healthLogLines is how much of the failed run's log the overview reads: one
// page, so one call per failing flow. The runbook reads up to
// Options.LogLimit; the causes' lines come early in a failed run.
const healthLogLines = 1000

// healthCheck reads what the overview needs of each flow, every call holding
// one of slots so the org-wide fill never has more than Concurrency calls in
// flight.
type healthCheck struct {
	ctx   context.Context
	api   nexla.API
	slots chan struct{}
	// calls counts the calls made; past budget (when > 0) no call is made.
	calls  *atomic.Int64
	budget int64
}

// call runs fn holding a slot; a cancelled context gives up the wait, a
// spent budget refuses the call.
func (hc *healthCheck) call(fn func(ctx context.Context) error) error {
	if hc.calls != nil {
		if n := hc.calls.Add(1); hc.budget > 0 && n > hc.budget {
			hc.calls.Add(-1)
			return errBudget
		}
	}
	select {
	case hc.slots <- struct{}{}:
	case <-hc.ctx.Done():
		return hc.ctx.Err()
	}
	defer func() { <-hc.slots }()
	return fn(hc.ctx)
}

// each runs fn(i) for i in [0, n) concurrently and waits for all of them.
func each(n int, fn func(i int)) {
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Done()
			fn(i)
		}()
	}
	wg.Wait()
}

// checkedFlow is one flow of the overview with what its row was built from,
// so the row can be rebuilt once its upstreams' rows are known.
type checkedFlow struct {
	f         *Facts
	key       string // the triage it was built from (see triageKey)
	triage    bool   // the row is from the triage's latest run only
	runErr    error
	logNote   string // why the failed run's logs are missing, if they are
	auditRead bool
	row       FlowHealth
}

// rebuild ranks the rules again over the flow's facts (no calls).
func (c *checkedFlow) rebuild() {
	c.row, _ = healthRow(c.f, c.runErr, c.auditRead)
	c.row.Triage = c.triage
	if c.logNote != "" {
		c.row.Issues = append(c.row.Issues, c.logNote)
	}
}

// flow checks one flow in up to three rounds, each only when the one before
// calls for it: every resource's run summary (a run can fail at the nexset
// or the sink while the source reads fine); the newest failed run's logs;
// the audit logs, when the cause those logs point to reads config changes
// ("all since the transform changed on ...").
func (hc *healthCheck) flow(f *Facts) checkedFlow {
	nodes := f.Resources[:min(len(f.Resources), f.Opts.MaxNodes)]
	var mu sync.Mutex
	c := checkedFlow{f: f}
	each(len(nodes), func(i int) {
		r := nodes[i]
		err := hc.call(func(ctx context.Context) error {
			runs, err := hc.api.LatestRuns(ctx, r.RT, r.ID, f.Opts.Runs)
			if err == nil {
				mu.Lock()
				f.RunMetrics[resKey{r.RT, r.ID}] = runs
				mu.Unlock()
			}
			return err
		})
		if err != nil {
			mu.Lock()
			c.runErr = err
			mu.Unlock()
		}
	})
	failed := Stats(mergeRuns(f.RunMetrics, nil, nil, f.Opts.Runs)).LastFailure
	if failed == nil || hc.ctx.Err() != nil {
		if f.Origin.Status == nexla.StatusPaused && hc.ctx.Err() == nil {
			hc.readAudit(f) // who paused it and when
			c.auditRead = true
		}
		c.rebuild()
		return c
	}
	f.FailedRunID, f.SingleRunLogs = failed.ID, true
	logErr := hc.call(func(ctx context.Context) error {
		var err error
		f.FailedLogs, err = fetchLogs(ctx, hc.api, f.Origin.ID, runLogOptions(*failed, f.Now, f.Opts.Days), healthLogLines)
		return err
	})
	_, wantsAudit := healthRow(f, c.runErr, false)
	if wantsAudit && hc.ctx.Err() == nil {
		hc.readAudit(f)
		c.auditRead = true
	}
	if logErr != nil {
		c.logNote = clean(fmt.Sprintf("logs of run %d unreadable: %s", failed.ID, logErr.Error()))
	}
	c.rebuild()
	return c
}

// readAudit reads the audit logs of the resources the recent runs failed
// at and of the credentials those use: where a change that explains the
// failures is made (the runbook reads every resource's, which costs a call
// per node; a change upstream of the failing node is then not cited here).
// A failed read leaves that resource's changes out; findings then cite fewer.
func (hc *healthCheck) readAudit(f *Facts) {
	failing := map[resKey]bool{}
	for _, r := range mergeRuns(f.RunMetrics, nil, nil, f.Opts.Runs) {
		if r.Outcome.Failed() {
			for _, x := range r.Failing {
				failing[resKey{x.RT, x.ID}] = true
			}
		}
	}
	var keys []resKey
	if o := f.Resources; f.Origin.Status == nexla.StatusPaused && len(o) > 0 && !failing[resKey{o[0].RT, o[0].ID}] {
		keys = append(keys, resKey{o[0].RT, o[0].ID}) // the pause is audited at the origin
	}
	for _, r := range f.Resources {
		if k := (resKey{r.RT, r.ID}); failing[k] {
			keys = append(keys, k)
		}
	}
	for _, c := range f.credentialsInUse() {
		for _, u := range c.UsedBy {
			if failing[resKey{u.RT, u.ID}] {
				keys = append(keys, resKey{nexla.DataCredentials, c.Credential.ID})
				break
			}
		}
	}
	var mu sync.Mutex
	each(len(keys), func(i int) {
		k := keys[i]
		_ = hc.call(func(ctx context.Context) error {
			es, err := hc.api.AuditLog(ctx, k.RT, k.ID, nexla.AuditOptions{PerPage: 50})
			if err == nil {
				mu.Lock()
				f.Audit[k] = es
				mu.Unlock()
			}
			return err
		})
	})
}
