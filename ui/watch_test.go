package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// The pause dialog shows its notes and warnings whole at 80x24: a warning
// that the flow would stay paused must not be cut off the box.
func TestConfirmDialogShowsNotesAndWarnings(t *testing.T) {
	called := new(bool)
	h := newHarness(t, nil)
	m := pauseMutation(called)
	m.Confirm.Notes = []string{"paused by priya@acme.io 4 d ago (2025-03-10 09:35 UTC)"}
	m.Confirm.Warnings = []string{`source "Vendor Catalog" (id 10011) is RATE_LIMITED, and Nexla refuses to activate a rate-capped flow ("Flow is rate limited"): once paused, the flow would stay paused (activation would be refused)`}
	h.screens[0].onKey = map[string]tea.Cmd{"p": Mutate(m)}
	press(h.app, "p")
	f := plain(h.app)
	assertFrame(t, f, 80, 24)
	flat := strings.Join(strings.Fields(strings.NewReplacer("│", " ", "╭", " ", "╰", " ").Replace(f)), " ")
	for _, want := range []string{"Note: paused by priya@acme.io 4 d ago (2025-03-10 09:35 UTC)",
		"Warning: source \"Vendor Catalog\" (id 10011) is RATE_LIMITED", "once paused, the flow would stay paused"} {
		if !strings.Contains(flat, want) {
			t.Fatalf("the dialog lacks %q:\n%s", want, f)
		}
	}
}

// scriptedPoll answers polls from a script, one answer a call.
type scriptedPoll struct {
	answers []WatchPoll
	errs    []error
	calls   int
}

func (p *scriptedPoll) poll(context.Context) (WatchPoll, error) {
	i := min(p.calls, len(p.answers)-1)
	p.calls++
	var err error
	if i < len(p.errs) {
		err = p.errs[i]
	}
	return p.answers[i], err
}

// ticks collects the shell's timers so a test fires them when it chooses.
type ticks struct{ pending []func(time.Time) tea.Msg }

func (k *ticks) tick(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	k.pending = append(k.pending, fn)
	return nil
}

// fire fires every pending timer and feeds what follows.
func (k *ticks) fire(a *App) []tea.Msg {
	fns := k.pending
	k.pending = nil
	var out []tea.Msg
	for _, fn := range fns {
		out = append(out, run(a, func() tea.Msg { return fn(time.Time{}) })...)
	}
	return out
}

// A watch started by a screen lives in the shell: it keeps polling after
// that screen is closed, a failed poll is noted and retried, and its end
// reaches the user on whatever screen is shown: a toast and one terminal
// notification. The timeline stays readable in Deps.Watches.
func TestWatchOutlivesItsScreenAndAnnouncesTheOutcome(t *testing.T) {
	tk := &ticks{}
	h := newHarness(t, func(c *AppConfig) {
		c.Tick = tk.tick
		c.Deps.Terminal = Terminal{Notify: NotifyOSC9}
		c.Deps.Now = func() time.Time { return time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC) }
	})
	sp := &scriptedPoll{
		answers: []WatchPoll{
			{Status: "ACTIVE", Progress: "waiting for a run newer than 6"},
			{},
			{Status: "ACTIVE", RunID: 7, Notes: []string{"run 7 started"}, Logs: []nexla.LogEntry{{Log: "reading"}}},
			{Status: "ACTIVE", RunID: 7, Done: true, Outcome: WatchOutcome{Level: ToastInfo, OK: true,
				Title: "the next run succeeded", Verdict: "the next run succeeded (1 of 1 since the fix): run 7: 10 records, 0 errors"}},
		},
		errs: []error{nil, errors.New("HTTP 503")},
	}
	spec := WatchSpec{Key: "flow 42", Title: `flow "orders" (id 42)`, Every: 5 * time.Second, Verifies: true,
		Notes: []string{"flow activated; watching for the next run"}, Poll: sp.poll}
	h.screens[0].onKey = map[string]tea.Cmd{"w": StartWatch(spec)}
	run(h.app, h.app.push(Route{Kind: RouteDetail, RT: nexla.Flows, ID: 42}))
	h.screens[1].onKey = map[string]tea.Cmd{"w": StartWatch(spec)}
	press(h.app, "w")
	if sp.calls != 1 {
		t.Fatalf("the watch should poll at once, polled %d times", sp.calls)
	}
	press(h.app, "esc") // leave the screen that started it
	if !h.screens[1].closed {
		t.Fatal("the screen that started the watch should be closed")
	}
	var notified string
	for i := 0; i < 5 && notified == ""; i++ {
		for _, m := range tk.fire(h.app) {
			if raw, ok := m.(tea.RawMsg); ok {
				notified = raw.Msg.(string)
			}
		}
	}
	if sp.calls != 4 {
		t.Fatalf("polled %d times, want 4 (the watch must go on after its screen is gone)", sp.calls)
	}
	if !strings.HasPrefix(notified, "\x1b]9;nexla-tui the next run succeeded: ") {
		t.Fatalf("notification %q", notified)
	}
	if f := plain(h.app); !strings.Contains(f, "the next run succeeded (1 of 1 since the") || !strings.Contains(f, "screen flows") {
		t.Fatalf("the outcome should be toasted over the screen now shown:\n%s", f)
	}
	rec, ok := h.app.deps.Watches.Get("flow 42")
	if !ok || !rec.Done || !rec.Outcome.OK || len(rec.Logs) != 1 || rec.Polls != 4 {
		t.Fatalf("record %+v", rec)
	}
	tl := strings.Join(rec.Timeline, "\n")
	for _, want := range []string{"flow activated", "poll failed (will retry): HTTP 503", "run 7 started", "the next run succeeded (1 of 1 since the fix)"} {
		if !strings.Contains(tl, want) {
			t.Fatalf("timeline lacks %q:\n%s", want, tl)
		}
	}
	for _, fn := range tk.pending {
		if _, ok := fn(time.Time{}).(watchTickMsg); ok {
			t.Fatal("a finished watch armed another poll")
		}
	}
	// The same key may be watched again once the first has ended, not while it runs.
	again := spec
	again.Poll = (&scriptedPoll{answers: []WatchPoll{{Progress: "waiting"}}}).poll
	h.screens[0].onKey = map[string]tea.Cmd{"w": StartWatch(again)}
	press(h.app, "w")
	if rec, _ := h.app.deps.Watches.Get("flow 42"); rec.Done {
		t.Fatal("a new watch of an ended key should start")
	}
	if press(h.app, "w"); !strings.Contains(plain(h.app), "already watching") {
		t.Fatalf("a second watch of a running key should be refused:\n%s", plain(h.app))
	}
}
