package runbook

import (
	"fmt"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// slowRun is the SLA's max run duration: a run of the window that took
// longer (when its start and end are known, from the logs read), or the
// newest run still going past it (the flow is PROCESSING and the run id,
// its start in epoch ms, is older than the limit). Without the SLA it does
// not fire: Nexla has no duration threshold of its own.
func (a *analysis) slowRun() *Finding {
	limit := a.f.Opts.SLA.For(a.f.flowName(), a.f.Origin.ID).MaxRunDuration
	if limit <= 0 {
		return nil
	}
	var slow []Run
	for _, r := range a.r.Runs {
		if d := r.Duration(); d > limit {
			slow = append(slow, r)
		}
	}
	if l := a.r.Stats.Latest; l != nil && l.Ended.IsZero() && !l.Started.IsZero() &&
		a.r.Flow.RuntimeStatus == nexla.RuntimeProcessing && a.f.Now.Sub(l.Started) > limit {
		return &Finding{
			Sentence: fmt.Sprintf("run %d has been going for %s, over the SLA's max run duration of %s", l.ID, Dur(a.f.Now.Sub(l.Started)), Dur(limit)),
			Evidence: []string{fmt.Sprintf("run %d started %s; flow runtime %s", l.ID, stamp(l.Started), a.r.Flow.RuntimeStatus),
				"SLA max run duration " + Dur(limit)},
			Fix:      "open the run's logs for where it waits (a slow source, a sink that throttles); raise the SLA only if the data grew",
			Severity: SeverityWarning, Confidence: ConfidenceMedium,
		}
	}
	if len(slow) == 0 {
		return nil
	}
	worst := slow[0]
	for _, r := range slow[1:] {
		if r.Duration() > worst.Duration() {
			worst = r
		}
	}
	f := &Finding{
		Sentence: fmt.Sprintf("%s of the last %d took longer than the SLA's max run duration of %s (longest: run %d, %s)",
			plural(len(slow), "run", "runs"), a.r.Stats.Total, Dur(limit), worst.ID, Dur(worst.Duration())),
		Fix:      "read the slow run's logs for where the time went (a slow source, a sink that throttles, more data); raise the SLA only if the data grew",
		Severity: SeverityWarning, Confidence: ConfidenceHigh,
	}
	for _, r := range slow {
		f.Evidence = append(f.Evidence, fmt.Sprintf("run %d: %s → %s (%s)", r.ID, stamp(r.Started), stamp(r.Ended), Dur(r.Duration().Round(time.Second))))
	}
	return f
}
