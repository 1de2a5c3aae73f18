package views

import (
	"regexp"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/fakeapi"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// Strings an API (or whoever named a resource) can send: a clipboard write,
// a screen clear, a window title change, a bell and a C1 CSI.
const (
	hostileName   = "evil\x1b]52;c;cm0gLXJmIC8=\x07-orders\x1b[2J"
	hostileOwner  = "Mallory\x1b]0;owned\x1b\\ Ops\a"
	hostileStatus = "403 \u009b31mdenied\x1b[31;1m!"
)

// themeSGR is the styling the colourless theme itself writes: bold,
// underline, reverse and their resets. Anything else (a colour, a clear, an
// OSC) can only have come from the API.
var themeSGR = regexp.MustCompile(`\x1b\[(?:(?:0|1|4|7|22|24|27)?;?)*m`)

// Every browse screen, built through the router the app uses, shows the
// hostile rows without a single escape or control byte of the API's.
func TestScreensNeverPassEscapeSequencesThrough(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	api.Sources[0].Name = hostileName
	api.Sources[0].Description = hostileName
	api.Sources[0].Owner = &nexla.Owner{ID: 9, FullName: hostileOwner, Email: "m@example.com"}
	api.Nexsets[0].Name = hostileName
	api.Sinks[0].Name = hostileName
	api.Creds[1].VerifiedStatus = hostileStatus
	api.Creds[1].Name = hostileName
	api.Flows.DataSources, api.Flows.DataSets, api.Flows.DataSinks, api.Flows.DataCredentials = api.Sources, api.Nexsets, api.Sinks, api.Creds
	for i := range api.Flows.Flows { // every flow, so each screen that lists one shows it
		api.Flows.Flows[i].Name = hostileName
	}

	routes := []ui.Route{
		{Kind: ui.RouteFlows, RT: nexla.Flows},
		{Kind: ui.RouteList, RT: nexla.DataSources},
		{Kind: ui.RouteList, RT: nexla.DataSets},
		{Kind: ui.RouteList, RT: nexla.DataSinks},
		{Kind: ui.RouteList, RT: nexla.DataCredentials},
		{Kind: ui.RouteDetail, RT: nexla.DataSources, ID: 5012},
		{Kind: ui.RouteDetail, RT: nexla.DataCredentials, ID: 302},
		{Kind: ui.RouteDetail, RT: nexla.Flows, ID: 100},
		{Kind: ui.RouteHealth},
		{Kind: ui.RouteBlast, RT: nexla.DataCredentials, ID: 302},
	}
	for _, r := range routes {
		checkShownClean(t, r, viewtest.Deps(api))
	}
}

// checkShownClean builds route r on d, at 80x24 and 160x48, and fails when
// the hostile text is not on screen (the check would prove nothing) or when
// an escape or control byte of the API's, or an escape sequence's body,
// reached the frame.
func checkShownClean(t *testing.T, r ui.Route, d ui.Deps) {
	t.Helper()
	s, err := Routes().Build(r, d)
	if err != nil {
		t.Fatalf("%v: %v", r, err)
	}
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		s.SetSize(size[0], size[1])
		viewtest.Feed(t, s, s.Init())
		frame := themeSGR.ReplaceAllString(s.View(), "")
		if !strings.Contains(frame, "evil") {
			t.Fatalf("%v at %v: the hostile text is not on screen, so this proves nothing:\n%s", r, size, frame)
		}
		for i, c := range frame {
			if c == 0x1b || c == 0x07 || c == 0x9b || (c < 0x20 && c != '\n') {
				t.Fatalf("%v at %v: control %U at byte %d reached the frame:\n%q", r, size, c, i, frame)
			}
		}
		if strings.Contains(frame, "]52;") || strings.Contains(frame, "]0;owned") {
			t.Fatalf("%v at %v: an escape sequence's body survived:\n%s", r, size, frame)
		}
	}
}
