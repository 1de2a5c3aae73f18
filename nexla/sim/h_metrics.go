package sim

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Metrics are computed from the runs on every request, so daily totals, run
// summaries, flow metrics and include_run_metrics always agree.

// fromTo reads the from (required) and to (default now) window.
func fromTo(w http.ResponseWriter, r *http.Request, now time.Time) (from, to time.Time, ok bool) {
	q := r.URL.Query()
	from, has, err := dateParam(q, "from")
	if err != nil {
		badParam(w, "%v", err)
		return from, to, false
	}
	if !has {
		badParam(w, "'from' query parameter is required (a date such as %s, or epoch seconds/milliseconds)", now.Format("2006-01-02"))
		return from, to, false
	}
	to, has, err = dateParam(q, "to")
	if err != nil {
		badParam(w, "%v", err)
		return from, to, false
	}
	if !has {
		to = now
	} else if len(q.Get("to")) == len("2006-01-02") {
		to = to.Add(24*time.Hour - time.Millisecond) // a date means the whole day
	}
	if to.Before(from) {
		badParam(w, "'to' must not be before 'from'")
		return from, to, false
	}
	return from, to, true
}

func runStatus(r run, now time.Time) string {
	if now.Before(r.end()) {
		return "PROCESSING"
	}
	switch r.outcome {
	case outcomeFailed:
		return "FAILED"
	case outcomePartial:
		return "PARTIAL"
	}
	return "SUCCESS"
}

func (s *Sim) handleDailyMetrics(kind uint8) http.HandlerFunc {
	return withID(func(w http.ResponseWriter, r *http.Request, id int64) {
		now := s.clock.now()
		from, to, ok := fromTo(w, r, now)
		if !ok {
			return
		}
		if _, ok := flags(w, r.URL.Query(), "aggregate"); !ok {
			return
		}
		s.mu.RLock()
		defer s.mu.RUnlock()
		f, b := s.lookup(kind, id)
		if !found(w, f != nil) || !visible(w, s.roleOf(callerOf(r), f)) {
			return
		}
		type day struct{ rec, size, errs int64 }
		days := map[string]*day{}
		var keys []string
		for _, rn := range f.completedRuns(now) {
			st := rn.start()
			if st.Before(from) || st.After(to) {
				continue
			}
			k := st.Format("2006-01-02")
			d := days[k]
			if d == nil {
				d = &day{}
				days[k] = d
				keys = append(keys, k)
			}
			rec, errs, size := f.resourceMetrics(rn, kind, b.id)
			d.rec += rec
			d.errs += errs
			d.size += size
		}
		out := make([]obj, 0, len(keys))
		for _, k := range keys {
			d := days[k]
			out = append(out, obj{"time": k, "records": d.rec, "size": d.size, "errors": d.errs})
		}
		writeJSON(w, http.StatusOK, obj{"status": 200, "metrics": out})
	})
}

func (s *Sim) handleRunSummary(kind uint8) http.HandlerFunc {
	return withID(func(w http.ResponseWriter, r *http.Request, id int64) {
		q := r.URL.Query()
		groupBy, orderBy := q.Get("groupby"), q.Get("orderby")
		if groupBy != "" && groupBy != "runId" && groupBy != "lastWritten" {
			badParam(w, "Invalid groupby '%s': use runId or lastWritten", groupBy)
			return
		}
		if groupBy == "lastWritten" && kind != kindSink {
			badParam(w, "groupby=lastWritten is only supported for data sinks")
			return
		}
		if orderBy != "" && orderBy != "runId" && orderBy != "lastWritten" {
			badParam(w, "Invalid orderby '%s': use runId or lastWritten", orderBy)
			return
		}
		page, size, ok := bodyPage(w, q, "size", 100)
		if !ok {
			return
		}
		now := s.clock.now()
		s.mu.RLock()
		defer s.mu.RUnlock()
		f, b := s.lookup(kind, id)
		if !found(w, f != nil) || !visible(w, s.roleOf(callerOf(r), f)) {
			return
		}
		runs := f.completedRuns(now)
		dataSetID := b.id
		switch kind {
		case kindSource:
			dataSetID = f.sets[0].id
		case kindSink:
			dataSetID = s.org.sinkByID[b.id].set.id
		}
		total := len(runs)
		lo, hi := window(total, page, size)
		data := make([]obj, 0, hi-lo)
		for k := lo; k < hi; k++ {
			rn := runs[total-1-k] // RunOrderDesc: newest first
			if s.opts.RunOrder == RunOrderAsc {
				rn = runs[k]
			}
			rec, errs, sz := f.resourceMetrics(rn, kind, b.id)
			row := obj{"runId": rn.id, "dataSetId": dataSetID, "records": rec, "size": sz, "errors": errs}
			if groupBy == "lastWritten" {
				row["lastWritten"] = rn.end().UnixMilli()
			}
			data = append(data, row)
		}
		writeJSON(w, http.StatusOK, obj{"status": 200, "metrics": obj{"data": data, "meta": pageMeta(page, size, total)}})
	})
}

func pageMeta(page, size int64, total int) obj {
	return obj{"currentPage": page, "pageCount": pageCount(total, size), "totalCount": total}
}

// handleFlowMetrics answers every flow-metrics path: totals per resource
// over the window, or with groupby=runId one entry per run keyed by run id.
func (s *Sim) handleFlowMetrics(find flowFinder) http.HandlerFunc {
	return withID(func(w http.ResponseWriter, r *http.Request, id int64) { s.flowMetrics(w, r, find, id) })
}

func (s *Sim) flowMetrics(w http.ResponseWriter, r *http.Request, find flowFinder, id int64) {
	q := r.URL.Query()
	now := s.clock.now()
	from, to, ok := fromTo(w, r, now)
	if !ok {
		return
	}
	groupBy := q.Get("groupby")
	if groupBy != "" && groupBy != "runId" {
		badParam(w, "Invalid groupby '%s': only runId is supported", groupBy)
		return
	}
	if ob := q.Get("orderby"); ob != "" && ob != "runId" && ob != "created_at" {
		badParam(w, "Invalid orderby '%s': use runId or created_at", ob)
		return
	}
	page, size, ok := flowPage(w, q)
	if !ok {
		return
	}
	onlyRun, _, err := intParam(q, "run_id", 1)
	if err == nil && onlyRun == 0 {
		onlyRun, _, err = intParam(q, "runId", 1)
	}
	if err != nil {
		badParam(w, "%v", err)
		return
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	f, _ := find(id)
	if !found(w, f != nil) || !visible(w, s.roleOf(callerOf(r), f)) {
		return
	}
	var runs []run
	for _, rn := range f.completedRuns(now) {
		if st := rn.start(); !st.Before(from) && !st.After(to) && (onlyRun == 0 || rn.id == onlyRun) {
			runs = append(runs, rn)
		}
	}
	if groupBy == "" {
		data := s.flowNodeMetrics(f, runs)
		writeJSON(w, http.StatusOK, obj{"status": 200, "message": "Ok", "metrics": obj{"data": data, "meta": pageMeta(1, max(int64(len(runs)), 1), len(runs))}})
		return
	}
	slices.Reverse(runs)
	lo, hi := window(len(runs), page, size)
	data := obj{}
	for _, rn := range runs[lo:hi] {
		data[strconv.FormatInt(rn.id, 10)] = s.flowNodeMetrics(f, []run{rn})
	}
	writeJSON(w, http.StatusOK, obj{"status": 200, "message": "Ok", "metrics": obj{"data": data, "meta": pageMeta(page, size, len(runs))}})
}

func (s *Sim) flowNodeMetrics(f *flow, runs []run) obj {
	one := func(kind uint8, id int64) obj {
		var rec, errs, size int64
		for _, rn := range runs {
			a, b, c := f.resourceMetrics(rn, kind, id)
			rec, errs, size = rec+a, errs+b, size+c
		}
		return obj{"id": id, "metric": obj{"records": rec, "size": size, "errors": errs}}
	}
	srcs := []obj{}
	if f.src != nil {
		srcs = append(srcs, one(kindSource, f.src.id))
	}
	sets := []obj{}
	for _, n := range f.sets {
		sets = append(sets, one(kindNexset, n.id))
	}
	sinks := []obj{}
	for _, sk := range f.sinks {
		sinks = append(sinks, one(kindSink, sk.id))
	}
	return obj{"data_sources": srcs, "data_sets": sets, "data_sinks": sinks}
}

// handleRunStatus is GET /flows/{id}/run_status/{run_id|latest}: one entry per sink.
func (s *Sim) handleRunStatus(w http.ResponseWriter, r *http.Request, id int64) {
	want := r.PathValue("run")
	var runID int64
	if want != "latest" {
		n, err := strconv.ParseInt(want, 10, 64)
		if err != nil || n <= 0 {
			badParam(w, "Invalid run id '%s': use a run id or 'latest'", want)
			return
		}
		runID = n
	}
	now := s.clock.now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	f := s.org.flowByNode[id]
	if !found(w, f != nil) || !visible(w, s.roleOf(callerOf(r), f)) {
		return
	}
	idx := -1
	for i := len(f.runs) - 1; i >= 0; i-- {
		if runID == 0 || f.runs[i].id == runID {
			idx = i
			break
		}
	}
	if idx < 0 {
		writeMessage(w, http.StatusNotFound, "Run not found for: "+want)
		return
	}
	rn := f.runs[idx]
	out := make([]obj, 0, len(f.sinks))
	for _, sk := range f.sinks {
		rec, errs, _ := f.resourceMetrics(rn, kindSink, sk.id)
		st := runStatus(rn, now)
		output := obj{"sink_id": sk.id, "records": rec, "errors": errs}
		if st == "FAILED" || st == "PARTIAL" {
			output["error"] = strings.TrimSpace(f.failureText(rn, 0))
		}
		e := obj{"status": st, "run_id": rn.id, "sink_id": sk.id, "data_set_id": sk.set.id,
			"started_at": isoTime(rn.start()), "completed_at": nil, "output": output}
		if st != "PROCESSING" {
			e["completed_at"] = isoTime(rn.end())
		}
		out = append(out, e)
	}
	writeJSON(w, http.StatusOK, out)
}
