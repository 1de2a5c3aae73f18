package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// TEMPORARY placeholder owned by the runbook helper; replaced before this lands.
func newHealthCommand(g *Globals) *cobra.Command {
	return &cobra.Command{Use: "health", RunE: func(*cobra.Command, []string) error {
		return errors.New("health: not built yet")
	}}
}
