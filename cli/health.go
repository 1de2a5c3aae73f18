package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nexla-tui/nexla-tui/nexla/runbook"
)

func newHealthCommand(g *Globals) *cobra.Command {
	var fl runbookFlags
	var concurrency, budget int
	cmd := &cobra.Command{
		Use:   "health",
		Short: "Print the health of every flow, worst first",
		Long: `health triages every flow from org-level reads (the flows listing, the org
health and the 24 h dashboard where the server has them) and reads run
summaries and logs only for the flows that need a closer look. It checks: error rate over the last runs, staleness,
credential state (stored verified_status), last run and status, and prints them
worst first with the most likely cause. For a flow whose runs failed it also
reads the newest failed run's logs (and, for a cause that cites config changes,
the audit logs of where it failed), so the cause can be named: transform error,
schema mismatch, network timeout, resource conflict... One run's logs give a
cause less confidence than "nexla-tui doctor flow <id>" (which reads 7 days of
logs) gives it. It only reads.

Exit status: 0 every flow healthy, 1 at least one flow has an issue, 2 usage or
connection error.`,
		Example: "  nexla-tui health\n  nexla-tui health -o json | jq '.[] | select(.healthy | not)'",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format := strings.ToLower(fl.output)
			if format != "table" && format != "json" {
				return usageErr("unknown output format %q: use table or json", fl.output)
			}
			if concurrency < 1 || concurrency > 64 {
				return usageErr("--concurrency must be between 1 and 64, got %d", concurrency)
			}
			run, err := fl.start(cmd, g)
			if err != nil {
				return err
			}
			defer run.cancel()
			check := runbook.StartHealth(run.ctx, run.client, runbook.HealthOptions{Options: run.opts, Concurrency: concurrency, Budget: budget})
			rows, err := check.Wait()
			if err != nil {
				return &ExitError{Code: 2, Err: fmt.Errorf("reading flows: %w", err)}
			}
			snap := check.Snapshot()
			fmt.Fprintf(g.IO.Err, "checked %d / %d flows · %d with issues · %s\n", snap.Checked, snap.Total, snap.WithIssues, snap.Triage)
			if snap.StoppedShort != "" {
				fmt.Fprintln(g.IO.Err, snap.StoppedShort)
			}
			now := time.Now()
			if run.opts.Now != nil {
				now = run.opts.Now()
			}
			if format == "json" {
				err = runbook.WriteHealthJSON(g.IO.Out, rows)
			} else {
				err = runbook.WriteHealthTable(g.IO.Out, rows, now)
			}
			if err != nil {
				return &ExitError{Code: 2, Err: fmt.Errorf("writing the table: %w", err)}
			}
			for _, r := range rows {
				if !r.Healthy() {
					return &ExitError{Code: 1}
				}
			}
			return nil
		},
	}
	fl.add(cmd, "table or json", "table")
	cmd.Flags().IntVar(&concurrency, "concurrency", 8, "API calls in flight at once")
	cmd.Flags().IntVar(&budget, "budget", 0, "most API calls beyond the org-level reads (0 = no cap); flows left over read \"not checked\"")
	return cmd
}
