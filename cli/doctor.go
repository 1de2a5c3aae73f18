package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

// TEMPORARY placeholder owned by the runbook helper; replaced before this lands.
func newDoctorCommand(g *Globals) *cobra.Command {
	return &cobra.Command{Use: "doctor", RunE: func(*cobra.Command, []string) error {
		return errors.New("doctor: not built yet")
	}}
}
