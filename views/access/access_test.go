package access

import (
	"strconv"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

const jordan = "jordan.kim@acme-retail.example"

// typeLine types s into the pane's input line, key by key.
func typeLine(t *testing.T, s *Screen, line string) {
	t.Helper()
	for _, r := range line {
		k := string(r)
		if r == ' ' {
			k = "space"
		}
		viewtest.Press(t, s, k)
	}
}

// ask presses enter on the typed line and returns the mutation asked for.
func ask(t *testing.T, s *Screen, keys ...string) ui.Mutation {
	t.Helper()
	out := viewtest.Press(t, s, keys...)
	if len(out) == 0 {
		t.Fatalf("no mutation asked; the pane shows:\n%s", viewtest.Plain(s.View()))
	}
	m, ok := out[0].(ui.MutateMsg)
	if !ok {
		t.Fatalf("asked %#v", out)
	}
	return m.Mutation
}

func rowOf(view, text string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, text) {
			return l
		}
	}
	return ""
}

// Grant, change and revoke on the simulator: each asks a confirmation that
// names the accessor, the role and the resource; once confirmed it is one
// applied change in the simulator's record, and the pane re-reads and
// shows the new list.
func TestGrantChangeRevokeRoundTrips(t *testing.T) {
	sm, api := viewtest.Sim(t, false)
	var flow int64
	for _, sc := range sm.Scenarios() {
		if sc.Key == "healthy" {
			flow = sc.FlowID
		}
	}
	s := New(viewtest.Deps(api), nexla.Flows, flow)
	s.SetSize(160, 48)
	viewtest.Feed(t, s, s.Init())
	if strings.Contains(viewtest.Plain(s.View()), jordan) {
		t.Fatal("jordan has access before the grant")
	}
	for _, sz := range viewtest.Sizes {
		s.SetSize(sz.W, sz.H)
		viewtest.GoldenFrame(t, "flow_accessors", sz.W, sz.H, s.View())
	}
	s.SetSize(160, 48)

	viewtest.Press(t, s, "+")
	typeLine(t, s, jordan+" operator")
	for _, sz := range viewtest.Sizes {
		s.SetSize(sz.W, sz.H)
		viewtest.GoldenFrame(t, "flow_accessors_grant", sz.W, sz.H, s.View())
	}
	s.SetSize(160, 48)
	m := ask(t, s, "enter")
	c := m.Confirm
	res := "flow " + strconv.FormatInt(flow, 10)
	if c.Resource != res || c.Action != "grant operator" || !strings.Contains(strings.Join(c.Effects, "\n"), jordan) {
		t.Fatalf("grant confirmation: %+v", c)
	}
	if got := sm.Mutations(0); len(got) != 0 {
		t.Fatalf("sent before confirming: %+v", got)
	}
	viewtest.Feed(t, s, viewtest.Confirm(t, s, m))
	row := rowOf(viewtest.Plain(s.View()), jordan)
	if !strings.Contains(row, "operator") {
		t.Fatalf("after the grant the pane does not show jordan as operator:\n%s", viewtest.Plain(s.View()))
	}

	// e on jordan's row: change to collaborator.
	for i := 0; i < 10 && !strings.Contains(rowOf(viewtest.Plain(s.View()), "▶"), jordan); i++ {
		viewtest.Press(t, s, "down")
	}
	viewtest.Press(t, s, "e")
	typeLine(t, s, "collaborator")
	m = ask(t, s, "enter")
	if !strings.Contains(strings.Join(m.Confirm.Effects, "\n"), "operator -> collaborator") {
		t.Fatalf("change confirmation: %+v", m.Confirm)
	}
	viewtest.Feed(t, s, viewtest.Confirm(t, s, m))
	if row := rowOf(viewtest.Plain(s.View()), jordan); !strings.Contains(row, "collaborator") || strings.Contains(row, "operator") {
		t.Fatalf("after the change: %q", row)
	}

	m = ask(t, s, "-")
	if m.Confirm.Action != "revoke" || !strings.Contains(strings.Join(m.Confirm.Effects, "\n"), jordan) {
		t.Fatalf("revoke confirmation: %+v", m.Confirm)
	}
	viewtest.Feed(t, s, viewtest.Confirm(t, s, m))
	if strings.Contains(viewtest.Plain(s.View()), jordan) {
		t.Fatalf("after the revoke jordan is still listed:\n%s", viewtest.Plain(s.View()))
	}
	applied := 0
	for _, x := range sm.Mutations(0) {
		if x.Applied && strings.HasSuffix(x.Path, "/accessors") {
			applied++
		}
	}
	if applied != 3 {
		t.Fatalf("%d applied accessor changes, want 3 (grant, change, revoke): %+v", applied, sm.Mutations(0))
	}
}

// Read-only: the shell refuses the grant with the one sentence; a bad line
// is refused in the pane before anything is asked.
func TestGrantRefusedReadOnlyAndBadLine(t *testing.T) {
	sm, api := viewtest.Sim(t, true)
	d := viewtest.Deps(api)
	d.ReadOnly = true
	s := New(d, nexla.DataCredentials, 3017)
	s.SetSize(80, 24)
	viewtest.Feed(t, s, s.Init())
	viewtest.Press(t, s, "+")
	typeLine(t, s, jordan+" superuser")
	if out := viewtest.Press(t, s, "enter"); len(out) != 0 || !strings.Contains(viewtest.Plain(s.View()), "unknown role") {
		t.Fatalf("a bad role: %#v\n%s", out, viewtest.Plain(s.View()))
	}
	viewtest.Press(t, s, "esc")
	viewtest.Press(t, s, "+")
	typeLine(t, s, jordan+" operator")
	text, ok := viewtest.Refusal(d, viewtest.Press(t, s, "enter"))
	if !ok || text != ui.ReadOnlyRefusal("grant operator") {
		t.Fatalf("read-only: %q %v", text, ok)
	}
	if got := sm.Mutations(0); len(got) != 0 {
		t.Fatalf("read-only sent %+v", got)
	}
}

func TestParseGrant(t *testing.T) {
	for line, want := range map[string]string{
		"a@b.example operator": "USER a@b.example operator", "user 42 admin": "USER 42 admin", "42 owner": "USER 42 owner",
		"team 11 collaborator": "TEAM 11 collaborator", "org collaborator": "ORG 0 collaborator",
		"a@b.example": "error", "team x operator": "error", "bob operator": "error", "a@b.example root": "error",
	} {
		a, err := parseGrant(line)
		got := "error"
		if err == nil {
			who := a.Email
			if who == "" {
				who = strconv.FormatInt(a.ID, 10)
			}
			got = a.Type + " " + who + " " + a.AccessRoles[0]
		}
		if got != want {
			t.Errorf("%q: %s, want %s", line, got, want)
		}
	}
}
