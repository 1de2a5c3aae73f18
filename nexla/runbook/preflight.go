package runbook

import (
	"context"
	"encoding/json"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Preflight: what a pause or activate dialog says besides the target and
// the action, the same on every screen that asks (runbook, flows tree,
// resource tables, bulk). Before a pause: whether Nexla would refuse to
// activate the flow again (it would then stay paused). Before an
// activation: who paused the target and when (audit), and whether Nexla is
// likely to refuse. The statuses are what the screen already read; the one
// read is the newest status change of the audit log, and only before the
// activation of a paused target: 1 call (GET /flows/{id}/audit_log or
// /{rt}/{id}/audit_log, change_filter=status, one entry), 2 when the
// flow-wide log answers 404 (its route is inferred, contract §5.13) and
// the origin's log is read instead.

// PreflightTimeout bounds the audit read: a slow audit log must never keep
// the dialog (and the pause) from the engineer. On timeout the note says so.
const PreflightTimeout = 8 * time.Second

// Preflight is one pause or activate about to be asked for.
type Preflight struct {
	Pause bool
	// FlowID is the flow's origin node id (the flow-wide audit log); 0 when
	// the flow is not known.
	FlowID int64
	// Target is the one resource acted on; nil for the whole flow.
	Target *ResourceRef
	// Resources are the flow's resources with their statuses as last read
	// (for one resource: that resource), the origin first.
	Resources []ResourceRef
	// Paused says the target is PAUSED now: the activate dialog then says
	// who paused it.
	Paused bool
	// Refusals are reasons Nexla would refuse an activation that the
	// statuses do not show (the runbook's conflicting destination).
	Refusals []string
}

// PreflightNotes are the dialog's lines and the calls made for them.
type PreflightNotes struct {
	Notes, Warnings []string
	Calls           int
}

// NeedsAudit reports whether Read would call the API: only the activation
// of a paused target asks who paused it.
func (p Preflight) NeedsAudit() bool { return !p.Pause && p.Paused }

// Read reads the newest status change when needed (see NeedsAudit) and
// returns the notes. A failed or slow read never fails the preflight: the
// note then says the audit could not be read, and why.
func (p Preflight) Read(ctx context.Context, api nexla.API, now time.Time) PreflightNotes {
	if !p.NeedsAudit() {
		return p.Notes("")
	}
	ctx, cancel := context.WithTimeout(ctx, PreflightTimeout)
	defer cancel()
	rec, calls, err := p.lastStatusChange(ctx, api)
	out := p.Notes(whoPaused(rec, err, now))
	out.Calls = calls
	return out
}

// whoPaused is the note of the read: who paused it, or why that is not known.
func whoPaused(rec PauseRecord, err error, now time.Time) string {
	if err != nil {
		return "who paused it: the audit log could not be read (" + clean(err.Error()) + ")"
	}
	return pausedSentence(rec, now)
}

// lastStatusChange reads the newest status change of the target's audit
// log (of the whole flow's, for a flow).
func (p Preflight) lastStatusChange(ctx context.Context, api nexla.API) (PauseRecord, int, error) {
	newest := nexla.AuditOptions{ChangeFilter: "status", Page: 1, PerPage: 1}
	rt, id := nexla.Flows, p.FlowID
	if p.Target != nil {
		rt, id = p.Target.RT, p.Target.ID
	}
	es, err := api.AuditLog(ctx, rt, id, newest)
	calls := 1
	if p.Target == nil && nexla.IsNotFound(err) && len(p.Resources) > 0 {
		o := p.Resources[0]
		es, err = api.AuditLog(ctx, o.RT, o.ID, newest)
		calls++
	}
	if err != nil {
		return PauseRecord{}, calls, err
	}
	for _, e := range es {
		if _, ok := e.ObjectChanges["status"]; ok {
			return auditRecord(e), calls, nil
		}
	}
	return PauseRecord{}, calls, nil
}

// auditRecord is who made a status change and what it changed the status to.
func auditRecord(e nexla.AuditEntry) PauseRecord {
	r := PauseRecord{At: e.CreatedAt.Time, Known: true, By: e.OwnerEmail}
	if e.User != nil {
		r.By = e.User.Email
	}
	r.By = clean(orDefault("unknown", r.By))
	var pair []string
	if json.Unmarshal(e.ObjectChanges["status"], &pair) == nil && len(pair) == 2 {
		r.To = pair[1]
	}
	return r
}

// Notes are the dialog's lines from the statuses, the refusals and
// whoPaused, the sentence saying who paused the target (used only before
// the activation of a paused target). The runbook calls it with what its
// facts hold (PausedSentence), without a read.
func (p Preflight) Notes(whoPaused string) PreflightNotes {
	var out PreflightNotes
	refusals := append(StatusRefusals(p.Resources), p.Refusals...)
	if p.Pause {
		for _, r := range refusals {
			out.Warnings = append(out.Warnings, PauseWarning(r))
		}
		return out
	}
	if p.Paused {
		out.Notes = append(out.Notes, whoPaused)
	}
	for _, r := range refusals {
		out.Warnings = append(out.Warnings, ActivateWarning(r))
	}
	return out
}

// StatusRefusals are the refusals the statuses show: a RATE_LIMITED
// resource (400 "Flow is rate limited", contract §5.1), named once.
func StatusRefusals(rs []ResourceRef) []string {
	for _, r := range rs {
		if r.Status == nexla.StatusRateLimited {
			return []string{RateLimitedRefusal(r.Label())}
		}
	}
	return nil
}

// RateLimitedRefusal is the one sentence for a rate-capped resource or flow
// (label already sanitized).
func RateLimitedRefusal(label string) string {
	return label + " is RATE_LIMITED, and Nexla refuses to activate a rate-capped flow (\"Flow is rate limited\")"
}

// PauseWarning is a refusal as the pause dialog warns of it.
func PauseWarning(refusal string) string {
	return refusal + ": once paused, the flow would stay paused (activation would be refused)"
}

// ActivateWarning is a refusal as the activate dialog warns of it.
func ActivateWarning(refusal string) string {
	return refusal + ": this activation is likely to be refused, and the flow would stay paused"
}
