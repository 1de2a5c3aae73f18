package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/nexla-tui/nexla-tui/config"
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/safefile"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views"
)

// tuiSession is what a TUI run needs besides the API: shared by the root
// command and `demo`.
type tuiSession struct {
	g        *Globals
	log      *slog.Logger
	logPath  string
	closeLog func()
	// open is the screen opened over the flows tree at start (`nexla-tui
	// flow ID`), nil for the tree alone.
	open *ui.Route
}

// runTUI connects with the global flags and runs the TUI. Without
// credentials it shows the onboarding screen, which can start the demo.
func runTUI(ctx context.Context, g *Globals) error {
	if err := requireTerminal(g.IO); err != nil {
		return err
	}
	sess, err := newTUISession(g)
	if err != nil {
		return err
	}
	defer sess.closeLog()
	client, cfg, err := g.Connect(ctx, nexla.WithLogger(sess.log))
	if err != nil && !errors.Is(err, nexla.ErrNoCredentials) {
		return err
	}
	var onboarding *ui.OnboardingInfo
	var api nexla.API
	if err != nil {
		onboarding = sess.onboardingInfo(cfg, err)
	} else {
		api = client
	}
	return sess.run(ctx, api, cfg, onboarding)
}

func newTUISession(g *Globals) (*tuiSession, error) {
	s := &tuiSession{g: g, log: slog.New(slog.NewTextHandler(io.Discard, nil)), closeLog: func() {}}
	if !g.Debug {
		return s, nil
	}
	path := debugLogPath(g.Getenv)
	if path == "" {
		return nil, usageErr("--debug: no private place for the log: set XDG_STATE_HOME or HOME to an absolute path " +
			"(a shared temp directory is not used: another user could plant the file there)")
	}
	f, err := safefile.Open(path, safefile.Append)
	if err != nil {
		return nil, usageErr("--debug: %v", err)
	}
	s.log = slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s.logPath = path
	s.closeLog = func() { _ = f.Close() }
	s.log.Info("nexla-tui start", "version", g.Version)
	return s, nil
}

// debugLogPath is the debug log in the state directory (statePath), or ""
// when there is no private place for it.
func debugLogPath(getenv func(string) string) string { return statePath(getenv, "debug.log") }

func (s *tuiSession) onboardingInfo(cfg config.Config, err error) *ui.OnboardingInfo {
	o := &ui.OnboardingInfo{Reason: "No Nexla credentials were found.", ConfigPath: cfg.Path}
	if o.ConfigPath == "" {
		o.ConfigPath = config.DefaultPath(s.g.Getenv)
	}
	s.log.Info("onboarding", "reason", err.Error())
	return o
}

// run builds the shell and runs the program until the user quits. cfg was
// validated by config.Load (keys, theme, the profile's look).
func (s *tuiSession) run(ctx context.Context, api nexla.API, cfg config.Config, onboarding *ui.OnboardingInfo) error {
	g := s.g
	getenv := g.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	defer softMemoryLimit(getenv)()
	// The background is queried before the program starts so the first frame
	// already has the right palette; a terminal that does not answer is dark.
	light := false
	if getenv("NEXLA_TUI_LIGHT") == "1" {
		light = true
	} else if getenv("NEXLA_TUI_LIGHT") == "" && isTTY(g.IO.Out) {
		light = !lipgloss.HasDarkBackground(os.Stdin, os.Stdout)
	}
	th := theme.New(theme.Options{
		ASCII:     getenv("NEXLA_TUI_ASCII") == "1",
		Light:     light,
		NoColor:   getenv("NO_COLOR") != "",
		Overrides: cfg.Theme,
		Accent:    cfg.Accent,
	})
	profile := cfg.Connection.Profile
	if profile == "" && api != nil {
		profile = "env"
	}
	readOnly := g.ReadOnly || cfg.Connection.ReadOnly
	if api != nil {
		readOnly = readOnly || api.ReadOnly()
	}
	deps := ui.Deps{API: api, Theme: th, Keys: cfg.Keys.Global, ScreenKeys: cfg.Keys.Screens, Now: time.Now, Log: s.log,
		ReadOnly: readOnly, AccessRole: accessRole(g, api), Terminal: ui.DetectTerminal(getenv, cfg.Notifications),
		Profile: profile, LogPath: s.logPath, Banner: bannerOf(cfg), StateDir: statePath(getenv, ""),
		Location: time.Local, ReportDir: statePath(getenv, "reports"),
		Console: ui.ConsoleLinks{Template: cfg.UIURL, Guessed: cfg.UIURLGuessed, Hyperlinks: isTTY(g.IO.Out) && getenv("NO_COLOR") == ""},
		Health:  runbook.NewHealthShare(runbook.HealthOptions{Options: runbook.Options{Now: time.Now, SLA: cfg.SLA}})}
	defer deps.Health.Close()
	if cfg.UTC {
		deps.Location = time.UTC
	}
	app := ui.NewApp(ui.AppConfig{
		Deps: deps, Routes: views.Routes(), Start: ui.Route{Kind: ui.RouteFlows, RT: nexla.Flows},
		Open: s.open, FollowServerClock: true,
		Refresh: g.Refresh, Onboarding: onboarding, DemoAvailable: true,
		StartDemo: func() (nexla.API, func(), error) {
			d, err := startDemo(demoOptions{Seed: 1, Speed: 1}, s.log, g.Version, readOnly)
			if err != nil {
				return nil, nil, err
			}
			return d.client, d.stop, nil
		},
	})
	defer app.Close()
	opts := []tea.ProgramOption{tea.WithContext(ctx)}
	if in, ok := g.IO.In.(*os.File); ok {
		opts = append(opts, tea.WithInput(in))
	}
	if out, ok := g.IO.Out.(*os.File); ok {
		opts = append(opts, tea.WithOutput(out))
	}
	if _, err := tea.NewProgram(app, opts...).Run(); err != nil && (!errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, tea.ErrProgramPanic)) {
		s.log.Error("program", "err", err.Error())
		return &ExitError{Code: 1, Err: fmt.Errorf("tui: %w", err)}
	}
	return nil
}

// accessRole is the role the screens list with: the client's (the flag,
// else the profile's, else collaborator), so the screens and the runbook
// they open see the same flows.
func accessRole(g *Globals, api nexla.API) string {
	if c, ok := api.(interface{ AccessRole() string }); ok {
		return c.AccessRole()
	}
	if g.AccessRole != "" {
		return g.AccessRole
	}
	return nexla.DefaultAccessRole
}
