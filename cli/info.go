package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"github.com/nexla-tui/nexla-tui/config"
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
)

// infoReport is what `info` prints. It holds no secret: the credential is
// named by its kind only, and no secret command is run to find it.
type infoReport struct {
	Version  string       `json:"version"`
	Paths    infoPaths    `json:"paths"`
	Profile  infoProfile  `json:"profile"`
	Terminal infoTerminal `json:"terminal"`
	Hints    []string     `json:"hints"`
}

type infoPaths struct {
	Config      string `json:"config"`
	ConfigFound bool   `json:"config_found"`
	StateDir    string `json:"state_dir"`
	DebugLog    string `json:"debug_log"`
	// ReportsDir is null: doctor and health print their reports to stdout.
	ReportsDir *string `json:"reports_dir"`
}

type infoProfile struct {
	Name          string `json:"name"`
	APIURL        string `json:"api_url,omitempty"`
	Auth          string `json:"auth"`
	ReadOnly      bool   `json:"read_only"`
	Banner        string `json:"banner,omitempty"`
	Accent        string `json:"accent,omitempty"`
	Notifications string `json:"notifications"`
	Error         string `json:"error,omitempty"`
}

type infoTerminal struct {
	Term          string            `json:"term"`
	ColorTerm     string            `json:"colorterm"`
	TermProgram   string            `json:"term_program"`
	NoColor       bool              `json:"no_color"`
	ColourProfile string            `json:"colour_profile"`
	StdinTTY      bool              `json:"stdin_tty"`
	StdoutTTY     bool              `json:"stdout_tty"`
	Multiplexer   string            `json:"multiplexer"`
	TmuxOptions   map[string]string `json:"tmux_options,omitempty"`
	Notifications string            `json:"notifications"`
	Clipboard     string            `json:"clipboard"`
}

// tmuxOptionsShown are the tmux options that decide whether notifications
// and OSC 52 copies reach the outer terminal.
func tmuxOptionsShown() []string { return []string{"allow-passthrough", "set-clipboard"} }

func newInfoCommand(g *Globals) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "info",
		Short: "Show where config, state and logs live and what the terminal supports (never secrets)",
		Long: `info prints the paths nexla-tui reads and writes (config file, state directory,
debug log), the profile that would be used (name, API URL, kind of credential,
read-only, banner) and what it detected of the terminal: TERM, COLORTERM,
NO_COLOR, the colour profile, tmux or screen, the notification protocol and how
OSC 52 copies are sent, with advice when something will not reach the terminal.
It runs no secret command and prints no secret.

Exit status: 0, or 1 when the config file has an error (shown in the output).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if output != "text" && output != "json" {
				return usageErr("unknown output %q: want text or json", output)
			}
			r := buildInfo(contextOf(cmd), g)
			var err error
			if output == "json" {
				enc := json.NewEncoder(g.IO.Out)
				enc.SetIndent("", "  ")
				err = enc.Encode(r)
			} else {
				err = writeInfoText(g.IO.Out, r)
			}
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			if r.Profile.Error != "" {
				return &ExitError{Code: 1}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "text", "output format: text or json")
	return cmd
}

func buildInfo(ctx context.Context, g *Globals) infoReport {
	getenv := g.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	r := infoReport{Version: g.Version, Hints: []string{}}
	r.Paths = infoPathsOf(g, getenv)
	r.Profile = infoProfileOf(g, getenv)
	// An invalid mode is reported in the profile section; auto meanwhile.
	term := ui.DetectTerminal(getenv, r.Profile.Notifications)
	r.Terminal = infoTerminalOf(ctx, g, getenv, term)
	r.Hints = infoHints(r, term)
	return r
}

func infoPathsOf(g *Globals, getenv func(string) string) infoPaths {
	p := infoPaths{Config: g.ConfigPath, DebugLog: debugLogPath(getenv)}
	if p.Config == "" {
		p.Config = config.DefaultPath(getenv)
	}
	p.StateDir = filepath.Dir(p.DebugLog)
	if p.Config != "" {
		_, err := os.Stat(p.Config)
		p.ConfigFound = err == nil
	}
	return p
}

// infoProfileOf resolves the settings the TUI would use, with every
// *_cmd replaced by a stand-in: info must not prompt for a password or run
// anything, and must not hold a secret it could print.
func infoProfileOf(g *Globals, getenv func(string) string) infoProfile {
	ranCmd := false
	cfg, err := config.Load(config.Options{Profile: g.Profile, Path: g.ConfigPath, Getenv: getenv,
		ReadOnly: g.ReadOnly, RunCommand: func(context.Context, string) (string, error) {
			ranCmd = true
			return "not-run-by-info", nil
		}})
	st := cfg.Connection
	p := infoProfile{Name: st.Profile, APIURL: st.BaseURL, Auth: st.AuthMode(), ReadOnly: st.ReadOnly,
		Banner: bannerOf(cfg), Accent: cfg.Accent, Notifications: cfg.Notifications}
	if p.Notifications == "" {
		p.Notifications = config.NotifyAuto
	}
	if ranCmd {
		p.Auth += " (from the profile's command, not run by info)"
	}
	if errors.Is(err, nexla.ErrNoCredentials) {
		p.Auth = "none (set NEXLA_SERVICE_KEY, or a profile; `nexla-tui demo` needs none)"
		err = nil
	}
	if err != nil {
		p.Error = err.Error()
	}
	return p
}

func infoTerminalOf(ctx context.Context, g *Globals, getenv func(string) string, term ui.Terminal) infoTerminal {
	t := infoTerminal{
		Term: getenv("TERM"), ColorTerm: getenv("COLORTERM"), NoColor: getenv("NO_COLOR") != "",
		TermProgram: strings.TrimSpace(getenv("TERM_PROGRAM") + " " + getenv("TERM_PROGRAM_VERSION")),
		StdinTTY:    isTTY(g.IO.In), StdoutTTY: isTTY(g.IO.Out),
		Multiplexer: term.Mux.String(), Notifications: term.Notify.String(),
	}
	env := colourEnviron(getenv)
	if t.StdoutTTY {
		t.ColourProfile = colorprofile.Detect(g.IO.Out, env).String()
	} else {
		t.ColourProfile = colorprofile.Env(env).String() + " (from the environment: stdout is not a terminal)"
	}
	limit := fmt.Sprintf("up to %d bytes", ui.MaxClipboardText)
	switch term.Mux {
	case ui.MuxTmux:
		t.Clipboard = "OSC 52, plain and through tmux passthrough, " + limit
		if getenv("TMUX") != "" {
			t.TmuxOptions = map[string]string{}
			for _, name := range tmuxOptionsShown() {
				t.TmuxOptions[name] = tmuxOption(ctx, name)
			}
		}
	case ui.MuxScreen:
		t.Clipboard = "OSC 52 through screen passthrough in 768-byte chunks, " + limit
	default:
		t.Clipboard = "OSC 52, " + limit
	}
	return t
}

// colourEnviron is the part of the environment colorprofile reads, taken
// through getenv so tests control it; unset variables stay unset.
func colourEnviron(getenv func(string) string) []string {
	var env []string
	for _, k := range []string{"TERM", "COLORTERM", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TTY_FORCE", "TMUX", "GOOGLE_CLOUD_SHELL"} {
		if v := getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// tmuxOption asks the tmux server of this pane for a global option; a tmux
// that does not answer within a second reads "unknown".
func tmuxOption(ctx context.Context, name string) string {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "tmux", "show-options", "-gv", name).Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

// infoHints turns what was detected into advice a person can act on.
func infoHints(r infoReport, term ui.Terminal) []string {
	var h []string
	t := r.Terminal
	if !t.StdinTTY || !t.StdoutTTY {
		h = append(h, "stdin or stdout is not a terminal: the TUI will not start here (over ssh: ssh -t); list, health and doctor work")
	}
	if t.Term == "" || t.Term == "dumb" {
		h = append(h, "TERM is unset or dumb: set it to your terminal's (e.g. xterm-256color)")
	}
	if t.NoColor {
		h = append(h, "NO_COLOR is set: the TUI draws without colour; glyphs and text carry every state")
	}
	if term.Mux == ui.MuxTmux {
		if v := t.TmuxOptions["allow-passthrough"]; v != "on" && v != "all" {
			h = append(h, "tmux allow-passthrough is "+orUnknown(v)+": notifications and passthrough copies are dropped; run: tmux set -g allow-passthrough on (tmux 3.3+)")
		}
		if v := t.TmuxOptions["set-clipboard"]; v != "on" {
			h = append(h, "tmux set-clipboard is "+orUnknown(v)+": for copies taken by tmux itself run: tmux set -g set-clipboard on")
		}
	}
	if term.Mux == ui.MuxScreen {
		h = append(h, "GNU screen: copies and notifications go through its passthrough; nothing to set")
	}
	switch term.Notify {
	case ui.NotifyBell:
		h = append(h, "notifications ring the bell (terminal not known to show OSC 9/777 notifications); `notifications: off` in the config silences them")
	case ui.NotifyOSC9, ui.NotifyOSC777:
		h = append(h, "notifications use "+term.Notify.String()+"; `notifications: bell` or `off` in the config changes that")
	}
	if r.Profile.Error != "" {
		h = append(h, "the config has an error: fix it before starting the TUI")
	}
	return h
}

func orUnknown(v string) string {
	if v == "" {
		return "unknown (not inside the pane's tmux)"
	}
	return v
}

func writeInfoText(w io.Writer, r infoReport) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	line := func(k, v string) { fmt.Fprintf(tw, "  %s\t%s\n", k, v) }
	yesNo := map[bool]string{true: "yes", false: "no"}
	fmt.Fprintf(tw, "nexla-tui %s\n\nPaths\n", r.Version)
	cfg := r.Paths.Config
	if !r.Paths.ConfigFound {
		cfg += " (not found: environment variables only)"
	}
	line("config", cfg)
	line("state", r.Paths.StateDir)
	line("debug log", r.Paths.DebugLog+" (written with --debug)")
	line("reports", "none kept: doctor and health print to stdout")
	fmt.Fprintln(tw, "\nProfile")
	line("profile", orNone(r.Profile.Name))
	line("API", orNone(r.Profile.APIURL))
	line("auth", r.Profile.Auth)
	line("read-only", yesNo[r.Profile.ReadOnly])
	if r.Profile.Banner != "" {
		line("banner", r.Profile.Banner+" (accent "+orNone(r.Profile.Accent)+")")
	}
	line("notify", r.Profile.Notifications)
	if r.Profile.Error != "" {
		line("error", r.Profile.Error)
	}
	t := r.Terminal
	fmt.Fprintln(tw, "\nTerminal")
	line("TERM", orNone(t.Term))
	line("COLORTERM", orNone(t.ColorTerm))
	line("program", orNone(t.TermProgram))
	line("NO_COLOR", map[bool]string{true: "set", false: "unset"}[t.NoColor])
	line("colours", t.ColourProfile)
	line("stdin/stdout", fmt.Sprintf("terminal: %s / %s", yesNo[t.StdinTTY], yesNo[t.StdoutTTY]))
	mux := t.Multiplexer
	for _, k := range tmuxOptionsShown() {
		if v, ok := t.TmuxOptions[k]; ok {
			mux += fmt.Sprintf(", %s %s", k, v)
		}
	}
	line("multiplexer", mux)
	line("notifications", t.Notifications)
	line("clipboard", t.Clipboard)
	if len(r.Hints) > 0 {
		fmt.Fprintln(tw, "\nHints")
		for _, h := range r.Hints {
			fmt.Fprintf(tw, "  - %s\n", h)
		}
	}
	return tw.Flush()
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
