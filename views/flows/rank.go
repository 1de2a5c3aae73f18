package flows

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// The tree ranked by the health model: the session's one org health check
// (viewkit.HealthShare, the one `:health` lists) gives every flow its
// verdict, so the tree opens failing first in `:health`'s order, its header
// counts the same flows "with issues", and the node a flow's latest run
// failed at carries ✗ and its errors. The check is the triage health runs
// (listing, org health, dashboard) with deep reads only for flagged flows;
// the tree adds no call of its own.

// verdicts is what the tree holds of the check: the snapshot's rows (worst
// first, never mutated by the check) and each flow's index among them.
type verdicts struct {
	check *rb.HealthCheck
	snap  rb.HealthSnapshot
	index map[int64]int // flow id -> index in snap.Rows
	read  bool          // at least one snapshot was applied
	// opened: a complete snapshot was applied; from then on re-ranking
	// keeps the cursor on its node.
	opened bool
}

// row is the verdict of flow id, if the check has one.
func (v *verdicts) row(id int64) (*rb.FlowHealth, bool) {
	i, ok := v.index[id]
	if !ok {
		return nil, false
	}
	return &v.snap.Rows[i], true
}

// rank is the flow's place in the health order; flows without a verdict
// yet come after every judged one (in the server's order).
func (v *verdicts) rank(id int64) int {
	if i, ok := v.index[id]; ok {
		return i
	}
	return len(v.snap.Rows)
}

// followHealth waits on c (the shared check the screen shows).
func (s *Screen) followHealth(c *rb.HealthCheck) tea.Cmd {
	if c == nil || (c == s.health.check && s.healthWaiting) {
		return nil
	}
	s.health.check, s.healthWaiting = c, true
	return viewkit.WaitHealth(c)
}

// startHealth is the check the screen opens with: the session's current one.
func (s *Screen) startHealth() tea.Cmd {
	if s.d.API == nil {
		return nil
	}
	return s.followHealth(s.share.Current(s.d.API))
}

// refreshHealth keeps a running check, or starts the next one.
func (s *Screen) refreshHealth() tea.Cmd {
	if s.d.API == nil {
		return nil
	}
	return s.followHealth(s.share.Refresh(s.d.API))
}

// onHealth reads the check again; rows are re-ranked only when it changed.
func (s *Screen) onHealth(m viewkit.HealthProgressMsg) tea.Cmd {
	if m.Check != s.health.check {
		return nil
	}
	snap := m.Check.Snapshot()
	if !s.health.read || snap.Version != s.health.snap.Version || snap.Complete != s.health.snap.Complete {
		s.applyHealth(snap)
	}
	if m.Done {
		s.healthWaiting = false
		return nil
	}
	return viewkit.WaitHealth(m.Check)
}

// applyHealth installs a snapshot: verdicts per flow, failing nodes marked,
// roots ranked again (the cursor stays on its node).
func (s *Screen) applyHealth(snap rb.HealthSnapshot) {
	idx := make(map[int64]int, len(snap.Rows))
	for i := range snap.Rows {
		idx[snap.Rows[i].FlowID] = i
	}
	s.health.snap, s.health.index, s.health.read = snap, idx, true
	// Until the first check is complete, a cursor on the first row stays on
	// the first row: the tree opens on the worst flow as the verdicts stream
	// in. Otherwise (and after: a refresh never moves it) it keeps its node.
	atTop := !s.health.opened && s.table.Cursor() == 0
	s.health.opened = s.health.opened || snap.Complete
	s.applyVerdicts()
	s.invalidateRows()
	if atTop {
		s.table.SetCursor(0)
	}
}

// applyVerdicts joins the verdicts to the loaded nodes (after a load or a
// new snapshot): failing nodes, ranks, the order of the roots.
func (s *Screen) applyVerdicts() {
	s.markFailing()
	for i := range s.flows {
		s.flows[i].rank = s.health.rank(s.nodes[s.flows[i].origin].FlowID)
	}
	s.roots = s.rankRoots()
}

// markFailing sets FailErrors on the nodes each flow's latest run failed at
// (where the runbook says "failing at").
func (s *Screen) markFailing() {
	for i := range s.nodes {
		s.nodes[i].FailErrors = 0
	}
	for _, k := range s.flows {
		o := s.nodes[k.origin]
		h, ok := s.health.row(o.FlowID)
		if !ok || len(h.FailingAt) == 0 {
			continue
		}
		for n := k.origin; n <= k.origin+o.Subtree; n++ {
			for _, f := range h.FailingAt {
				if s.nodes[n].RT == f.RT && s.nodes[n].ID == f.ID {
					s.nodes[n].FailErrors = f.Errors
				}
			}
		}
	}
}

// rankRoots orders the flows by the chosen sort and, with "only issues"
// on, keeps the flows with issues and those not judged yet (a flow the
// check has not reached may be failing: it is never hidden).
func (s *Screen) rankRoots() []int {
	roots := orderRoots(s.flows, s.sort, s.roots)
	if !s.issuesOnly {
		return roots
	}
	kept := roots[:0]
	for _, i := range roots {
		if h, ok := s.health.row(s.nodes[i].FlowID); !ok || !h.Healthy() {
			kept = append(kept, i)
		}
	}
	return kept
}

// toggleIssuesOnly shows only the flows with issues, or every flow again.
func (s *Screen) toggleIssuesOnly() {
	s.issuesOnly = !s.issuesOnly
	s.roots = s.rankRoots()
	s.rebuildRows()
	s.table.SetCursor(0)
}

// verdict is a flow's health in one word, with its glyph and tone: what
// the tree shows in the HEALTH column (viewkit.HealthVerdict, the blast
// radius's word too).
func (s *Screen) verdict(n *treeNode) (word, glyph string, tone components.Tone) {
	h, ok := s.health.row(n.FlowID)
	return viewkit.HealthVerdict(s.th.Glyphs, s.health.snap, h, ok)
}

// healthCount is the header's count, the same as `:health`'s: "checking…"
// until every flow has its verdict (never "0 with issues" meanwhile).
func (s *Screen) healthCount() string {
	sn := s.health.snap
	switch {
	case s.health.check == nil:
		return ""
	case sn.Err != nil && sn.Complete:
		return s.th.Warn.Render("health: could not check: " + viewkit.ErrText(sn.Err))
	case !sn.Complete:
		return s.th.Muted.Render(fmt.Sprintf("checked %d / %d · checking…", sn.Checked, sn.Total))
	case sn.WithIssues == 0:
		return "0 with issues"
	}
	return s.th.Error.Render(fmt.Sprintf("%s with issues (%d critical)", viewkit.Count(sn.WithIssues), sn.Critical))
}

// healthPreview is the preview pane's health line of an origin.
func (s *Screen) healthPreview(n *treeNode) string {
	h, ok := s.health.row(n.FlowID)
	if !ok {
		return "not checked yet"
	}
	word, _, _ := s.verdict(n)
	line := word
	if h.Cause != rb.CauseHealthy && len(h.Issues) > 0 {
		line += " · " + rb.CauseTitle(h.Cause) + ": " + h.Issues[0]
	}
	return line
}
