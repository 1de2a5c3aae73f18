package ui

import (
	"context"
	"fmt"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
)

// A watch follows something the user is waiting for (the next run of a flow
// after activating it) in the shell, not in a screen: it keeps polling after
// the screen that started it is left or closed, its outcome is shown on
// whatever screen is visible (a toast and the terminal's notification), and
// a screen opened later reads its timeline from Deps.Watches.

// WatchSpec is what a screen asks the shell to watch.
type WatchSpec struct {
	// Key names the watched thing ("flow 800116"): one watch per key.
	Key string
	// Title names it in the timeline and the notification.
	Title string
	// Every is the time between polls.
	Every time.Duration
	// Notes open the timeline ("flow activated; watching for the next run").
	Notes []string
	// Verifies is true when the watch checks a change the user made (the
	// run after an activation), false when it only follows a run.
	Verifies bool
	// Poll reads once. The shell calls it on the app's context (only
	// quitting cancels it), one call at a time, so it may keep its own
	// state (the baseline run, the log lines already read) between calls.
	Poll func(ctx context.Context) (WatchPoll, error)
}

// WatchPoll is one poll's answer.
type WatchPoll struct {
	// Status is the watched resource's status as just read ("ACTIVE"),
	// "" when the poll did not read it.
	Status string
	// Progress is one line on where things stand ("run 7 PROCESSING, 120
	// records so far").
	Progress string
	// Notes are new timeline entries ("run 7 started").
	Notes []string
	// Logs are new log lines of the watched run.
	Logs []nexla.LogEntry
	// RunID is the run being followed, 0 until one started.
	RunID int64
	// Done ends the watch; Outcome says how it ended.
	Done    bool
	Outcome WatchOutcome
}

// WatchOutcome is how a watch ended, in words that follow the evidence
// ("the next run succeeded (1 of 1 since the fix)").
type WatchOutcome struct {
	Level ToastLevel
	// OK is true when the evidence says the watched thing went well.
	OK bool
	// Title is the notification's title ("the next run succeeded").
	Title string
	// Verdict is the sentence with its evidence.
	Verdict string
}

// WatchRecord is a watch as a screen reads it: a copy.
type WatchRecord struct {
	Key, Title string
	Verifies   bool
	Started    time.Time
	// Timeline is what happened, oldest first, each line stamped.
	Timeline []string
	// Logs are the watched run's lines, oldest first (at most maxWatchLogs;
	// LogsDropped counts the oldest dropped beyond that).
	Logs        []nexla.LogEntry
	LogsDropped int
	Last        WatchPoll // the newest successful poll (its Logs and Notes emptied)
	Polls       int
	Done        bool
	Outcome     WatchOutcome
	// Seq changes with every update, so a screen can tell it has news.
	Seq int
}

// Active reports a watch still polling.
func (r WatchRecord) Active() bool { return !r.Done }

// maxWatchLogs bounds the log lines a watch keeps: a long run's lines beyond
// it are dropped oldest first (the runbook's log limit).
const maxWatchLogs = 20000

// maxWatchTimeline bounds the timeline the same way.
const maxWatchTimeline = 200

// Watches holds the app's watches: built by the shell (NewApp) and handed to
// every screen in Deps, which only read it. Only the shell changes it.
type Watches struct {
	mu  sync.Mutex
	m   map[string]*watchEntry
	gen int
}

type watchEntry struct {
	spec WatchSpec
	gen  int // tells this watch's polls from an earlier one of the same key
	rec  WatchRecord
}

// NewWatches is an empty set of watches.
func NewWatches() *Watches { return &Watches{m: map[string]*watchEntry{}} }

// Get is a copy of the watch of key, if there is one.
func (w *Watches) Get(key string) (WatchRecord, bool) {
	if w == nil {
		return WatchRecord{}, false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	e, ok := w.m[key]
	if !ok {
		return WatchRecord{}, false
	}
	r := e.rec
	r.Timeline = append([]string(nil), r.Timeline...)
	r.Logs = r.Logs[:len(r.Logs):len(r.Logs)] // read-only: lines are appended past it, never changed
	return r, true
}

// start registers a watch; false when one of that key is still polling.
func (w *Watches) start(spec WatchSpec, now time.Time) (gen int, ok bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if e, busy := w.m[spec.Key]; busy && !e.rec.Done {
		return 0, false
	}
	w.gen++
	e := &watchEntry{spec: spec, gen: w.gen, rec: WatchRecord{Key: spec.Key, Title: spec.Title, Verifies: spec.Verifies, Started: now, Seq: 1}}
	for _, n := range spec.Notes {
		e.rec.note(now, n)
	}
	w.m[spec.Key] = e
	return w.gen, true
}

// entry is the watch of key when gen is still its current poll chain.
func (w *Watches) entry(key string, gen int) (*watchEntry, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	e, ok := w.m[key]
	if !ok || e.gen != gen || e.rec.Done {
		return nil, false
	}
	return e, true
}

// apply records one poll's answer and returns the record (ok: the poll
// is still this watch's).
func (w *Watches) apply(key string, gen int, p WatchPoll, err error, now time.Time) (rec WatchRecord, ok bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	e, found := w.m[key]
	if !found || e.gen != gen || e.rec.Done {
		return WatchRecord{}, false
	}
	r := &e.rec
	r.Polls++
	r.Seq++
	if err != nil {
		r.note(now, "poll failed (will retry): "+safetext.Clean(err.Error()))
		return *r, true
	}
	for _, n := range p.Notes {
		r.note(now, n)
	}
	r.Logs = append(r.Logs, p.Logs...)
	if over := len(r.Logs) - maxWatchLogs; over > 0 {
		r.Logs = append([]nexla.LogEntry(nil), r.Logs[over:]...)
		r.LogsDropped += over
	}
	p.Logs, p.Notes = nil, nil
	r.Last = p
	if p.Done {
		r.Done, r.Outcome = true, p.Outcome
		r.note(now, p.Outcome.Verdict)
	}
	return *r, true
}

func (r *WatchRecord) note(now time.Time, text string) {
	r.Timeline = append(r.Timeline, now.UTC().Format("15:04:05")+" "+safetext.Clean(text))
	if over := len(r.Timeline) - maxWatchTimeline; over > 0 {
		r.Timeline = append([]string(nil), r.Timeline[over:]...)
	}
}

// StartWatchMsg asks the shell to start a watch.
type StartWatchMsg struct{ Spec WatchSpec }

// StartWatch is the Cmd a screen returns to start a watch.
func StartWatch(spec WatchSpec) tea.Cmd { return func() tea.Msg { return StartWatchMsg{Spec: spec} } }

// WatchUpdatedMsg tells the visible screen a watch has news (screens below it
// read the watch when they come back into view).
type WatchUpdatedMsg struct{ Key string }

type watchTickMsg struct {
	key string
	gen int
}

type watchPolledMsg struct {
	key  string
	gen  int
	poll WatchPoll
	err  error
}

// startWatch registers the watch and polls it at once.
func (a *App) startWatch(spec WatchSpec) tea.Cmd {
	if spec.Poll == nil || spec.Key == "" {
		return nil
	}
	gen, ok := a.deps.Watches.start(spec, a.deps.Now())
	if !ok {
		return a.addToast(ToastInfo, "already watching "+safetext.Clean(spec.Title))
	}
	return tea.Batch(a.toTop(WatchUpdatedMsg{Key: spec.Key}), a.pollWatch(spec.Key, gen))
}

// pollWatch runs one poll off the UI goroutine, on the app's context.
func (a *App) pollWatch(key string, gen int) tea.Cmd {
	e, ok := a.deps.Watches.entry(key, gen)
	if !ok {
		return nil
	}
	ctx, poll := a.ctx, e.spec.Poll
	return func() tea.Msg {
		p, err := poll(ctx)
		return watchPolledMsg{key: key, gen: gen, poll: p, err: err}
	}
}

// watchPolled records a poll, tells the visible screen, and either arms the
// next poll or announces the outcome wherever the user is.
func (a *App) watchPolled(msg watchPolledMsg) tea.Cmd {
	if a.ctx.Err() != nil {
		return nil
	}
	rec, ok := a.deps.Watches.apply(msg.key, msg.gen, msg.poll, msg.err, a.deps.Now())
	if !ok {
		return nil
	}
	cmds := []tea.Cmd{a.toTop(WatchUpdatedMsg{Key: msg.key})}
	if !rec.Done {
		e, _ := a.deps.Watches.entry(msg.key, msg.gen)
		every := time.Second
		if e != nil && e.spec.Every > 0 {
			every = e.spec.Every
		}
		key, gen := msg.key, msg.gen
		return tea.Batch(append(cmds, a.cfg.Tick(every, func(time.Time) tea.Msg { return watchTickMsg{key: key, gen: gen} }))...)
	}
	o := rec.Outcome
	// The verdict first: a narrow terminal cuts the toast's end.
	text := fmt.Sprintf("%s · %s", o.Verdict, rec.Title)
	return tea.Batch(append(cmds, a.addToast(o.Level, safetext.Clean(text)),
		a.deps.Terminal.NotifyCmd("nexla-tui "+o.Title, text))...)
}
