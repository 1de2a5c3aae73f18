package runbook

import (
	"strings"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// PauseRecord is who last changed the flow's status and when, read from the
// audit of its resources (the newest status change). Known is false while
// no audit entry names a status change (not read yet, or none recorded).
type PauseRecord struct {
	By    string
	At    time.Time
	Known bool
}

// LastStatusChange is the newest status change in the audit the facts hold.
func LastStatusChange(f *Facts) PauseRecord {
	for _, c := range configChanges(f) {
		if changedFields("status")(c) {
			return PauseRecord{By: clean(orDefault("unknown", c.By)), At: c.At, Known: true}
		}
	}
	return PauseRecord{}
}

// PausedSentence says who paused the flow and when, for the activate dialog:
// "paused by priya@acme.io 4 d ago (2025-03-10 09:35 UTC)". When the audit
// holds no status change it says so rather than guessing.
func PausedSentence(f *Facts, now time.Time) string {
	p := LastStatusChange(f)
	if !p.Known {
		if f.auditPending() {
			return "who paused it: not known yet (the audit log is still being read)"
		}
		return "who paused it: not recorded in the audit log of its resources"
	}
	return "paused by " + p.By + " " + ago(now, p.At) + " (" + p.At.UTC().Format("2006-01-02 15:04") + " UTC)"
}

// auditPending reports whether an audit read is still in flight.
func (f *Facts) auditPending() bool {
	for call := range f.pending {
		if strings.HasPrefix(call, "audit_log ") {
			return true
		}
	}
	return !f.Done && len(f.Audit) == 0
}

// ActivationRefusals are the reasons the server would refuse to activate the
// flow (contract §5.1, "Before activating, server checks"), as far as the
// facts show them without asking: a rate-capped resource (400 "Flow is rate
// limited") and a destination whose writes conflict (409). The tier's
// active-source limit is not read by this tool, so it is never claimed here.
func ActivationRefusals(f *Facts, r *Report) []string {
	var out []string
	for _, res := range f.Resources {
		if res.Status == nexla.StatusRateLimited {
			out = append(out, clean(res.Label())+" is RATE_LIMITED, and Nexla refuses to activate a rate-capped flow (\"Flow is rate limited\")")
			break
		}
	}
	for _, fd := range r.Findings {
		if fd.Cause == CauseResourceConflict {
			out = append(out, "a destination conflicts with another ("+clean(fd.Sentence)+"), and Nexla answers 409 to its activation")
			break
		}
	}
	return out
}
