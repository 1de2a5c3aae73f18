package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
)

// nowEnv pins the clock of doctor and health (RFC 3339), so a report about
// a replayed or simulated org reads the same every time (tests, demos).
const nowEnv = "NEXLA_TUI_NOW"

// runbookFlags are the knobs doctor and health share.
type runbookFlags struct {
	output  string
	runs    int
	stale   time.Duration
	timeout time.Duration
}

func (f *runbookFlags) add(cmd *cobra.Command, formats string, def string) {
	cmd.Flags().StringVarP(&f.output, "output", "o", def, "output format: "+formats)
	cmd.Flags().IntVar(&f.runs, "runs", 10, "how many recent runs to examine")
	cmd.Flags().DurationVar(&f.stale, "stale-after", 24*time.Hour, "a flow with no run for longer than this is stale")
	cmd.Flags().DurationVar(&f.timeout, "timeout", 2*time.Minute, "give up after this long")
}

func (f *runbookFlags) options(g *Globals) (runbook.Options, error) {
	o := runbook.Options{Runs: f.runs, StaleAfter: f.stale}
	if f.runs < 1 || f.runs > 500 {
		return o, usageErr("--runs must be between 1 and 500, got %d", f.runs)
	}
	if f.stale <= 0 {
		return o, usageErr("--stale-after must be positive, got %s", f.stale)
	}
	getenv := g.Getenv
	if getenv == nil {
		return o, nil
	}
	if v := strings.TrimSpace(getenv(nowEnv)); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return o, usageErr("%s=%q is not an RFC 3339 time (e.g. 2026-11-22T09:00:00Z)", nowEnv, v)
		}
		o.Now = func() time.Time { return t }
	}
	return o, nil
}

// runbookRun is what doctor and health work with once their flags are
// valid: a context bounded by --timeout, a connected client and the options.
type runbookRun struct {
	ctx    context.Context
	cancel context.CancelFunc
	client *nexla.Client
	opts   runbook.Options
}

// start validates the shared flags and connects; the caller defers cancel.
func (f *runbookFlags) start(cmd *cobra.Command, g *Globals) (*runbookRun, error) {
	opts, err := f.options(g)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(contextOf(cmd), f.timeout)
	client, cfg, err := g.Connect(ctx)
	if err != nil {
		cancel()
		return nil, err
	}
	if opts.Now == nil {
		// The server's clock (its Date header), so a jump host whose clock
		// is off neither dates runs in the future nor cuts the newest ones
		// out of the log windows (see nexla.Client.ServerNow).
		opts.Now = client.ServerNow
	}
	opts.SLA = cfg.SLA // the profile's thresholds: doctor and health judge alike
	return &runbookRun{ctx: ctx, cancel: cancel, client: client, opts: opts}, nil
}

func newDoctorCommand(g *Globals) *cobra.Command {
	var fl runbookFlags
	cmd := &cobra.Command{
		Use:   "doctor <flow|source|nexset|destination> <id>",
		Short: "Walk the troubleshooting runbook for a flow or resource and print the findings",
		Long: `doctor walks the seven-step troubleshooting runbook (failure point, run metrics,
logs of the failed run, failed versus successful run, dependencies, configuration,
fix and verify) for a flow or one of its resources and prints the most likely cause
first, with its evidence. It only reads: it never pauses or activates anything.

Exit status: 0 healthy, 1 a problem was found, 2 usage or connection error.`,
		Example: "  nexla-tui doctor flow 5001\n  nexla-tui doctor source 7012 -o json | jq .top_finding",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usageErr("doctor needs a kind and an id, e.g. \"nexla-tui doctor flow 5001\" (got %d arguments)", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := runbook.ParseTarget(args[0], args[1])
			if err != nil {
				return usageErr("%v", err)
			}
			format := strings.ToLower(fl.output)
			if format != "markdown" && format != "md" && format != "json" {
				return usageErr("unknown output format %q: use markdown or json", fl.output)
			}
			run, err := fl.start(cmd, g)
			if err != nil {
				return err
			}
			defer run.cancel()
			report, facts := runbook.Diagnose(run.ctx, run.client, t, run.opts)
			if err := facts.Err("flow"); err != nil {
				return &ExitError{Code: 2, Err: describeFlowErr(t, err)}
			}
			if format == "json" {
				err = runbook.WriteJSON(g.IO.Out, report)
			} else {
				err = runbook.WriteMarkdown(g.IO.Out, report)
			}
			if err != nil {
				return &ExitError{Code: 2, Err: fmt.Errorf("writing the report: %w", err)}
			}
			if !report.Healthy() {
				return &ExitError{Code: 1}
			}
			return nil
		},
	}
	fl.add(cmd, "markdown or json", "markdown")
	return cmd
}

func describeFlowErr(t runbook.Target, err error) error {
	switch {
	case nexla.IsNotFound(err):
		return fmt.Errorf("%s not found (or not visible to you)", t)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("reading the flow of %s timed out (raise --timeout)", t)
	}
	return fmt.Errorf("reading the flow of %s: %w", t, err)
}

func contextOf(cmd *cobra.Command) context.Context {
	if ctx := cmd.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}
