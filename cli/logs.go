package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
)

// logsFlags are the knobs of `logs`.
type logsFlags struct {
	run      int64
	since    time.Duration
	severity string
	follow   bool
	allNodes bool
	limit    int
	output   string
}

// logSeverities are what the log endpoints filter on (WARN is read as WARNING).
var logSeverities = []string{"DEBUG", "INFO", "WARNING", "ERROR"}

func newLogsCommand(g *Globals) *cobra.Command {
	var fl logsFlags
	cmd := &cobra.Command{
		Use:   "logs <flow|source|nexset|destination> <id>",
		Short: "Print the flow logs of a flow or resource (a time window or one run; -f follows)",
		Long: `logs prints the flow logs of a flow, or of one source, nexset or destination (its
own lines; --all-nodes for every line of its flow), oldest first, with times in UTC.
The window is the last --since (default 1h) by the server's clock, or with --run the
whole of that run. --severity keeps one level (DEBUG, INFO, WARNING or ERROR).
-f keeps polling for new lines, backing off while none come, until interrupted.
Every line is sanitized before it is printed; -o json writes the same data as JSON
(with -f, a stream of JSON objects).

Exit status: 0 (also when no line matched: a note says so on stderr), 2 usage or
connection error.`,
		Example: "  nexla-tui logs flow 800012 --since 6h --severity ERROR\n  nexla-tui logs source 10004 --run 1795334516553 -o json\n  nexla-tui logs flow 800012 -f",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usageErr("logs needs a kind and an id, e.g. \"nexla-tui logs flow 800012\" (got %d arguments)", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := runbook.ParseTarget(args[0], args[1])
			if err != nil {
				return usageErr("%v", err)
			}
			if err := fl.validate(cmd); err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(contextOf(cmd), os.Interrupt, syscall.SIGTERM)
			defer stop()
			client, _, err := g.Connect(ctx)
			if err != nil {
				return err
			}
			// One answer first, so the window is measured on the server's
			// clock (its Date header), not this machine's.
			if _, err := client.WhoAmI(ctx); err != nil {
				return &ExitError{Code: 2, Err: fmt.Errorf("connecting: %w", err)}
			}
			q := fl.query(cmd, t, client.ServerNow())
			read := logReader(client, t, fl.allNodes)
			lines, err := readLogWindow(ctx, read, q, fl.limit)
			if nexla.IsNotFound(err) {
				return &ExitError{Code: 2, Err: fmt.Errorf("%s not found (the API answered 404): check the id, the profile and the org (nexla-tui list %ss)",
					t, t.RT.Singular())}
			}
			if err != nil {
				return &ExitError{Code: 2, Err: fmt.Errorf("reading the logs of %s: %w", t, err)}
			}
			out := newLogPrinter(g.IO.Out, fl.output == "json", fl.follow)
			if err := out.print(lines); err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			if len(lines) == 0 {
				fmt.Fprintf(g.IO.Err, "nexla-tui: no log lines for %s %s\n", t, q.describe())
			}
			if !fl.follow {
				if err := out.finish(); err != nil {
					return &ExitError{Code: 2, Err: err}
				}
				return nil
			}
			f := &logFollower{read: read, q: q, emit: out.print, sleep: sleepCtx, warn: g.IO.Err}
			f.seen(lines)
			f.run(ctx)
			return nil
		},
	}
	fs := cmd.Flags()
	fs.Int64Var(&fl.run, "run", 0, "only this run (its whole span; --since is then ignored unless given)")
	fs.DurationVar(&fl.since, "since", time.Hour, "how far back the window reaches, by the server's clock")
	fs.StringVar(&fl.severity, "severity", "", "only lines of this severity: DEBUG, INFO, WARNING or ERROR")
	fs.BoolVarP(&fl.follow, "follow", "f", false, "keep polling for new lines until interrupted")
	fs.BoolVar(&fl.allNodes, "all-nodes", false, "for a resource: every line of its flow, not only its own")
	fs.IntVar(&fl.limit, "limit", 5000, "most lines read for the window")
	fs.StringVarP(&fl.output, "output", "o", "table", "output format: table or json")
	return cmd
}

func (fl *logsFlags) validate(cmd *cobra.Command) error {
	fl.output = strings.ToLower(fl.output)
	if fl.output != "table" && fl.output != "json" {
		return usageErr("unknown output format %q: use table or json", fl.output)
	}
	fl.severity = strings.ToUpper(strings.TrimSpace(fl.severity))
	if fl.severity == "WARN" {
		fl.severity = "WARNING"
	}
	if fl.severity != "" && !containsString(logSeverities, fl.severity) {
		return usageErr("--severity %q: use DEBUG, INFO, WARNING or ERROR", fl.severity)
	}
	if fl.since <= 0 && (cmd.Flags().Changed("since") || fl.run == 0) {
		return usageErr("--since must be positive, got %s", fl.since)
	}
	if fl.run < 0 {
		return usageErr("--run %d: expected a run id", fl.run)
	}
	if fl.limit < 1 || fl.limit > 100000 {
		return usageErr("--limit must be between 1 and 100000, got %d", fl.limit)
	}
	return nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// logQuery is what one read asks for, besides the page.
type logQuery struct {
	opts  nexla.LogOptions
	since time.Duration // for messages; 0 with a run
}

func (q logQuery) describe() string {
	var parts []string
	if q.opts.RunID != 0 {
		parts = append(parts, fmt.Sprintf("in run %d", q.opts.RunID))
	}
	if q.since > 0 {
		parts = append(parts, "in the last "+q.since.String())
	}
	if q.opts.Severity != "" {
		parts = append(parts, "at severity "+q.opts.Severity)
	}
	return strings.Join(parts, " ")
}

// query builds the read: a run's span (its id is its start in epoch ms,
// contract §5.6; an hour of slack before it) or the last --since.
func (fl *logsFlags) query(cmd *cobra.Command, t runbook.Target, now time.Time) logQuery {
	q := logQuery{opts: nexla.LogOptions{Severity: fl.severity}}
	if fl.run == 0 || cmd.Flags().Changed("since") {
		q.opts.From, q.since = now.Add(-fl.since), fl.since
	}
	if fl.run != 0 {
		// The user names a run that ran (runbook.RunLogWindow).
		w := runbook.RunLogWindow(fl.run, now)
		q.opts.RunID, q.opts.RunEnded = w.RunID, w.RunEnded
		if q.opts.From.IsZero() {
			q.opts.From = w.From
		}
	}
	return q
}

// logReadFunc reads one page of logs (runbook.LogReader).
type logReadFunc = runbook.LogReadFunc

// logReader reads a flow's or resource's logs (runbook.LogReader).
func logReader(c *nexla.Client, t runbook.Target, all bool) logReadFunc {
	return runbook.LogReader(c, t, all)
}

// readLogWindow pages through the window up to limit lines, oldest first.
func readLogWindow(ctx context.Context, read logReadFunc, q logQuery, limit int) ([]nexla.LogEntry, error) {
	return runbook.ReadLogWindow(ctx, read, q.opts, limit)
}

// logRow is one line of `logs -o json`.
type logRow struct {
	Time         string `json:"time"`
	Timestamp    int64  `json:"timestamp_ms"`
	RunID        int64  `json:"run_id,omitempty"`
	ResourceType string `json:"resource_type"`
	ResourceID   int64  `json:"resource_id"`
	Severity     string `json:"severity"`
	LogType      string `json:"log_type"`
	Log          string `json:"log"`
}

func toLogRow(e nexla.LogEntry) logRow {
	t := nexla.EpochToTime(e.Timestamp)
	return logRow{Time: t.Format("2006-01-02T15:04:05.000Z07:00"), Timestamp: t.UnixMilli(), RunID: e.RunID,
		ResourceType: e.ResourceType, ResourceID: e.ResourceID, Severity: strings.ToUpper(e.Severity), LogType: e.LogType, Log: e.Log}
}

// logPrinter writes lines as a table (sanitized cells) or JSON: one array,
// or, when following, one object per line as they come.
type logPrinter struct {
	w         io.Writer
	json      bool
	stream    bool
	rows      []logRow
	headerOut bool
}

func newLogPrinter(w io.Writer, asJSON, stream bool) *logPrinter {
	return &logPrinter{w: w, json: asJSON, stream: stream}
}

func (p *logPrinter) print(lines []nexla.LogEntry) error {
	if p.json {
		for _, e := range lines {
			if !p.stream {
				p.rows = append(p.rows, toLogRow(e))
				continue
			}
			if err := writeJSON(p.w, toLogRow(e)); err != nil {
				return err
			}
		}
		return nil
	}
	// Fixed widths, not a tabwriter: a follow prints batch after batch and
	// the columns must line up across them.
	var b strings.Builder
	if !p.headerOut {
		fmt.Fprintf(&b, logLineFormat, "TIME (UTC)", "SEVERITY", "RESOURCE", "LOG")
		p.headerOut = true
	}
	for _, e := range lines {
		t := nexla.EpochToTime(e.Timestamp).Format("2006-01-02 15:04:05")
		res := cell(e.ResourceType)
		if e.ResourceID != 0 {
			res += fmt.Sprintf(" %d", e.ResourceID)
		}
		fmt.Fprintf(&b, logLineFormat, t, cell(strings.ToUpper(e.Severity)), res, cell(e.Log))
	}
	_, err := io.WriteString(p.w, b.String())
	return err
}

const logLineFormat = "%-19s  %-8s  %-15s  %s\n"

// finish writes what a non-streaming printer held back (the JSON array).
func (p *logPrinter) finish() error {
	if !p.json || p.stream {
		return nil
	}
	if p.rows == nil {
		p.rows = []logRow{}
	}
	return writeJSON(p.w, p.rows)
}
