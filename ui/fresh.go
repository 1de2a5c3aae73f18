package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// Fresh screens say when their data was read (the zero time: not yet). The
// shell uses it to refresh a screen that comes back into view (another
// screen closed over it, or the terminal regained focus) with data older
// than the refresh interval: the auto-refresh only ever reaches the screen
// on top, so the ones below grow stale while hidden.
type Fresh interface {
	ReadAt() time.Time
}

// refreshIfStale refreshes the top screen when its data is older than the
// refresh interval (auto-refresh off: never; the user presses r).
func (a *App) refreshIfStale() tea.Cmd {
	if a.cfg.Refresh <= 0 || a.refreshPaused() {
		return nil
	}
	f, ok := a.top().(Fresh)
	if !ok {
		return nil
	}
	at := f.ReadAt()
	if at.IsZero() || a.deps.Now().Sub(at) < a.cfg.Refresh {
		return nil
	}
	return a.toTop(RefreshMsg{})
}
