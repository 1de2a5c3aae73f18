// Package cli builds the nexla-tui command tree. Each command lives in its own
// file; they share the Globals parsed by the root command.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// IO is where a command reads and writes; tests pass buffers.
type IO struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

// Globals are the persistent flags every command honours.
type Globals struct {
	Profile    string
	ConfigPath string // defaults to $XDG_CONFIG_HOME/nexla-tui/config.yaml
	ReadOnly   bool
	Debug      bool
	// AccessRole is --access-role: "" when not given, and the profile's
	// access_role (else nexla.DefaultAccessRole) applies.
	AccessRole string
	Refresh    time.Duration
	Version    string
	IO         IO
	// Getenv reads the environment; tests replace it.
	Getenv func(string) string
}

// ExitError carries a process exit code through cobra. Code 2 is a usage or
// connection error, 1 is "ran fine, found a problem" (doctor, health).
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// usageErr marks err as a usage error (exit 2).
func usageErr(format string, a ...any) error {
	return &ExitError{Code: 2, Err: fmt.Errorf(format, a...)}
}

// Main runs the command line and returns the process exit code.
func Main(args []string, stdio IO, version string) int {
	g := &Globals{Version: resolveVersion(version, readBuildInfo()), IO: stdio, Getenv: os.Getenv}
	root := NewRootCommand(g)
	root.SetArgs(args)
	root.SetIn(stdio.In)
	root.SetOut(stdio.Out)
	root.SetErr(stdio.Err)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		if ee.Err != nil {
			fmt.Fprintln(stdio.Err, "nexla-tui:", ee.Err)
		}
		return ee.Code
	}
	// Cobra's own errors (an unknown command below a subcommand) are usage errors.
	fmt.Fprintln(stdio.Err, "nexla-tui:", err)
	at := root
	if c, _, ferr := root.Find(args); ferr == nil && c != nil {
		at = c
	}
	fmt.Fprintln(stdio.Err, helpHint(at))
	return 2
}

// NewRootCommand builds the command tree. With no subcommand it runs the TUI.
func NewRootCommand(g *Globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "nexla-tui",
		Short: "Explore and troubleshoot Nexla data flows",
		Long: `nexla-tui browses Nexla flows, sources, nexsets, destinations and credentials,
and walks a troubleshooting runbook for any of them.

Connection: NEXLA_SERVICE_KEY (preferred) or NEXLA_ACCESS_TOKEN, and NEXLA_API_URL
(default https://dataops.nexla.io/nexla-api), or a named profile from
$XDG_CONFIG_HOME/nexla-tui/config.yaml selected with --profile.

No account? Run "nexla-tui demo" to use the built-in simulator.`,
		Version:       g.Version,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          unknownCommand,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTUI(cmd.Context(), g)
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&g.Profile, "profile", "", "named profile from the config file")
	pf.StringVar(&g.ConfigPath, "config", "", "config file (default $XDG_CONFIG_HOME/nexla-tui/config.yaml)")
	pf.BoolVar(&g.ReadOnly, "read-only", false, "refuse every change (pause, activate, access) in the client")
	pf.StringVar(&g.AccessRole, "access-role", "", "access_role sent with every list: owner (only yours), collaborator (all you can see), operator, admin, all (default: the profile's access_role, else collaborator)")
	pf.BoolVar(&g.Debug, "debug", false, "write a debug log file (its path is shown in help)")
	root.Flags().DurationVar(&g.Refresh, "refresh", 30*time.Second, "auto-refresh interval (0 disables)")
	root.SuggestionsMinimumDistance = 2 // cobra's default, which SuggestionsFor does not apply itself
	root.SetVersionTemplate(versionTemplate)
	// Subcommands inherit this: an unknown flag names the help of the command it was given to.
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return usageErr("%v\n%s", err, helpHint(cmd)) })
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if g.AccessRole == "" || nexla.ValidAccessRole(g.AccessRole) {
			return nil
		}
		return usageErr("--access-role %q: use owner, collaborator, operator, admin or all", g.AccessRole)
	}

	root.AddCommand(
		newVersionCommand(g),
		newSimCommand(g),
		newDemoCommand(g),
		newListCommand(g),
		newWhoamiCommand(g),
		newDoctorCommand(g),
		newHealthCommand(g),
		newLogsCommand(g),
		newNotificationsCommand(g),
		newInfoCommand(g),
		newManCommand(g),
		newBulkCommand(g, "pause"),
		newBulkCommand(g, "activate"),
		newAccessCommand(g),
	)
	root.AddCommand(newOpenCommands(g)...)
	registerCompletions(root, g)
	return root
}

// helpHint is the line that follows every usage error.
func helpHint(cmd *cobra.Command) string {
	return fmt.Sprintf("Run '%s --help' for usage.", cmd.CommandPath())
}

// unknownCommand is the root's argument check: the root takes none, so an
// argument is a mistyped command (with cobra's suggestions when it has some).
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += "\nDid you mean " + strings.Join(s, " or ") + "?"
	}
	return usageErr("%s\n%s", msg, helpHint(cmd))
}
