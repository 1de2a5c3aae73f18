package runbook

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// analysis is the derived view of a Facts sheet that steps and rules share.
type analysis struct {
	f       *Facts
	r       *Report
	changes []ConfigChange
	diff    []DiffLine
	// windowIssues are Facts.WindowIssues with run ids assigned by time.
	windowIssues []nexla.LogEntry
	// people names users by id (built on first use, see who).
	people map[int64]person
	// shapes are ErrorShapes(windowIssues), grouped once (see errorShapes).
	shapes     []ErrorShape
	shapesDone bool

	// readChanges is set while a rule is evaluated if it consulted the
	// config changes; changeReaders keeps it per cause that fired.
	readChanges   bool
	changeReaders map[string]bool
}

// configChanges are the audit-log changes of the flow, newest first, for a
// rule; reading them is noted (see ranked).
func (a *analysis) configChanges() []ConfigChange {
	a.readChanges = true
	return a.changes
}

// Analyze derives the report (steps and findings) from what is known so
// far. It is cheap enough to call after every event.
func Analyze(f *Facts) *Report {
	r := &Report{Target: f.Target, GeneratedAt: f.Now, Done: f.Done}
	refs := map[resKey]ResourceRef{}
	for _, ref := range f.Resources {
		refs[resKey{ref.RT, ref.ID}] = ref
	}
	if f.Flow != nil && len(f.Flow.Flows) > 0 {
		o := f.Origin
		r.Flow = FlowSummary{ID: o.ID, Name: clean(o.Name), Status: clean(o.Status), RuntimeStatus: clean(o.RuntimeStatus), LastRunID: o.LastRunID}
		if r.Flow.Name == "" && len(f.Resources) > 0 {
			r.Flow.Name = clean(f.Resources[0].Name)
		}
	}
	times, windowIssues := f.windowByRun()
	r.Runs = mergeRuns(f.RunMetrics, refs, times, f.Opts.Runs)
	r.Stats = Stats(r.Runs)
	r.Daily = mergeDaily(f.Daily)
	r.Unread = f.unreadRuns()
	a := &analysis{f: f, r: r, changes: configChanges(f), diff: DiffLogs(f.FailedLogs, f.OKLogs), windowIssues: windowIssues}
	a.markChanges()
	r.Changes = a.shownChanges()
	r.Steps = [len(AllSteps)]Step{
		a.finish(a.failurePoint()), a.finish(a.runMetrics()), a.finish(a.logs()), a.finish(a.runDiff()),
		a.finish(a.dependencies()), a.finish(a.config()), a.finish(a.fixVerify()),
	}
	r.Findings = a.findings()
	return r
}

// unreadRuns names the run summaries that could not be read, "" if none.
func (f *Facts) unreadRuns() string {
	var failed []string
	for call, e := range f.errs {
		if strings.HasPrefix(call, "run_summary ") {
			failed = append(failed, call+": "+e.err.Error())
		}
	}
	if len(failed) == 0 {
		return ""
	}
	sort.Strings(failed)
	return fmt.Sprintf("%s could not be read (%s)", plural(len(failed), "run summary", "run summaries"), failed[0])
}

// finish folds in-flight calls and call errors into the step's state.
func (a *analysis) finish(s Step) Step {
	running := false
	for _, step := range a.f.pending {
		if step == s.ID {
			running = true
		}
	}
	var errs []string
	for call, e := range a.f.errs {
		if e.step == s.ID {
			errs = append(errs, clean(call+": "+e.err.Error()))
		}
	}
	sort.Strings(errs)
	s.Errors = errs
	switch {
	case running && s.State != StateFailing:
		s.State = StateRunning
	case len(errs) > 0 && (s.State == StateOK || s.State == StatePending || s.State == StateSkipped):
		s.State = StateWarning
		if s.Summary == "" {
			s.Summary = "could not read everything: " + errs[0]
		}
	case s.State == StatePending && !running && a.f.Done:
		s.State = StateSkipped
	}
	return s
}

func lbl(r ResourceRef) string { return clean(r.Label()) }

func (a *analysis) failurePoint() Step {
	s := Step{ID: StepFailurePoint, State: StatePending}
	f, st := a.f, a.r.Stats
	if f.Flow == nil {
		if err := f.Err("flow"); err != nil {
			s.State, s.Summary = StateFailing, clean("flow not readable: "+err.Error())
		}
		return s
	}
	fl := a.r.Flow
	s.Summary = fmt.Sprintf("flow %q (id %d) is %s, runtime %s", fl.Name, fl.ID, orUnknown(fl.Status), orUnknown(fl.RuntimeStatus))
	s.State = StateOK
	switch fl.Status {
	case nexla.StatusPaused, nexla.StatusInit:
		s.State = StateWarning
	case nexla.StatusRateLimited:
		s.State = StateFailing
	}
	if st.Latest != nil {
		l := st.Latest
		s.Summary += fmt.Sprintf("; last run %s (%s, run id %d)", ago(f.Now, l.At()), l.Outcome, l.ID)
		if l.Outcome.Failed() {
			s.State = StateFailing
			var names []string
			for _, r := range l.Failing {
				names = append(names, lbl(r))
			}
			s.Summary += "; failing at " + strings.Join(names, ", ")
		}
	} else if len(f.RunMetrics) > 0 {
		s.Summary += "; no runs recorded"
	}
	failing := map[resKey]bool{}
	if st.LastFailure != nil {
		for _, r := range st.LastFailure.Failing {
			failing[resKey{r.RT, r.ID}] = true
		}
	}
	for _, r := range f.Resources {
		mark := "  "
		if failing[resKey{r.RT, r.ID}] {
			mark = "✗ "
		}
		depth := 0
		for k := (resKey{r.RT, r.ID}); f.Parents[k].ID != 0; k = f.Parents[k] {
			depth++
		}
		s.Details = append(s.Details, fmt.Sprintf("%s%s%s  %s", mark, strings.Repeat("  ", depth), lbl(r), orUnknown(clean(r.Status))))
	}
	for _, c := range f.Consumers {
		s.Details = append(s.Details, clean(fmt.Sprintf("  another flow, not analysed here: %s %s, built on shared nexset %d", c.Label(), orUnknown(c.Status), c.NexsetID)))
	}
	if fl.LastRunID != 0 {
		s.Details = append(s.Details, fmt.Sprintf("last run id %d", fl.LastRunID))
	}
	s.Details = append(s.Details, a.alertLines()...)
	return s
}

// orUnknown is s, or UNKNOWN for a status the server left out.
func orUnknown(s string) string { return orDefault("UNKNOWN", s) }

func orDefault(def, s string) string {
	if s == "" {
		return def
	}
	return s
}

func (a *analysis) runMetrics() Step {
	s := Step{ID: StepRunMetrics, State: StatePending}
	f, st := a.f, a.r.Stats
	if len(f.RunMetrics) == 0 {
		return s
	}
	if st.Total == 0 {
		s.State, s.Summary = StateWarning, "no runs recorded"
		return s
	}
	s.Summary = fmt.Sprintf("%s (%s with errors); last run %s", st.Sentence(), pct(st.ErrorRate), ago(f.Now, st.Latest.At()))
	s.State = StateOK
	if st.Failed > 0 {
		s.State = StateWarning
	}
	if st.ErrorRate > highErrorRate {
		s.State = StateFailing
	}
	if stale, age := a.stale(); stale {
		s.Summary += fmt.Sprintf("; stale: no run for %s (threshold %s)", Dur(age), Dur(f.Opts.StaleAfter))
		if s.State == StateOK {
			s.State = StateWarning
		}
	}
	s.Details = append(s.Details, fmt.Sprintf("%-14s %-16s %10s %8s %10s %8s  %s", "run", "started", "records", "errors", "size", "duration", "outcome"))
	for _, r := range a.r.Runs {
		started := "-"
		if !r.Started.IsZero() {
			started = stamp(r.Started)
		}
		s.Details = append(s.Details, fmt.Sprintf("%-14d %-16s %10d %8d %10s %8s  %s", r.ID, started, r.Records, r.Errors, Bytes(r.Size), Dur(r.Duration()), r.Outcome))
	}
	for _, d := range a.r.Daily {
		s.Details = append(s.Details, fmt.Sprintf("day %s  records %d  errors %d  size %s", clean(d.Day), d.Records, d.Errors, Bytes(d.Size)))
	}
	return s
}

// stale reports whether the newest run is older than the threshold.
func (a *analysis) stale() (bool, time.Duration) {
	st := a.r.Stats
	if st.Latest == nil || st.Latest.At().IsZero() {
		return false, 0
	}
	age := a.f.Now.Sub(st.Latest.At())
	limit, _ := staleAfterFor(a.f, a.r.Runs)
	return age > limit, age
}

func (a *analysis) logs() Step {
	s := Step{ID: StepLogs, State: StatePending}
	f, st := a.f, a.r.Stats
	if len(f.RunMetrics) > 0 && st.LastFailure == nil && !a.runsPending() {
		s.State, s.Summary = StateSkipped, fmt.Sprintf("no run with errors among the last %d", st.Total)
		return s
	}
	if f.FailedRunID == 0 {
		return s
	}
	var errs, warns int
	for _, e := range f.FailedLogs {
		switch {
		case isError(e.Severity):
			errs++
		case isIssue(e.Severity):
			warns++
		}
	}
	s.Summary = fmt.Sprintf("run %d: %s, %d ERROR, %d WARNING", f.FailedRunID, plural(len(f.FailedLogs), "line", "lines"), errs, warns)
	s.State = StateWarning
	if errs > 0 {
		s.State = StateFailing
	}
	for _, g := range groupIssues(f.FailedLogs, 8) {
		s.Details = append(s.Details, fmt.Sprintf("%4d× %-7s %-7s %s", g.Count, g.Severity, clean(g.Resource), clean(shorten(g.Example, 200))))
	}
	if shapes := a.errorShapes(); len(shapes) > 0 {
		s.Details = append(s.Details, fmt.Sprintf("every error shape of the failed runs of the last %d days (%d):", f.Opts.Days, len(shapes)))
		for _, sh := range shapes {
			s.Details = append(s.Details, "  "+sh.line(160, a.r.Stats.Total))
		}
	}
	return s
}

// runsPending reports whether any run summary is still in flight.
func (a *analysis) runsPending() bool {
	for call := range a.f.pending {
		if strings.HasPrefix(call, "run_summary") {
			return true
		}
	}
	return false
}

// groupIssues groups ERROR/WARNING lines by shape, most frequent first.
func groupIssues(logs []nexla.LogEntry, max int) []DiffLine {
	var issues []nexla.LogEntry
	for _, e := range logs {
		// SUMMARY lines ("Processed records=0, errors=1") repeat the counts.
		if isIssue(e.Severity) && !strings.EqualFold(e.LogType, "SUMMARY") {
			issues = append(issues, e)
		}
	}
	g := DiffLogs(issues, nil)
	if len(g) > max {
		g = g[:max]
	}
	return g
}
