package runbook

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// The health model's recency dimension: what the newest runs say, apart
// from how many of the window failed. A flow whose last five runs succeeded
// after a failing stretch is "recovered", not "critical 5/10".

// Trend is where a flow's runs are heading.
type Trend string

// Trends, best first.
const (
	TrendHealthy    Trend = "healthy"    // no failed or partial run in the window
	TrendRecovered  Trend = "recovered"  // the newest RecoveredAfter runs succeeded after a failing stretch
	TrendRecovering Trend = "recovering" // the newest run succeeded, fewer than RecoveredAfter since the last failure
	TrendDegrading  Trend = "degrading"  // the newest run failed after successes
	TrendFailing    Trend = "failing"    // the newest runs failed (a streak of FailingAfter, or every run)
	TrendNoRuns     Trend = "no runs"
)

// RecoveredAfter is how many successful runs in a row after failures make
// a flow "recovered"; FailingAfter how many failed in a row make it failing.
const (
	RecoveredAfter = 3
	FailingAfter   = 2
)

// Recency is the recency dimension of a verdict.
type Recency struct {
	Trend Trend
	Last  Outcome // the newest run's outcome; "" without runs
	// SinceFailure is how many of the newest runs succeeded since the last
	// failed or partial run.
	SinceFailure int
	// Failed counts runs with no records at the failing resource; Partial
	// those that moved records and had errors. They are kept apart: 4
	// errors in 4,600 records is not a failed run.
	Failed, Partial int
	// Intermittent: successes and failures interleave in the window (not
	// one failing stretch), so a few good runs are not a recovery.
	Intermittent bool
	// Records and Errors are summed over the window's runs that had errors;
	// ErrorShare is Errors/(Records+Errors), the share of their records in
	// error (a failed run is 100%, 4 errors in 4,600 records 0.09%).
	Records, Errors int64
	ErrorShare      float64
}

// RecencyOf reads the recency of runs (newest first).
func RecencyOf(runs []Run) Recency {
	rc := Recency{Trend: TrendNoRuns}
	if len(runs) == 0 {
		return rc
	}
	rc.Last = runs[0].Outcome
	streak, sinceOpen := 0, true
	firstFail, lastFail := -1, -1
	for i, r := range runs {
		if r.Errors > 0 {
			rc.Records += r.Records
			rc.Errors += r.Errors
		}
		switch r.Outcome {
		case OutcomeFailed:
			rc.Failed++
		case OutcomePartial:
			rc.Partial++
		}
		if r.Outcome.Failed() {
			if firstFail < 0 {
				firstFail = i
			}
			lastFail = i
			sinceOpen = false
		} else if sinceOpen {
			rc.SinceFailure++
		}
		if r.Outcome.Failed() && streak == i {
			streak++
		}
	}
	if rc.Records+rc.Errors > 0 {
		rc.ErrorShare = float64(rc.Errors) / float64(rc.Records+rc.Errors)
	}
	if firstFail >= 0 {
		for _, r := range runs[firstFail : lastFail+1] {
			if !r.Outcome.Failed() {
				rc.Intermittent = true
				break
			}
		}
	}
	switch {
	case firstFail < 0:
		rc.Trend = TrendHealthy
	case !runs[0].Outcome.Failed() && rc.SinceFailure >= RecoveredAfter && !rc.Intermittent:
		rc.Trend = TrendRecovered
	case !runs[0].Outcome.Failed():
		rc.Trend = TrendRecovering
	case streak >= FailingAfter || streak == len(runs):
		rc.Trend = TrendFailing
	default:
		rc.Trend = TrendDegrading
	}
	return rc
}

// Summary is the recency in words: "last run PARTIAL · 2 failed, 3 partial
// of 10 · 0.1% of records in error".
func (rc Recency) Summary(total int) string {
	if rc.Trend == TrendNoRuns {
		return "no runs"
	}
	parts := []string{"last run " + string(rc.Last)}
	if rc.Failed+rc.Partial > 0 {
		parts = append(parts, fmt.Sprintf("%d failed, %d partial of %d", rc.Failed, rc.Partial, total))
		parts = append(parts, SharePct(rc.ErrorShare)+" of records in error")
	}
	return strings.Join(parts, " · ")
}

// SharePct formats a share of records with the precision small shares need
// (0.09%, not 0%).
func SharePct(f float64) string {
	switch {
	case f == 0:
		return "0%"
	case f < 0.001:
		return "<0.1%"
	case f < 0.1:
		return strconv.FormatFloat(f*100, 'f', 1, 64) + "%"
	}
	return strconv.FormatFloat(f*100, 'f', 0, 64) + "%"
}

// Schedule-aware staleness.

// expectedEvery is how often the flow is expected to run: its source's poll
// schedule when that reads as a cron, else the cadence of its run history
// (the median gap, from 3 runs up), else 0 (unknown).
func expectedEvery(f *Facts, runs []Run) (time.Duration, string) {
	for _, s := range f.sources() {
		if d := cronEvery(pollSchedule(s.PollSchedule)); d > 0 {
			return d, "poll schedule"
		}
	}
	var starts []time.Time
	for _, r := range runs {
		if t := r.begun(); !t.IsZero() {
			starts = append(starts, t)
		}
	}
	if len(starts) < 3 {
		return 0, ""
	}
	gaps := make([]time.Duration, 0, len(starts)-1)
	for i := 1; i < len(starts); i++ {
		gaps = append(gaps, (starts[i-1].Sub(starts[i])).Abs())
	}
	slices.Sort(gaps)
	return gaps[len(gaps)/2], "run history"
}

// staleAfterFor is the age past which the flow's last run is stale: the SLA's
// max age when the profile sets one; else two schedule periods plus an hour
// of slack (a run may be late and last long), never below an hour; else the
// fixed threshold. It returns the threshold and where it came from.
func staleAfterFor(f *Facts, runs []Run) (time.Duration, string) {
	if sla := f.Opts.SLA.For(f.flowName(), f.Origin.ID); sla.MaxAge > 0 {
		return sla.MaxAge, "SLA max age"
	}
	if every, from := expectedEvery(f, runs); every > 0 {
		return max(2*every+time.Hour, time.Hour), "2 × the " + from + " (" + Dur(every) + ") + 1h"
	}
	return f.Opts.StaleAfter, "fixed threshold"
}

// pollSchedule reads a poll_schedule value: a JSON string (the SDK's type)
// or an object with a cron field.
func pollSchedule(raw []byte) string {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return ""
	}
	if s[0] == '"' {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
		return ""
	}
	for _, key := range []string{`"cron":"`, `"cron": "`} {
		if i := strings.Index(s, key); i >= 0 {
			rest := s[i+len(key):]
			if j := strings.IndexByte(rest, '"'); j >= 0 {
				return rest[:j]
			}
		}
	}
	return ""
}

// cronEvery is the period of a simple cron ("0 */15 * * * ?", "0 0 */2 * *
// ?", "0 0 2 * * ?", 5- or 6-field, or @hourly/@daily); 0 when it is not one
// of these shapes (then the run history decides).
func cronEvery(c string) time.Duration {
	switch strings.TrimSpace(c) {
	case "":
		return 0
	case "@hourly":
		return time.Hour
	case "@daily", "@midnight":
		return 24 * time.Hour
	case "@weekly":
		return 7 * 24 * time.Hour
	}
	fs := strings.Fields(c)
	if len(fs) == 5 {
		fs = append([]string{"0"}, fs...) // seconds
	}
	if len(fs) < 6 {
		return 0
	}
	min, hour, dom := fs[1], fs[2], fs[3]
	step := func(f string) int {
		if n, ok := strings.CutPrefix(f, "*/"); ok {
			if v, err := strconv.Atoi(n); err == nil && v > 0 {
				return v
			}
		}
		return 0
	}
	fixed := func(f string) bool { _, err := strconv.Atoi(f); return err == nil }
	switch {
	case step(min) > 0 && hour == "*":
		return time.Duration(step(min)) * time.Minute
	case min == "*" && hour == "*":
		return time.Minute
	case fixed(min) && hour == "*":
		return time.Hour
	case fixed(min) && step(hour) > 0:
		return time.Duration(step(hour)) * time.Hour
	case fixed(min) && fixed(hour) && (dom == "*" || dom == "?"):
		return 24 * time.Hour
	}
	return 0
}

// SLA thresholds (profile `sla:`), applied per flow.

// SLA is one set of thresholds; a zero field is unset.
type SLA struct {
	MaxAge         time.Duration // the last run must be younger
	MinSuccessRate float64       // share of the window's runs that must succeed (0..1)
	MaxRunDuration time.Duration // a run must not take longer (when its duration is known)
}

// SLARule applies an SLA to the flows whose name matches Match (a glob,
// path.Match syntax) or whose id is Match.
type SLARule struct {
	Match string
	SLA
}

// SLAs are the profile's default thresholds and per-flow rules (first match
// wins, field by field over the default).
type SLAs struct {
	Default SLA
	Flows   []SLARule
}

// For is the SLA of one flow.
func (s SLAs) For(name string, id int64) SLA {
	out := s.Default
	for _, r := range s.Flows {
		if !matchFlow(r.Match, name, id) {
			continue
		}
		if r.MaxAge > 0 {
			out.MaxAge = r.MaxAge
		}
		if r.MinSuccessRate > 0 {
			out.MinSuccessRate = r.MinSuccessRate
		}
		if r.MaxRunDuration > 0 {
			out.MaxRunDuration = r.MaxRunDuration
		}
		break
	}
	return out
}

// errorRateLimit is the share of failed runs above which the error-rate
// rule fires: 1 - the SLA's min success rate, else the seed's 20%.
func (f *Facts) errorRateLimit() float64 {
	if sla := f.Opts.SLA.For(f.flowName(), f.Origin.ID); sla.MinSuccessRate > 0 {
		return 1 - sla.MinSuccessRate
	}
	return highErrorRate
}

// flowName is the flow's name as the listing gives it (its origin node's).
func (f *Facts) flowName() string {
	if f.Origin.Name != "" {
		return f.Origin.Name
	}
	if len(f.Resources) > 0 {
		return f.Resources[0].Name
	}
	return ""
}

// sources are the flow's sources as read (for their poll schedules).
func (f *Facts) sources() []nexla.Source {
	var out []nexla.Source
	for _, r := range f.Resources {
		if r.RT != nexla.DataSources {
			continue
		}
		if s := f.Index.Sources[r.ID]; s != nil {
			out = append(out, *s)
		}
	}
	return out
}

// matchFlow: pattern is the flow's id, or a glob over its name.
func matchFlow(pattern, name string, id int64) bool {
	if pattern == strconv.FormatInt(id, 10) {
		return true
	}
	ok, err := path.Match(pattern, name)
	return err == nil && ok
}
