package viewkit

import (
	"cmp"
	"slices"

	tea "charm.land/bubbletea/v2"

	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
)

// FlowHealths is what a screen listing some flows holds of the session's
// org health check (the share the flows tree and `:health` read: no call
// of its own): the latest snapshot and each flow's index among its rows,
// worst first. The blast radius and the credential runbook use it.
type FlowHealths struct {
	share   *rb.HealthShare
	own     bool // made here (no Deps.Health): Close closes it
	check   *rb.HealthCheck
	waiting bool
	snap    rb.HealthSnapshot
	index   map[int64]int
}

// NewFlowHealths follows d's shared check (or a check of its own).
func NewFlowHealths(d ui.Deps) *FlowHealths {
	h := &FlowHealths{}
	h.share, h.own = HealthShare(d)
	return h
}

// Close closes the check when it was made here.
func (h *FlowHealths) Close() {
	if h.own {
		h.share.Close()
	}
}

// Follow waits on the session's check: the current one, or on a refresh
// the next one (a running check is kept, never restarted).
func (h *FlowHealths) Follow(d ui.Deps, refresh bool) tea.Cmd {
	if d.API == nil {
		return nil
	}
	c := h.share.Current(d.API)
	if refresh {
		c = h.share.Refresh(d.API)
	}
	if c == h.check && h.waiting {
		return nil
	}
	h.check, h.waiting = c, true
	return WaitHealth(c)
}

// Progress reads the check again: changed says the rows changed (the
// screen rebuilds its own then), next waits for more.
func (h *FlowHealths) Progress(m HealthProgressMsg) (changed bool, next tea.Cmd) {
	if m.Check != h.check {
		return false, nil
	}
	snap := m.Check.Snapshot()
	if h.index == nil || snap.Version != h.snap.Version || snap.Complete != h.snap.Complete {
		idx := make(map[int64]int, len(snap.Rows))
		for i := range snap.Rows {
			idx[snap.Rows[i].FlowID] = i
		}
		h.snap, h.index, changed = snap, idx, true
	}
	if m.Done {
		h.waiting = false
		return changed, nil
	}
	return changed, WaitHealth(m.Check)
}

// Complete is true once the check has judged every flow (or stopped).
func (h *FlowHealths) Complete() bool { return h.snap.Complete }

// Row is flow id's verdict row, if the check has one.
func (h *FlowHealths) Row(id int64) (*rb.FlowHealth, bool) {
	i, ok := h.index[id]
	if !ok {
		return nil, false
	}
	return &h.snap.Rows[i], true
}

// Verdict is flow id's health word, glyph and tone, as the tree's HEALTH
// column says it ("checking…" before the check reached it).
func (h *FlowHealths) Verdict(g theme.Glyphs, id int64) (word, glyph string, tone components.Tone) {
	r, ok := h.Row(id)
	return HealthVerdict(g, h.snap, r, ok)
}

// RankByHealth orders items by their flow's place in the health order
// (worst first); flows not judged yet come after, by id.
func RankByHealth[T any](h *FlowHealths, items []T, flowID func(T) int64) {
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

// Count is the health of the flows ids as a status phrase: "checking…"
// until the check is complete (never "0 with issues" meanwhile), then how
// many have issues and how many the check could not judge.
func (h *FlowHealths) Count(th *theme.Theme, ids []int64) string {
	switch {
	case h.check == nil:
		return ""
	case h.snap.Err != nil && h.snap.Complete:
		return th.Warn.Render("health: could not check: " + ErrText(h.snap.Err))
	case !h.snap.Complete:
		return th.Muted.Render("health: checking…")
	}
	issues, unknown := 0, 0
	for _, id := range ids {
		switch r, ok := h.Row(id); {
		case !ok || r.Err != "":
			unknown++ // left out or unreadable: never counted healthy
		case !r.Healthy():
			issues++
		}
	}
	out := Count(issues) + " with issues"
	if unknown > 0 {
		out += ", " + Count(unknown) + " unknown"
	}
	if issues+unknown == 0 {
		return th.OK.Render(out)
	}
	return th.Error.Render(out)
}
