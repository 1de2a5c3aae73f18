package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// TEMPORARY placeholder owned by the client helper; replaced before this lands.
func newListCommand(g *Globals) *cobra.Command {
	return &cobra.Command{Use: "list", RunE: func(*cobra.Command, []string) error {
		return errors.New("list: not built yet")
	}}
}
