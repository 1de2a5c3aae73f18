package runbook

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// logMatch is what one log pattern found.
type logMatch struct {
	lines    int      // matching issue lines in the failed run
	example  string   // first of them
	resource string   // its resource type
	runs     int      // failed runs (window) whose issues match
	ofRuns   int      // failed runs (window) that logged any issue
	evidence []string // ready-made evidence lines

	// With only the failed run's logs (Facts.SingleRunLogs): how many of
	// the recent failed runs failed at the resource that logged the example
	// line, out of failedRuns.
	single             bool
	atSame, failedRuns int
}

// matchLogs looks for re among the failed run's issue lines and, to judge
// how consistent the cause is, among the issue lines of every failed run of
// the window.
func (a *analysis) matchLogs(re *regexp.Regexp) logMatch {
	var m logMatch
	var at resKey
	for _, e := range a.f.FailedLogs {
		if isIssue(e.Severity) && re.MatchString(e.Log) {
			if m.lines == 0 {
				m.example, m.resource = e.Log, e.ResourceType
				at = logResource(e)
			}
			m.lines++
		}
	}
	if a.f.SingleRunLogs {
		m.single = true
		if m.found() {
			m.atSame, m.failedRuns = a.failedAt(at)
			m.evidence = append(m.evidence, logEvidence(m, a.f.FailedRunID), a.singleRunEvidence(m, at))
		}
		return m
	}
	// Every run of the window that logged an ERROR counts, not only the last
	// N: an error that explains one streak but not the others is no cause.
	logged, hit := map[int64]bool{}, map[int64]bool{}
	for _, e := range a.windowIssues {
		if e.RunID == 0 || !isError(e.Severity) {
			continue
		}
		logged[e.RunID] = true
		if re.MatchString(e.Log) {
			hit[e.RunID] = true
			if m.example == "" {
				m.example, m.resource = e.Log, e.ResourceType
			}
		}
	}
	m.runs, m.ofRuns = len(hit), len(logged)
	if m.example != "" {
		m.evidence = append(m.evidence, logEvidence(m, a.f.FailedRunID))
	}
	if m.ofRuns > 0 && m.runs > 0 {
		m.evidence = append(m.evidence, fmt.Sprintf("%d of %d runs with logged errors in the last %d days show it", m.runs, m.ofRuns, a.f.Opts.Days))
	}
	return m
}

// logEvidence is the evidence line quoting the example line.
func logEvidence(m logMatch, runID int64) string {
	where := ""
	if m.resource != "" {
		where = " at " + clean(m.resource)
	}
	ev := fmt.Sprintf("log%s: %q", where, clean(shorten(m.example, 160)))
	if m.lines > 1 {
		ev += fmt.Sprintf(" (%d such lines in run %d)", m.lines, runID)
	}
	return ev
}

// found reports whether the pattern was seen at all.
func (m logMatch) found() bool { return m.example != "" }

// consistent reports whether the pattern explains most failed runs; without
// window logs the failed run's own lines are all there is, so they count.
// With only one run's logs read on purpose (the health overview), the other
// failed runs are judged by where they failed, and all of them must have
// failed where the line was logged: a place is weaker evidence than a line.
func (m logMatch) consistent() bool {
	if m.single {
		return m.lines > 0 && m.failedRuns > 0 && m.atSame == m.failedRuns
	}
	if m.ofRuns == 0 {
		return m.lines > 0
	}
	return m.runs*2 > m.ofRuns
}

// confidence is what a log match alone supports: high when it explains the
// failures, medium when it seems to but only one run's logs were read, low
// when other failures have other causes.
func (m logMatch) confidence() Confidence {
	switch {
	case !m.consistent():
		return ConfidenceLow
	case m.single:
		return ConfidenceMedium
	}
	return ConfidenceHigh
}

// logResource is the resource that logged e, or the zero key when the line
// does not say.
func logResource(e nexla.LogEntry) resKey {
	rt := map[string]nexla.ResourceType{"SOURCE": nexla.DataSources, "DATASET": nexla.DataSets, "SINK": nexla.DataSinks}[strings.ToUpper(e.ResourceType)]
	if rt == "" || e.ResourceID == 0 {
		return resKey{}
	}
	return resKey{rt, e.ResourceID}
}

// failedAt counts the recent runs with errors (failed or partial) that had
// them at k, of all runs with errors.
func (a *analysis) failedAt(k resKey) (at, failed int) {
	for _, r := range a.r.Runs {
		if !r.Outcome.Failed() {
			continue
		}
		failed++
		for _, x := range r.Failing {
			if k.ID != 0 && x.RT == k.RT && x.ID == k.ID {
				at++
				break
			}
		}
	}
	return at, failed
}

// singleRunEvidence says how far one run's logs reach: whether every recent
// failure happened where the line was logged.
func (a *analysis) singleRunEvidence(m logMatch, k resKey) string {
	where := "the resource that logged it"
	if k.ID != 0 {
		where = lbl(a.f.ref(k.RT, k.ID))
	}
	switch {
	case m.failedRuns == 1 && m.atSame == 1:
		return fmt.Sprintf("only run %d's logs read; it is the one run with errors of the last %d", a.f.FailedRunID, a.r.Stats.Total)
	case m.atSame == m.failedRuns && m.failedRuns > 0:
		return fmt.Sprintf("only run %d's logs read: all %d runs with errors of the last %d had them at %s", a.f.FailedRunID, m.failedRuns, a.r.Stats.Total, where)
	}
	return fmt.Sprintf("only run %d's logs read: %d of the %d runs with errors of the last %d had them at %s, so it may not explain the others",
		a.f.FailedRunID, m.atSame, m.failedRuns, a.r.Stats.Total, where)
}

// RunsSentence is the one way every report, row and command says how the
// last runs went, partial runs (records moved, with errors) kept apart
// from failed ones: "4 of the last 10 runs failed and 4 were partial",
// "3 of the last 10 runs were partial", "0 of the last 10 runs failed".
// failed counts FAILED runs only.
func RunsSentence(failed, partial, total int) string {
	switch {
	case partial == 0:
		return fmt.Sprintf("%d of the last %d runs failed", failed, total)
	case failed == 0:
		return fmt.Sprintf("%d of the last %d runs %s partial", partial, total, wasWere(partial))
	}
	return fmt.Sprintf("%d of the last %d runs failed and %d %s partial", failed, total, partial, wasWere(partial))
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// Sentence is RunsSentence of the stats ("4 of the last 10 runs failed and
// 4 were partial"); Failed counts both, the sentence never does.
func (s RunStats) Sentence() string { return RunsSentence(s.Failed-s.Partial, s.Partial, s.Total) }

// runsEvidence is "5 of the last 10 runs failed" (partial runs apart, see
// RunsSentence), with "all since <what> changed on <when>" when a matching
// change precedes every run with errors.
func (a *analysis) runsEvidence(what string, match func(ConfigChange) bool) (string, *ConfigChange) {
	st := a.r.Stats
	if st.Total == 0 {
		return "", nil
	}
	s := st.Sentence()
	if st.Failed == 0 || match == nil {
		return s, nil
	}
	if c := a.changeBefore(st.OldestFailure.begun(), match); c != nil {
		return s + fmt.Sprintf(", all since %s changed on %s", what, stamp(c.At)), c
	}
	return s, nil
}

// changeBefore is the newest matching change at or before t that came after
// the last success preceding the failures (so it plausibly caused them).
func (a *analysis) changeBefore(t time.Time, match func(ConfigChange) bool) *ConfigChange {
	if t.IsZero() {
		return nil
	}
	// A run reads its config when it starts, so a change made while the last
	// good run was still going did not take part in it: compare with starts.
	var lastOKBefore time.Time
	for _, r := range a.r.Runs {
		if begun := r.begun(); !r.Outcome.Failed() && begun.Before(t) && begun.After(lastOKBefore) {
			lastOKBefore = begun
		}
	}
	changes := a.configChanges()
	for i := range changes { // newest first
		c := &changes[i]
		if c.At.After(t) || !match(*c) {
			continue
		}
		if !lastOKBefore.IsZero() && c.At.Before(lastOKBefore) {
			return nil
		}
		return c
	}
	return nil
}

func changedFields(sub ...string) func(ConfigChange) bool {
	return func(c ConfigChange) bool {
		for _, f := range c.Fields {
			for _, s := range sub {
				if strings.Contains(f, s) {
					return true
				}
			}
		}
		return false
	}
}
