package runbook

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// eventsMsg carries a batch of collection events.
type eventsMsg struct {
	ticket viewkit.Ticket
	ch     <-chan rb.Event
	events []rb.Event
	closed bool
}

// logTickMsg flushes the log view's pending lines.
type logTickMsg struct{ ticket viewkit.Ticket }

// watchTickMsg asks for the next poll of a watched run.
type watchTickMsg struct {
	ticket viewkit.Ticket
	wseq   int
}

// watchMsg is one poll's answer, with new log lines of the watched run.
type watchMsg struct {
	ticket viewkit.Ticket
	wseq   int
	status rb.WatchStatus
	logs   []nexla.LogEntry
	err    error
}

// maxEventsPerMsg bounds how many events one message carries, so the
// screen redraws as answers arrive rather than once at the end.
const maxEventsPerMsg = 32

// collect starts the runbook's calls and returns the Cmd that reads the first batch.
func (s *Screen) collect() tea.Cmd {
	ch := rb.Collect(s.ctx, s.d.API, s.target, s.opts)
	return readEvents(s.loads.Current(), ch)
}

// readEvents waits for one event, then takes whatever else is ready.
func readEvents(ticket viewkit.Ticket, ch <-chan rb.Event) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-ch
		if !ok {
			return eventsMsg{ticket: ticket, ch: ch, closed: true}
		}
		batch := []rb.Event{ev}
		for len(batch) < maxEventsPerMsg {
			select {
			case ev, ok := <-ch:
				if !ok {
					return eventsMsg{ticket: ticket, ch: ch, events: batch, closed: true}
				}
				batch = append(batch, ev)
			default:
				return eventsMsg{ticket: ticket, ch: ch, events: batch}
			}
		}
		return eventsMsg{ticket: ticket, ch: ch, events: batch}
	}
}

// logTick arms the log batch tick for the current start (a new start begins
// a new chain; the old one dies at its next tick).
func (s *Screen) logTick() tea.Cmd {
	ticket := s.loads.Current()
	s.logTicking = true
	return tea.Tick(logBatchInterval, func(time.Time) tea.Msg { return logTickMsg{ticket: ticket} })
}

// ensureLogTick arms the tick unless the current chain is still running.
func (s *Screen) ensureLogTick() tea.Cmd {
	if s.logTicking {
		return nil
	}
	return s.logTick()
}

// flowAction is the call of a confirmed pause or activate of the whole flow;
// its Outcome says when a lost answer was settled by re-reading.
func flowAction(api nexla.API, flowID int64, action string) func(context.Context) (nexla.Outcome, error) {
	return func(ctx context.Context) (nexla.Outcome, error) {
		call := api.ActivateFlow
		if action == "pause" {
			call = api.PauseFlow
		}
		_, o, err := call(ctx, flowID, true)
		return o, err
	}
}

func watchTick(ticket viewkit.Ticket, wseq int, every time.Duration) tea.Cmd {
	return tea.Tick(every, func(time.Time) tea.Msg { return watchTickMsg{ticket: ticket, wseq: wseq} })
}

// pollWatch polls the flow and reads the watched run's logs past the
// lines already shown (a run in progress has logs before it has counts).
// since is when the log reads start: the watched run began after the
// screen's clock minus a day. Without it the client asks for the last 24 h
// by its own clock, which is not the data's clock against a simulator.
func pollWatch(ctx context.Context, api nexla.API, ticket viewkit.Ticket, wseq int, flowID, after int64, res []rb.ResourceRef, seen int, since time.Time) tea.Cmd {
	return func() tea.Msg {
		st, err := rb.PollRun(ctx, api, flowID, after, res)
		msg := watchMsg{ticket: ticket, wseq: wseq, status: st, err: err}
		if err == nil && st.RunID != 0 {
			// A failed log read is retried by the next poll; the lines read
			// before it are kept (the next read starts after them).
			msg.logs, _ = logsAfter(ctx, api, flowID, st.RunID, seen, since)
		}
		return msg
	}
}

// pollWatchCmd polls the watched flow with copies of the screen's state.
func (s *Screen) pollWatchCmd() tea.Cmd {
	return pollWatch(s.ctx, s.d.API, s.loads.Current(), s.watch.seq, s.report.Flow.ID, s.watch.baseline,
		s.facts.Resources, s.watch.logLines, s.d.ServerNow().Add(-24*time.Hour))
}

// watchLogPage is the page size of the watched run's log reads.
const watchLogPage = 1000

// logsAfter reads a run's log lines after the first seen, starting at the
// page that holds line seen, so a long run is never re-read from the top.
func logsAfter(ctx context.Context, api nexla.API, flowID, runID int64, seen int, since time.Time) ([]nexla.LogEntry, error) {
	var out []nexla.LogEntry
	skip := seen % watchLogPage
	for page := seen/watchLogPage + 1; ; page++ {
		l, err := api.FlowLogsByFlow(ctx, flowID, nexla.LogOptions{RunID: runID, From: since, Page: page, PerPage: watchLogPage})
		if err != nil {
			return out, err
		}
		if skip < len(l.Entries) {
			out = append(out, l.Entries[skip:]...)
		}
		skip = 0
		if len(l.Entries) < watchLogPage || len(out) >= 5*watchLogPage {
			return out, nil
		}
	}
}
