package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
)

// openTarget is one of the commands that start the TUI where a page points:
// `nexla-tui flow 800012` opens that flow's runbook, `nexla-tui source 45`
// (nexset, destination, credential) that resource's detail. esc leads back
// to the flows tree, as if the user had walked there.
type openTarget struct {
	word  string
	rt    nexla.ResourceType
	opens string
}

var openTargets = []openTarget{
	{"flow", nexla.Flows, "that flow's runbook"},
	{"source", nexla.DataSources, "that source's detail"},
	{"nexset", nexla.DataSets, "that nexset's detail"},
	{"destination", nexla.DataSinks, "that destination's detail"},
	{"credential", nexla.DataCredentials, "that credential's detail"},
}

func newOpenCommands(g *Globals) []*cobra.Command {
	cmds := make([]*cobra.Command, 0, len(openTargets))
	for _, t := range openTargets {
		cmds = append(cmds, newOpenCommand(g, t))
	}
	return cmds
}

func newOpenCommand(g *Globals, t openTarget) *cobra.Command {
	cmd := &cobra.Command{
		Use:   t.word + " ID",
		Short: "Start the TUI at " + t.opens,
		Long: fmt.Sprintf(`%s ID starts the TUI at %s (esc leads back to the flows tree),
with the same connection, profile and --read-only flags as the TUI.

The id is read first: when the API answers 404 (no such %s) or 403 (not
yours to read), the command says so and exits 2 before the TUI starts. Any
other failure (the API unreachable, a refused key) opens the TUI, which
shows it in its error pane with the retry key.`, t.word, t.opens, t.word),
		Example: fmt.Sprintf("  nexla-tui %s %d\n  nexla-tui --profile prod --read-only %s %d", t.word, exampleID(t.rt), t.word, exampleID(t.rt)),
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("%s takes one id, e.g. nexla-tui %s %d", t.word, t.word, exampleID(t.rt))
			}
			if id, err := strconv.ParseInt(args[0], 10, 64); err != nil || id <= 0 {
				return usageErr("%s %q: the id must be a positive number", t.word, args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			id, _ := strconv.ParseInt(args[0], 10, 64)
			return runTUIAt(contextOf(cmd), g, t, id)
		},
	}
	cmd.Flags().DurationVar(&g.Refresh, "refresh", 30*time.Second, "auto-refresh interval (0 disables)")
	if t.rt != nexla.DataCredentials { // completion lists flows, sources, nexsets and destinations
		cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) != 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return completeIDs(g, t.rt, toComplete), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
		}
	}
	return cmd
}

func exampleID(rt nexla.ResourceType) int64 {
	return map[nexla.ResourceType]int64{nexla.Flows: 800012, nexla.DataSources: 10004, nexla.DataSets: 100006,
		nexla.DataSinks: 500004, nexla.DataCredentials: 3011}[rt]
}

// runTUIAt checks that the id exists, then runs the TUI opened on it.
func runTUIAt(ctx context.Context, g *Globals, t openTarget, id int64) error {
	sess, err := newTUISession(g)
	if err != nil {
		return err
	}
	defer sess.closeLog()
	client, cfg, err := g.Connect(ctx, nexla.WithLogger(sess.log))
	if err != nil {
		return err
	}
	if err := checkTarget(ctx, client, t, id); err != nil {
		return err
	}
	if err := requireTerminal(g.IO); err != nil {
		return err
	}
	r := ui.RouteOf(t.rt, id)
	sess.open = &r
	return sess.run(ctx, client, cfg, nil)
}

// checkTarget reads the target once: a 404 or a 403 is the user's to fix
// (a wrong id, another org), said before the TUI starts.
func checkTarget(ctx context.Context, api nexla.API, t openTarget, id int64) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var err error
	switch t.rt {
	case nexla.Flows:
		var fr *nexla.FlowResponse
		fr, err = api.GetFlow(ctx, id, nexla.FlowGetOptions{FlowsOnly: true})
		if err == nil && len(fr.Flows) == 0 {
			return &ExitError{Code: 2, Err: fmt.Errorf("flow %d: the API returned no flow for this id", id)}
		}
	case nexla.DataSources:
		_, err = api.GetSource(ctx, id, false)
	case nexla.DataSets:
		_, err = api.GetNexset(ctx, id, false)
	case nexla.DataSinks:
		_, err = api.GetDestination(ctx, id, false)
	case nexla.DataCredentials:
		_, err = api.GetCredential(ctx, id, false)
	}
	switch {
	case nexla.IsNotFound(err):
		return &ExitError{Code: 2, Err: fmt.Errorf("%s %d not found (the API answered 404): check the id, the profile and the org (nexla-tui list %ss)", t.word, id, t.word)}
	case nexla.IsForbidden(err):
		return &ExitError{Code: 2, Err: fmt.Errorf("%s %d: not yours to read (the API answered 403): try --access-role all, or another profile", t.word, id)}
	case errors.Is(err, context.Canceled):
		return err
	}
	return nil
}
