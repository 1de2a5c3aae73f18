package runbook

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// The org-wide check in few calls: triage every flow from org-level reads
// (the flows listing, GET /health/org/flows or else the include_run_metrics
// listing, GET /users/{uid}/flows/dashboard), then read run summaries, the
// failed run's logs and audit logs only for the flows the triage flags. Rows
// stream in as listing pages arrive; a snapshot can be taken at any time.

// orgHealthAPI is what a server with org-level health offers (nexla.Client
// has it; a fake API without it gets the fallback).
type orgHealthAPI interface {
	OrgHealthFlows(ctx context.Context) ([]nexla.OrgFlowHealth, error)
	FlowsDashboard(ctx context.Context, uid int64) (*nexla.Dashboard, error)
}

// errBudget stops deep reads once the check's call budget is spent.
var errBudget = errors.New("the check's call budget is spent")

// HealthSnapshot is the check's state at one moment.
type HealthSnapshot struct {
	Rows     []FlowHealth // every flow with a verdict so far, worst first
	Total    int          // flows listed so far (every flow once Listed)
	Checked  int          // flows whose verdict is final
	Listed   bool         // the listing is complete
	Complete bool         // every flow has its final verdict (or the check stopped)
	// WithIssues and Critical count unhealthy rows; they mean "every flow"
	// only once Complete (before, they are a lower bound).
	WithIssues, Critical int
	Shown                int    // len(Rows)
	Triage               string // what the triage read, and what was missing
	StoppedShort         string // why flagged flows were left unchecked
	Err                  error  // the listing failed: the rows are not the org
	DeepCalls            int    // calls made beyond the org-level reads
	Started, Finished    time.Time
	// Version grows whenever the rows change: a screen redraws only then.
	Version int
}

// triageRun is the latest run of a flow as the org-level reads give it.
type triageRun struct {
	runID           int64
	records, errors int64
	health          string // GREEN/YELLOW/RED when the org health read gave it
}

// HealthCheck is one running org-wide check. Start it with StartHealth;
// read it with Snapshot and Updates. It never restarts itself; a refresh
// starts a new check with this one as Previous, which reuses its rows.
type HealthCheck struct {
	o       HealthOptions
	opts    Options
	api     nexla.API
	updates chan struct{}
	done    chan struct{}
	deep    atomic.Int64

	mu       sync.Mutex
	checked  []checkedFlow
	final    []bool
	triage   string
	stopped  string
	listed   bool
	complete bool
	err      error
	started  time.Time
	finished time.Time
	version  int
	sorted   []FlowHealth
	sortedV  int
	sortedAt time.Time // when sorted was built (HealthOptions.RowsEvery)
}

// StartHealth starts the check in the background and returns at once.
func StartHealth(ctx context.Context, api nexla.API, o HealthOptions) *HealthCheck {
	opts := o.Options.withDefaults()
	if o.Concurrency <= 0 {
		o.Concurrency = 8
	}
	// The previous check is the run's alone: kept in hc.o, every check
	// held the one before it, and a session refreshing every 30 s held
	// every check it ever ran (about 25 MB each at 30,000 flows).
	prev := o.Previous
	o.Previous = nil
	hc := &HealthCheck{o: o, opts: opts, api: api, updates: make(chan struct{}, 1), done: make(chan struct{}),
		started: time.Now()}
	go hc.run(ctx, prev)
	return hc
}

// Updates signals (coalesced) that the snapshot changed; it is closed when
// the check is complete.
func (h *HealthCheck) Updates() <-chan struct{} { return h.updates }

// Done is closed when the check is complete.
func (h *HealthCheck) Done() <-chan struct{} { return h.done }

func (h *HealthCheck) notify() {
	select {
	case h.updates <- struct{}{}:
	default:
	}
}

// Snapshot copies the check's state (rows worst first). It never waits on
// I/O. The rows are shared with every other snapshot of their version (and,
// while the check runs, of the last HealthOptions.RowsEvery): never mutate them.
func (h *HealthCheck) Snapshot() HealthSnapshot {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.sorted == nil || h.sortedV != h.version && (h.complete || time.Since(h.sortedAt) >= h.o.RowsEvery) {
		rows := make([]FlowHealth, 0, len(h.checked))
		for i := range h.checked {
			rows = append(rows, h.checked[i].row)
		}
		SortHealth(rows)
		h.sorted, h.sortedV, h.sortedAt = rows, h.version, time.Now()
	}
	s := HealthSnapshot{Rows: h.sorted, Total: len(h.checked), Listed: h.listed, Complete: h.complete,
		Triage: h.triage, StoppedShort: h.stopped, Err: h.err, DeepCalls: int(h.deep.Load()),
		Started: h.started, Finished: h.finished, Shown: len(h.sorted), Version: h.sortedV}
	for i, ok := range h.final {
		if ok {
			s.Checked++
		}
		if r := h.checked[i].row; !r.Healthy() {
			s.WithIssues++
			if r.Severity == SeverityCritical {
				s.Critical++
			}
		}
	}
	return s
}

// Wait blocks until the check is complete and returns its rows, worst
// first, and the listing's error.
func (h *HealthCheck) Wait() ([]FlowHealth, error) {
	<-h.done
	s := h.Snapshot()
	return s.Rows, s.Err
}

// reusable is what a check hands the next one: its final rows and the
// triage each was built from, by flow id. It points into the check's own
// rows (no copy: a copy of every row was 15 MB at 30,000 flows).
type reusable struct {
	rows  []checkedFlow
	index map[int64]int // flow id -> index in rows, final rows only
}

// reusable indexes the rows of a complete check.
func (h *HealthCheck) reusable() reusable {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := reusable{rows: h.checked, index: make(map[int64]int, len(h.checked))}
	for i := range h.checked {
		if h.final[i] && h.checked[i].key != "" {
			r.index[h.checked[i].row.FlowID] = i
		}
	}
	return r
}

// row is the previous row of flow id when it was built from the same
// triage (key): the flow's latest run, status and credential state are
// unchanged, and still true at now (see stillTrueAt).
func (r reusable) row(id int64, key string, now time.Time) (FlowHealth, bool) {
	i, ok := r.index[id]
	if !ok || key == "" || r.rows[i].key != key || !r.rows[i].row.stillTrueAt(now) {
		return FlowHealth{}, false
	}
	return r.rows[i].row, true
}

// stillTrueAt reports whether the row, judged earlier, still holds at now
// with the same latest run: not when its runs could not be read (a
// transient failure is read again, never kept as "unknown" until the next
// run), nor when the flow has since passed its staleness threshold (with no
// new run the triage key is unchanged, so an "ok" would otherwise outlive
// the moment the flow went stale).
func (h FlowHealth) stillTrueAt(now time.Time) bool {
	if h.Err != "" {
		return false
	}
	return h.Stale || h.StaleAfter <= 0 || h.LastRun.IsZero() || now.Sub(h.LastRun) <= h.StaleAfter
}

func (h *HealthCheck) run(ctx context.Context, previous *HealthCheck) {
	defer func() {
		h.mu.Lock()
		h.complete, h.finished = true, time.Now()
		h.version++
		h.mu.Unlock()
		close(h.done)
		close(h.updates)
	}()
	var prev reusable
	if previous != nil {
		<-previous.done // a refresh never cancels the check before it: it waits for it
		prev = previous.reusable()
	}
	// The dashboard first (one call), then the org health page by page and
	// the listing together. Listed flows wait (at most maxWaiting of them:
	// the listing pauses beyond) until the triage can judge them: a flow as
	// soon as its own latest run has arrived, every flow once the triage has
	// ended. So the first rows come after the dashboard and the first pages,
	// not after the whole triage and then the listing.
	tr := h.startTriage(ctx)
	pages, listed := h.listAhead(ctx, tr.dashEnded)
	bc := &healthCheck{ctx: ctx, api: h.api, slots: make(chan struct{}, h.o.Concurrency), calls: &h.deep, budget: int64(h.o.Budget)}
	byNode, byNexset := map[int64]int{}, map[int64]int{}
	var linked []int
	var wg sync.WaitGroup
	queue := make(chan int)
	workers := h.o.Concurrency
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range queue {
				// Both under the lock: the listing appends to h.checked meanwhile.
				h.mu.Lock()
				f, key := h.checked[i].f, h.checked[i].key // under the lock: the listing appends meanwhile
				h.mu.Unlock()
				c := bc.flow(f)
				c.key = key
				if errors.Is(c.runErr, errBudget) {
					c.row.Err = fmt.Sprintf("not checked: %s (%d calls)", errBudget, h.o.Budget)
					c.row.Cause, c.row.Severity = CauseUnknown, SeverityWarning
					h.mu.Lock()
					h.stopped = fmt.Sprintf("stopped short: the budget of %d calls was spent; unchecked flows read \"not checked\"", h.o.Budget)
					h.mu.Unlock()
				}
				h.mu.Lock()
				if len(c.f.Upstreams) == 0 {
					c.f = nil // its row is all that is kept
				}
				h.checked[i] = c
				h.final[i] = true
				h.version++
				h.mu.Unlock()
				h.notify()
			}
		}()
	}
	judge := func(f *Facts, v triageVerdict) {
		// The verdict from the triage alone; flagged flows go to the deep reads.
		t, known, usable := v.run, v.known, v.usable
		key := ""
		if usable {
			key = triageKey(f, t)
		}
		c := checkedFlow{f: f, key: key, triage: true}
		flagged := true
		if old, ok := prev.row(f.Origin.ID, key, f.Now); ok {
			c.row, flagged = old, false
		} else {
			c.row = triageRow(f, t, known)
			flagged = !known || !c.row.Healthy() || c.row.Cause == CauseSomeFailedRuns || t.errors > 0 || t.health != "" && t.health != "GREEN" || v.flagged
		}
		h.mu.Lock()
		i := len(h.checked)
		indexFlow(i, f, byNode, byNexset)
		if len(f.Upstreams) > 0 {
			linked = append(linked, i)
		} else if !flagged {
			c.f = nil
		}
		h.checked = append(h.checked, c)
		h.final = append(h.final, !flagged)
		h.version++
		h.mu.Unlock()
		if flagged {
			queue <- i
		}
	}
	var waiting []*Facts
	triageNoted := false
	for pages != nil || len(waiting) > 0 {
		in, changed := pages, tr.changed
		if len(waiting) >= maxWaiting {
			in = nil // judge (or wait for the triage) before listing more
		}
		select {
		case fr, ok := <-in:
			if !ok {
				pages = nil
				break
			}
			waiting = append(waiting, listedFacts(fr, h.opts)...)
		case <-changed:
		}
		if !triageNoted && tr.complete() {
			triageNoted = true
			tr.mu.Lock()
			note := tr.note
			tr.mu.Unlock()
			h.mu.Lock()
			h.triage = note
			h.mu.Unlock()
		}
		kept := waiting[:0]
		for _, f := range waiting {
			if v, ready := tr.verdict(f); ready {
				judge(f, v)
			} else {
				kept = append(kept, f)
			}
		}
		clear(waiting[len(kept):])
		waiting = kept
		h.notify()
	}
	err := <-listed
	close(queue)
	wg.Wait()
	h.mu.Lock()
	h.listed, h.err = true, err
	checked := h.checked
	h.mu.Unlock()
	if len(linked) > 0 {
		// On a copy: snapshots read the rows meanwhile.
		joined := append([]checkedFlow(nil), checked...)
		bc.joinUpstreams(joined, linked, byNode, byNexset, h.opts)
		h.mu.Lock()
		h.checked = joined
		h.version++
		h.mu.Unlock()
	}
	h.mu.Lock()
	if ctx.Err() != nil && h.err == nil {
		h.err = ctx.Err()
	}
	h.mu.Unlock()
}

// listAheadPages is how many listing pages wait in the channel, and
// maxWaiting how many listed flows wait for their triage.
const (
	listAheadPages = 4
	maxWaiting     = 1000
)

// listedFacts are the facts of a listing page's flows, each with only what
// it uses of the page's index (a waiting flow keeps no page alive).
func listedFacts(fr *nexla.FlowResponse, opts Options) []*Facts {
	ix := fr.Index()
	out := make([]*Facts, 0, len(fr.Flows))
	for k := range fr.Flows {
		f := NewFacts(Target{RT: nexla.Flows, ID: fr.Flows[k].ID}, opts)
		f.Now = opts.Now()
		f.setFlowIndexed(&nexla.FlowResponse{Flows: []nexla.FlowNode{fr.Flows[k]}, SharedDataSets: fr.SharedDataSets}, ix)
		f.Index = compactIndex(f, ix)
		out = append(out, f)
	}
	return out
}

// listAhead runs the listing in the background once after is closed: its
// pages come out of the channel (closed at the end), and its error, once,
// out of the other.
func (h *HealthCheck) listAhead(ctx context.Context, after <-chan struct{}) (<-chan *nexla.FlowResponse, <-chan error) {
	pages := make(chan *nexla.FlowResponse, listAheadPages)
	errc := make(chan error, 1)
	go func() {
		defer close(pages)
		select {
		case <-after:
		case <-ctx.Done():
			errc <- ctx.Err()
			return
		}
		errc <- h.list(ctx, func(fr *nexla.FlowResponse) {
			select {
			case pages <- fr:
			case <-ctx.Done():
			}
		})
	}()
	return pages, errc
}

// list streams the plain listing (every flow, with its side-loads) page by page.
func (h *HealthCheck) list(ctx context.Context, page func(*nexla.FlowResponse)) error {
	return nexla.EachFlowPage(ctx, h.api, nexla.FlowListOptions{}, func(fr *nexla.FlowResponse, _ int) { page(fr) })
}

// triageData is what the org-level reads say, by origin node id, and per
// resource for the last 24 hours.
type triageData map[int64]triageRun

// flagged: the dashboard reports errors at a resource of the flow in the
// last 24 hours (its entries are kept under the negated resource id; ids of
// different resource types may collide, which only flags a flow more).
func (t triageData) flagged(f *Facts) bool {
	for _, r := range f.Resources {
		if _, bad := t[-r.ID]; bad { // dashboard entries are kept under -resourceID
			return true
		}
	}
	return false
}

func shortErr(err error) string {
	var ae *nexla.APIError
	if errors.As(err, &ae) && ae.Status != 0 {
		return fmt.Sprintf("HTTP %d", ae.Status)
	}
	return shorten(err.Error(), 80)
}

// triageKey identifies what a row was built from: a cached row is reused
// while the flow's latest run, status and credential state are unchanged.
func triageKey(f *Facts, t triageRun) string {
	return fmt.Sprintf("%d/%d/%d/%s/%s", t.runID, t.errors, t.records, f.Origin.Status, credentialState(f))
}

// triageRow is the row of a flow from its latest run alone (no calls): the
// rules run over that one run, so status, staleness and stored credential
// state count as in the full check.
func triageRow(f *Facts, t triageRun, known bool) FlowHealth {
	if known && len(f.Resources) > 0 {
		o := f.Resources[0]
		f.RunMetrics[resKey{o.RT, o.ID}] = []nexla.RunMetric{{RunID: t.runID, Records: t.records, Errors: t.errors}}
	}
	row, _ := healthRow(f, nil, false)
	row.Triage = true
	return row
}

// indexFlow records a flow's node and nexset ids for joinUpstreams.
func indexFlow(i int, f *Facts, byNode, byNexset map[int64]int) {
	f.Origin.Walk(0, func(n *nexla.FlowNode, depth int) bool {
		if depth > 0 && foreignNode(n, f.Origin.ID) {
			return false
		}
		byNode[n.ID] = i
		return true
	})
	for _, r := range f.Resources {
		if r.RT == nexla.DataSets {
			byNexset[r.ID] = i
		}
	}
}

// compactIndex copies out of a page's index only what this flow uses, so a
// flow kept for deep reads does not keep its whole listing page alive.
func compactIndex(f *Facts, ix nexla.FlowIndex) nexla.FlowIndex {
	out := nexla.FlowIndex{Sources: map[int64]*nexla.Source{}, Nexsets: map[int64]*nexla.Nexset{},
		Destinations: map[int64]*nexla.Destination{}, Credentials: map[int64]*nexla.Credential{}, Groups: map[int64]*nexla.CredentialsGroup{}}
	var cred func(id, group int64)
	cred = func(id, group int64) {
		if c := ix.Credentials[id]; c != nil {
			cp := *c
			out.Credentials[id] = &cp
		}
		if g := ix.Groups[group]; g != nil {
			cp := *g
			out.Groups[group] = &cp
			for _, cid := range g.CredentialIDs() {
				cred(cid, 0)
			}
		}
	}
	for _, r := range f.Resources {
		switch r.RT {
		case nexla.DataSources:
			if s := ix.Sources[r.ID]; s != nil {
				cp := *s
				out.Sources[r.ID] = &cp
				cred(s.DataCredentialsID, s.DataCredentialsGroupID)
			}
		case nexla.DataSets:
			if n := ix.Nexsets[r.ID]; n != nil {
				cp := *n
				out.Nexsets[r.ID] = &cp
			}
		case nexla.DataSinks:
			if d := ix.Destinations[r.ID]; d != nil {
				cp := *d
				out.Destinations[r.ID] = &cp
				cred(d.DataCredentialsID, d.DataCredentialsGroupID)
			}
		}
	}
	return out
}
