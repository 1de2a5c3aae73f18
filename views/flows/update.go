package flows

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/bulk"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// Update routes one message.
func (s *Screen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case flowsLoadedMsg:
		if !s.loads.Latest(msg.ticket) {
			return s, nil // stale: a newer load is under way
		}
		s.loading = false
		if s.staleSince {
			return s, s.reload() // a mutation came after this load started
		}
		if msg.err != nil {
			s.err = msg.err
			return s, nil
		}
		s.err, s.loaded, s.loadedAt = nil, true, msg.at
		s.metricsErr = msg.metricsErr
		s.applyNodes(msg.nodes)
		s.refreshMarks()
		return s, nil
	case viewkit.HealthProgressMsg:
		return s, s.onHealth(msg)
	case ui.RefreshMsg:
		return s, tea.Batch(s.reload(), s.refreshHealth())
	case ui.MutationConfirmedMsg:
		s.staleSince = s.loading
		if act, ok := msg.Tag.(action); ok {
			s.markPending(act)
		}
		return s, nil
	case ui.MutationDoneMsg:
		s.staleSince = s.staleSince || s.loading
		if cmd, ok := bulk.Done(s.d, msg); ok {
			return s, cmd
		}
		if msg.Err != nil {
			// Pending otherwise stays until the reload that follows shows
			// the server's new state.
			s.pending = viewkit.Pending{}
			s.invalidateRows()
		}
		return s, nil
	case bulk.AffectedMsg:
		return s, s.onAffected(msg)
	case components.FilterChangedMsg:
		if s.list.Accept(msg) {
			s.setQuery(msg.Query)
		}
		return s, nil
	case tea.KeyPressMsg:
		return s, s.key(msg)
	case tea.MouseWheelMsg, tea.MouseClickMsg:
		s.list.Mouse(msg)
	}
	return s, nil
}

func (s *Screen) key(msg tea.KeyPressMsg) tea.Cmd {
	if cmd, ok := s.list.Key(s.d.Keys, msg); ok {
		return cmd
	}
	if cmd, ok := s.markKey(msg); ok {
		return cmd
	}
	g := s.d.Keys
	switch {
	case key.Matches(msg, g.Enter.Binding):
		if n, ok := s.current(); ok && n.ID != 0 {
			return ui.Navigate(ui.Route{Kind: ui.RouteDetail, RT: n.RT, ID: n.ID})
		}
		return nil
	case key.Matches(msg, s.keys.Toggle.Binding):
		s.fold(-1)
	case key.Matches(msg, s.keys.Expand.Binding):
		s.fold(0)
	case key.Matches(msg, s.keys.Collapse.Binding):
		s.fold(1)
	case key.Matches(msg, s.keys.SortNext.Binding):
		s.setSort(s.sort.next())
	case key.Matches(msg, s.keys.IssuesOnly.Binding):
		s.toggleIssuesOnly()
	case key.Matches(msg, s.keys.SortFlip.Binding):
		if s.sort.mode != sortServer {
			s.setSort(treeSort{mode: s.sort.mode, reversed: !s.sort.reversed})
		}
	case key.Matches(msg, s.keys.PauseOne.Binding):
		return s.ask(true, false)
	case key.Matches(msg, s.keys.ActivateOne.Binding):
		return s.ask(false, false)
	case key.Matches(msg, g.Pause.Binding):
		return s.ask(true, true)
	case key.Matches(msg, g.Activate.Binding):
		return s.ask(false, true)
	case key.Matches(msg, g.Refresh.Binding):
		return tea.Batch(s.reload(), s.refreshHealth())
	default:
		s.table.Update(msg)
	}
	return nil
}

// fold: -1 toggles, 0 expands, 1 collapses. Collapsing a leaf (or a folded
// node) moves to its parent, as file trees do.
func (s *Screen) fold(mode int) {
	i := s.currentIndex()
	if i < 0 || s.table.Query() != "" {
		return
	}
	n := s.nodes[i]
	open := s.isOpen(i)
	if !n.HasChildren() || (mode == 1 && !open) {
		if mode == 1 && n.Parent >= 0 {
			s.table.SelectKey(s.nodes[n.Parent].rowKey)
		}
		return
	}
	want := !open
	if mode == 0 {
		want = true
	} else if mode == 1 {
		want = false
	}
	if want == open {
		return
	}
	s.folded[i] = !want
	if want {
		delete(s.foldedIDs, n.NodeID)
	} else {
		s.foldedIDs[n.NodeID] = true
	}
	s.rebuildRows()
}

// ask opens the confirm modal for pausing or activating the whole flow of
// the selected node (whole) or only its resource, with the preflight's
// notes and warnings (who paused it, whether re-activation is refused).
func (s *Screen) ask(pause, whole bool) tea.Cmd {
	i := s.currentIndex()
	if i < 0 {
		return nil
	}
	act := action{Pause: pause, Whole: whole}
	target := i
	if whole {
		target = originIndex(s.nodes, i)
	}
	n := s.nodes[target]
	if n.ID == 0 && !whole {
		return ui.Toast(ui.ToastWarn, "this node names no resource to "+act.Verb())
	}
	act.FlowID, act.NodeID, act.RT, act.ID, act.Name = n.FlowID, n.NodeID, n.RT, n.ID, n.Name
	if whole {
		act.Name = n.FlowName
	}
	req := ui.ConfirmRequest{Action: act.Verb()}
	if whole {
		req.Title = viewkit.Capitalize(act.Verb()) + " flow"
		req.Resource = `flow "` + n.FlowName + `" (id ` + strconv.FormatInt(n.FlowID, 10) + `)`
		req.Effects = downstream(s.nodes, target)
	} else {
		req.Title = viewkit.Capitalize(act.Verb()) + " " + n.RT.Singular()
		req.Resource = n.RT.Singular() + ` "` + n.Name + `" (id ` + strconv.FormatInt(n.ID, 10) + `) in flow "` +
			n.FlowName + `" (id ` + strconv.FormatInt(n.FlowID, 10) + `)`
		req.Effects = []string{n.Label() + " (id " + strconv.FormatInt(n.ID, 10) + ", now " + viewkit.Or(n.Status, "unknown") +
			") only; other nodes of the flow keep their state"}
	}
	m := ui.Mutation{Confirm: req, What: act.What(), Tag: act, Call: runAction(s.d.API, act),
		Done: viewkit.PastTense(act.Pause) + " " + act.What() + `: "` + act.Name + `"`}
	return viewkit.AskPreflighted(s.loads.Ctx(), s.d, s.preflight(act, target), m)
}

// markPending shows "pending…" on every node the action changes (drawn
// anew: the rows are handed to the table again).
func (s *Screen) markPending(act action) {
	for i := range s.nodes {
		n := s.nodes[i]
		if n.NodeID != act.NodeID {
			continue
		}
		last := i
		if act.Whole {
			last = i + n.Subtree
		}
		for k := i; k <= last; k++ {
			s.pending[s.nodes[k].NodeID] = true
		}
		break
	}
	s.rebuildRows()
}
