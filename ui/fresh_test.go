package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// freshStub is a screen that says when its data was read.
type freshStub struct {
	*stubScreen
	readAt time.Time
}

func (f *freshStub) ReadAt() time.Time { return f.readAt }

func (f *freshStub) Update(m tea.Msg) (Screen, tea.Cmd) {
	_, cmd := f.stubScreen.Update(m)
	return f, cmd
}

func refreshes(s *stubScreen) int {
	n := 0
	for _, m := range s.got {
		if _, ok := m.(RefreshMsg); ok {
			n++
		}
	}
	return n
}

// A screen that comes back into view (the screen over it closed, or the
// terminal regained focus) refreshes when its data is older than the
// refresh interval, and not when it is fresher.
func TestStaleScreenRefreshesWhenItComesBackIntoView(t *testing.T) {
	now := time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)
	var screens []*stubScreen
	h := newHarness(t, func(c *AppConfig) {
		c.Refresh = 30 * time.Second
		c.Deps.Now = func() time.Time { return now }
		c.Routes = testRoutes(func(r Route, d Deps) (Screen, error) {
			s := &stubScreen{title: string(r.Kind)}
			screens = append(screens, s)
			return &freshStub{stubScreen: s, readAt: now}, nil
		})
	})
	root := screens[0]
	run(h.app, h.app.push(Route{Kind: RouteDetail, RT: nexla.Flows, ID: 1}))
	now = now.Add(10 * time.Second)
	press(h.app, "esc")
	if n := refreshes(root); n != 0 {
		t.Fatalf("a screen read 10 s ago (interval 30 s) was refreshed %d times", n)
	}
	run(h.app, h.app.push(Route{Kind: RouteDetail, RT: nexla.Flows, ID: 2}))
	now = now.Add(2 * time.Minute)
	press(h.app, "esc")
	if n := refreshes(root); n != 1 {
		t.Fatalf("a screen read 2 min ago (interval 30 s) came back into view: %d refreshes, want 1", n)
	}
	h.app.Update(tea.BlurMsg{})
	_, cmd := h.app.Update(tea.FocusMsg{})
	run(h.app, cmd)
	if n := refreshes(root); n != 2 {
		t.Fatalf("the terminal regained focus over stale data: %d refreshes, want 2", n)
	}
}
