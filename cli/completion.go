package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nexla-tui/nexla-tui/config"
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
)

// completionTimeout bounds an API lookup made for a completion: a shell that
// waits longer than this for a TAB is broken, so a slow or unreachable API
// gives no suggestions instead.
const completionTimeout = 2 * time.Second

// completionLimit is how many ids a completion offers: the first page.
const completionLimit = 100

// outputFormats are the values a command's -o accepts (the test
// TestOutputFormatCompletionsMatchTheCommands runs each through the command).
func outputFormats(command string) []string {
	switch command {
	case "list", "health", "logs", "notifications":
		return []string{"table", "json"}
	case "doctor":
		return []string{"markdown", "json"}
	case "whoami", "info":
		return []string{"text", "json"}
	}
	return nil
}

// registerCompletions gives the shell completion values: resource kinds,
// profile names from the config file, access roles, output formats, and
// ids read from the API for doctor.
func registerCompletions(root *cobra.Command, g *Globals) {
	_ = root.RegisterFlagCompletionFunc("profile", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		names, err := config.ProfileNames(g.ConfigPath, g.Getenv)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	})
	_ = root.RegisterFlagCompletionFunc("access-role", cobra.FixedCompletions(
		[]string{"owner", "collaborator", "operator", "admin"}, cobra.ShellCompDirectiveNoFileComp))
	for _, c := range root.Commands() {
		if formats := outputFormats(c.Name()); formats != nil {
			_ = c.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
		}
		switch c.Name() {
		case "list":
			c.ValidArgsFunction = completeNth(0, []string{"flows", "sources", "nexsets", "destinations", "credentials"})
		case "doctor", "logs":
			c.ValidArgsFunction = completeDoctor(g)
		case "notifications":
			_ = c.RegisterFlagCompletionFunc("level", cobra.FixedCompletions(notificationLevels, cobra.ShellCompDirectiveNoFileComp))
		}
		if c.Name() == "logs" {
			_ = c.RegisterFlagCompletionFunc("severity", cobra.FixedCompletions(logSeverities, cobra.ShellCompDirectiveNoFileComp))
		}
	}
}

// completeNth offers values for the argument at position n and nothing after.
func completeNth(n int, values []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) != n {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeDoctor offers the kinds, then the ids of that kind from the API.
func completeDoctor(g *Globals) cobra.CompletionFunc {
	kinds := completeNth(0, []string{"flow", "source", "nexset", "destination"})
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) != 1 {
			return kinds(cmd, args, toComplete)
		}
		rt, ok := nexla.ParseResourceType(strings.ToLower(args[0]))
		if !ok || rt == nexla.DataCredentials {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return completeIDs(g, rt, toComplete), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
	}
}

// completeIDs lists "id<TAB>name" for the first page of rt. Connecting may run
// a profile's secret command, so the whole lookup runs aside and is
// abandoned at the timeout; any failure offers nothing and prints nothing
// (the shell would show it in the middle of the command line).
func completeIDs(g *Globals, rt nexla.ResourceType, prefix string) []string {
	ctx, cancel := context.WithTimeout(context.Background(), completionTimeout)
	defer cancel()
	done := make(chan []string, 1)
	go func() {
		c, _, err := g.Connect(ctx)
		if err != nil {
			done <- nil
			return
		}
		done <- firstIDs(ctx, c, rt, accessRole(g, c))
	}()
	var out []string
	select {
	case ids := <-done:
		out = ids
	case <-ctx.Done():
		return nil
	}
	kept := out[:0]
	for _, s := range out {
		if strings.HasPrefix(s, prefix) {
			kept = append(kept, s)
		}
	}
	return kept
}

// firstIDs reads one page of rt; nil on any error.
func firstIDs(ctx context.Context, c *nexla.Client, rt nexla.ResourceType, role string) []string {
	var out []string
	add := func(id int64, name string) {
		// A description is shown by the shell: cleaned, one line, no tab.
		name = strings.Join(strings.Fields(safetext.Clean(name)), " ")
		out = append(out, fmt.Sprintf("%s\t%s", strconv.FormatInt(id, 10), name))
	}
	opts := nexla.ListOptions{PerPage: completionLimit, Limit: completionLimit, AccessRole: role}
	var err error
	switch rt {
	case nexla.Flows:
		var fr *nexla.FlowResponse
		fr, err = c.ListFlows(ctx, nexla.FlowListOptions{AccessRole: role, Page: 1, PerPage: completionLimit})
		if err == nil {
			ix := fr.Index()
			for _, n := range fr.Flows {
				add(n.ID, ix.NodeName(n))
			}
		}
	case nexla.DataSources:
		var items []nexla.Source
		items, err = c.ListSources(ctx, opts)
		for _, s := range items {
			add(s.ID, s.Name)
		}
	case nexla.DataSets:
		var items []nexla.Nexset
		items, err = c.ListNexsets(ctx, opts)
		for _, s := range items {
			add(s.ID, s.Name)
		}
	case nexla.DataSinks:
		var items []nexla.Destination
		items, err = c.ListDestinations(ctx, opts)
		for _, s := range items {
			add(s.ID, s.Name)
		}
	}
	if err != nil {
		return nil
	}
	return out
}
