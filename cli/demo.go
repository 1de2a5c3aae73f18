package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// TEMPORARY placeholder owned by the TUI helper; replaced before this lands.
func newDemoCommand(g *Globals) *cobra.Command {
	return &cobra.Command{Use: "demo", RunE: func(*cobra.Command, []string) error {
		return errors.New("demo: not built yet")
	}}
}
