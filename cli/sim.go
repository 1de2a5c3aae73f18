package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// TEMPORARY placeholder owned by the simulator helper; replaced before this lands.
func newSimCommand(g *Globals) *cobra.Command {
	return &cobra.Command{Use: "sim", RunE: func(*cobra.Command, []string) error {
		return errors.New("sim: not built yet")
	}}
}
