package flows

import (
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
)

// preflight is the dialog's preflight (runbook.Preflight) of act on the
// node at target: for the whole flow, the statuses of the flow's own nodes
// in its subtree (a flow that reads a shared nexset shows under it, but is
// not paused with it); for one resource, that resource's.
func (s *Screen) preflight(act action, target int) runbook.Preflight {
	n := s.nodes[target]
	p := runbook.Preflight{Pause: act.Pause, FlowID: n.FlowID, Paused: n.Status == nexla.StatusPaused}
	ref := func(n treeNode) runbook.ResourceRef {
		return runbook.ResourceRef{RT: n.RT, ID: n.ID, Name: n.Name, Status: n.Status}
	}
	if !act.Whole {
		r := ref(n)
		p.Target, p.Resources = &r, []runbook.ResourceRef{r}
		return p
	}
	for k := target; k <= target+n.Subtree && k < len(s.nodes); k++ {
		if m := s.nodes[k]; m.ID != 0 && m.FlowID == n.FlowID {
			p.Resources = append(p.Resources, ref(m))
		}
	}
	return p
}
