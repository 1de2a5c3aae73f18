package runbook

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Collect starts every API call of the runbook for t and streams their
// results. Independent calls start together as soon as what they need is
// known (the flow first, then everything about its resources at once; logs
// as soon as the run summaries name the failed run); a slow or failing call
// marks its own step and never holds up the others. The channel closes when
// every call has answered or ctx is cancelled; the consumer should cancel
// ctx when it stops reading.
func Collect(ctx context.Context, api nexla.API, t Target, o Options) <-chan Event {
	o = o.withDefaults()
	ch := make(chan Event, 64)
	c := &collector{ctx: ctx, api: api, out: ch, opts: o, now: o.Now()}
	go func() {
		defer close(ch)
		c.run(t)
		c.wg.Wait()
	}()
	return ch
}

// Diagnose collects everything and returns the finished report (headless use).
func Diagnose(ctx context.Context, api nexla.API, t Target, o Options) (*Report, *Facts) {
	f := NewFacts(t, o)
	for ev := range Collect(ctx, api, t, f.Opts) {
		ev.Apply(f)
	}
	f.Done = true
	return Analyze(f), f
}

type collector struct {
	ctx  context.Context
	api  nexla.API
	out  chan<- Event
	opts Options
	now  time.Time
	wg   sync.WaitGroup
}

func (c *collector) emit(ev Event) {
	select {
	case c.out <- ev:
	case <-c.ctx.Done():
	}
}

// call runs fn now on this goroutine, emitting start and result events.
func (c *collector) call(name string, step StepID, fn func(context.Context) (func(*Facts), error)) error {
	return c.callEv(name, step, false, fn)
}

// callEv is call; applyOnErr applies fn's result even when the call failed
// (a probe records that its credential could not be read).
func (c *collector) callEv(name string, step StepID, applyOnErr bool, fn func(context.Context) (func(*Facts), error)) error {
	c.emit(Event{Call: name, Step: step, Started: true})
	start := time.Now()
	apply, err := fn(c.ctx)
	c.emit(Event{Call: name, Step: step, Elapsed: time.Since(start), Err: err, apply: apply, applyOnErr: applyOnErr})
	return err
}

// spawn runs call on its own goroutine.
func (c *collector) spawn(name string, step StepID, fn func(context.Context) (func(*Facts), error)) {
	c.spawnEv(name, step, false, fn)
}

func (c *collector) spawnEv(name string, step StepID, applyOnErr bool, fn func(context.Context) (func(*Facts), error)) {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		_ = c.callEv(name, step, applyOnErr, fn)
	}()
}

func (c *collector) run(t Target) {
	c.spawn("whoami", StepDependencies, func(ctx context.Context) (func(*Facts), error) {
		me, err := c.api.WhoAmI(ctx)
		return func(f *Facts) { f.Me = me }, err
	})
	var fr *nexla.FlowResponse
	err := c.call("flow", StepFailurePoint, func(ctx context.Context) (func(*Facts), error) {
		var err error
		// Without include_run_metrics: with it the server fails the whole
		// answer when its metrics service fails (contract §9 #3), and the
		// diagnosis reads run summaries and logs anyway.
		opts := nexla.FlowGetOptions{}
		if t.RT == nexla.Flows {
			fr, err = c.api.GetFlow(ctx, t.ID, opts)
		} else {
			fr, err = c.api.GetFlowByResource(ctx, t.RT, t.ID, opts)
		}
		if err == nil && len(fr.Flows) == 0 {
			err = fmt.Errorf("no flow found for %s", t)
		}
		// Read the clock again now that the server has answered: a clock
		// that follows the server's Date header (nexla.Client.ServerNow)
		// knows the skew only from here on, and every window below (log
		// timings, daily metrics) and every "ago" is the server's time.
		now := c.opts.Now()
		c.now = now
		return func(f *Facts) { f.setFlow(fr); f.Now = now }, err
	})
	if err != nil {
		return
	}
	// A private copy of the facts the later calls need (never shared with the consumer).
	local := NewFacts(t, c.opts)
	local.setFlow(fr)
	c.spawnPerResource(local)
	c.spawnProbes(local)
	c.spawnAccessors(local)
	c.spawnUpstreams(local)
	c.spawnTimings(local.Origin.ID, local.Origin.LastRunID != 0)
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		c.runsThenLogs(local)
	}()
}

func (c *collector) resources(f *Facts) []ResourceRef {
	if len(f.Resources) > c.opts.MaxNodes {
		return f.Resources[:c.opts.MaxNodes]
	}
	return f.Resources
}

func (c *collector) spawnPerResource(f *Facts) {
	from := c.now.AddDate(0, 0, -c.opts.Days+1)
	derived := 0
	for _, r := range c.resources(f) {
		k := resKey{r.RT, r.ID}
		c.spawn("daily_metrics "+key(k), StepRunMetrics, func(ctx context.Context) (func(*Facts), error) {
			ms, err := c.api.DailyMetrics(ctx, r.RT, r.ID, from, c.now)
			return func(f *Facts) { f.Daily[k] = ms }, err
		})
		c.spawn("audit_log "+key(k), StepConfig, func(ctx context.Context) (func(*Facts), error) {
			es, err := c.api.AuditLog(ctx, r.RT, r.ID, nexla.AuditOptions{PerPage: 50})
			return func(f *Facts) { f.Audit[k] = es }, err
		})
		switch r.RT {
		case nexla.DataSets:
			c.spawn("nexset "+key(k), StepConfig, func(ctx context.Context) (func(*Facts), error) {
				n, err := c.api.GetNexset(ctx, r.ID, true)
				return func(f *Facts) { f.Nexsets[r.ID] = n }, err
			})
			if n := f.Index.Nexsets[r.ID]; n != nil && n.IsDerived() && derived < 4 {
				derived++
				c.spawn("samples "+key(k), StepConfig, func(ctx context.Context) (func(*Facts), error) {
					s, err := c.api.NexsetSamples(ctx, r.ID, nexla.SampleOptions{Count: 3})
					return func(f *Facts) { f.Samples[r.ID] = s }, err
				})
			}
		case nexla.DataSinks:
			if r.Name == "" {
				continue
			}
			c.spawn("same_name "+key(k), StepDependencies, func(ctx context.Context) (func(*Facts), error) {
				// The client's access role goes with it: an owner-only lookup
				// would miss a same-named destination someone else owns.
				ds, err := c.api.ListDestinations(ctx, nexla.ListOptions{Name: r.Name, PerPage: 50, Limit: 50})
				var dup []ResourceRef
				for _, d := range ds {
					if d.ID != r.ID && d.Name == r.Name {
						dup = append(dup, ResourceRef{RT: nexla.DataSinks, ID: d.ID, Name: d.Name, Status: d.Status})
					}
				}
				return func(f *Facts) { f.SameName[r.ID] = dup }, err
			})
		}
	}
}

func (c *collector) spawnProbes(f *Facts) {
	for _, p := range f.credentialsInUse() {
		p := p
		id := p.Credential.ID
		c.spawnEv(fmt.Sprintf("probe credential %d", id), StepDependencies, true, func(ctx context.Context) (func(*Facts), error) {
			// The client returns a probe that ran and failed (a JSON body with
			// the probe's status) as a ProbeResult with OK=false. An error is
			// the call itself failing (a 403 with an empty body: the caller
			// may not read the credential, §9 row 14; our rate limit, a 5xx):
			// it marks the step and the credential as unread, it does not
			// make the credential look broken.
			res, err := c.api.ProbeCredential(ctx, id)
			switch {
			case err != nil:
				p.CallErr = probeCallErr(id, err)
			case res != nil:
				p.OK, p.HTTPStatus, p.Message = res.OK, res.HTTPStatus, res.Message
			}
			return func(f *Facts) { f.Probes[id] = p }, err
		})
		k := resKey{nexla.DataCredentials, id}
		c.spawn("audit_log "+key(k), StepDependencies, func(ctx context.Context) (func(*Facts), error) {
			es, err := c.api.AuditLog(ctx, nexla.DataCredentials, id, nexla.AuditOptions{PerPage: 50})
			return func(f *Facts) { f.Audit[k] = es }, err
		})
	}
}

// spawnAccessors reads who has access to the flow when the caller's own
// roles show they may not pause or activate it: the permission finding
// then names who can help (owners and admins). Nothing is read otherwise.
func (c *collector) spawnAccessors(f *Facts) {
	roles := f.accessRoles()
	if len(roles) == 0 || slices.ContainsFunc(roles, func(r string) bool { return r == "owner" || r == "admin" || r == "operator" }) {
		return
	}
	origin := f.Origin.ID
	c.spawnEv("accessors", StepConfig, true, func(ctx context.Context) (func(*Facts), error) {
		list, err := c.api.Accessors(ctx, nexla.Flows, origin)
		return func(f *Facts) { f.Accessors, f.AccessorsErr = list, err }, err
	})
}

// spawnUpstreams reads each flow that starts or feeds this one, alongside
// the other reads (its id is in this flow's response): one flow read and its
// run summaries, so a failing upstream can be named as the cause.
func (c *collector) spawnUpstreams(f *Facts) {
	for i, u := range f.Upstreams {
		c.spawn("upstream "+u.Label(), StepDependencies, func(ctx context.Context) (func(*Facts), error) {
			o := c.opts
			o.Now = func() time.Time { return c.now }
			h, err := readUpstream(ctx, c.api, u, o)
			return func(f *Facts) {
				if i < len(f.Upstreams) {
					f.Upstreams[i].Health = h
				}
			}, err
		})
	}
}

// probeCallErr says why a credential could not be probed: a 403 or 404
// means the caller may not read it.
func probeCallErr(id int64, err error) string {
	var ae *nexla.APIError
	if errors.As(err, &ae) && ae.Status != 0 {
		if ae.Status == 403 || ae.Status == 404 {
			return fmt.Sprintf("cannot read credential %d (%d)", id, ae.Status)
		}
		return fmt.Sprintf("cannot probe credential %d (%d)", id, ae.Status)
	}
	return fmt.Sprintf("cannot probe credential %d: %s", id, err.Error())
}

// spawnTimings reads the flow's recent logs once to learn when each run
// started and ended (run_summary has only counts).
func (c *collector) spawnTimings(flowID int64, ran bool) {
	from := c.now.AddDate(0, 0, -c.opts.Days)
	c.spawn("logs (run timings)", StepRunMetrics, func(ctx context.Context) (func(*Facts), error) {
		// A flow that has run logs in any window that holds its runs: an
		// empty answer then means the server read from/to in the other
		// unit, and the client asks again (contract §9 #8).
		lo := nexla.LogOptions{From: from, To: c.now, RunEnded: ran}
		logs, err := fetchLogs(ctx, c.api, flowID, lo, 5000)
		times := map[int64][2]time.Time{}
		runTimes(logs, times)
		var stamps []int64
		for _, e := range logs {
			if e.RunID == 0 && e.Timestamp != 0 {
				stamps = append(stamps, e.Timestamp)
			}
		}
		return func(f *Facts) {
			f.WindowLogs = len(logs)
			f.WindowStamps = stamps
			f.WindowIssues = f.WindowIssues[:0]
			for _, e := range logs {
				if isIssue(e.Severity) {
					f.WindowIssues = append(f.WindowIssues, e)
				}
			}
			for id, t := range times {
				f.RunTimes[id] = mergeSpan(f.RunTimes[id], t)
			}
		}, err
	})
}

// runsThenLogs fetches every resource's run summary concurrently, then the
// logs of the newest failed run and of the newest successful one.
func (c *collector) runsThenLogs(f *Facts) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, r := range c.resources(f) {
		k := resKey{r.RT, r.ID}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = c.call("run_summary "+key(k), StepRunMetrics, func(ctx context.Context) (func(*Facts), error) {
				// The newest Runs of each resource hold every run of the
				// flow's newest Runs, so health (which reads as many) agrees.
				runs, err := c.api.LatestRuns(ctx, r.RT, r.ID, c.opts.Runs)
				if err != nil {
					return nil, err
				}
				mu.Lock()
				f.RunMetrics[k] = runs
				mu.Unlock()
				return func(f *Facts) { f.RunMetrics[k] = runs }, nil
			})
		}()
	}
	wg.Wait()
	if c.ctx.Err() != nil {
		return
	}
	stats := Stats(mergeRuns(f.RunMetrics, nil, nil, c.opts.Runs))
	c.spawnAlerts(f, stats)
	flowID := f.Origin.ID
	fetch := func(name string, run *Run, set func(*Facts, []nexla.LogEntry)) {
		if run == nil {
			return
		}
		lo := runLogOptions(*run, c.now, c.opts.Days)
		c.spawn(name, StepLogs, func(ctx context.Context) (func(*Facts), error) {
			logs, err := fetchLogs(ctx, c.api, flowID, lo, c.opts.LogLimit)
			return func(f *Facts) {
				set(f, logs)
				times := map[int64][2]time.Time{}
				runTimes(logs, times)
				for id, t := range times {
					f.RunTimes[id] = mergeSpan(f.RunTimes[id], t)
				}
			}, err
		})
	}
	if stats.LastFailure != nil {
		fid := stats.LastFailure.ID
		fetch("logs failed run", stats.LastFailure, func(f *Facts, l []nexla.LogEntry) { f.FailedRunID, f.FailedLogs = fid, l })
	}
	if stats.LastSuccess != nil {
		sid := stats.LastSuccess.ID
		fetch("logs successful run", stats.LastSuccess, func(f *Facts, l []nexla.LogEntry) { f.OKRunID, f.OKLogs = sid, l })
	}
}

// runLogOptions asks for one run's logs. A query without "from" gets the
// client's default, the last 24 h by the client's clock, which misses a run
// older than a day (a daily flow's last failure) and every run when the
// client's clock is not the data's (a simulator at a fixed date): ask from
// the metrics window or the run's start, whichever is earlier, by the
// runbook's clock (run_id does the filtering).
func runLogOptions(run Run, now time.Time, days int) nexla.LogOptions {
	from := now.AddDate(0, 0, -days)
	if s := run.begun(); !s.IsZero() && s.Before(from) {
		from = s.Add(-time.Hour)
	}
	// The run is in run_summary, so it ran: an empty answer means the
	// server read from/to in the other unit, and the client asks again.
	return nexla.LogOptions{RunID: run.ID, From: from, RunEnded: true}
}

// fetchLogs pages through flow logs up to limit lines.
func fetchLogs(ctx context.Context, api nexla.API, flowID int64, opts nexla.LogOptions, limit int) ([]nexla.LogEntry, error) {
	const perPage = 1000
	opts.PerPage = perPage
	var all []nexla.LogEntry
	for page := 1; len(all) < limit; page++ {
		opts.Page = page
		res, err := api.FlowLogsByFlow(ctx, flowID, opts)
		if err != nil {
			return all, err
		}
		all = append(all, res.Entries...)
		if len(res.Entries) < perPage || (res.Meta.PageCount > 0 && page >= res.Meta.PageCount) {
			break
		}
	}
	if len(all) > limit {
		all = all[:limit]
	}
	return all, nil
}

func key(k resKey) string { return fmt.Sprintf("%s/%d", k.RT, k.ID) }

func apiMessage(err error) string {
	var ae *nexla.APIError
	if errors.As(err, &ae) && ae.Message != "" {
		return ae.Message
	}
	return err.Error()
}
