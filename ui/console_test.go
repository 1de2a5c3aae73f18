package ui

import (
	"encoding/base64"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// o copies the selection's console URL from the profile's template; a
// guessed template says so; without one the toast says how to set it.
func TestOpenURLCopiesTheConsoleURL(t *testing.T) {
	for _, c := range []struct {
		links      ConsoleLinks
		url, toast string
	}{
		{ConsoleLinks{Template: "https://dataops.nexla.io/#/{kind}/{id}"}, "https://dataops.nexla.io/#/data_sources/5012", "copied Nexla URL https://dataops.nexla.io/#/data_sources/5012"},
		{ConsoleLinks{Template: "https://x.example/#/flows/{flow_id}", Guessed: true}, "", "no console URL for source 5012"},
		{ConsoleLinks{}, "", "set ui_url in the profile"},
	} {
		h := newHarness(t, func(cfg *AppConfig) { cfg.Deps.Console = c.links })
		h.app.Update(NavigateMsg{Route: Route{Kind: RouteList, RT: nexla.DataSources}})
		var raw []string
		for _, m := range press(h.app, "o") {
			if r, ok := m.(tea.RawMsg); ok {
				raw = append(raw, r.Msg.(string))
			}
		}
		if c.url != "" && (len(raw) != 1 || raw[0] != "\x1b]52;c;"+base64.StdEncoding.EncodeToString([]byte(c.url))+"\x07") {
			t.Errorf("%+v: sequences %q", c.links, raw)
		}
		if c.url == "" && len(raw) != 0 {
			t.Errorf("%+v: copied %q", c.links, raw)
		}
		if got := h.app.toasts[len(h.app.toasts)-1].text; !strings.Contains(got, c.toast) {
			t.Errorf("%+v: toast %q, want %q", c.links, got, c.toast)
		}
	}
}

// Links are OSC 8 only where the terminal takes them.
func TestConsoleLinkIsOSC8OnlyWhenAllowed(t *testing.T) {
	c := ConsoleLinks{Template: "https://dataops.nexla.io/#/flows/{flow_id}"}
	if got := c.Link("flow 800012", nexla.Flows, 800012, 0); got != "flow 800012" {
		t.Fatalf("no hyperlinks: %q", got)
	}
	c.Hyperlinks = true
	want := "\x1b]8;;https://dataops.nexla.io/#/flows/800012\x07flow 800012\x1b]8;;\x07"
	if got := c.Link("flow 800012", nexla.Flows, 800012, 0); got != want {
		t.Fatalf("hyperlink: %q, want %q", got, want)
	}
	if got := c.Link("credential 3011", nexla.DataCredentials, 3011, 0); got != "credential 3011" {
		t.Fatalf("a credential has no flow page: %q", got)
	}
}

// A screen's CopyMsg goes through the same OSC 52 path, and a text over the
// limit is refused with a toast, not silently dropped.
func TestScreenCopyUsesTheOneClipboardPath(t *testing.T) {
	h := newHarness(t, nil)
	msgs := run(h.app, Copy("# Runbook", "the findings"))
	if len(msgs) < 2 || msgs[1] != (tea.RawMsg{Msg: "\x1b]52;c;IyBSdW5ib29r\x07"}) {
		t.Fatalf("copy: %q", msgs)
	}
	run(h.app, Copy(strings.Repeat("x", MaxClipboardText+1), "the findings"))
	if got := h.app.toasts[len(h.app.toasts)-1].text; !strings.Contains(got, "the findings not copied") {
		t.Fatalf("too large: %q", got)
	}
}
