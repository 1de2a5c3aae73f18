package runbook

import (
	"context"
	"fmt"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// FlowLink is another flow tied to the one diagnosed. The server renders two
// kinds of ties inside a flow's response (§9 rows 11 and 12):
//   - downstream consumers: flows of other users that originate from one of
//     this flow's shared nexsets appear as children of this tree, rendered as
//     their own origin nodes. They are not part of this flow: their nodes are
//     listed, never analysed (no run metrics, probes or logs of theirs).
//   - upstreams: the flow that starts this one (flow_triggers,
//     triggering_flows) or the flow whose shared nexset this flow originates
//     from. When an upstream fails, this flow does not run: the runbook reads
//     the upstream's health (one flow read plus its run summaries) so the
//     cause can be named.
type FlowLink struct {
	FlowID   int64 // the other flow's id (any node id of it until read)
	Name     string
	Status   string
	NexsetID int64  // the shared nexset that ties the flows, if that is the tie
	Event    string // the triggering event, if a trigger is the tie
	// Health is the upstream's health row, once read (upstreams only).
	Health *FlowHealth
}

// Label is `flow "Orders" (id 5001)`, or `the flow of nexset 12` before an
// upstream known only by its shared nexset is read.
func (l FlowLink) Label() string {
	name, id := l.Name, l.FlowID
	if l.Health != nil {
		name, id = l.Health.Name, l.Health.FlowID
	}
	switch {
	case id == 0:
		return fmt.Sprintf("the flow of nexset %d", l.NexsetID)
	case name == "":
		return fmt.Sprintf("flow %d", id)
	}
	return fmt.Sprintf("flow %q (id %d)", clean(name), id) // cut, as ResourceRef.Label
}

// upstreamTie says how an upstream starts or feeds this flow.
func (l FlowLink) upstreamTie() string {
	if l.NexsetID != 0 {
		return fmt.Sprintf("this flow originates from its shared nexset %d", l.NexsetID)
	}
	if l.Event != "" {
		return "it triggers this flow (" + l.Event + ")"
	}
	return "it triggers this flow"
}

// foreignNode reports whether a node inside this flow's tree is the origin of
// another flow (a consumer of a shared nexset): it carries another origin id,
// or shared_data_set_id below the root.
func foreignNode(n *nexla.FlowNode, origin int64) bool {
	return (n.OriginNodeID != 0 && n.OriginNodeID != origin) || n.SharedDataSetID != 0
}

// consumerLink describes a foreign node found under parent.
func consumerLink(n *nexla.FlowNode, parent resKey) FlowLink {
	l := FlowLink{FlowID: n.OriginNodeID, Name: n.Name, Status: n.Status, NexsetID: n.SharedDataSetID}
	if l.FlowID == 0 {
		l.FlowID = n.ID
	}
	if l.NexsetID == 0 && parent.RT == nexla.DataSets {
		l.NexsetID = parent.ID
	}
	return l
}

// upstreamLinks finds the flows that start or feed the flow of fr: node
// flow_triggers naming this flow as the triggered one, the response's
// triggering_flows (single-flow responses only: in a list they are every
// listed flow's), and the shared nexset the origin is built on.
func upstreamLinks(fr *nexla.FlowResponse, origin *nexla.FlowNode) []FlowLink {
	var out []FlowLink
	seen := map[int64]bool{}
	known := map[int64]nexla.FlowNode{}
	for _, n := range fr.TriggeringFlows {
		known[n.ID] = n
	}
	add := func(id int64, event string) {
		if id == 0 || id == origin.ID || seen[id] {
			return
		}
		seen[id] = true
		n := known[id]
		out = append(out, FlowLink{FlowID: id, Name: n.Name, Status: n.Status, Event: event})
	}
	origin.Walk(0, func(n *nexla.FlowNode, depth int) bool {
		if depth > 0 && foreignNode(n, origin.ID) {
			return false
		}
		for _, t := range n.FlowTriggers {
			if t.TriggeredOriginNodeID == origin.ID || (t.TriggeredOriginNodeID == 0 && depth == 0) {
				add(t.TriggeringOriginNodeID, t.TriggeringEventType)
			}
		}
		return true
	})
	if len(fr.Flows) == 1 {
		for _, n := range fr.TriggeringFlows {
			add(n.ID, "")
		}
	}
	if sid := origin.SharedDataSetID; sid != 0 {
		l := FlowLink{NexsetID: sid, FlowID: origin.SharedOriginNodeID}
		if l.FlowID == origin.ID {
			l.FlowID = 0
		}
		for _, s := range fr.SharedDataSets {
			if s.ID == sid && l.FlowID == 0 {
				// GET /flows/{id} takes any node id of a flow.
				l.FlowID = s.FlowNodeID
			}
		}
		if l.FlowID == 0 || !seen[l.FlowID] {
			out = append(out, l)
		}
	}
	return out
}

// readUpstream reads an upstream flow (one GET of the flow, by any of its
// node ids, or by the shared nexset when no node id is known) and checks
// its health as the overview does: its run summaries and, only if its runs
// failed, the newest failed run's logs. It does not follow the upstream's
// own upstreams.
func readUpstream(ctx context.Context, api nexla.API, l FlowLink, o Options) (*FlowHealth, error) {
	var fr *nexla.FlowResponse
	var err error
	if l.FlowID != 0 {
		fr, err = api.GetFlow(ctx, l.FlowID, nexla.FlowGetOptions{})
	} else {
		fr, err = api.GetFlowByResource(ctx, nexla.DataSets, l.NexsetID, nexla.FlowGetOptions{})
	}
	if err != nil {
		return nil, err
	}
	if len(fr.Flows) == 0 {
		return nil, fmt.Errorf("no flow found for %s", l.Label())
	}
	uf := NewFacts(Target{RT: nexla.Flows, ID: fr.Flows[0].ID}, o)
	uf.setFlow(fr)
	uf.Upstreams = nil // one level: an upstream's own upstreams are its runbook's business
	hc := &healthCheck{ctx: ctx, api: api, slots: make(chan struct{}, 4)}
	h := hc.flow(uf).row
	return &h, nil
}

// upstreamFailing is the rule for a flow started or fed by a failing flow:
// the upstream is the cause, not "flow not running" or "stale data". It
// fires when an upstream's health (read with the same verdict as every
// flow's) is not healthy; critical when this flow shows that it does not
// run (never ran, INIT, stale), a warning when it still runs on what the
// failing upstream gives it.
func (a *analysis) upstreamFailing() *Finding {
	status := a.r.Flow.Status
	if status == nexla.StatusPaused || status == nexla.StatusRateLimited {
		return nil // its own state explains a stop first
	}
	for _, u := range a.f.Upstreams {
		h := u.Health
		if h == nil || h.Healthy() {
			continue
		}
		st := a.r.Stats
		stale, _ := a.stale()
		notRunning := status == nexla.StatusInit || st.Total == 0 || stale
		what := CauseTitle(h.Cause)
		if h.Err != "" && len(h.Issues) == 0 {
			what = "its run metrics are unreadable"
		}
		f := &Finding{
			Sentence:   clean(fmt.Sprintf("upstream flow %q (id %d) failing: %s; %s", h.Name, h.FlowID, what, u.upstreamTie())),
			Fix:        fmt.Sprintf("fix the upstream flow first (nexla-tui doctor flow %d); this flow runs again when it delivers", h.FlowID),
			Severity:   SeverityCritical,
			Confidence: ConfidenceHigh,
		}
		if len(h.Issues) > 0 {
			f.Evidence = append(f.Evidence, clean(fmt.Sprintf("upstream flow %d: %s: %s", h.FlowID, CauseTitle(h.Cause), h.Issues[0])))
		}
		f.Evidence = append(f.Evidence, fmt.Sprintf("upstream flow %d: %s, status %s", h.FlowID, RunsSentence(h.Failed-h.Partial, h.Partial, h.Runs), orUnknown(h.Status)))
		switch {
		case st.Total == 0:
			f.Sentence += "; this flow has no recent run"
			f.Evidence = append(f.Evidence, "this flow: no run recorded, status "+orUnknown(status))
		case stale:
			f.Sentence += fmt.Sprintf("; this flow's last run was %s", ago(a.f.Now, st.Latest.At()))
			f.Evidence = append(f.Evidence, fmt.Sprintf("this flow: last run %s (run id %d)", ago(a.f.Now, st.Latest.At()), st.Latest.ID))
		case !notRunning:
			f.Severity, f.Confidence = SeverityWarning, ConfidenceMedium
		}
		return f
	}
	return nil
}
