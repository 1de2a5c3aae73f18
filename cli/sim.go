package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// newSimCommand is `nexla-tui sim`: serve the simulator until interrupted.
// The first two stdout lines are the environment a client needs.
func newSimCommand(g *Globals) *cobra.Command {
	var (
		addr   string
		opts   sim.Options
		allow  bool
		drills drillFlags
	)
	cmd := &cobra.Command{
		Use:   "sim",
		Short: "Serve a simulated Nexla API (seeded demo org with incidents) until interrupted",
		Long: `sim serves the Nexla REST API over a seeded demo org: 36 flows over varied
connectors, with one flow per common incident (expired credential, transform error,
schema mismatch, rate limiting, timeouts, paused and stale flows, high error rate,
permission denied, resource conflict), healthy flows to compare with, and the shapes
a real org has (a never-run flow, a shared-nexset flow, a triggered flow, a source
behind a credentials group, a credential you may not read). See docs/scenarios.md.

It prints NEXLA_API_URL=... and NEXLA_SERVICE_KEY=... as its first two lines:
  eval "$(nexla-tui sim | head -2)"   # or copy them into another shell
Further NAME=value lines carry the other identities' service keys:
NEXLA_SERVICE_KEY_COLLABORATOR (a user who owns nothing and collaborates on
one failing flow) and NEXLA_SERVICE_KEY_EMPTY_ORG (an org with no resources).

Faults can be changed at runtime: PUT <url>/__sim/faults with JSON such as
{"latency_fixed":"200ms","error_rate":0.1,"burst_429":3,"retry_after":"2s",
"metrics_status":503} replaces them all; PATCH <url>/__sim/faults changes only
the fields given.
GET <url>/__sim/counts shows how often each fired; POST <url>/__sim/advance?d=1h
moves the clock.

Fault drills (docs/scenarios.md, "Fault drills"):
  --storm-429 60s/10s          every 60 s, 10 s in which every request gets 429
  --latency-spike 30s/5s/2s    every 30 s, 5 s in which every request waits 2 s more
  --lose-answer 504:/flows/*/pause   apply a mutation, then answer 504 (also drop,
                               stall; MODE@0.3 for 30% of them; no :PATH = all)
Schedules run on the wall clock (plus /__sim/advance), not the --speed clock.
GET <url>/__sim/mutations lists every mutating request received: method, path,
time, applied or not, and what was done to its answer.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := drills.apply(&opts.Faults); err != nil {
				return usageErr("%v", err)
			}
			if err := checkSimFlags(addr, allow, opts); err != nil {
				return err
			}
			if g.Debug {
				opts.Logger = slog.New(slog.NewTextHandler(g.IO.Err, nil))
			}
			s, err := sim.New(opts)
			if err != nil {
				return usageErr("%v", err)
			}
			url, err := s.Start(addr)
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			defer s.Close()
			fmt.Fprintf(g.IO.Out, "NEXLA_API_URL=%s\nNEXLA_SERVICE_KEY=%s\n", url, s.ServiceKey())
			for _, id := range s.Identities()[1:] {
				fmt.Fprintf(g.IO.Out, "%s=%s\n", id.Env, id.ServiceKey)
			}
			fmt.Fprintf(g.IO.Err, "nexla-tui sim: serving %d scenarios on %s (Ctrl-C to stop)\n", len(s.Scenarios()), url)
			ctx, stop := signal.NotifyContext(simContext(cmd), os.Interrupt, syscall.SIGTERM)
			defer stop()
			<-ctx.Done()
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:0", "listen address (loopback unless --allow-remote)")
	f.BoolVar(&allow, "allow-remote", false, "allow a non-loopback --addr (the simulator has no real security)")
	f.Int64Var(&opts.Seed, "seed", 1, "seed for the demo org and its history")
	f.IntVar(&opts.ExtraFlows, "flows", 0, "extra generated flows for scale work (30000 ≈ 100,000 resources)")
	f.Float64Var(&opts.ExtraFailing, "failing", 0, "share of the generated flows that fail (0..1, e.g. 0.01)")
	f.BoolVar(&opts.NoOrgHealth, "no-org-health", false, "answer 404 on /health/org/* and /users/{uid}/flows/dashboard, as an older server")
	f.Float64Var(&opts.Speed, "speed", 1, "sim clock rate (60 = one sim minute per second)")
	f.DurationVar(&opts.Faults.LatencyFixed, "latency", 0, "added latency per request")
	f.DurationVar(&opts.Faults.LatencyJitter, "jitter", 0, "random extra latency up to this much")
	f.Float64Var(&opts.Faults.ErrorRate, "error-rate", 0, "share of requests answered with a 5xx (0..1)")
	f.IntVar(&opts.Faults.Burst429, "burst-429", 0, "answer the next N requests with 429")
	f.DurationVar(&opts.Faults.RetryAfter, "retry-after", time.Second, "Retry-After of 429 answers")
	f.Float64Var(&opts.Faults.DropRate, "drop-rate", 0, "share of connections closed without an answer (0..1)")
	f.DurationVar(&opts.Faults.SlowBody, "slow-body", 0, "stretch each response body over this long")
	f.StringVar(&drills.storm, "storm-429", "", "scheduled 429 storms: EVERY/FOR, e.g. 60s/10s")
	f.StringVar(&drills.spike, "latency-spike", "", "scheduled latency spikes: EVERY/FOR/DELAY, e.g. 30s/5s/2s")
	f.StringArrayVar(&drills.lose, "lose-answer", nil, "apply mutations, then lose the answer: MODE[@RATE][:PATH], MODE 504|drop|stall (repeatable)")
	f.DurationVar(&opts.TokenLifetime, "token-lifetime", time.Hour, "session token lifetime (expires_in)")
	f.StringVar(&opts.ServiceKey, "service-key", "", "service key to accept (default: derived from --seed)")
	addReadingFlags(cmd, &opts)
	return cmd
}

// addReadingFlags are the simulator switches shared by sim and demo: how
// the server reads the points the contract leaves open, and a failing
// metrics service.
func addReadingFlags(cmd *cobra.Command, o *sim.Options) {
	f := cmd.Flags()
	f.StringVar(&o.LogUnit, "log-unit", sim.LogUnitEither,
		"unit of log from/to numbers: either (>= 1e11 is ms, else s), s or ms")
	f.StringVar(&o.RunOrder, "run-order", sim.RunOrderDesc,
		"order of run_summary rows and pages: desc (newest first, the default) or asc (oldest first)")
	f.IntVar(&o.Faults.MetricsStatus, "metrics-status", 0,
		"make the metrics service fail with this HTTP status (e.g. 503): include_run_metrics reads answer it (0 = healthy)")
}

// simContext is the command's context, or Background when run without one.
func simContext(cmd *cobra.Command) context.Context {
	if ctx := cmd.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}

// checkSimFlags rejects values the simulator cannot mean, with exit code 2.
func checkSimFlags(addr string, allowRemote bool, o sim.Options) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usageErr("--addr %q: want host:port, e.g. 127.0.0.1:8080", addr)
	}
	if !allowRemote && !isLoopback(host) {
		return usageErr("--addr %q is not a loopback address; pass --allow-remote to serve on it", addr)
	}
	if o.Speed <= 0 {
		return usageErr("--speed must be positive (got %v)", o.Speed)
	}
	if o.TokenLifetime <= 0 {
		return usageErr("--token-lifetime must be positive (got %v)", o.TokenLifetime)
	}
	if o.ExtraFlows < 0 {
		return usageErr("--flows must not be negative (got %d)", o.ExtraFlows)
	}
	if err := o.Faults.Validate(); err != nil {
		return usageErr("%v", err)
	}
	if err := o.ValidateReadings(); err != nil {
		return usageErr("%v", err)
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// drillFlags are the fault-drill flags, parsed by the simulator's own parsers.
type drillFlags struct {
	storm, spike string
	lose         []string
}

func (d drillFlags) apply(f *sim.Faults) error {
	var err error
	if d.storm != "" {
		if f.Storm429, err = sim.ParseWindow(d.storm); err != nil {
			return fmt.Errorf("--storm-429 %v", err)
		}
	}
	if d.spike != "" {
		if f.LatencySpike, err = sim.ParseSpike(d.spike); err != nil {
			return fmt.Errorf("--latency-spike %v", err)
		}
	}
	for _, s := range d.lose {
		l, err := sim.ParseLoseAnswer(s)
		if err != nil {
			return fmt.Errorf("--lose-answer %v", err)
		}
		f.LoseAnswers = append(f.LoseAnswers, l)
	}
	return nil
}
