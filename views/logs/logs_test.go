package logs

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// load builds the screen at w x h and runs its first read.
func load(t *testing.T, d ui.Deps, rt nexla.ResourceType, id, run int64, w, h int) *Screen {
	t.Helper()
	s := New(d, rt, id, run)
	s.SetSize(w, h)
	feed(s, s.Init())
	if s.loading || s.err != nil {
		t.Fatalf("load: loading %v, err %v", s.loading, s.err)
	}
	return s
}

// feed hands the screen's own messages back to it (no ticks are armed:
// following is off).
func feed(s *Screen, cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	for _, m := range viewtest.Run(cmd) {
		if _, ok := m.(loadedMsg); ok {
			_, next := s.Update(m)
			out = append(out, feed(s, next)...)
			continue
		}
		out = append(out, m)
	}
	return out
}

func press(s *Screen, keys ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range keys {
		_, cmd := s.Update(viewtest.Key(k))
		out = append(out, feed(s, cmd)...)
	}
	return out
}

// cet is a zone that is not UTC, so the goldens show times converted and
// the zone named.
var cet = time.FixedZone("CET", 3600)

// The logs of a flow over the last hour by the server's clock, and of one
// run, at both sizes: times in the zone set, with the zone named; long
// lines wrapped at 80 columns.
func TestLogsScreenGolden(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	d.Location = cet
	sc := env.Scenario(t, "credential_expired")
	for _, size := range viewtest.Sizes {
		s := load(t, d, nexla.Flows, sc.FlowID, 0, size.W, size.H)
		v := viewtest.Plain(s.View())
		if !strings.Contains(v, "last 1h by the server's clock") || !strings.Contains(v, "times CET (UTC+01:00)") {
			t.Fatalf("window or zone not named:\n%s", v)
		}
		viewtest.GoldenFrame(t, "flow_last_hour", size.W, size.H, s.View())
		r := load(t, d, nexla.Flows, sc.FlowID, 1795334516553, size.W, size.H)
		viewtest.GoldenFrame(t, "flow_run", size.W, size.H, r.View())
		press(r, "G", "z")
		viewtest.GoldenFrame(t, "flow_run_zoom", size.W, size.H, r.View())
	}
}

// Searching ERROR keeps the lines whose severity is ERROR although their
// text never says it; y copies the selected line, not the flow's id.
func TestSearchSeverityAndCopyLine(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "credential_expired")
	s := load(t, d, nexla.Flows, sc.FlowID, 1795334516553, 160, 48)
	all := s.logs.Len()
	s.logs.SetQuery("ERROR") // what the debounced FilterChangedMsg does
	// The authentication line says "failed", never "error": only its
	// severity column matches.
	if n := s.logs.Matched(); n == 0 || n == all || !strings.Contains(s.logs.View(), "Authentication failed") {
		t.Fatalf("ERROR matched %d of %d lines:\n%s", n, all, s.logs.View())
	}
	if !s.ClaimsKey(viewtest.Key("y")) {
		t.Fatal("the logs screen must take y from the shell")
	}
	msgs := press(s, "y")
	cp, ok := msgs[0].(ui.CopyMsg)
	if !ok || !strings.Contains(cp.Text, " ERROR SOURCE ") || !strings.Contains(cp.Text, "UTC") {
		t.Fatalf("y: %+v", msgs)
	}
}

// W cycles the window and reads it again; F reads a typed one.
func TestWindowPresetsAndTypedWindow(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "credential_expired")
	s := load(t, d, nexla.Flows, sc.FlowID, 0, 160, 48)
	hour := s.logs.Len()
	press(s, "W")
	if !strings.Contains(s.titleLine(), "last 1d") || s.logs.Len() <= hour {
		t.Fatalf("a day holds more than an hour: %d vs %d (%s)", s.logs.Len(), hour, s.titleLine())
	}
	press(s, "F")
	if !s.CapturesInput() {
		t.Fatal("F opens a prompt")
	}
	press(s, "3", "h", "enter")
	if !strings.Contains(s.titleLine(), "last 3h") {
		t.Fatalf("typed window: %s", s.titleLine())
	}
}

func TestParseWindow(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	for in, want := range map[string]string{
		"90m": "last 1h30m0s", "6h": "last 6h", "3d": "last 3d", "2w": "last 2w",
		"2026-11-22 03:00": "since 2026-11-22 03:00 UTC", "08:30": "since 2026-11-22 08:30 UTC", "23:00": "since 2026-11-21 23:00 UTC",
	} {
		w, err := parseWindow(in, now, time.UTC)
		if err != nil || w.describe(time.UTC) != want {
			t.Errorf("%q: %q %v, want %q", in, w.describe(time.UTC), err, want)
		}
	}
	for _, bad := range []string{"", "soon", "40d", "2026-12-01 00:00", "-3h"} {
		if _, err := parseWindow(bad, now, time.UTC); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// Following polls from the newest line seen and shows only new lines: the
// runs that start while following appear, and no line appears twice.
func TestFollowShowsNewLinesOnce(t *testing.T) {
	env, d := viewtest.IncidentOrg(t, false)
	sc := env.Scenario(t, "credential_expired")
	s := load(t, d, nexla.Flows, sc.FlowID, 0, 160, 48)
	before := s.logs.Len()
	press(s, "f")
	if !s.following || !s.logs.Following() {
		t.Fatal("f follows")
	}
	for i := 0; i < 3; i++ {
		env.Sim.Advance(time.Hour) // an hourly flow: a run each time
		_, cmd := s.Update(followTickMsg{ticket: s.loads.Current(), fseq: s.fseq})
		for _, m := range viewtest.Run(cmd) {
			s.Update(m)
		}
	}
	if s.logs.Len() <= before {
		t.Fatalf("three hours of following added nothing: %d lines", s.logs.Len())
	}
	s.logs.SetQuery("started: reading")
	if n := s.logs.Matched(); n < 3 {
		t.Fatalf("%d runs seen starting (want the first and at least two new)", n)
	}
	seen := map[string]bool{}
	s.logs.SetQuery("")
	s.logs.Home()
	for i := 0; i < s.logs.Matched(); i++ {
		line, _ := s.logs.Selected()
		if seen[line] {
			t.Fatalf("shown twice: %s", line)
		}
		seen[line] = true
		s.logs.Scroll(1)
	}
}
