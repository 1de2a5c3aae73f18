package cli

import (
	"context"
	"errors"
)

// TEMPORARY placeholder owned by the TUI helper; replaced before this lands.
func runTUI(ctx context.Context, g *Globals) error { return errors.New("tui: not built yet") }
