package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/batch"
	"github.com/nexla-tui/nexla-tui/nexla/safefile"
)

// bulkFlags are the flags of `pause flow` and `activate flow`.
type bulkFlags struct {
	credential  int64
	fromFile    string
	dryRun, yes bool
	checkpoint  string
	resume      bool
	concurrency int
	output      string
}

// newBulkCommand is `pause` or `activate`, with the `flow` subcommand.
func newBulkCommand(g *Globals, action string) *cobra.Command {
	verb := strings.ToUpper(action[:1]) + action[1:]
	parent := &cobra.Command{
		Use:   action,
		Short: verb + " flows, many at once, with a checkpoint to resume from",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageErr("%s what? Use: nexla-tui %s flow ID...\n%s", action, action, helpHint(cmd))
		},
	}
	var fl bulkFlags
	cmd := &cobra.Command{
		Use:   "flow [ID...]",
		Short: verb + " whole flows by id, from a file, or every flow a credential breaks",
		Long: verb + ` whole flows (from their origin, as the TUI does). The flows are named by id
(any node id of the flow), --from-file (ids one a line; # comments), or
--credential ID: every flow with a source or destination that uses the
credential, directly or through a credentials group.

Nothing changes without consent: --yes applies; on a terminal without --yes
the plan is shown and confirmed; otherwise (a script, a pipe) it is a dry run
that prints what would change. --read-only refuses (a dry run still reads).

The plan reads every flow first: a flow already in the wanted state is not sent.
Changes run --concurrency at a time; each result is appended to a checkpoint
($XDG_STATE_HOME/nexla-tui/batches/, or --checkpoint FILE) so a batch that
failed in part or was interrupted continues with --resume: every flow not
known done is re-read first and sent only if it still needs it. A complete
batch removes its checkpoint.

Exit status: 0 every flow done (or a dry run), 1 some flow failed or was not
reached, 2 usage or connection error.`,
		Example: "  nexla-tui " + action + " flow 800001 800002 --yes\n" +
			"  nexla-tui " + action + " flow --credential 3017            # dry run: what would change\n" +
			"  nexla-tui " + action + " flow --credential 3017 --yes -o json\n" +
			"  nexla-tui " + action + " flow --credential 3017 --yes --resume",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBulk(cmd, g, action, fl, args)
		},
	}
	f := cmd.Flags()
	f.Int64Var(&fl.credential, "credential", 0, "every flow this credential breaks (sources and destinations using it, directly or via a group)")
	f.StringVar(&fl.fromFile, "from-file", "", "read flow ids from this file, one a line")
	f.BoolVar(&fl.dryRun, "dry-run", false, "print what would change and send nothing (the default without --yes when stdin is not a terminal)")
	f.BoolVarP(&fl.yes, "yes", "y", false, "apply without asking")
	f.StringVar(&fl.checkpoint, "checkpoint", "", "checkpoint file (default: one per batch under $XDG_STATE_HOME/nexla-tui/batches/)")
	f.BoolVar(&fl.resume, "resume", false, "continue the batch of the checkpoint: re-read what is not done, send only what still needs it")
	f.IntVar(&fl.concurrency, "concurrency", 8, "changes in flight at once (1-64)")
	f.StringVarP(&fl.output, "output", "o", "table", "output format: table or json")
	parent.AddCommand(cmd)
	return parent
}

func runBulk(cmd *cobra.Command, g *Globals, action string, fl bulkFlags, args []string) error {
	if fl.output != "table" && fl.output != "json" {
		return usageErr("unknown output %q: want table or json", fl.output)
	}
	if fl.concurrency < 1 || fl.concurrency > 64 {
		return usageErr("--concurrency must be between 1 and 64, got %d", fl.concurrency)
	}
	ids, err := bulkIDs(args, fl.fromFile)
	if err != nil {
		return err
	}
	if len(ids) == 0 && fl.credential == 0 && !(fl.resume && fl.checkpoint != "") {
		return usageErr("no flows named: give ids, --from-file F or --credential ID (or --resume --checkpoint F)")
	}
	dryRun := fl.dryRun || (!fl.yes && !isTTY(g.IO.In))
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	c, _, err := g.Connect(ctx)
	if err != nil {
		return err
	}
	if !dryRun && c.ReadOnly() {
		return &ExitError{Code: 2, Err: nexla.ErrReadOnly}
	}
	p, err := planBulk(ctx, g, c, action, fl, ids)
	if err != nil {
		return err
	}
	if dryRun {
		if !fl.dryRun {
			fmt.Fprintln(g.IO.Err, "dry run (stdin is not a terminal and --yes was not given): nothing was changed")
		}
		return reportBulk(g, action, p.items, true, fl.output)
	}
	if !fl.yes {
		if err := writeBulkTable(g.IO.Out, action, p.items, true); err != nil {
			return err
		}
		if !confirm(g, fmt.Sprintf("%s %d flows?", strings.ToUpper(action[:1])+action[1:], countPending(p.items))) {
			return &ExitError{Code: 1, Err: errors.New("not confirmed: nothing was changed")}
		}
	}
	items, err := executeBulk(ctx, g, c, action, fl, p)
	if err != nil {
		return err
	}
	return reportBulk(g, action, items, false, fl.output)
}

// executeBulk runs the plan with its checkpoint and says how to resume.
func executeBulk(ctx context.Context, g *Globals, c *nexla.Client, action string, fl bulkFlags, p bulkPlan) ([]batch.Item, error) {
	var j *batch.Journal
	var err error
	switch {
	case p.checkpoint == "":
		fmt.Fprintln(g.IO.Err, "warning: no checkpoint (set XDG_STATE_HOME or HOME, or pass --checkpoint FILE): an interrupted batch cannot be resumed")
	case p.resumed:
		j, err = batch.Reopen(p.checkpoint)
	default:
		j, err = batch.Create(p.checkpoint, batch.Header{Action: action, Items: p.items})
	}
	if err != nil {
		return nil, &ExitError{Code: 2, Err: err}
	}
	r := batch.Runner{Target: batch.Flows{Client: c, Action: action}, Concurrency: fl.concurrency, Journal: j}
	items, runErr := r.Run(ctx, p.items, p.resumed)
	if j != nil {
		if allDone(items) && runErr == nil {
			_ = j.Remove()
		} else {
			_ = j.Close()
			fmt.Fprintf(g.IO.Err, "%d of %d flows not done; the checkpoint is kept. Resume with:\n  nexla-tui %s flow --resume --checkpoint %s --yes\n",
				len(items)-countDone(items), len(items), action, safefile.ShellQuote(p.checkpoint))
		}
	}
	if runErr != nil {
		return nil, &ExitError{Code: 2, Err: runErr}
	}
	if ctx.Err() != nil {
		fmt.Fprintln(g.IO.Err, "interrupted: flows not reached stay pending")
	}
	return items, nil
}

// confirm asks on the terminal; only "y" or "yes" consents.
func confirm(g *Globals, question string) bool {
	fmt.Fprintf(g.IO.Err, "%s [y/N] ", question)
	var answer string
	_, _ = fmt.Fscanln(g.IO.In, &answer)
	a := strings.ToLower(strings.TrimSpace(answer))
	return a == "y" || a == "yes"
}

func allDone(items []batch.Item) bool { return countDone(items) == len(items) }

func countDone(items []batch.Item) int {
	n := 0
	for _, it := range items {
		if it.State.Done() {
			n++
		}
	}
	return n
}

func countPending(items []batch.Item) int {
	n := 0
	for _, it := range items {
		if !it.State.Done() {
			n++
		}
	}
	return n
}
