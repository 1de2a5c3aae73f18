// Package runbook is the troubleshooting runbook screen (TEMPORARY placeholder
// owned by the runbook helper).
package runbook

import (
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
)

// New builds the runbook screen for a flow or resource.
func New(d ui.Deps, rt nexla.ResourceType, id int64) ui.Screen { return nil }
