package apptest

import (
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/ui"
)

// frames records the content of every View() the program renders, so a
// test can wait for what is on screen now. Waiting on the byte stream sent
// to the terminal would not do: the v2 renderer writes only the cells
// that changed, so a word that was half on screen before never appears whole
// in it: the frame itself is the reliable thing to wait on.
type frames struct {
	mu   sync.Mutex
	last string
	n    int
}

func (f *frames) set(s string) {
	f.mu.Lock()
	f.last, f.n = s, f.n+1
	f.mu.Unlock()
}

func (f *frames) get() (string, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.last, f.n
}

// recorder wraps the real root model and records each frame it hands the
// renderer; it changes nothing else.
type recorder struct {
	app    *ui.App
	frames *frames
}

func (r recorder) Init() tea.Cmd { return r.app.Init() }

func (r recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := r.app.Update(msg)
	return r, cmd
}

func (r recorder) View() tea.View {
	v := r.app.View()
	r.frames.set(ansi.Strip(v.Content))
	return v
}

// timers replaces tea.Tick for the shell's timers (toast expiry): a timer
// fires when the test calls fire, never on its own.
type timers struct {
	mu   sync.Mutex
	due  chan struct{} // closed by fire: every timer armed before it fires
	done chan struct{} // closed at cleanup: pending timers return nothing
	now  func() time.Time
}

func newTimers(now func() time.Time) *timers {
	return &timers{due: make(chan struct{}), done: make(chan struct{}), now: now}
}

func (tm *timers) tick(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	tm.mu.Lock()
	due := tm.due
	tm.mu.Unlock()
	return func() tea.Msg {
		select {
		case <-due:
			return fn(tm.now())
		case <-tm.done:
			return nil
		}
	}
}

func (tm *timers) fire() {
	tm.mu.Lock()
	close(tm.due)
	tm.due = make(chan struct{})
	tm.mu.Unlock()
}

func (tm *timers) stop() { close(tm.done) }
