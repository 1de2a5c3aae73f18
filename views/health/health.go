// Package health is the org-wide health overview (TEMPORARY placeholder
// owned by the runbook helper).
package health

import "github.com/nexla-tui/nexla-tui/ui"

// New builds the health overview screen.
func New(d ui.Deps) ui.Screen { return nil }
