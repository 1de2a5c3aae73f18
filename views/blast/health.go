package blast

import (
	"cmp"
	"slices"

	tea "charm.land/bubbletea/v2"

	nb "github.com/nexla-tui/nexla-tui/nexla/blast"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// health is what the screen holds of the session's org health check (the
// share the flows tree and `:health` read: no call of its own): the
// latest snapshot and each flow's index among its rows, worst first.
type health struct {
	share   *rb.HealthShare
	own     bool // the screen made the share (no Deps.Health) and closes it
	check   *rb.HealthCheck
	waiting bool
	snap    rb.HealthSnapshot
	index   map[int64]int
	// opened: a complete snapshot was applied; from then on the cursor
	// keeps its row when the order changes.
	opened bool
}

// followHealth waits on the session's check: the current one, or on a
// refresh the next one (a running check is kept, never restarted).
func (s *Screen) followHealth(refresh bool) tea.Cmd {
	if s.d.API == nil {
		return nil
	}
	c := s.health.share.Current(s.d.API)
	if refresh {
		c = s.health.share.Refresh(s.d.API)
	}
	if c == s.health.check && s.health.waiting {
		return nil
	}
	s.health.check, s.health.waiting = c, true
	return viewkit.WaitHealth(c)
}

// onHealth reads the check again; the rows are rebuilt only when it changed.
func (s *Screen) onHealth(m viewkit.HealthProgressMsg) tea.Cmd {
	if m.Check != s.health.check {
		return nil
	}
	snap := m.Check.Snapshot()
	if s.health.index == nil || snap.Version != s.health.snap.Version || snap.Complete != s.health.snap.Complete {
		idx := make(map[int64]int, len(snap.Rows))
		for i := range snap.Rows {
			idx[snap.Rows[i].FlowID] = i
		}
		s.health.snap, s.health.index = snap, idx
		s.setRows()
	}
	if m.Done {
		s.health.waiting = false
		return nil
	}
	return viewkit.WaitHealth(m.Check)
}

// row is flow id's verdict row, if the check has one.
func (h *health) row(id int64) (*rb.FlowHealth, bool) {
	i, ok := h.index[id]
	if !ok {
		return nil, false
	}
	return &h.snap.Rows[i], true
}

// verdict is flow id's health word and tone, as the tree's HEALTH column
// says it ("checking…" before the check reached it).
func (h *health) verdict(g theme.Glyphs, id int64) (string, components.Tone) {
	r, ok := h.row(id)
	word, _, tone := viewkit.HealthVerdict(g, h.snap, r, ok)
	return word, tone
}

// rank orders items by their flow's place in the health order (worst
// first); flows not judged yet come after, by id.
func rank[T any](h *health, items []T, flowID func(T) int64) {
	at := func(id int64) int {
		if i, ok := h.index[id]; ok {
			return i
		}
		return len(h.snap.Rows)
	}
	slices.SortStableFunc(items, func(a, b T) int {
		ia, ib := flowID(a), flowID(b)
		return cmp.Or(cmp.Compare(at(ia), at(ib)), cmp.Compare(ia, ib))
	})
}

// count is the status line's health of the flows listed: "checking…"
// until the check is complete (never "0 with issues" meanwhile), then how
// many have issues and how many the check could not judge.
func (h *health) count(th *theme.Theme, flows []nb.Flow) string {
	switch {
	case h.check == nil:
		return ""
	case h.snap.Err != nil && h.snap.Complete:
		return th.Warn.Render("health: could not check: " + viewkit.ErrText(h.snap.Err))
	case !h.snap.Complete:
		return th.Muted.Render("health: checking…")
	}
	issues, unknown := 0, 0
	for _, f := range flows {
		switch r, ok := h.row(f.ID); {
		case !ok || r.Err != "":
			unknown++ // left out or unreadable: never counted healthy
		case !r.Healthy():
			issues++
		}
	}
	out := viewkit.Count(issues) + " with issues"
	if unknown > 0 {
		out += ", " + viewkit.Count(unknown) + " unknown"
	}
	if issues+unknown == 0 {
		return th.OK.Render(out)
	}
	return th.Error.Render(out)
}
