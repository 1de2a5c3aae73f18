package sim

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// Org-level health (contract §5.6, §9 row 15): GET /health/org/flows,
// GET /health/org/all and GET /users/{uid}/flows/dashboard. All three are
// computed from the same runs as run summaries and include_run_metrics, so a
// client that triages from them and then reads a flagged flow's run summary
// sees the same runs. Options.NoOrgHealth answers 404 as an older server
// would (the client must fall back).

// dashboardWindow is the dashboard's window: the last 24 hours.
const dashboardWindow = 24 * time.Hour

// healthOf is GREEN/YELLOW/RED for a run: no errors, records and errors
// (partial), errors and no records (failed).
func healthOf(records, errors int64) string {
	switch {
	case errors == 0:
		return "GREEN"
	case records == 0:
		return "RED"
	}
	return "YELLOW"
}

// healthFlows lists the flows the caller may see under the access_role
// filter that have a completed run, with that run, newest run first.
func (s *Sim) healthFlows(r *http.Request, now time.Time) (flows []*flow, runs []run, msg string) {
	role := strings.ToLower(r.URL.Query().Get("access_role"))
	if !slices.Contains(validRoles, role) {
		return nil, nil, "Invalid access_role '" + r.URL.Query().Get("access_role") + "': use owner, collaborator, operator or admin"
	}
	uid := callerOf(r)
	// Sized for every flow: grown by appends, these were most of what a
	// page of a 30,000-flow org's health allocated.
	flows, runs = make([]*flow, 0, len(s.org.flows)), make([]run, 0, len(s.org.flows))
	for _, f := range s.org.flows {
		fr := s.roleOf(uid, f)
		if fr == "" || !roleAllows(role, fr) {
			continue
		}
		done := f.completedRuns(now)
		if len(done) == 0 {
			continue
		}
		flows = append(flows, f)
		runs = append(runs, done[len(done)-1])
	}
	return flows, runs, ""
}

// handleOrgHealthFlows is GET /health/org/flows: one entry per flow with its
// latest run's health, paged with page and size (default 100), filtered by
// health_status (GREEN=OK, YELLOW=WARNING, RED=ERROR, any case).
func (s *Sim) handleOrgHealthFlows(w http.ResponseWriter, r *http.Request) {
	if s.opts.NoOrgHealth {
		writeMessage(w, http.StatusNotFound, "Not Found")
		return
	}
	q := r.URL.Query()
	want := strings.ToUpper(q.Get("health_status"))
	switch want {
	case "OK":
		want = "GREEN"
	case "WARNING":
		want = "YELLOW"
	case "ERROR":
		want = "RED"
	case "", "GREEN", "YELLOW", "RED":
	default:
		badParam(w, "Invalid health_status '%s': use GREEN, YELLOW or RED", q.Get("health_status"))
		return
	}
	page, size, ok := bodyPage(w, q, "size", 100)
	if !ok {
		return
	}
	now := s.clock.now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	flows, runs, msg := s.healthFlows(r, now)
	if msg != "" {
		badParam(w, "%s", msg)
		return
	}
	// sort_by run_id (default) or updated_at, newest first unless asc. The
	// order needs only the run ids; an entry's totals and failure text are
	// built for the page asked alone (the whole org only when filtering by
	// health), so reading every page costs the org once, as a database's
	// ordered, limited query would, not once per page.
	// Newest run first, ties in the flows' order: the run ids sit beside
	// the indexes so the sort compares without reaching into runs (a
	// stable sort of indexes through runs was a third of a page's cost).
	type byRun struct {
		id int64
		i  int
	}
	keyed := make([]byRun, len(flows))
	for i := range keyed {
		keyed[i] = byRun{runs[i].id, i}
	}
	slices.SortFunc(keyed, func(a, b byRun) int {
		if c := cmpInt(b.id, a.id); c != 0 {
			return c
		}
		return cmpInt(int64(a.i), int64(b.i))
	})
	order := make([]int, len(keyed))
	for k := range keyed {
		order[k] = keyed[k].i
	}
	if strings.EqualFold(q.Get("sort_order"), "asc") {
		slices.Reverse(order)
	}
	entry := func(i int) (obj, string) {
		f := flows[i]
		rec, errs, _ := f.flowTotals(runs[i])
		h := healthOf(rec, errs)
		summary := ""
		if errs > 0 {
			summary = f.failureText(runs[i], 0)
		}
		return obj{"originNodeId": f.originNode, "healthStatus": h, "latestErrorCount": errs,
			"latestRecordCount": rec, "latestRunId": runs[i].id, "errorSummary": summary, "updatedAtEpoch": runs[i].end().UnixMilli()}, h
	}
	if want != "" {
		kept := order[:0]
		for _, i := range order {
			rec, errs, _ := flows[i].flowTotals(runs[i])
			if healthOf(rec, errs) == want {
				kept = append(kept, i)
			}
		}
		order = kept
	}
	lo, hi := window(len(order), page, size)
	entries := make([]obj, 0, hi-lo)
	for _, i := range order[lo:hi] {
		e, _ := entry(i)
		entries = append(entries, e)
	}
	writeJSON(w, http.StatusOK, obj{"status": 200, "message": "Ok", "data": entries,
		"meta": obj{"currentPage": page, "pageCount": pageCount(len(order), size), "totalCount": len(order)}})
}

// handleOrgHealthAll is GET /health/org/all: counts of flows by health.
func (s *Sim) handleOrgHealthAll(w http.ResponseWriter, r *http.Request) {
	if s.opts.NoOrgHealth {
		writeMessage(w, http.StatusNotFound, "Not Found")
		return
	}
	now := s.clock.now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	flows, runs, msg := s.healthFlows(r, now)
	if msg != "" {
		badParam(w, "%s", msg)
		return
	}
	counts := obj{"GREEN": 0, "YELLOW": 0, "RED": 0}
	for i, f := range flows {
		rec, errs, _ := f.flowTotals(runs[i])
		h := healthOf(rec, errs)
		counts[h] = counts[h].(int) + 1
	}
	writeJSON(w, http.StatusOK, obj{"status": 200, "message": "Ok", "data": counts})
}

// handleDashboard is GET /users/{uid}/flows/dashboard: the last 24 hours per
// resource ({records, size, errors, status}), keyed by resource id. status
// is ERROR when the resource's newest run of the window failed there (no
// records), WARNING when any run of the window had errors there, else OK.
func (s *Sim) handleDashboard(w http.ResponseWriter, r *http.Request) {
	if s.opts.NoOrgHealth {
		writeMessage(w, http.StatusNotFound, "Not Found")
		return
	}
	now := s.clock.now()
	from := now.Add(-dashboardWindow)
	s.mu.RLock()
	defer s.mu.RUnlock()
	role := strings.ToLower(r.URL.Query().Get("access_role"))
	if !slices.Contains(validRoles, role) {
		badParam(w, "Invalid access_role '%s': use owner, collaborator, operator or admin", r.URL.Query().Get("access_role"))
		return
	}
	uid := callerOf(r)
	sources, sets, sinks := obj{}, obj{}, obj{}
	for _, f := range s.org.flows {
		fr := s.roleOf(uid, f)
		if fr == "" || !roleAllows(role, fr) {
			continue
		}
		done := f.completedRuns(now)
		lo := len(done)
		for lo > 0 && !done[lo-1].start().Before(from) {
			lo--
		}
		window := done[lo:]
		if len(window) == 0 {
			continue
		}
		if f.src != nil {
			sources[itoa(f.src.id)] = dashboardEntry(f, window, kindSource, f.src.id)
		}
		for _, n := range f.sets {
			sets[itoa(n.id)] = dashboardEntry(f, window, kindNexset, n.id)
		}
		for _, k := range f.sinks {
			sinks[itoa(k.id)] = dashboardEntry(f, window, kindSink, k.id)
		}
	}
	writeJSON(w, http.StatusOK, obj{"status": 200, "metrics": obj{"sources": sources, "datasets": sets, "sinks": sinks,
		"start_time": isoTime(from), "end_time": isoTime(now)}})
}

func dashboardEntry(f *flow, window []run, kind uint8, id int64) obj {
	var rec, errs, size int64
	for _, rn := range window {
		r, e, sz := f.resourceMetrics(rn, kind, id)
		rec, errs, size = rec+r, errs+e, size+sz
	}
	status := "OK"
	if errs > 0 {
		status = "WARNING"
	}
	if r, e, _ := f.resourceMetrics(window[len(window)-1], kind, id); e > 0 && r == 0 {
		status = "ERROR"
	}
	return obj{"records": rec, "size": size, "errors": errs, "status": status}
}
