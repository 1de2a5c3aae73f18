package runbook

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// logMatch is what one log pattern found.
type logMatch struct {
	lines    int      // matching issue lines in the failed run
	example  string   // first of them
	resource string   // its resource type
	runs     int      // failed runs (window) whose issues match
	ofRuns   int      // failed runs (window) that logged any issue
	evidence []string // ready-made evidence lines
}

// matchLogs looks for re among the failed run's issue lines and, to judge
// how consistent the cause is, among the issue lines of every failed run of
// the window.
func (a *analysis) matchLogs(re *regexp.Regexp) logMatch {
	var m logMatch
	for _, e := range a.f.FailedLogs {
		if isIssue(e.Severity) && re.MatchString(e.Log) {
			if m.lines == 0 {
				m.example, m.resource = e.Log, e.ResourceType
			}
			m.lines++
		}
	}
	// Every run of the window that logged an ERROR counts, not only the last
	// N: an error that explains one streak but not the others is no cause.
	logged, hit := map[int64]bool{}, map[int64]bool{}
	for _, e := range a.f.WindowIssues {
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
		where := ""
		if m.resource != "" {
			where = " at " + clean(m.resource)
		}
		ev := fmt.Sprintf("log%s: %q", where, clean(shorten(m.example, 160)))
		if m.lines > 1 {
			ev += fmt.Sprintf(" (%d such lines in run %d)", m.lines, a.f.FailedRunID)
		}
		m.evidence = append(m.evidence, ev)
	}
	if m.ofRuns > 0 && m.runs > 0 {
		m.evidence = append(m.evidence, fmt.Sprintf("%d of %d runs with logged errors in the last %d days show it", m.runs, m.ofRuns, a.f.Opts.Days))
	}
	return m
}

// found reports whether the pattern was seen at all.
func (m logMatch) found() bool { return m.example != "" }

// consistent reports whether the pattern explains most failed runs; without
// window logs the failed run's own lines are all there is, so they count.
func (m logMatch) consistent() bool {
	if m.ofRuns == 0 {
		return m.lines > 0
	}
	return m.runs*2 > m.ofRuns
}

// runsEvidence is "5 of the last 10 runs failed", with "all since <what>
// changed on <when>" when a matching change precedes every failure.
func (a *analysis) runsEvidence(what string, match func(ConfigChange) bool) (string, *ConfigChange) {
	st := a.r.Stats
	if st.Total == 0 {
		return "", nil
	}
	s := fmt.Sprintf("%d of the last %d runs failed", st.Failed, st.Total)
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
	for i := range a.changes { // newest first
		c := &a.changes[i]
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
