package sim

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// logLine is one flow log entry, generated from a run on demand.
type logLine struct {
	ts       int64
	resID    int64
	resType  string // SOURCE | DATASET | SINK
	log      string
	logType  string // LOG | SUMMARY
	severity string // INFO | WARNING | ERROR
}

// obj is the spec's FlowLogEntry: no per-entry run id (§9 row 9); the run
// asked for is logs.meta.run_id.
func (l logLine) obj() obj {
	return obj{"timestamp": l.ts, "resource_id": l.resID, "resource_type": l.resType, "log": l.log,
		"log_type": l.logType, "severity": l.severity}
}

func (s *Sim) credHost(id int64) string {
	if c := s.org.credByID[id]; c != nil {
		return c.host
	}
	return "unknown-host"
}

// sourceHost names where a source connects and with what.
func (s *Sim) sourceHost(src *source) string {
	if g := src.group; g != nil {
		return s.credHost(g.credIDs[0]) + " with credentials group " + strconv.FormatInt(g.id, 10)
	}
	return s.credHost(src.credID) + " with credential " + strconv.FormatInt(src.credID, 10)
}

// failureText is the i-th error line of a failed or partial run.
func (f *flow) failureText(r run, i int) string {
	rec := 48213 + int64(i)*977 + r.id%1000
	switch r.cause {
	case causeCredential:
		return "Authentication failed reading " + f.src.location + ": 403 Access denied: OAuth token expired (credential needs re-authentication)"
	case causeTransform:
		return fmt.Sprintf("Transform error in record %d: field 'amount': cannot convert 'N/A' to decimal", rec)
	case causeSchema:
		if i%2 == 1 {
			return fmt.Sprintf("Parse failure in record %d: value \"C-%d\" for 'customer_id' is not an integer", rec, rec%9000)
		}
		return "Schema validation failed: field 'customer_id' expected integer but found string"
	case causeRate:
		return "429 Too Many Requests from api.vendor.example; backing off"
	case causeTimeout:
		return "Connection timed out after 30000 ms reading from " + hostOf(f.src.location, "sftp.northwind-partner.example")
	case causeConflict:
		return "409 Conflict: object orders_2026.parquet already exists at " + f.failSinkLocation()
	case causeParse:
		return fmt.Sprintf("Record parse error at record %d: unexpected end of JSON input", rec)
	case causeUpstream5xx:
		return "503 Service Unavailable from " + hostOf(f.src.location, "upstream") + " while reading page " + strconv.Itoa(2+i)
	case causeDeadlock:
		return "Write failed: deadlock detected while inserting into " + f.sinks[0].location
	case causePassword:
		return "Authentication failed connecting to " + f.src.location + ": FATAL: password authentication failed for user \"etl_reader\""
	case causeRefused:
		return "Connection refused reading " + f.src.location + ": could not connect to server (is it accepting TCP/IP connections on port 5432?)"
	}
	return "Run failed"
}

func (f *flow) failSinkLocation() string {
	if f.failSink != nil {
		return f.failSink.location
	}
	return f.sinks[0].location
}

func hostOf(loc, fallback string) string {
	if rest, ok := strings.CutPrefix(loc, "https://"); ok {
		if i := strings.IndexByte(rest, '/'); i > 0 {
			return rest[:i]
		}
		return rest
	}
	return fallback
}

// runLogs writes every line of run r, in time order, up to now.
func (s *Sim) runLogs(f *flow, r run, now time.Time) []logLine {
	start := r.id
	dur := int64(r.durSec) * 1000
	at := func(frac float64, k int) int64 { return start + int64(float64(dur)*frac) + int64(k)*250 }
	var out []logLine
	add := func(ts, res int64, rt, sev, typ, msg string) {
		out = append(out, logLine{ts: ts, resID: res, resType: rt, log: msg, logType: typ, severity: sev})
	}
	summary := func(ts int64, kind uint8, id int64, rt string) {
		rec, errs, size := f.resourceMetrics(r, kind, id)
		sev := "INFO"
		if errs > 0 {
			sev = "ERROR"
		}
		add(ts, id, rt, sev, "SUMMARY", fmt.Sprintf("Processed records=%d, errors=%d, size=%d", rec, errs, size))
	}
	errLines := func(base float64, id int64, rt string) {
		n := int(min(r.errors, 3))
		if r.cause == causeRate {
			add(at(base, 0), id, rt, "WARNING", "LOG", "429 Too Many Requests from api.vendor.example; backing off 30 s (attempt 1 of 5)")
			add(at(base, 1), id, rt, "WARNING", "LOG", "429 Too Many Requests from api.vendor.example; backing off 60 s (attempt 2 of 5)")
		}
		for i := 0; i < max(n, 1); i++ {
			add(at(base, i+2), id, rt, "ERROR", "LOG", f.failureText(r, i))
		}
	}
	if src := f.src; src != nil {
		add(at(0, 0), src.id, "SOURCE", "INFO", "LOG", "Run "+strconv.FormatInt(r.id, 10)+" started: reading "+src.location)
		add(at(0, 1), src.id, "SOURCE", "INFO", "LOG", "Connecting to "+s.sourceHost(src))
		if r.failRes == src.id && r.failKin == kindSource {
			errLines(0.1, src.id, "SOURCE")
		}
		if rec, _, _ := f.resourceMetrics(r, kindSource, src.id); rec > 0 {
			add(at(0.3, 0), src.id, "SOURCE", "INFO", "LOG", fmt.Sprintf("Read %d records from %s", rec, src.location))
		}
	}
	for i, n := range f.sets {
		base := 0.35 + 0.1*float64(i)
		if n.transform {
			add(at(base, 0), n.id, "DATASET", "INFO", "LOG", "Applying record transform to nexset "+strconv.FormatInt(n.id, 10))
		} else {
			add(at(base, 0), n.id, "DATASET", "INFO", "LOG", fmt.Sprintf("Validating records against schema '%s'", schemaCatalog[n.schema%len(schemaCatalog)].name))
		}
		if r.failRes == n.id && r.failKin == kindNexset {
			errLines(base+0.02, n.id, "DATASET")
		}
	}
	for i, sk := range f.sinks {
		base := 0.7 + 0.05*float64(i)
		add(at(base, 0), sk.id, "SINK", "INFO", "LOG", "Writing to "+sk.location)
		if r.failRes == sk.id && r.failKin == kindSink {
			errLines(base+0.02, sk.id, "SINK")
		}
	}
	end := start + dur
	if f.src != nil {
		summary(end-900, kindSource, f.src.id, "SOURCE")
	}
	for i, n := range f.sets {
		summary(end-600+int64(i), kindNexset, n.id, "DATASET")
	}
	for i, sk := range f.sinks {
		summary(end-300+int64(i), kindSink, sk.id, "SINK")
	}
	nowMs := now.UnixMilli()
	kept := out[:0]
	for _, l := range out {
		if l.ts <= nowMs {
			kept = append(kept, l)
		}
	}
	slices.SortStableFunc(kept, func(a, b logLine) int { return cmpInt(a.ts, b.ts) })
	return kept
}

// handleFlowLogs serves every flow-logs path variant (§5.7).
func (s *Sim) handleFlowLogs(find flowFinder) http.HandlerFunc {
	return withID(func(w http.ResponseWriter, r *http.Request, id int64) { s.flowLogs(w, r, find, id) })
}

func (s *Sim) flowLogs(w http.ResponseWriter, r *http.Request, find flowFinder, id int64) {
	q := r.URL.Query()
	runID, err := firstInt(q, "run_id", "runId")
	if err != nil {
		badParam(w, "%v", err)
		return
	}
	from, hasFrom, err := logTime(q, "from", s.opts.LogUnit)
	if err != nil {
		badParam(w, "%v", err)
		return
	}
	to, hasTo, err := logTime(q, "to", s.opts.LogUnit)
	if err != nil {
		badParam(w, "%v", err)
		return
	}
	for _, k := range []string{"order_by", "orderby"} {
		if v := q.Get(k); v != "" && v != "ts" {
			badParam(w, "Flow logs 'order_by' query parameter supports only the 'ts' option")
			return
		}
	}
	order := strings.ToLower(q.Get("sort_order") + q.Get("sortorder"))
	if order != "" && order != "asc" && order != "desc" {
		badParam(w, "Invalid sort_order '%s': use asc or desc", order)
		return
	}
	severity := strings.ToUpper(q.Get("severity") + q.Get("level"))
	if severity == "WARN" {
		severity = "WARNING"
	}
	if severity != "" && severity != "INFO" && severity != "WARNING" && severity != "ERROR" && severity != "DEBUG" {
		badParam(w, "Invalid severity '%s': use INFO, WARNING or ERROR", severity)
		return
	}
	logType := strings.ToUpper(q.Get("log_type"))
	page, size, ok := flowPage(w, q)
	if !ok {
		return
	}
	now := s.clock.now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	f, _ := find(id)
	if !found(w, f != nil) || !visible(w, s.roleOf(callerOf(r), f)) {
		return
	}
	var lines []logLine
	for _, rn := range f.runs {
		if runID > 0 && rn.id != runID {
			continue
		}
		if (hasTo && rn.start().After(to)) || (hasFrom && rn.end().Before(from)) {
			continue
		}
		for _, l := range s.runLogs(f, rn, now) {
			if (hasFrom && l.ts < from.UnixMilli()) || (hasTo && l.ts > to.UnixMilli()) ||
				(severity != "" && l.severity != severity) || (logType != "" && l.logType != logType) {
				continue
			}
			lines = append(lines, l)
		}
	}
	if order == "desc" {
		slices.Reverse(lines)
	}
	lo, hi := window(len(lines), page, size)
	data := make([]obj, 0, hi-lo)
	for _, l := range lines[lo:hi] {
		data = append(data, l.obj())
	}
	meta := obj{"current_page": page, "pages_count": pageCount(len(lines), size), "total_count": len(lines), "org_id": s.org.id, "run_id": runID}
	if runID == 0 {
		meta["run_id"] = -1
	}
	writeJSON(w, http.StatusOK, obj{"status": 200, "message": "Ok", "logs": obj{"data": data, "meta": meta}})
}

// logTime reads a log endpoint's from/to under the simulator's unit
// reading (Options.LogUnit): under a fixed unit a number is that unit
// whatever its size, so the other unit reads as a far-off or an ancient time.
func logTime(q url.Values, name, unit string) (time.Time, bool, error) {
	raw := strings.TrimSpace(q.Get(name))
	n, err := strconv.ParseInt(raw, 10, 64)
	if raw == "" || err != nil || unit == LogUnitEither {
		return epochParam(q, name)
	}
	if unit == LogUnitSeconds {
		return time.Unix(n, 0).UTC(), true, nil
	}
	return time.UnixMilli(n).UTC(), true, nil
}

func firstInt(q map[string][]string, names ...string) (int64, error) {
	for _, n := range names {
		raw := ""
		if v := q[n]; len(v) > 0 {
			raw = strings.TrimSpace(v[0])
		}
		if raw == "" || raw == "-1" {
			continue
		}
		v, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || v <= 0 {
			return 0, fmt.Errorf("Invalid value '%s' for '%s': expected a run id", raw, n)
		}
		return v, nil
	}
	return 0, nil
}
