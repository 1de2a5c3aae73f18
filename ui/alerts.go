package ui

import (
	"context"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// The header counts the ERROR notifications of the last hour ("3 alerts
// 1h"): the pages an on-call engineer may be about to get. The count is read
// after each answer of the header's status probe, on the server's clock
// (Deps.Now).
const (
	alertsWindow = time.Hour
	// alertsCap bounds the read: past it the header says "100+".
	alertsCap = 100
)

// alertsMsg is the count's answer; seq drops an older probe's.
type alertsMsg struct {
	seq int
	n   int
	err error
}

// alertState is what the header knows of recent alerts.
type alertState struct {
	seq   int
	known bool
	n     int
	err   error
}

// pollAlerts counts the last hour's ERROR notifications off the update loop.
func (a *App) pollAlerts() tea.Cmd {
	if a.deps.API == nil {
		return nil
	}
	a.alerts.seq++
	seq, api, now := a.alerts.seq, a.deps.API, a.deps.Now
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		notes, err := api.Notifications(ctx, nexla.NotificationOptions{Level: "ERROR", From: now().Add(-alertsWindow),
			PerPage: alertsCap, Limit: alertsCap})
		return alertsMsg{seq: seq, n: len(notes), err: err}
	}
}

func (a *App) onAlerts(m alertsMsg) {
	if m.seq != a.alerts.seq {
		return
	}
	a.alerts.known, a.alerts.n, a.alerts.err = true, m.n, m.err
	if m.err != nil {
		a.logError("alerts", m.err)
	}
}

// alertsPart is the header's count: an error style when any, "alerts ?"
// when the count could not be read (never a calm 0), nothing before the
// first answer or while the API is down (the header says that instead).
func (a *App) alertsPart() string {
	th, s := a.deps.Theme, a.alerts
	switch {
	case !s.known || a.apiKnown && !a.apiOK:
		return ""
	case s.err != nil:
		return th.Warn.Render("alerts ?")
	case s.n == 0:
		return th.Muted.Render("0 alerts 1h")
	}
	n := strconv.Itoa(s.n)
	if s.n >= alertsCap {
		n += "+"
	}
	word := " alerts"
	if s.n == 1 {
		word = " alert"
	}
	return th.Error.Render(th.Glyphs.Error + " " + n + word + " 1h")
}
