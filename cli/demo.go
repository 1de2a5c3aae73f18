package cli

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	"github.com/nexla-tui/nexla-tui/config"
	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/safefile"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// defaultRefresh matches the root command's --refresh default.
const defaultRefresh = 30 * time.Second

type demoOptions struct {
	Seed       int64
	Flows      int
	Speed      float64
	SimURLFile string
	// Readings carries the simulator switches (--log-unit, --run-order,
	// --metrics-status); the other fields of it are unused.
	Readings sim.Options
}

// newDemoCommand runs the TUI against the simulator started in-process. The
// TUI talks to it through the real HTTP client, as it would to Nexla.
func newDemoCommand(g *Globals) *cobra.Command {
	var o demoOptions
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run the TUI against a built-in simulated Nexla org (no account needed)",
		Long: `demo starts the Nexla simulator on 127.0.0.1 and opens the TUI on it.
The simulated org has flows in every state and the incidents the runbook
knows; --flows adds generated flows to try big orgs (e.g. --flows 20000).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.Flows < 0 {
				return usageErr("--flows must be 0 or more, got %d", o.Flows)
			}
			if o.Speed <= 0 {
				return usageErr("--speed must be above 0, got %g", o.Speed)
			}
			if err := o.Readings.ValidateReadings(); err != nil {
				return usageErr("%v", err)
			}
			if err := o.Readings.Faults.Validate(); err != nil {
				return usageErr("%v", err)
			}
			return runDemo(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.Int64Var(&o.Seed, "seed", 1, "simulator seed (same seed, same org)")
	f.IntVar(&o.Flows, "flows", 0, "extra generated flows on top of the demo org")
	f.Float64Var(&o.Speed, "speed", 1, "simulator clock speed (60 = a minute per second)")
	f.StringVar(&o.SimURLFile, "sim-url-file", "", "write the simulator's base URL to this file (for scripts and tests)")
	f.DurationVar(&g.Refresh, "refresh", defaultRefresh, "auto-refresh interval (0 disables)")
	addReadingFlags(cmd, &o.Readings)
	return cmd
}

type runningDemo struct {
	client  *nexla.Client
	baseURL string
	stop    func()
}

// startDemo starts the simulator and a client for it.
func startDemo(o demoOptions, log *slog.Logger, version string, readOnly bool) (*runningDemo, error) {
	s, err := sim.New(sim.Options{Seed: o.Seed, ExtraFlows: o.Flows, Speed: o.Speed, Logger: log,
		LogUnit: o.Readings.LogUnit, RunOrder: o.Readings.RunOrder, Faults: sim.Faults{MetricsStatus: o.Readings.Faults.MetricsStatus}})
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	base, err := s.Start("")
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if version == "" {
		version = "dev"
	}
	c, err := nexla.New(nexla.Settings{Profile: "demo", BaseURL: base + "/nexla-api", ServiceKey: s.ServiceKey(), ReadOnly: readOnly},
		nexla.WithLogger(log), nexla.WithVersion(version))
	if err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("demo: %w", err)
	}
	return &runningDemo{client: c, baseURL: base, stop: func() { _ = s.Close() }}, nil
}

func runDemo(ctx context.Context, g *Globals, o demoOptions) error {
	if err := requireTerminal(g.IO); err != nil {
		return err
	}
	sess, err := newTUISession(g)
	if err != nil {
		return err
	}
	defer sess.closeLog()
	d, err := startDemo(o, sess.log, g.Version, g.ReadOnly)
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	defer d.stop()
	if o.SimURLFile != "" {
		if err := safefile.WriteFile(o.SimURLFile, []byte(d.baseURL+"\n")); err != nil {
			return usageErr("--sim-url-file: %v", err)
		}
	}
	sess.log.Info("demo simulator", "url", d.baseURL, "seed", o.Seed, "flows", o.Flows)
	// The demo reads no config file: default keys and theme, the built-in org.
	return sess.run(ctx, d.client, config.Config{Connection: nexla.Settings{Profile: "demo", ReadOnly: g.ReadOnly},
		Keys: keymap.Defaults()}, nil)
}
