package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
)

func envOf(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestDetectTerminalPicksOneProtocol(t *testing.T) {
	cases := []struct {
		name string
		env  []string
		mode string
		want Terminal
	}{
		{"iTerm2", []string{"TERM_PROGRAM", "iTerm.app"}, "", Terminal{Notify: NotifyOSC9}},
		{"iTerm2 over ssh", []string{"LC_TERMINAL", "iTerm2", "TERM", "xterm-256color"}, "", Terminal{Notify: NotifyOSC9}},
		{"WezTerm", []string{"TERM_PROGRAM", "WezTerm"}, "", Terminal{Notify: NotifyOSC9}},
		{"Ghostty", []string{"TERM_PROGRAM", "ghostty", "TERM", "xterm-ghostty"}, "", Terminal{Notify: NotifyOSC9}},
		{"Windows Terminal", []string{"WT_SESSION", "0f2c"}, "", Terminal{Notify: NotifyOSC9}},
		{"kitty", []string{"TERM", "xterm-kitty"}, "", Terminal{Notify: NotifyOSC9}},
		{"GNOME Terminal (VTE)", []string{"VTE_VERSION", "7600", "TERM", "xterm-256color"}, "", Terminal{Notify: NotifyOSC777}},
		{"urxvt", []string{"TERM", "rxvt-unicode-256color"}, "", Terminal{Notify: NotifyOSC777}},
		{"foot", []string{"TERM", "foot"}, "", Terminal{Notify: NotifyOSC777}},
		{"xterm", []string{"TERM", "xterm-256color"}, "", Terminal{Notify: NotifyBell}},
		{"linux console", []string{"TERM", "linux"}, "auto", Terminal{Notify: NotifyBell}},
		// In tmux TERM_PROGRAM is tmux's, the outer terminal's own variable survives.
		{"WezTerm under tmux", []string{"TMUX", "/tmp/tmux-0/default,1,0", "TERM_PROGRAM", "tmux", "WEZTERM_PANE", "3"}, "",
			Terminal{Mux: MuxTmux, Notify: NotifyOSC9}},
		{"unknown under tmux", []string{"TMUX", "/tmp/t", "TERM_PROGRAM", "tmux", "TERM", "tmux-256color"}, "",
			Terminal{Mux: MuxTmux, Notify: NotifyBell}},
		{"tmux over ssh", []string{"TERM", "tmux-256color"}, "", Terminal{Mux: MuxTmux, Notify: NotifyBell}},
		{"screen", []string{"STY", "1234.pts-0.host", "TERM", "screen.xterm-256color", "VTE_VERSION", "7600"}, "",
			Terminal{Mux: MuxScreen, Notify: NotifyOSC777}},
		{"tmux inside screen", []string{"STY", "1.x", "TMUX", "/tmp/t"}, "", Terminal{Mux: MuxTmux, Notify: NotifyBell}},
		{"opt-out", []string{"TERM_PROGRAM", "WezTerm"}, "off", Terminal{Notify: NotifyOff}},
		{"bell only", []string{"TERM_PROGRAM", "WezTerm"}, "bell", Terminal{Notify: NotifyBell}},
	}
	for _, c := range cases {
		if got := DetectTerminal(envOf(c.env...), c.mode); got != c.want {
			t.Errorf("%s: got %v/%v, want %v/%v", c.name, got.Mux, got.Notify, c.want.Mux, c.want.Notify)
		}
	}
}

func TestNotificationSequenceExactBytes(t *testing.T) {
	title, body := "nexla-tui fix verified", "flow \"Orders; CDC\" run 7 SUCCESS\x1b]52;c;eA==\x07"
	clean := "flow \"Orders, CDC\" run 7 SUCCESS"
	osc9 := "\x1b]9;nexla-tui fix verified: " + clean + "\x07"
	osc777 := "\x1b]777;notify;nexla-tui fix verified;" + clean + "\x07"
	cases := []struct {
		t    Terminal
		want string
	}{
		{Terminal{Notify: NotifyOSC9}, osc9},
		{Terminal{Notify: NotifyOSC777}, osc777},
		{Terminal{Notify: NotifyBell}, "\a"},
		{Terminal{Notify: NotifyOff}, ""},
		// tmux: every ESC of the inner sequence doubled, inside DCS tmux; ... ST.
		{Terminal{Mux: MuxTmux, Notify: NotifyOSC9}, "\x1bPtmux;\x1b" + osc9 + "\x1b\\"},
		{Terminal{Mux: MuxTmux, Notify: NotifyOSC777}, "\x1bPtmux;\x1b" + osc777 + "\x1b\\"},
		// screen: DCS <seq> ST, ESCs as they are.
		{Terminal{Mux: MuxScreen, Notify: NotifyOSC9}, "\x1bP" + osc9 + "\x1b\\"},
		// BEL is forwarded by tmux and screen themselves: never wrapped.
		{Terminal{Mux: MuxTmux, Notify: NotifyBell}, "\a"},
		{Terminal{Mux: MuxScreen, Notify: NotifyBell}, "\a"},
	}
	for _, c := range cases {
		if got := c.t.NotificationSequence(title, body); got != c.want {
			t.Errorf("%v/%v:\n got %q\nwant %q", c.t.Mux, c.t.Notify, got, c.want)
		}
	}
	if (Terminal{Notify: NotifyOff}).NotifyCmd(title, body) != nil {
		t.Error("notifications off must write nothing")
	}
}

func TestClipboardSequencePerMultiplexer(t *testing.T) {
	plainSeq := "\x1b]52;c;NTAxMg==\x07"
	for _, c := range []struct {
		mux  Mux
		want string
	}{
		{MuxNone, plainSeq},
		// tmux: plain (set-clipboard on) and wrapped (allow-passthrough on).
		{MuxTmux, plainSeq + "\x1bPtmux;\x1b\x1b]52;c;NTAxMg==\x07\x1b\\"},
		// screen drops OSC 52: only its passthrough.
		{MuxScreen, "\x1bP" + plainSeq + "\x1b\\"},
	} {
		got, err := Terminal{Mux: c.mux}.ClipboardSequence("5012")
		if err != nil || got != c.want {
			t.Errorf("%v: %q %v, want %q", c.mux, got, err, c.want)
		}
	}
}

// screen accepts at most 768 bytes per string sequence: a long copy is cut
// into several DCS whose contents, joined, are the OSC 52 sequence.
func TestClipboardThroughScreenIsChunked(t *testing.T) {
	text := strings.Repeat("orders-", 300) // 2,100 bytes, 2,800 of base64
	got, err := Terminal{Mux: MuxScreen}.ClipboardSequence(text)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Terminal{}.ClipboardSequence(text)
	if !strings.HasPrefix(got, "\x1bP") || !strings.HasSuffix(got, "\x1b\\") {
		t.Fatalf("not a DCS: %q", got[:20])
	}
	chunks := strings.Split(strings.TrimSuffix(strings.TrimPrefix(got, "\x1bP"), "\x1b\\"), "\x1b\\\x1bP")
	if len(chunks) < 4 {
		t.Fatalf("%d chunks for %d bytes", len(chunks), len(want))
	}
	for i, c := range chunks {
		if len(c) > 768 {
			t.Fatalf("chunk %d is %d bytes, screen takes 768", i, len(c))
		}
	}
	if strings.Join(chunks, "") != want {
		t.Fatal("the chunks do not rebuild the OSC 52 sequence")
	}
}

func TestClipboardSizeCap(t *testing.T) {
	if MaxClipboardText != 74_994 {
		t.Fatalf("MaxClipboardText = %d, want 74,994 (a 100,000-byte sequence)", MaxClipboardText)
	}
	seq, err := Terminal{}.ClipboardSequence(strings.Repeat("a", MaxClipboardText))
	if err != nil || len(seq) > MaxClipboardSequence {
		t.Fatalf("at the cap: %d bytes, %v", len(seq), err)
	}
	_, err = Terminal{Mux: MuxTmux}.ClipboardSequence(strings.Repeat("a", 10_000_000))
	if err == nil || !strings.Contains(err.Error(), "10.0 MB") || !strings.Contains(err.Error(), "75.0 KB") {
		t.Fatalf("over the cap: %v", err)
	}
}

func TestCopyOverCapToastsInsteadOfWriting(t *testing.T) {
	h := newHarness(t, nil)
	h.app.Update(NavigateMsg{Route: Route{Kind: RouteList, RT: nexla.DataSources}})
	h.screens[len(h.screens)-1].sel = &Selection{RT: nexla.DataSources, ID: 5012, Name: strings.Repeat("n", 200_000)}
	for _, m := range press(h.app, "Y") {
		if _, ok := m.(tea.RawMsg); ok {
			t.Fatal("an over-size copy must write nothing")
		}
	}
	if got := plain(h.app); !strings.Contains(got, "source name not copied: 200.0 KB is over") {
		t.Fatalf("no refusal toast:\n%s", got)
	}
}
