package runbook

import (
	"encoding/json"
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
	// To is the status it changed to ("PAUSED"), "" when not recorded.
	To string
}

// LastStatusChange is the newest status change in the audit the facts hold.
func LastStatusChange(f *Facts) PauseRecord {
	for _, c := range configChanges(f) {
		if changedFields("status")(c) {
			var to string
			_ = json.Unmarshal(c.Values["status"][1], &to)
			return PauseRecord{By: clean(orDefault("unknown", c.By)), At: c.At, Known: true, To: to}
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
	}
	return pausedSentence(p, now)
}

// pausedSentence is the one wording of who paused it, for every dialog:
// "paused by priya@acme.io 4 d ago (2025-03-10 09:35 UTC)". A newest status
// change that was not a pause is named as what it was, never as a pause.
func pausedSentence(p PauseRecord, now time.Time) string {
	if !p.Known {
		return "who paused it: not recorded in the audit log of its resources"
	}
	when := ago(now, p.At) + " (" + p.At.UTC().Format("2006-01-02 15:04") + " UTC)"
	if p.To != "" && p.To != nexla.StatusPaused {
		return "who paused it: not recorded; the newest status change in the audit log is to " + clean(p.To) + " by " + p.By + " " + when
	}
	return "paused by " + p.By + " " + when
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

// ConflictRefusals are the refusals the statuses do not show, as far as
// the report shows them without asking: a destination whose writes
// conflict (409, contract §5.1 "Before activating, server checks"). The
// tier's active-source limit is not read by this tool, so it is never
// claimed here; a rate cap is in the statuses (StatusRefusals).
func ConflictRefusals(r *Report) []string {
	for _, fd := range r.Findings {
		if fd.Cause == CauseResourceConflict {
			return []string{"a destination conflicts with another (" + clean(fd.Sentence) + "), and Nexla answers 409 to its activation"}
		}
	}
	return nil
}

// RunbookPreflight is the preflight of a pause or activate of the whole
// flow from the runbook's facts, and its notes: no call is made (the
// runbook has read the audit of every resource, or is reading it).
func RunbookPreflight(f *Facts, r *Report, pause, paused bool, now time.Time) PreflightNotes {
	p := Preflight{Pause: pause, FlowID: r.Flow.ID, Resources: f.Resources, Paused: paused, Refusals: ConflictRefusals(r)}
	return p.Notes(PausedSentence(f, now))
}
