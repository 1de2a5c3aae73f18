package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/config"
)

// Mux is the terminal multiplexer between the program and the user's
// terminal: escape sequences it does not handle itself must be wrapped in its
// passthrough to reach the outer terminal.
type Mux int

// Multiplexers.
const (
	MuxNone Mux = iota
	MuxTmux
	MuxScreen
)

func (m Mux) String() string {
	switch m {
	case MuxTmux:
		return "tmux"
	case MuxScreen:
		return "screen"
	}
	return "none"
}

// NotifyProtocol is how the run watch tells the user a run finished.
type NotifyProtocol int

// Protocols; exactly one is sent, so a terminal that knows two (WezTerm,
// Ghostty) does not show the notification twice. The zero value is BEL:
// a Terminal nobody detected still rings.
const (
	NotifyBell   NotifyProtocol = iota // BEL: every terminal knows it
	NotifyOff                          // notifications: off
	NotifyOSC9                         // iTerm2, WezTerm, Ghostty, Windows Terminal, kitty
	NotifyOSC777                       // urxvt, foot, VTE-based terminals
)

func (p NotifyProtocol) String() string {
	switch p {
	case NotifyBell:
		return "bell"
	case NotifyOSC9:
		return "OSC 9"
	case NotifyOSC777:
		return "OSC 777"
	}
	return "off"
}

// Terminal is what the shell knows of the terminal it writes to, read once
// from the environment at start.
type Terminal struct {
	Mux    Mux
	Notify NotifyProtocol
}

// DetectTerminal reads the multiplexer and the notification protocol from
// the environment; mode is the config's notifications value (config.NotifyOff,
// NotifyBell, else auto), already validated by the config package.
func DetectTerminal(getenv func(string) string, mode string) Terminal {
	t := Terminal{Mux: detectMux(getenv)}
	switch mode {
	case config.NotifyOff:
		t.Notify = NotifyOff
	case config.NotifyBell:
		t.Notify = NotifyBell
	default:
		t.Notify = detectNotify(getenv)
	}
	return t
}

// detectMux: $TMUX inside tmux (TERM=tmux* when reached over ssh from it),
// $STY inside GNU screen. tmux wins when both are set: its panes inherit
// STY from a screen it was started in, never the reverse.
func detectMux(getenv func(string) string) Mux {
	switch {
	case getenv("TMUX") != "" || strings.HasPrefix(getenv("TERM"), "tmux"):
		return MuxTmux
	case getenv("STY") != "":
		return MuxScreen
	}
	return MuxNone
}

// detectNotify names the terminal from variables it sets itself. Inside tmux
// TERM_PROGRAM says "tmux", but the outer terminal's own variables
// (WEZTERM_PANE, KITTY_WINDOW_ID, ...) live on in the panes' environment, and
// LC_TERMINAL (iTerm2) crosses ssh. Unknown terminals get BEL, which every
// terminal (and tmux, which forwards it) understands.
func detectNotify(getenv func(string) string) NotifyProtocol {
	term := getenv("TERM")
	switch getenv("TERM_PROGRAM") {
	case "iTerm.app", "WezTerm", "ghostty":
		return NotifyOSC9
	}
	for _, v := range []string{"ITERM_SESSION_ID", "WEZTERM_PANE", "WEZTERM_EXECUTABLE", "GHOSTTY_RESOURCES_DIR",
		"WT_SESSION", "KITTY_WINDOW_ID"} {
		if getenv(v) != "" {
			return NotifyOSC9
		}
	}
	if getenv("LC_TERMINAL") == "iTerm2" || term == "xterm-kitty" || term == "xterm-ghostty" || term == "wezterm" {
		return NotifyOSC9
	}
	if getenv("VTE_VERSION") != "" || strings.HasPrefix(term, "rxvt-unicode") || strings.HasPrefix(term, "foot") {
		return NotifyOSC777
	}
	return NotifyBell
}

// screenChunk is GNU screen's limit on one string sequence (MAXSTR, 768
// bytes since 2014): longer passthroughs are cut into several DCS.
const screenChunk = 768

// Passthrough wraps seq so it crosses the multiplexer to the outer terminal
// (tmux needs `allow-passthrough on`; screen passes DCS content as is).
func (t Terminal) Passthrough(seq string) string {
	switch t.Mux {
	case MuxTmux:
		return ansi.TmuxPassthrough(seq)
	case MuxScreen:
		return ansi.ScreenPassthrough(seq, screenChunk)
	}
	return seq
}
