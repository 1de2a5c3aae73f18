package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// TEMPORARY placeholder owned by the client helper; replaced before this lands.
func newWhoamiCommand(g *Globals) *cobra.Command {
	return &cobra.Command{Use: "whoami", RunE: func(*cobra.Command, []string) error {
		return errors.New("whoami: not built yet")
	}}
}
